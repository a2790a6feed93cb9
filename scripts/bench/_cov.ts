import { latestActivityByContact, calculateCoverage } from '../../force-app/main/default/lwc/keystoneEngine/coverage';
import { parseDate } from '../../force-app/main/default/lwc/keystoneEngine/dates';
import { defaultConfig } from '../../force-app/main/default/lwc/keystoneEngine/config';
import { generateAccount, generateProducts, generateUsers } from '../data/sampleDataset';
const users = generateUsers(400), products = generateProducts();
const opts = { seed: 1, stakeholdersPerAccount: 40, activitiesPerAccount: 200, managers: 400 };
const chunk = Array.from({ length: 1000 }, (_, i) => generateAccount(opts, i, users, products)).map((a) => a.scoring);
const now = parseDate('2026-11-26', 'now');
const config = defaultConfig();
function time(name: string, f: () => void) { for (let w = 0; w < 3; w++) f(); const c = process.cpuUsage(); for (let r = 0; r < 5; r++) f(); const u = process.cpuUsage(c); console.log(name, ((u.user + u.system) / 5000).toFixed(1), 'µs/account'); }
time('latest', () => { for (const s of chunk) latestActivityByContact(s.activities ?? [], now); });
time('parse only', () => { for (const s of chunk) for (const a of s.activities ?? []) parseDate(a.activityDate, 'x'); });
time('loop only', () => { let n = 0; for (const s of chunk) for (const a of s.activities ?? []) n += a.activityDate ? 1 : 0; });
time('coverage', () => { for (const s of chunk) calculateCoverage(s.stakeholders ?? [], s.activities ?? [], now, config.coverage); });
time('coverage no acts', () => { for (const s of chunk) calculateCoverage(s.stakeholders ?? [], [], now, config.coverage); });
