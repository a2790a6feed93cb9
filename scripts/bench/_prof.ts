import { defaultConfig, scoreAccount } from '../../force-app/main/default/lwc/keystoneEngine/keystoneEngine';
import { generateAccount, generateProducts, generateUsers } from '../data/sampleDataset';
const users = generateUsers(400), products = generateProducts();
const opts = { seed: 1, stakeholdersPerAccount: 40, activitiesPerAccount: 200, managers: 400 };
const chunk = Array.from({ length: 300 }, (_, i) => generateAccount(opts, i, users, products));
const config = defaultConfig();
const c = process.cpuUsage();
for (let r = 0; r < 300; r++) for (const a of chunk) scoreAccount(process.env.NOACT ? { ...a.scoring, activities: [] } : a.scoring, config);
const u = process.cpuUsage(c); console.log(((u.user + u.system) / 90000).toFixed(1), 'µs/account CPU');
