// CLI: runs the shared scoring vectors against the Apex calculators through the interpreter.
//   npx tsx scripts/vectors/runVectors.ts [--source <dir>] [--vectors <file>]
// Exits non-zero on any difference, fence error or load error.
import { fileURLToPath } from 'node:url';
import { PACKAGE_DIR, staticResourcePath } from '../lib/projectPaths.ts';
import { runVectors } from './vectors.ts';
import type { VectorRunOptions } from './vectors.ts';

export const DEFAULTS: VectorRunOptions = {
    sourceDir: PACKAGE_DIR,
    vectorsFile: staticResourcePath('KeystoneScoringVectors') ?? 'KeystoneScoringVectors.json',
};

export function parseArgs(argv: string[]): VectorRunOptions {
    const options = { ...DEFAULTS };
    for (let i = 0; i < argv.length; i++) {
        const flag = argv[i];
        const value = argv[i + 1];
        if (value === undefined) throw new Error(`missing value after ${flag}`);
        if (flag === '--source') options.sourceDir = value;
        else if (flag === '--vectors') options.vectorsFile = value;
        else throw new Error(`unknown option ${flag}`);
        i++;
    }
    return options;
}

function main(): number {
    const options = parseArgs(process.argv.slice(2));
    const result = runVectors(options);
    for (const m of result.messages) console.log(m);
    console.log(`apex vectors: ${result.passed} passed, ${result.failed} failed`);
    console.log(
        `elapsed: ${(result.loadMs + result.runMs).toFixed(0)} ms (load ${result.classFiles.length} classes ${result.loadMs.toFixed(0)} ms, run ${result.runMs.toFixed(0)} ms)`,
    );
    return result.failed === 0 ? 0 : 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
    try {
        process.exitCode = main();
    } catch (e) {
        console.error((e as Error).message);
        process.exitCode = 1;
    }
}
