import { readFileSync } from 'node:fs';
import { loadApexProgram } from './index.ts';
import { parseJsonToApex } from './jsonText.ts';
import { selectClassFiles } from './vectors.ts';
import { ListValue, MapValue } from './values.ts';
const p = loadApexProgram({
    classFiles: selectClassFiles('force-app/main/default/classes'),
    objectsDir: 'force-app/main/default/objects',
});
const doc = parseJsonToApex(
    readFileSync('force-app/main/default/staticresources/KeystoneScoringVectors.json', 'utf8'),
) as MapValue;
const cases = (doc.entries.get('s:cases')?.value as ListValue).items;
for (let r = 0; r < 6; r++) {
    const t = performance.now();
    for (const c of cases) {
        try {
            p.callStatic('ScoringVectorRunner', 'run', [c]);
        } catch {
            /* expected errors */
        }
    }
    console.log('run', r, (performance.now() - t).toFixed(0), 'ms');
}
