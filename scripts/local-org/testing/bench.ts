// Benchmark of the Apex suite in the local org: prints how long loading the org and running
// every test class take (target: the whole suite under 60 s on 2 cores), per class too.
//
//   node --import tsx scripts/local-org/testing/bench.ts [--project <dir>] [--seeders <dir>]
//
// --seeders as for the apex-tests CLI: the data @IsTest(SeeAllData=true) classes expect is
// loaded before them (its loading is part of the run's time).
import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { LocalOrg } from '../runtime/org.ts';
import { loadSeeders } from './cli.ts';
import { runApexTests } from './runner.ts';

const TARGET_SECONDS = 60;

async function main(): Promise<void> {
    const argv = process.argv.slice(2);
    const projectIndex = argv.indexOf('--project');
    const project = projectIndex >= 0 ? resolve(argv[projectIndex + 1] ?? '.') : process.cwd();
    const seedersIndex = argv.indexOf('--seeders');
    const seeders =
        seedersIndex >= 0 ? await loadSeeders(resolve(argv[seedersIndex + 1] ?? '.')) : undefined;
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const org = new LocalOrg({ projectRoot: project });
    const loaded = performance.now();
    const run = runApexTests(org, { seeders });
    const finished = performance.now();
    const cpu = process.cpuUsage(cpuStarted);

    const byClass = new Map<string, { ms: number; methods: number; failed: number }>();
    for (const r of run.results) {
        const entry = byClass.get(r.className) ?? { ms: 0, methods: 0, failed: 0 };
        entry.ms += r.ms;
        entry.methods++;
        if (r.outcome !== 'pass') entry.failed++;
        byClass.set(r.className, entry);
    }
    const rows = [...byClass.entries()].sort((a, b) => b[1].ms - a[1].ms);
    const width = Math.max(...rows.map(([name]) => name.length), 10);
    console.log(`${'test class'.padEnd(width)}  methods  seconds  (not passed)`);
    for (const [name, e] of rows) {
        console.log(
            `${name.padEnd(width)}  ${String(e.methods).padStart(7)}  ${(e.ms / 1000).toFixed(2).padStart(7)}  ${e.failed > 0 ? `(${e.failed})` : ''}`,
        );
    }
    const total = (finished - started) / 1000;
    console.log(
        `load (parse classes and triggers, schema, seed): ${((loaded - started) / 1000).toFixed(2)} s`,
    );
    console.log(
        `run ${run.results.length} test methods: ${((finished - loaded) / 1000).toFixed(2)} s`,
    );
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    console.log(
        `whole suite: ${total.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU on ${availableParallelism()} cores (target < ${TARGET_SECONDS} s: ${total < TARGET_SECONDS ? 'met' : 'NOT met'})`,
    );
    // the run is single-threaded: wall time above CPU time is time other processes took
    console.log(`machine load average while running: ${loadavg()[0]?.toFixed(1)}`);
}

main().catch((e: unknown) => {
    console.error((e as Error).stack ?? String(e));
    process.exitCode = 2;
});
