// `npm run bench:ui`: how fast the relationship map, the whitespace grid and the leaders'
// portfolio (accounts table and segment chart, 500 accounts) draw in headless Chromium, cold and
// warm, beside open-source peers in the same browser session.
//
//   cold  a fresh browser context, the page loaded, then the FIRST mount: what a user sees when
//         they open a record (for the map that includes fetching its d3 static resource)
//   warm  the same page, mounted again (the code is compiled and the resource cached)
//
// Peers (scripts/bench/peers, its own npm package, installed here on first use and never by the
// root npm ci): d3-org-chart for the map; ag-grid-community and a plain d3 SVG matrix for the
// grid. They draw the same people and cells (scripts/preview/bench/benchData.ts), each render
// timed the same way: start → drawn → two animation frames. Rounds interleave every case so drift
// of the machine spreads evenly. The preview's Apex adapter (the server's stand-in) is reported
// apart from Keystone's render. The portfolio cases get 500 generated rows as properties
// (benchData.ts), so they have no server part and no peer. Figures only: nothing is asserted.
//   npx tsx scripts/bench/uiBench.ts [--rounds 7] [--warm 5] [--only text]
//   (--only: the Keystone cases whose label contains text, and their peers)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH } from '../../e2e/browser.ts';
import { PROJECT_ROOT } from '../lib/projectPaths.ts';
import type { BenchApi, BenchMeasurement } from '../preview/bench/benchPage.ts';
import {
    GRID_SIZES,
    MAP_SIZES,
    PORTFOLIO_SIZES,
    benchGridCells,
    benchOrganisation,
    peerPeople,
} from '../preview/bench/benchData.ts';
import { buildPreview } from '../preview/buildPreview.ts';
import { PREVIEW_BUILD_DIR, PREVIEW_DIR } from '../preview/paths.ts';
import { startBenchOrg } from '../preview/bench/benchOrg.ts';
import type { PreviewOrg } from '../preview/org/previewOrg.ts';
import { startPreviewServer } from '../preview/server.ts';
import type { PreviewServer } from '../preview/server.ts';

const TARGET_MS = 100;
const PEERS_DIR = join(PROJECT_ROOT, 'scripts', 'bench', 'peers');
/** Inside the preview's (gitignored) build directory. */
const BENCH_BUILD_DIR = join(PREVIEW_BUILD_DIR, 'bench');
const VIEWPORT = { width: 1280, height: 900 };

function option(name: string, fallback: number, minimum: number): number {
    const index = process.argv.indexOf(`--${name}`);
    const value = index > 0 ? Number(process.argv[index + 1]) : fallback;
    return Math.max(minimum, Number.isFinite(value) ? value : fallback);
}

const ROUNDS = option('rounds', 7, 3);
const WARM_RUNS = option('warm', 5, 1);
const ONLY = ((): string => {
    const index = process.argv.indexOf('--only');
    return index > 0 ? (process.argv[index + 1] ?? '') : '';
})();

// ------------------------------------------------------------------ cases

interface PeerCase {
    label: string;
    page: string;
    data: unknown;
}

interface Comparison {
    product: string;
    peers: string[];
}

const mapLabel = (count: number, open: string): string =>
    `relationship map, ${count} people (${open})`;
const gridLabel = (rows: number, columns: number): string =>
    `whitespace grid, ${rows}×${columns} cells`;
const portfolioTableLabel = (count: number): string =>
    `portfolio accounts table, ${count} accounts`;
const segmentChartLabel = (count: number): string => `portfolio segment chart, ${count} accounts`;

function peerCases(): PeerCase[] {
    const cases: PeerCase[] = [];
    MAP_SIZES.forEach((count, index) => {
        const people = peerPeople(benchOrganisation(count, index));
        cases.push({
            label: `d3-org-chart, ${count} people (as opened)`,
            page: 'orgchart.html',
            data: { people, expandAll: false },
        });
        if (index === MAP_SIZES.length - 1) {
            cases.push({
                label: `d3-org-chart, ${count} people (every team open)`,
                page: 'orgchart.html',
                data: { people, expandAll: true },
            });
        }
    });
    GRID_SIZES.forEach(([rows, columns], index) => {
        const data = { rows, columns, cells: benchGridCells(rows, columns, index) };
        cases.push({ label: `ag-grid, ${rows}×${columns}`, page: 'grid.html', data });
        cases.push({ label: `d3 SVG matrix, ${rows}×${columns}`, page: 'matrix.html', data });
    });
    return cases;
}

function comparisons(): Comparison[] {
    const largest = MAP_SIZES[MAP_SIZES.length - 1] ?? 300;
    return [
        ...MAP_SIZES.map((count) => ({
            product: mapLabel(count, 'as opened'),
            peers: [`d3-org-chart, ${count} people (as opened)`],
        })),
        {
            product: mapLabel(largest, 'every team open'),
            peers: [`d3-org-chart, ${largest} people (every team open)`],
        },
        ...GRID_SIZES.map(([rows, columns]) => ({
            product: gridLabel(rows, columns),
            peers: [`ag-grid, ${rows}×${columns}`, `d3 SVG matrix, ${rows}×${columns}`],
        })),
        ...PORTFOLIO_SIZES.flatMap((count) => [
            { product: portfolioTableLabel(count), peers: [] },
            { product: segmentChartLabel(count), peers: [] },
        ]),
    ].filter((pair) => pair.product.includes(ONLY));
}

// ------------------------------------------------------------------ serving the peers

const CONTENT_TYPES: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.json': 'application/json; charset=utf-8',
};

function servePeers(): Promise<{ url: string; server: Server }> {
    const server = createServer((request, response) => {
        const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
        const file = normalize(join(PEERS_DIR, pathname));
        if (!file.startsWith(PEERS_DIR + sep) || !existsSync(file) || !statSync(file).isFile()) {
            response.writeHead(404).end();
            return;
        }
        response.writeHead(200, {
            'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
            'cache-control': 'no-store',
        });
        response.end(readFileSync(file));
    });
    return new Promise((resolve) => {
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address() as AddressInfo;
            resolve({ url: `http://127.0.0.1:${port}/`, server });
        });
    });
}

/** The peers are their own npm package, installed the first time they are needed. */
function ensurePeersInstalled(): void {
    if (existsSync(join(PEERS_DIR, 'node_modules', 'd3-org-chart'))) return;
    console.log('bench:ui: installing the peers (scripts/bench/peers, npm ci) …');
    const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
        cwd: PEERS_DIR,
        stdio: 'inherit',
    });
    if (result.status !== 0) throw new Error('npm ci in scripts/bench/peers failed');
}

// ------------------------------------------------------------------ sampling

interface Sample {
    total: number;
    server: number;
    resource: number;
    shown: number;
}

interface Samples {
    cold: Sample[];
    warm: Sample[];
    note: string;
}

function productSample(measured: BenchMeasurement): Sample {
    return {
        total: measured.milliseconds,
        server: measured.serverMilliseconds,
        resource: measured.resourceMilliseconds,
        shown: measured.shown,
    };
}

async function sampleProduct(
    browser: Browser,
    url: string,
    label: string,
    problems: string[],
): Promise<{ cold: Sample; warm: Sample[] }> {
    const context: BrowserContext = await browser.newContext({ viewport: VIEWPORT });
    try {
        const page = await context.newPage();
        page.on('pageerror', (error) => problems.push(`${label}: ${error.message}`));
        page.on('console', (message) => {
            if (message.type() === 'error') problems.push(`${label}: ${message.text()}`);
        });
        await page.goto(url);
        await page.waitForFunction(() => window.keystoneBench !== undefined, undefined, {
            timeout: 30_000,
        });
        const run = (): Promise<BenchMeasurement> =>
            page.evaluate((name) => (window.keystoneBench as BenchApi).measure(name), label);
        const cold = productSample(await run());
        const warm: Sample[] = [];
        for (let index = 0; index < WARM_RUNS; index++) warm.push(productSample(await run()));
        return { cold, warm };
    } finally {
        await context.close();
    }
}

interface PeerResult {
    renderMs: number;
    count: number;
    note?: string;
}

async function samplePeer(
    browser: Browser,
    url: string,
    peer: PeerCase,
    problems: string[],
): Promise<{ cold: Sample; warm: Sample[]; note: string }> {
    const context = await browser.newContext({ viewport: VIEWPORT });
    try {
        await context.addInitScript((data) => {
            (window as unknown as { __benchData: unknown }).__benchData = data;
        }, peer.data);
        const page = await context.newPage();
        page.on('pageerror', (error) => problems.push(`${peer.label}: ${error.message}`));
        await page.goto(`${url}pages/${peer.page}`);
        await page.waitForFunction(() => 'peerBench' in window, undefined, { timeout: 30_000 });
        const run = async (): Promise<PeerResult> =>
            page.evaluate(() =>
                (
                    window as unknown as { peerBench: { render(): Promise<PeerResult> } }
                ).peerBench.render(),
            );
        const asSample = (result: PeerResult): Sample => ({
            total: result.renderMs,
            server: 0,
            resource: 0,
            shown: result.count,
        });
        const first = await run();
        const warm: Sample[] = [];
        for (let index = 0; index < WARM_RUNS; index++) warm.push(asSample(await run()));
        return { cold: asSample(first), warm, note: first.note ?? '' };
    } finally {
        await context.close();
    }
}

// ------------------------------------------------------------------ report

/** "2.59× faster" or "1.39× slower": the peer's time over ours, said the way round it is. */
function compared(theirs: number, ours: number): string {
    return theirs >= ours
        ? `${(theirs / ours).toFixed(2)}× faster`
        : `${(ours / theirs).toFixed(2)}× slower`;
}

function median(values: number[]): number {
    if (values.length === 0) return Number.NaN;
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2
        ? (sorted[middle] ?? 0)
        : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const ms = (value: number): string => `${value.toFixed(0)} ms`;

function render(samples: Sample[]): number {
    return median(samples.map((sample) => sample.total - sample.server));
}

async function main(): Promise<void> {
    if (!existsSync(CHROMIUM_PATH)) {
        throw new Error(
            `no Chromium at ${CHROMIUM_PATH}; run scripts/setup/ensureTools.sh --with-chromium`,
        );
    }
    ensurePeersInstalled();
    const built = await buildPreview({
        entry: join(PREVIEW_DIR, 'bench', 'benchPage.ts'),
        outDir: BENCH_BUILD_DIR,
        nodeEnv: 'production',
    });
    console.log(`bench:ui: bench page built in ${(built.milliseconds / 1000).toFixed(1)} s`);

    const pairs = comparisons();
    if (pairs.length === 0) throw new Error(`no bench case contains "${ONLY}"`);
    const wantedPeers = new Set(pairs.flatMap((pair) => pair.peers));
    const peers = peerCases().filter((peer) => wantedPeers.has(peer.label));
    const productLabels = pairs.map((pair) => pair.product);
    const results = new Map<string, Samples>();
    const add = (label: string, cold: Sample, warm: Sample[], note = ''): void => {
        const entry = results.get(label) ?? { cold: [], warm: [], note };
        entry.cold.push(cold);
        entry.warm.push(...warm);
        results.set(label, entry);
    };
    const problems: string[] = [];

    let benchOrg: PreviewOrg | undefined;
    let product: PreviewServer | undefined;
    let peerServer: Server | undefined;
    let browser: Browser | undefined;
    try {
        benchOrg = await startBenchOrg();
        product = await startPreviewServer({
            port: 0,
            buildDir: BENCH_BUILD_DIR,
            org: {
                url: benchOrg.url,
                token: benchOrg.previewToken,
                userId: benchOrg.previewUserId,
            },
        });
        const served = await servePeers();
        peerServer = served.server;
        browser = await chromium.launch({
            executablePath: CHROMIUM_PATH,
            headless: true,
            args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
        });
        // Round 0 warms the machine (disk cache, the browser's own start) and is not counted.
        for (let round = 0; round <= ROUNDS; round++) {
            for (const label of productLabels) {
                const { cold, warm } = await sampleProduct(browser, product.url, label, problems);
                if (round > 0) add(label, cold, warm);
            }
            for (const peer of peers) {
                const { cold, warm, note } = await samplePeer(browser, served.url, peer, problems);
                if (round > 0) add(peer.label, cold, warm, note);
            }
            process.stderr.write(`bench:ui: round ${round} of ${ROUNDS} done\n`);
        }
    } finally {
        await Promise.allSettled([
            browser?.close(),
            product?.close(),
            benchOrg?.close(),
            new Promise((resolve) => peerServer?.close(resolve) ?? resolve(undefined)),
        ]);
    }

    console.log(
        `\nChromium ${CHROMIUM_PATH}, viewport ${VIEWPORT.width}×${VIEWPORT.height}; ${ROUNDS} rounds, ` +
            `each a fresh browser context: 1 cold mount then ${WARM_RUNS} warm ones; medians.`,
    );
    console.log(
        'Keystone: mount → the frame after the one that painted it; the Apex adapter (the ' +
            "preview's stand-in for the server) is taken out of the figure and shown apart.",
    );
    console.log(
        'Peers: render call → the frame after the one that painted it (their library already ' +
            'parsed; Keystone fetches its d3 inside the cold figure).\n',
    );
    for (const pair of pairs) {
        const mine = results.get(pair.product);
        if (!mine) continue;
        const cold = render(mine.cold);
        const warm = render(mine.warm);
        const resource = median(mine.cold.map((sample) => sample.resource));
        const shown = median(mine.cold.map((sample) => sample.shown));
        console.log(`${pair.product}`);
        console.log(
            `  Keystone: cold ${ms(cold)}, warm ${ms(warm)}` +
                (pair.peers.length === 0 && pair.product.startsWith('portfolio')
                    ? '   (no server part: generated rows given as properties'
                    : `   (apart: the server — the Apex in the local org, over HTTP — ${median(mine.cold.map((s) => s.server)).toFixed(1)} ms cold, ` +
                      `${median(mine.warm.map((s) => s.server)).toFixed(1)} ms warm`) +
                `${resource > 0 ? `; inside the cold figure: the d3 download, ${resource.toFixed(1)} ms` : ''}; ` +
                `${shown} in the DOM)`,
        );
        for (const label of pair.peers) {
            const theirs = results.get(label);
            if (!theirs) continue;
            const peerCold = median(theirs.cold.map((sample) => sample.total));
            const peerWarm = median(theirs.warm.map((sample) => sample.total));
            const peerShown = median(theirs.cold.map((sample) => sample.shown));
            console.log(
                `  ${label}: cold ${ms(peerCold)}, warm ${ms(peerWarm)}` +
                    `   → Keystone ${compared(peerCold, cold)} cold, ` +
                    `${compared(peerWarm, warm)} warm (${peerShown} in the DOM)`,
            );
        }
    }
    console.log('');
    for (const pair of pairs) {
        const mine = results.get(pair.product);
        if (!mine) continue;
        const warm = render(mine.warm);
        console.log(
            `target: ${pair.product} warm ${warm.toFixed(1)} ms ${warm < TARGET_MS ? '<' : '≥'} ${TARGET_MS} ms`,
        );
    }
    if (problems.length > 0) console.log(`\nbench:ui: the pages reported: ${problems.join(' | ')}`);
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
});
