// Mutation testing of the Apex calculators over the project's interpreter: every mutant
// (apexMutants.ts) of the calculator classes runs the shared vectors; a mutant that no case
// tells apart survives. Prints the score over non-equivalent mutants and every survivor.
//   npx tsx scripts/mutation/apexMutate.ts [--class CoverageCalculator] [--workers 2] [--source dir]
//       [--rerun-survivors artifacts/mutation/apex.json]   only the survivors of an earlier run
// Exit 1 when the score is below the threshold (90 %) or a listed equivalent mutant no longer
// exists (the list must stay true).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { metadataFolders } from '@keystone/local-org';
import { PACKAGE_DIR, PROJECT_ROOT, staticResourcePath } from '../lib/projectPaths.ts';
import { selectClassFiles } from '../vectors/vectors.ts';
import type { VectorCase } from '../vectors/vectors.ts';
import type { ApexMutant } from './apexMutants.ts';
import { findMutants, linesOfMethods } from './apexMutants.ts';
import type { MutantJob, MutantOutcome } from './apexMutationWorker.ts';

export const THRESHOLD = 90;
const TIMEOUT_MS = 30000;

/**
 * The calculators under test. ScoringVectorRunner is the harness that feeds them the vectors
 * (like vectorRunner.ts, it is not mutated); ScoringException only formats a message.
 */
export const CALCULATOR_CLASSES = [
    'AccountScorer',
    'CoverageCalculator',
    'HealthCalculator',
    'PlanCompletenessCalculator',
    'RetentionCalculator',
    'RevenueCalculator',
    'ScoringConfig',
    'ScoringMath',
    'SelectionScorer',
    'SignalDetector',
    'WhitespaceCalculator',
];

/**
 * Methods only the recompute calls (it converts queried records): the vectors build their
 * inputs themselves, so these are proved by RecomputeService_Tests in an org, not here.
 */
const RECOMPUTE_ONLY_METHODS: Record<string, string[]> = {
    RevenueCalculator: ['fromOpportunity', 'fromOpportunities'],
};

/** Which vector kinds exercise a class: those cases run first, the rest after. */
const KINDS_BY_CLASS: Record<string, string[]> = {
    AccountScorer: ['account'],
    CoverageCalculator: ['coverage', 'account'],
    HealthCalculator: ['health', 'account'],
    PlanCompletenessCalculator: ['plan', 'account'],
    RetentionCalculator: ['retention', 'account', 'health'],
    RevenueCalculator: ['revenue', 'retention', 'whitespace', 'account'],
    SelectionScorer: ['selection', 'capacity', 'account'],
    SignalDetector: ['signals', 'signalImpacts', 'account'],
    WhitespaceCalculator: ['whitespace', 'account'],
};

export interface EquivalentMutant {
    id: string;
    reason: string;
}

export interface ApexMutationReport {
    total: number;
    killed: number;
    survived: number;
    timedOut: number;
    invalid: number;
    equivalent: number;
    /** killed + timed out over total - equivalent - invalid, %, 1 decimal. */
    score: number;
    survivors: { id: string; where: string; description: string }[];
    /** Mutants the interpreter refused as not valid Apex, with the reason. */
    invalidMutants: { id: string; reason: string }[];
    equivalents: { id: string; reason: string }[];
    staleEquivalents: string[];
    byClass: Record<string, { total: number; killed: number; survived: number }>;
    elapsedMs: number;
}

export function loadEquivalents(file: string): EquivalentMutant[] {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { apex: EquivalentMutant[] };
    return data.apex;
}

function caseOrderFor(className: string, cases: VectorCase[]): number[] {
    const kinds = KINDS_BY_CLASS[className];
    const indexes = cases.map((_, index) => index);
    if (!kinds) return indexes;
    const first = indexes.filter((index) => kinds.includes(cases[index]?.kind ?? ''));
    return [...first, ...indexes.filter((index) => !first.includes(index))];
}

export async function runApexMutation(options: {
    classes?: string[];
    workers?: number;
    equivalentsFile: string;
    /** The package to mutate (default force-app); another copy measures an older version. */
    sourceDir?: string;
    /**
     * Run only these mutant ids (the survivors of an earlier run): more vectors can only kill
     * more mutants, so a rerun of the survivors completes the earlier run's figures.
     */
    onlyIds?: Set<string>;
    log?: (line: string) => void;
}): Promise<ApexMutationReport> {
    const started = performance.now();
    const log = options.log ?? (() => {});
    const sourceDir = options.sourceDir ?? PACKAGE_DIR;
    const classFiles = selectClassFiles(sourceDir);
    const objectsDirs = metadataFolders(sourceDir, 'objects');
    const vectorsFile = staticResourcePath('KeystoneScoringVectors', sourceDir) ?? '';
    const vectorsText = readFileSync(vectorsFile, 'utf8');
    const cases = (JSON.parse(vectorsText) as { cases: VectorCase[] }).cases;
    const wanted = options.classes ?? CALCULATOR_CLASSES;

    const mutants: ApexMutant[] = [];
    for (const file of classFiles) {
        const className = basename(file, '.cls');
        if (!wanted.includes(className)) continue;
        const source = readFileSync(file, 'utf8');
        const skipped = linesOfMethods(source, RECOMPUTE_ONLY_METHODS[className] ?? []);
        mutants.push(...findMutants(className, source, (line) => skipped.has(line)));
    }
    const equivalents = loadEquivalents(options.equivalentsFile);
    const equivalentIds = new Map(equivalents.map((entry) => [entry.id, entry.reason]));
    const allIds = new Set(mutants.map((mutant) => mutant.id));
    const staleEquivalents =
        options.classes || options.sourceDir
            ? []
            : equivalents.filter((entry) => !allIds.has(entry.id)).map((entry) => entry.id);
    const toRun = mutants.filter(
        (mutant) =>
            !equivalentIds.has(mutant.id) && (!options.onlyIds || options.onlyIds.has(mutant.id)),
    );
    log(
        `apex mutation: ${mutants.length} mutants in ${wanted.length} classes (${mutants.length - toRun.length} listed as equivalent)`,
    );

    const outcomes = new Map<string, MutantOutcome | 'timeout'>();
    const workerCount = Math.max(
        1,
        Math.min(options.workers ?? availableParallelism(), toRun.length),
    );
    let next = 0;
    let done = 0;
    const workerUrl = new URL('./apexMutationWorker.mjs', import.meta.url);
    await new Promise<void>((resolve, reject) => {
        if (toRun.length === 0) resolve();
        const startWorker = (): void => {
            const worker = new Worker(workerUrl);
            let current: ApexMutant | undefined;
            let timer: NodeJS.Timeout | undefined;
            const dispatch = (): void => {
                if (next >= toRun.length) {
                    void worker.terminate();
                    return;
                }
                current = toRun[next++] as ApexMutant;
                const job: MutantJob = {
                    id: current.id,
                    className: current.className,
                    mutatedSource: current.mutatedSource,
                    classFiles,
                    objectsDirs,
                    vectorsText,
                    caseOrder: caseOrderFor(current.className, cases),
                };
                timer = setTimeout(() => {
                    // An endless loop: the mutant is caught (killed), the worker replaced.
                    outcomes.set(job.id, 'timeout');
                    finishOne();
                    void worker.terminate();
                    startWorker();
                }, TIMEOUT_MS);
                worker.postMessage(job);
            };
            const finishOne = (): void => {
                done++;
                if (done % 50 === 0) log(`  ${done} of ${toRun.length} mutants run`);
                if (done === toRun.length) resolve();
            };
            worker.on('message', (outcome: MutantOutcome) => {
                clearTimeout(timer);
                outcomes.set(outcome.id, outcome);
                finishOne();
                dispatch();
            });
            worker.on('error', (error) => {
                // The worker itself failed (not a mutant): the run cannot be trusted.
                clearTimeout(timer);
                reject(error);
            });
            dispatch();
        };
        for (let i = 0; i < workerCount; i++) startWorker();
    });

    const byClass: ApexMutationReport['byClass'] = {};
    let killed = 0;
    let survived = 0;
    let timedOut = 0;
    let invalid = 0;
    const survivors: ApexMutationReport['survivors'] = [];
    const invalidMutants: ApexMutationReport['invalidMutants'] = [];
    for (const mutant of toRun) {
        const row = (byClass[mutant.className] ??= { total: 0, killed: 0, survived: 0 });
        const outcome = outcomes.get(mutant.id);
        if (outcome === 'timeout') {
            timedOut++;
            row.total++;
            row.killed++;
        } else if (outcome?.status === 'invalid') {
            invalid++;
            invalidMutants.push({ id: mutant.id, reason: outcome.detail });
        } else if (outcome?.status === 'killed') {
            killed++;
            row.total++;
            row.killed++;
        } else {
            survived++;
            row.total++;
            row.survived++;
            survivors.push({
                id: mutant.id,
                where: `${mutant.className}.cls:${mutant.line}: ${mutant.lineText}`,
                description: mutant.description,
            });
        }
    }
    const counted = killed + timedOut + survived;
    return {
        total: mutants.length,
        killed,
        survived,
        timedOut,
        invalid,
        equivalent: mutants.length - toRun.length,
        score: counted === 0 ? 100 : Math.round(((killed + timedOut) * 1000) / counted) / 10,
        survivors,
        invalidMutants,
        equivalents: mutants
            .filter((mutant) => equivalentIds.has(mutant.id))
            .map((mutant) => ({ id: mutant.id, reason: equivalentIds.get(mutant.id) ?? '' })),
        staleEquivalents,
        byClass,
        elapsedMs: performance.now() - started,
    };
}

export function printApexReport(report: ApexMutationReport, print: (line: string) => void): void {
    print(`apex mutation score: ${report.score}% of non-equivalent mutants killed`);
    print(
        `  ${report.total} mutants: ${report.killed} killed, ${report.timedOut} timed out, ${report.survived} survived, ${report.equivalent} equivalent (listed), ${report.invalid} invalid (not valid Apex)`,
    );
    for (const [name, row] of Object.entries(report.byClass).sort()) {
        print(`  ${name}: ${row.killed} of ${row.total} killed`);
    }
    if (report.survivors.length > 0) {
        print('surviving Apex mutants:');
        for (const survivor of report.survivors) {
            print(`  ${survivor.where}  [${survivor.description}]`);
        }
    }
    if (report.equivalents.length > 0) {
        print('equivalent Apex mutants (not counted):');
        for (const entry of report.equivalents) print(`  ${entry.id}: ${entry.reason}`);
    }
    for (const id of report.staleEquivalents) {
        print(`listed as equivalent but no longer a mutant (remove it from the list): ${id}`);
    }
}

export const EQUIVALENTS_FILE = join(
    PROJECT_ROOT,
    'scripts',
    'mutation',
    'equivalent-mutants.json',
);

async function main(): Promise<number> {
    const args = process.argv.slice(2);
    const classIndex = args.indexOf('--class');
    const workersIndex = args.indexOf('--workers');
    const sourceIndex = args.indexOf('--source');
    const rerunIndex = args.indexOf('--rerun-survivors');
    const earlier =
        rerunIndex >= 0
            ? (JSON.parse(readFileSync(args[rerunIndex + 1] ?? '', 'utf8')) as ApexMutationReport)
            : null;
    const report = await runApexMutation({
        classes: classIndex >= 0 ? [args[classIndex + 1] ?? ''] : undefined,
        workers: workersIndex >= 0 ? Number(args[workersIndex + 1]) : undefined,
        equivalentsFile: EQUIVALENTS_FILE,
        sourceDir: sourceIndex >= 0 ? args[sourceIndex + 1] : undefined,
        onlyIds: earlier ? new Set(earlier.survivors.map((survivor) => survivor.id)) : undefined,
        log: (line) => console.log(line),
    });
    printApexReport(report, (line) => console.log(line));
    mkdirSync(join(PROJECT_ROOT, 'artifacts', 'mutation'), { recursive: true });
    writeFileSync(
        join(PROJECT_ROOT, 'artifacts', 'mutation', 'apex.json'),
        JSON.stringify(report, null, 2),
    );
    console.log(`elapsed: ${(report.elapsedMs / 1000).toFixed(0)} s`);
    return report.score >= THRESHOLD && report.staleEquivalents.length === 0 ? 0 : 1;
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
