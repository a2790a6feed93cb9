import vectors from '../../force-app/main/default/staticresources/KeystoneScoringVectors.json' with { type: 'json' };
import { runVectorCase } from '../../force-app/main/default/lwc/keystoneEngine/keystoneEngine';
function cmp(exp: unknown, act: unknown, path: string, out: string[]): void {
  if (exp === null || typeof exp !== 'object') {
    if (typeof exp === 'number' && typeof act === 'number') { if (Math.abs(exp - act) > 1e-9) out.push(`${path}: expected ${exp} got ${act}`); return; }
    if (exp !== act) out.push(`${path}: expected ${JSON.stringify(exp)} got ${JSON.stringify(act)}`); return;
  }
  if (Array.isArray(exp)) { if (!Array.isArray(act) || act.length !== exp.length) { out.push(`${path}: expected ${JSON.stringify(exp)} got ${JSON.stringify(act)}`); return; }
    exp.forEach((e, i) => cmp(e, act[i], `${path}[${i}]`, out)); return; }
  if (act === null || typeof act !== 'object') { out.push(`${path}: expected object got ${JSON.stringify(act)}`); return; }
  for (const [k, v] of Object.entries(exp)) cmp(v, (act as Record<string, unknown>)[k], `${path}.${k}`, out);
}
let fails = 0;
for (const c of (vectors as { cases: any[] }).cases) {
  const out: string[] = [];
  try { const r = runVectorCase(c); if (c.expectedError) out.push(`expected error ${c.expectedError}, got result`); else cmp(c.expected, r, '', out); }
  catch (e) { const m = (e as Error).message; if (!c.expectedError) out.push(`threw ${m}`); else if (!m.includes(c.expectedError)) out.push(`error ${m} != ${c.expectedError}`); }
  if (out.length) { fails++; console.log(`FAIL ${c.name}\n  ${out.join('\n  ')}`); }
}
console.log('fails', fails);
