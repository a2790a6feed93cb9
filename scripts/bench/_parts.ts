import { defaultConfig, calculateCoverage, summariseRevenue, totalWhitespace, assessPlan, calculateHealth, detectSignals, scoreSelection, parseDate, openSignalImpacts } from '../../force-app/main/default/lwc/keystoneEngine/keystoneEngine';
import { generateAccount, generateProducts, generateUsers } from '../data/sampleDataset';
const users = generateUsers(400), products = generateProducts();
const opts = { seed: 1, stakeholdersPerAccount: 40, activitiesPerAccount: 200, managers: 400 };
const chunk = Array.from({ length: 1000 }, (_, i) => generateAccount(opts, i, users, products)).map((a) => a.scoring);
const config = defaultConfig();
const now = parseDate('2026-11-26', 'now');
const steps: Record<string, (s: (typeof chunk)[number]) => unknown> = {
  coverage: (s) => calculateCoverage(s.stakeholders ?? [], s.activities ?? [], now, config.coverage),
  revenue: (s) => summariseRevenue(s.opportunities ?? [], now),
  whitespace: (s) => totalWhitespace(s.whitespaceCells ?? [], s.opportunities ?? []),
  plan: (s) => assessPlan(s.plan ?? null, s, s.account.tier ?? null, now, config.plan),
  impacts: (s) => openSignalImpacts(s.signals ?? [], config.signals),
  health: () => calculateHealth({ coverageDepthPercent: 55.5, daysSinceSponsorEngagement: 100, wonLast12Months: 700000, wonPrior12Months: 500000, openPipeline: 300000, whitespaceIdentified: 800000, whitespaceCaptured: 100000, planFreshness: 'Current', openSignalScoreImpacts: [-25], previousScore: 70 }, config.health, config.coverage),
  signals: (s) => detectSignals({ championLeft: false, championCold: true, sponsorLeft: false, sponsorLapsed: true, singleThreaded: false, planFreshness: 'Overdue', revenueChangePercent: -30, healthScore: 55, renewalDate: '2027-01-01' }, s.signals ?? [], now, config.signals, config.health),
  selection: () => scoreSelection({ revenue: 700000, whitespace: 650000, strategic: 75, relationship: 62 }, config.selection),
};
for (let round = 0; round < 3; round++) {
  const line: string[] = [];
  for (const [name, step] of Object.entries(steps)) {
    for (let w = 0; w < 3; w++) for (const s of chunk) step(s);
    const c = process.cpuUsage();
    for (let r = 0; r < 5; r++) for (const s of chunk) step(s);
    const u = process.cpuUsage(c);
    line.push(`${name} ${((u.user + u.system) / 5000).toFixed(1)}µs`);
  }
  console.log(line.join(' | '));
}
