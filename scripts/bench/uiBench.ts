// `npm run bench:ui`: render times of the real relationshipMap (50 / 150 / 300 stakeholders),
// whitespaceGrid (10×10 / 40×25 cells) and the portfolio's table and segment chart (500
// accounts) in headless Chromium. Builds the bench page
// (scripts/preview/bench/benchPage.ts: the preview build with bench accounts in the record
// store), serves it on a free port, mounts each size once to warm up and then RUNS more times,
// and prints the median, the spread and the growth ratios. Figures only: nothing is asserted.
//   npx tsx scripts/bench/uiBench.ts [--runs 9]
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM_PATH, launchBrowser } from '../../e2e/browser.ts';
import type { E2eBrowser } from '../../e2e/browser.ts';
import type { BenchApi, BenchCase } from '../preview/bench/benchPage.ts';
import { buildPreview } from '../preview/buildPreview.ts';
import { PREVIEW_BUILD_DIR, PREVIEW_DIR } from '../preview/paths.ts';
import { startPreviewServer } from '../preview/server.ts';
import type { PreviewServer } from '../preview/server.ts';

const TARGET_MS = 100;
const runsArgument = process.argv.indexOf('--runs');
const RUNS = Math.max(7, Number(runsArgument > 0 ? process.argv[runsArgument + 1] : 9) || 9);
/** Inside the preview's (gitignored) build directory. */
const BENCH_BUILD_DIR = join(PREVIEW_BUILD_DIR, 'bench');

interface Result {
    benchCase: BenchCase;
    times: number[];
    domTimes: number[];
    fetchTimes: number[];
    shown: number;
}

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2
        ? (sorted[middle] ?? 0)
        : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function ratio(results: Result[], numerator: string, denominator: string): string {
    const top = results.find((result) => result.benchCase.label === numerator);
    const bottom = results.find((result) => result.benchCase.label === denominator);
    if (!top || !bottom) return 'n/a';
    return `${(median(top.times) / median(bottom.times)).toFixed(2)}×`;
}

async function main(): Promise<void> {
    if (!existsSync(CHROMIUM_PATH)) {
        throw new Error(
            `no Chromium at ${CHROMIUM_PATH}; run scripts/setup/ensureTools.sh --with-chromium`,
        );
    }
    const built = await buildPreview({
        entry: join(PREVIEW_DIR, 'bench', 'benchPage.ts'),
        outDir: BENCH_BUILD_DIR,
        nodeEnv: 'production',
    });
    console.log(`bench:ui: bench page built in ${(built.milliseconds / 1000).toFixed(1)} s`);

    let server: PreviewServer | undefined;
    let browser: E2eBrowser | undefined;
    try {
        server = await startPreviewServer({ port: 0, buildDir: BENCH_BUILD_DIR });
        browser = await launchBrowser();
        const page = await browser.context.newPage();
        const problems: string[] = [];
        page.on('pageerror', (error) => problems.push(error.message));
        page.on('console', (message) => {
            if (message.type() === 'error') problems.push(message.text());
        });
        await page.goto(server.url);
        await page.waitForFunction(() => window.keystoneBench !== undefined, undefined, {
            timeout: 30_000,
        });
        const cases = await page.evaluate(() => (window.keystoneBench as BenchApi).cases);

        const results: Result[] = [];
        for (const benchCase of cases) {
            const times: number[] = [];
            const domTimes: number[] = [];
            const fetchTimes: number[] = [];
            let shown = 0;
            for (let run = 0; run <= RUNS; run++) {
                const measured = await page.evaluate(
                    (label) => (window.keystoneBench as BenchApi).measure(label),
                    benchCase.label,
                );
                shown = measured.shown;
                if (run > 0) {
                    // run 0 warms up (d3 loads, the JIT compiles)
                    times.push(measured.milliseconds);
                    domTimes.push(measured.domMilliseconds);
                    fetchTimes.push(measured.fetchMilliseconds);
                }
            }
            results.push({ benchCase, times, domTimes, fetchTimes, shown });
            const sorted = [...times].sort((a, b) => a - b);
            console.log(
                `${benchCase.label.padEnd(36)} median ${median(times).toFixed(1).padStart(6)} ms` +
                    `  (min ${sorted[0]?.toFixed(1)}, max ${sorted[sorted.length - 1]?.toFixed(1)}, ` +
                    `${times.length} runs, ${shown} of ${benchCase.expected} in the DOM)`,
            );
            console.log(
                `${''.padEnd(36)}   in the DOM at ${median(domTimes).toFixed(1)} ms; ` +
                    `preview adapter alone ${median(fetchTimes).toFixed(1)} ms (stands in for Apex)`,
            );
        }
        console.log(
            `growth: relationship map 300/50 stakeholders ${ratio(results, 'relationship map, 300 stakeholders', 'relationship map, 50 stakeholders')}` +
                `, 150/50 ${ratio(results, 'relationship map, 150 stakeholders', 'relationship map, 50 stakeholders')}` +
                `; whitespace grid 40×25 vs 10×10 cells ${ratio(results, 'whitespace grid, 40×25 cells', 'whitespace grid, 10×10 cells')} (10× the cells)`,
        );
        for (const label of [
            'relationship map, 300 stakeholders',
            'whitespace grid, 40×25 cells',
            'portfolio table, 500 accounts',
            'portfolio segment chart, 500 accounts',
        ]) {
            const result = results.find((candidate) => candidate.benchCase.label === label);
            if (result) {
                const value = median(result.times);
                console.log(
                    `target: ${label} median ${value.toFixed(1)} ms ${value < TARGET_MS ? '<' : '≥'} ${TARGET_MS} ms`,
                );
            }
        }
        if (problems.length > 0)
            console.log(`bench:ui: the page reported: ${problems.join(' | ')}`);
        console.log(
            'bench:ui: median = mounting the component (its wire adapter delivers the data) to the ' +
                'second animation frame after every person / cell is in the DOM, including the ' +
                'preview adapter; LWC production mode, synthetic shadow, headless Chromium, this machine.',
        );
    } finally {
        await Promise.allSettled([browser?.close(), server?.close()]);
    }
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
});
