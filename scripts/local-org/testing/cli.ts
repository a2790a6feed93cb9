// `apex-tests`: runs every Apex test class of the project in the local org and prints one line
// per failure (with its Apex stack), the summary, and the line-coverage table.
//
//   node --import tsx scripts/local-org/testing/cli.ts [--project <dir>] [--class A,B]
//        [--method m1,m2] [--list-unrunnable] [--uncovered]
//
// Exit status 1 when a test failed or could not run. A pass is a pass *in the local org*: the
// org stays the authority (README: known differences).
import { resolve } from 'node:path';
import { LocalOrg } from '../runtime/org.ts';
import { PLATFORM_MINIMUM, PROJECT_GOAL, percentOf } from './coverage.ts';
import type { CoverageReport } from './coverage.ts';
import { runApexTests } from './runner.ts';
import type { TestResult } from './runner.ts';

interface CliOptions {
    project: string;
    classes?: string[];
    methods?: string[];
    listUnrunnable: boolean;
    uncovered: boolean;
}

function parseArgs(argv: string[]): CliOptions {
    const options: CliOptions = {
        project: process.cwd(),
        listUnrunnable: false,
        uncovered: false,
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
        else if (arg === '--list-unrunnable') options.listUnrunnable = true;
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

function main(): number {
    const options = parseArgs(process.argv.slice(2));
    const loadStarted = performance.now();
    const org = new LocalOrg({ projectRoot: options.project });
    const loadMs = performance.now() - loadStarted;
    const violations = org.fenceViolations();
    const run = runApexTests(org, { classes: options.classes, methods: options.methods });
    const failed = run.results.filter((r) => r.outcome === 'fail');
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

    for (const r of [...failed, ...unrunnable]) console.log(failureLine(r));
    console.log(
        `apex tests: ${passed.length} passed, ${failed.length} failed` +
            (unrunnable.length > 0 ? `, ${unrunnable.length} could not run` : '') +
            ` (in the local org; ${run.results.length} methods, load ${(loadMs / 1000).toFixed(1)} s, run ${(run.ms / 1000).toFixed(1)} s)`,
    );
    for (const line of coverageTable(run.coverage, options.uncovered)) console.log(line);
    return failed.length > 0 || unrunnable.length > 0 ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
    try {
        process.exitCode = main();
    } catch (e) {
        console.error((e as Error).stack ?? String(e));
        process.exitCode = 2;
    }
}
