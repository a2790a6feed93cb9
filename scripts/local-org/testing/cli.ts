// `apex-tests`: runs every Apex test class of the project in the local org and prints one line
// per failure (with its Apex stack), the summary, and the line-coverage table.
//
//   node --import tsx scripts/local-org/testing/cli.ts [--project <dir>] [--class A,B]
//        [--method m1,m2] [--known-failures <file>] [--seeders <dir>] [--list-unrunnable]
//        [--uncovered] [--namespace <prefix> | --namespace-from-project] [--exclude-class A,B]
//
// `--namespace kstn` runs the tests in namespace mode: the project as a package with that prefix
// (README: "Namespace mode"); `--namespace-from-project` takes it from sfdx-project.json.
//
// Exit status 1 when a test failed or could not run. `--known-failures` names a JSON file of
// failures the project has accepted for now (a product bug, a test expecting what the platform
// does not do), each with the message it must keep failing with: those are listed but do not
// fail the run; a known failure that passes or fails differently does. A pass is a pass *in
// the local org*: the org stays the authority (README: known differences). `--seeders <dir>`
// loads the data an `@IsTest(SeeAllData=true)` class expects the org to hold: `<dir>/<TestClass>.ts`
// exports `seed(loader)`, run with the bulk loader before the class (runner.ts,
// RunOptions.seeders). Every line a test writes with System.debug is printed (`DEBUG Class.method: …`).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LocalOrg } from '../runtime/org.ts';
import { PLATFORM_MINIMUM, PROJECT_GOAL, percentOf } from './coverage.ts';
import type { CoverageReport } from './coverage.ts';
import { runApexTests } from './runner.ts';
import type { Seeder, TestResult } from './runner.ts';

interface CliOptions {
    project: string;
    classes?: string[];
    methods?: string[];
    knownFailures?: string;
    seeders?: string;
    listUnrunnable: boolean;
    uncovered: boolean;
    namespace?: string;
    namespaceFromProject: boolean;
    excludeClasses?: string[];
}

export interface KnownFailure {
    /** `Class.method` */
    test: string;
    /** Text the failure message must contain. */
    message: string;
    kind: string;
    reason: string;
}

export function readKnownFailures(file: string): KnownFailure[] {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { failures?: KnownFailure[] };
    if (!Array.isArray(data.failures))
        throw new Error(`apex-tests: ${file} has no "failures" list`);
    return data.failures;
}

export interface Verdict {
    /** Failures and unrunnable tests that fail the run. */
    failing: TestResult[];
    /** Known failures that failed as recorded. */
    known: Array<{ result: TestResult; known: KnownFailure }>;
    /** Known failures that passed, failed differently, or did not run at all. */
    stale: Array<{ known: KnownFailure; why: string }>;
}

/** Splits the results into real failures, accepted known failures and stale list entries. */
export function judge(results: TestResult[], knownFailures: KnownFailure[]): Verdict {
    const byName = new Map(results.map((r) => [`${r.className}.${r.methodName}`, r]));
    const knownByName = new Map(knownFailures.map((k) => [k.test, k]));
    const verdict: Verdict = { failing: [], known: [], stale: [] };
    for (const r of results) {
        if (r.outcome === 'pass') continue;
        const known = knownByName.get(`${r.className}.${r.methodName}`);
        if (known && (r.message ?? '').includes(known.message))
            verdict.known.push({ result: r, known });
        else verdict.failing.push(r);
    }
    for (const k of knownFailures) {
        const r = byName.get(k.test);
        if (!r) verdict.stale.push({ known: k, why: 'did not run' });
        else if (r.outcome === 'pass') verdict.stale.push({ known: k, why: 'now passes' });
        else if (!(r.message ?? '').includes(k.message))
            verdict.stale.push({ known: k, why: `fails differently: ${oneLine(r.message ?? '')}` });
    }
    return verdict;
}

function parseArgs(argv: string[]): CliOptions {
    const options: CliOptions = {
        project: process.cwd(),
        listUnrunnable: false,
        uncovered: false,
        namespaceFromProject: false,
    };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        const value = (): string => {
            const v = argv[++i];
            if (v === undefined) throw new Error(`apex-tests: ${arg} needs a value`);
            return v;
        };
        if (arg === '--project') options.project = resolve(value());
        else if (arg === '--class') options.classes = value().split(',');
        else if (arg === '--method') options.methods = value().split(',');
        else if (arg === '--known-failures') options.knownFailures = resolve(value());
        else if (arg === '--seeders') options.seeders = resolve(value());
        else if (arg === '--list-unrunnable') options.listUnrunnable = true;
        else if (arg === '--namespace') options.namespace = value();
        else if (arg === '--namespace-from-project') options.namespaceFromProject = true;
        else if (arg === '--exclude-class') options.excludeClasses = value().split(',');
        else if (arg === '--uncovered') options.uncovered = true;
        else throw new Error(`apex-tests: unknown argument ${arg}`);
    }
    return options;
}

function oneLine(text: string): string {
    return text.replace(/\s*\n\s*/g, ' ⏎ ').trim();
}

export function failureLine(r: TestResult): string {
    if (r.outcome === 'unrunnable')
        return `UNRUNNABLE ${r.className}.${r.methodName}: ${r.message} (${r.location ?? 'unknown location'})`;
    const stack = r.stack.length > 0 ? ` | ${r.stack.join(' ← ')}` : '';
    return `FAIL ${r.className}.${r.methodName}: ${oneLine(r.message ?? '')}${stack}`;
}

export function coverageTable(coverage: CoverageReport, showUncovered: boolean): string[] {
    const rows = coverage.units.map((u) => [
        `${u.name}${u.kind === 'trigger' ? ' (trigger)' : ''}`,
        `${u.covered}/${u.coverable}`,
        `${percentOf(u.covered, u.coverable).toFixed(1)} %`,
        showUncovered && u.uncoveredLines.length > 0 ? `lines ${u.uncoveredLines.join(', ')}` : '',
    ]);
    const width = (i: number): number => Math.max(...rows.map((r) => (r[i] ?? '').length), 8);
    const w0 = width(0);
    const w1 = width(1);
    const lines = [`${'class / trigger'.padEnd(w0)}  ${'lines'.padStart(w1)}  coverage`];
    for (const r of rows) {
        lines.push(
            `${(r[0] ?? '').padEnd(w0)}  ${(r[1] ?? '').padStart(w1)}  ${(r[2] ?? '').padStart(7)}${r[3] ? `  ${r[3]}` : ''}`,
        );
    }
    lines.push(
        `${'total'.padEnd(w0)}  ${`${coverage.covered}/${coverage.coverable}`.padStart(w1)}  ${`${coverage.percent.toFixed(1)} %`.padStart(7)}`,
    );
    lines.push(
        `platform rule (${PLATFORM_MINIMUM} % overall, every trigger covered): ${coverage.meetsPlatformRule ? 'met' : 'NOT met'}` +
            (coverage.uncoveredTriggers.length > 0
                ? ` (uncovered triggers: ${coverage.uncoveredTriggers.join(', ')})`
                : ''),
    );
    lines.push(
        `project goal (${PROJECT_GOAL} %): ${coverage.meetsProjectGoal ? 'met' : 'NOT met'}`,
    );
    return lines;
}

/** `<dir>/<TestClass>.ts` modules, each exporting `seed(loader)`, by lower-case class name. */
export async function loadSeeders(dir: string): Promise<Map<string, Seeder>> {
    const seeders = new Map<string, Seeder>();
    if (!existsSync(dir)) throw new Error(`apex-tests: no seeder folder ${dir}`);
    for (const file of readdirSync(dir).filter(
        (f) => /^\w+\.ts$/.test(f) && !f.endsWith('.test.ts'),
    )) {
        const module = (await import(pathToFileURL(join(dir, file)).href)) as { seed?: unknown };
        if (typeof module.seed !== 'function')
            throw new Error(`apex-tests: ${join(dir, file)} exports no seed(loader) function`);
        seeders.set(basename(file, '.ts').toLowerCase(), module.seed as Seeder);
    }
    return seeders;
}

/** sfdx-project.json's `namespace` (a namespaced run needs one). */
function projectNamespace(project: string): string {
    const file = join(project, 'sfdx-project.json');
    const data = JSON.parse(readFileSync(file, 'utf8')) as { namespace?: unknown };
    if (typeof data.namespace !== 'string' || data.namespace === '')
        throw new Error(`apex-tests: --namespace-from-project: ${file} has no namespace`);
    return data.namespace;
}

async function main(): Promise<number> {
    const options = parseArgs(process.argv.slice(2));
    const seeders = options.seeders ? await loadSeeders(options.seeders) : undefined;
    const loadStarted = performance.now();
    const namespace = options.namespaceFromProject
        ? projectNamespace(options.project)
        : options.namespace;
    const org = new LocalOrg({ projectRoot: options.project, namespace });
    if (namespace)
        console.log(`namespace mode: the project runs as package namespace ${namespace}`);
    const loadMs = performance.now() - loadStarted;
    const violations = org.fenceViolations();
    const run = runApexTests(org, {
        classes: options.classes,
        methods: options.methods,
        excludeClasses: options.excludeClasses,
        seeders,
    });
    const unrunnable = run.results.filter((r) => r.outcome === 'unrunnable');
    const passed = run.results.filter((r) => r.outcome === 'pass');

    if (options.listUnrunnable) {
        for (const v of violations)
            console.log(`FENCED ${v.construct} (${v.location.file}:${v.location.line})`);
        for (const r of unrunnable) console.log(failureLine(r));
        console.log(
            `apex tests that cannot run in the local org: ${unrunnable.length}; fenced constructs in the sources: ${violations.length}`,
        );
        return unrunnable.length > 0 ? 1 : 0;
    }

    const knownFailures = options.knownFailures ? readKnownFailures(options.knownFailures) : [];
    // a filtered run judges only the known failures it ran
    const relevant = knownFailures.filter((k) =>
        run.results.some((r) => `${r.className}.${r.methodName}` === k.test),
    );
    const verdict = judge(
        run.results,
        options.classes || options.methods ? relevant : knownFailures,
    );
    for (const r of run.results)
        for (const line of r.debug) console.log(`DEBUG ${r.className}.${r.methodName}: ${line}`);
    for (const r of verdict.failing) console.log(failureLine(r));
    for (const { result, known } of verdict.known)
        console.log(
            `KNOWN FAILURE ${result.className}.${result.methodName} (${known.kind}): ${known.reason}`,
        );
    for (const { known, why } of verdict.stale)
        console.log(`STALE KNOWN FAILURE ${known.test}: ${why} — update ${options.knownFailures}`);
    const failedCount = verdict.failing.filter((r) => r.outcome === 'fail').length;
    const unrunnableCount = verdict.failing.length - failedCount;
    console.log(
        `apex tests: ${passed.length} passed, ${failedCount} failed` +
            (unrunnableCount > 0 ? `, ${unrunnableCount} could not run` : '') +
            (verdict.known.length > 0 ? `, ${verdict.known.length} known failures` : '') +
            ` (in the local org; ${run.results.length} methods, load ${(loadMs / 1000).toFixed(1)} s, run ${(run.ms / 1000).toFixed(1)} s)`,
    );
    for (const line of coverageTable(run.coverage, options.uncovered)) console.log(line);
    return verdict.failing.length > 0 || verdict.stale.length > 0 ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
    main().then(
        (code) => {
            process.exitCode = code;
        },
        (e: unknown) => {
            console.error((e as Error).stack ?? String(e));
            process.exitCode = 2;
        },
    );
}
