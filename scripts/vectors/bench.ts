// Prints how long the vectors run takes (a benchmark prints figures; it is never a timed test).
//   npx tsx scripts/vectors/bench.ts [--source <dir>] [--vectors <file>]
// Without a vectors file at the given/default path it times the fixture set scaled to 200 cases.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from './runVectors.ts';
import { runVectors } from './vectors.ts';
import type { VectorCase, VectorRunOptions } from './vectors.ts';

function fixtureOptions(caseCount: number): VectorRunOptions {
    const fixtures = fileURLToPath(new URL('./fixtures', import.meta.url));
    const source = JSON.parse(readFileSync(join(fixtures, 'vectors.json'), 'utf8')) as {
        cases: VectorCase[];
    };
    const cases: VectorCase[] = [];
    for (let i = 0; cases.length < caseCount; i++) {
        const c = source.cases[i % source.cases.length] as VectorCase;
        cases.push({ ...c, name: `${c.name} #${i}` });
    }
    const dir = mkdtempSync(join(tmpdir(), 'apex-bench-'));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    const vectorsFile = join(dir, 'vectors.json');
    writeFileSync(vectorsFile, JSON.stringify({ version: 1, cases }));
    return { sourceDir: fixtures, vectorsFile };
}

function report(label: string, options: VectorRunOptions): void {
    const result = runVectors(options);
    const total = result.passed + result.failed;
    console.log(
        `${label}: ${total} cases (${result.passed} passed, ${result.failed} failed) in ${(result.loadMs + result.runMs).toFixed(0)} ms` +
            ` — load+parse ${result.classFiles.length} classes ${result.loadMs.toFixed(0)} ms,` +
            ` run ${result.runMs.toFixed(0)} ms (${total === 0 ? 0 : (result.runMs / total).toFixed(2)} ms/case)`,
    );
}

const options = parseArgs(process.argv.slice(2));
if (existsSync(options.vectorsFile)) {
    report('apex vectors bench', options);
} else {
    console.log(`no vectors at ${options.vectorsFile}; timing the fixture calculator instead`);
}
report('apex vectors bench (fixture x200)', fixtureOptions(200));
