// `npm run mutate`: mutation testing of both scoring engines against their tests and the shared
// vectors. Stryker (@stryker-mutator/core + jest-runner) mutates the TypeScript engine
// (keystoneEngine) and runs its Jest tests; apexMutate.ts mutates the Apex calculators and runs
// the vectors through the interpreter. Prints each score over non-equivalent mutants, every
// survivor and every listed equivalent mutant with its reason; exit 1 below 90 % on either side.
//   npm run mutate                 both sides (about 25 minutes on 2 cores)
//   npm run mutate -- --ts-only    Stryker only;  --apex-only  the Apex calculators only
//   npm run mutate -- --report     re-read the last Stryker report instead of running it
//   npm run mutate -- --ts-only --per-file [--files coverage,health]
//                                  one engine file at a time, one Stryker process, incremental
//                                  (for a shared machine); prints each file's score and the total
//   npm run mutate -- --ts-only --per-file --report   re-score the per-file reports
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT } from '../lib/projectPaths.ts';
import { EQUIVALENTS_FILE, THRESHOLD, printApexReport, runApexMutation } from './apexMutate.ts';

const STRYKER_REPORT = join(PROJECT_ROOT, 'artifacts', 'mutation', 'stryker.json');
const ENGINE_DIR = 'force-app/main/scoring/lwc/keystoneEngine';
/** Per-file mode: one report and one incremental file per engine file. */
const PER_FILE_DIR = join(PROJECT_ROOT, 'artifacts', 'mutation', 'per-file');
/** Not mutated, as in stryker.config.json: re-exports only, and the vectors' own harness. */
const NOT_MUTATED = ['keystoneEngine', 'vectorRunner'];

interface StrykerMutant {
    id: string;
    mutatorName: string;
    replacement?: string;
    status: string;
    location: { start: { line: number; column: number } };
}

interface StrykerReport {
    files: Record<string, { source: string; mutants: StrykerMutant[] }>;
}

export interface TsEquivalent {
    /** file | trimmed line | mutator | replacement | occurrence */
    id: string;
    reason: string;
}

export interface TsMutationReport {
    total: number;
    killed: number;
    survived: number;
    noCoverage: number;
    timedOut: number;
    equivalent: number;
    invalid: number;
    score: number;
    survivors: { id: string; where: string; description: string }[];
    equivalents: { id: string; reason: string }[];
    staleEquivalents: string[];
}

/** Reads Stryker's JSON report and scores it over non-equivalent mutants. */
export function scoreStrykerReport(
    report: StrykerReport,
    equivalents: TsEquivalent[],
): TsMutationReport {
    const reasons = new Map(equivalents.map((entry) => [entry.id, entry.reason]));
    const seenIds = new Set<string>();
    const result: TsMutationReport = {
        total: 0,
        killed: 0,
        survived: 0,
        noCoverage: 0,
        timedOut: 0,
        equivalent: 0,
        invalid: 0,
        score: 0,
        survivors: [],
        equivalents: [],
        staleEquivalents: [],
    };
    for (const [path, file] of Object.entries(report.files).sort()) {
        const name = relative(PROJECT_ROOT, join(PROJECT_ROOT, path));
        const lines = file.source.split('\n');
        const occurrences = new Map<string, number>();
        const mutants = [...file.mutants].sort(
            (a, b) =>
                a.location.start.line - b.location.start.line ||
                a.location.start.column - b.location.start.column,
        );
        for (const mutant of mutants) {
            result.total++;
            const lineText = (lines[mutant.location.start.line - 1] ?? '').trim();
            const key = `${name}|${lineText}|${mutant.mutatorName}|${mutant.replacement ?? ''}`;
            const occurrence = (occurrences.get(key) ?? 0) + 1;
            occurrences.set(key, occurrence);
            const id = `${key}|${occurrence}`;
            seenIds.add(id);
            const reason = reasons.get(id);
            if (reason !== undefined) {
                result.equivalent++;
                result.equivalents.push({ id, reason });
                continue;
            }
            switch (mutant.status) {
                case 'Killed':
                    result.killed++;
                    break;
                case 'Timeout':
                    result.timedOut++;
                    break;
                case 'Survived':
                case 'NoCoverage':
                    if (mutant.status === 'Survived') result.survived++;
                    else result.noCoverage++;
                    result.survivors.push({
                        id,
                        where: `${name}:${mutant.location.start.line}: ${lineText}`,
                        description: `${mutant.mutatorName}${mutant.status === 'NoCoverage' ? ' (no test runs it)' : ''} -> ${mutant.replacement ?? ''}`,
                    });
                    break;
                default:
                    // CompileError, RuntimeError, Ignored: not a mutant the tests can judge.
                    result.invalid++;
            }
        }
    }
    result.staleEquivalents = equivalents.map((e) => e.id).filter((id) => !seenIds.has(id));
    const counted = result.killed + result.timedOut + result.survived + result.noCoverage;
    result.score =
        counted === 0 ? 100 : Math.round(((result.killed + result.timedOut) * 1000) / counted) / 10;
    return result;
}

function printTsReport(report: TsMutationReport): void {
    console.log(`typescript mutation score: ${report.score}% of non-equivalent mutants killed`);
    console.log(
        `  ${report.total} mutants: ${report.killed} killed, ${report.timedOut} timed out, ${report.survived} survived, ${report.noCoverage} without a test, ${report.equivalent} equivalent (listed), ${report.invalid} invalid`,
    );
    if (report.survivors.length > 0) {
        console.log('surviving TypeScript mutants:');
        for (const survivor of report.survivors) {
            console.log(`  ${survivor.where}  [${survivor.description}]`);
        }
    }
    if (report.equivalents.length > 0) {
        console.log('equivalent TypeScript mutants (not counted):');
        for (const entry of report.equivalents) console.log(`  ${entry.id}: ${entry.reason}`);
    }
    for (const id of report.staleEquivalents) {
        console.log(`listed as equivalent but no longer a mutant (remove it from the list): ${id}`);
    }
}

/** The engine files Stryker mutates, by name without `.ts`. */
function engineFileNames(): string[] {
    return readdirSync(join(PROJECT_ROOT, ENGINE_DIR))
        .filter((name) => name.endsWith('.ts'))
        .map((name) => basename(name, '.ts'))
        .filter((name) => !NOT_MUTATED.includes(name))
        .sort();
}

/**
 * Stryker on one file with one test-runner process and its own incremental file, so a rerun
 * tests only the mutants whose code or tests changed. Its report is kept per file.
 */
function runStrykerOnFile(name: string): boolean {
    mkdirSync(PER_FILE_DIR, { recursive: true });
    const stryker = spawnSync(
        join(PROJECT_ROOT, 'node_modules', '.bin', 'stryker'),
        [
            'run',
            'scripts/mutation/stryker.config.json',
            '--mutate',
            `${ENGINE_DIR}/${name}.ts`,
            '--concurrency',
            '1',
            '--incremental',
            '--incrementalFile',
            `artifacts/mutation/per-file/${name}.incremental.json`,
        ],
        { cwd: PROJECT_ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    if (stryker.status !== 0) {
        console.error(`stryker exited with ${stryker.status} on ${name}.ts`);
        return false;
    }
    copyFileSync(STRYKER_REPORT, join(PER_FILE_DIR, `${name}.json`));
    return true;
}

/**
 * Each file's score, then all measured files as one report; `complete` is false while an engine
 * file has no report yet (the total then covers only the files measured).
 */
function scorePerFile(
    equivalents: TsEquivalent[],
): { report: TsMutationReport; complete: boolean } | null {
    const merged: StrykerReport = { files: {} };
    for (const name of engineFileNames()) {
        const path = join(PER_FILE_DIR, `${name}.json`);
        if (!existsSync(path)) continue;
        const report = JSON.parse(readFileSync(path, 'utf8')) as StrykerReport;
        Object.assign(merged.files, report.files);
        // Equivalents of other files are not stale here: score the file against its own.
        const own = equivalents.filter((entry) => entry.id.startsWith(`${ENGINE_DIR}/${name}.ts|`));
        const score = scoreStrykerReport(report, own);
        console.log(
            `  ${name}.ts: ${score.score}% (${score.killed + score.timedOut} of ${score.killed + score.timedOut + score.survived + score.noCoverage}; ${score.equivalent} equivalent)`,
        );
    }
    const missing = engineFileNames().filter(
        (name) => !existsSync(join(PER_FILE_DIR, `${name}.json`)),
    );
    if (missing.length > 0) {
        console.log(`  not measured yet: ${missing.map((name) => `${name}.ts`).join(', ')}`);
    }
    if (Object.keys(merged.files).length === 0) return null;
    const total = scoreStrykerReport(merged, equivalents);
    // An equivalent listed for a file not measured yet is not stale, only unchecked.
    total.staleEquivalents = total.staleEquivalents.filter((id) =>
        missing.every((name) => !id.startsWith(`${ENGINE_DIR}/${name}.ts|`)),
    );
    return { report: total, complete: missing.length === 0 };
}

async function main(): Promise<number> {
    const args = process.argv.slice(2);
    const runTs = !args.includes('--apex-only');
    const runApex = !args.includes('--ts-only');
    const equivalents = JSON.parse(readFileSync(EQUIVALENTS_FILE, 'utf8')) as {
        typescript: TsEquivalent[];
    };
    let ok = true;
    if (runTs && args.includes('--per-file')) {
        const filesIndex = args.indexOf('--files');
        const names = filesIndex >= 0 ? (args[filesIndex + 1] ?? '').split(',') : engineFileNames();
        if (!args.includes('--report')) {
            for (const name of names) {
                console.log(`stryker on ${name}.ts (one process, incremental)`);
                if (!runStrykerOnFile(name)) return 1;
            }
        }
        console.log('typescript mutation score per file:');
        const perFile = scorePerFile(equivalents.typescript);
        if (perFile === null) {
            console.error(`no per-file reports in ${PER_FILE_DIR}`);
            return 1;
        }
        printTsReport(perFile.report);
        ok =
            perFile.complete &&
            perFile.report.score >= THRESHOLD &&
            perFile.report.staleEquivalents.length === 0;
    } else if (runTs) {
        if (!args.includes('--report')) {
            const stryker = spawnSync(
                join(PROJECT_ROOT, 'node_modules', '.bin', 'stryker'),
                ['run', 'scripts/mutation/stryker.config.json'],
                { cwd: PROJECT_ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
            );
            if (stryker.status !== 0) {
                console.error(`stryker exited with ${stryker.status}`);
                return 1;
            }
        }
        if (!existsSync(STRYKER_REPORT)) {
            console.error(`no Stryker report at ${STRYKER_REPORT}`);
            return 1;
        }
        const report = scoreStrykerReport(
            JSON.parse(readFileSync(STRYKER_REPORT, 'utf8')) as StrykerReport,
            equivalents.typescript,
        );
        printTsReport(report);
        ok = ok && report.score >= THRESHOLD && report.staleEquivalents.length === 0;
    }
    if (runApex) {
        const report = await runApexMutation({
            equivalentsFile: EQUIVALENTS_FILE,
            log: (line) => console.log(line),
        });
        printApexReport(report, (line) => console.log(line));
        ok = ok && report.score >= THRESHOLD && report.staleEquivalents.length === 0;
    }
    console.log(ok ? `mutation: both at or above ${THRESHOLD}%` : `mutation: below ${THRESHOLD}%`);
    return ok ? 0 : 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
    main().then(
        (code) => {
            process.exitCode = code;
        },
        (error: unknown) => {
            console.error(error);
            process.exitCode = 1;
        },
    );
}
