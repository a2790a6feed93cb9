// The render benchmark's page (npm run bench:ui builds it instead of page/main.ts): the real
// relationshipMap and whitespaceGrid over the bench's local org (the real Apex controllers, over
// the bench accounts of benchData.ts that uiBench.ts seeds there). scripts/bench/uiBench.ts
// drives `window.keystoneBench` from Chromium.
//
// One measurement: mount the component for a bench account (its wire adapter delivers the data,
// the map loads its d3 static resource the first time), find the animation frame in which it has
// drawn (the map's first cards, every row the grid renders), then the next frame (after the one
// that painted it); the time is from the mount to that frame. The server's part (the Apex call in the local org) and,
// for the map, the d3 download are reported apart.
//
// The leaders' portfolio cases mount the accounts table and the segment chart with 500 generated
// rows (benchData.ts) as properties, as keystonePortfolio hands them over: no server part.
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import type { LightningElement } from 'lwc';
import PortfolioSegmentChart from 'c/portfolioSegmentChart';
import PortfolioTable from 'c/portfolioTable';
import RelationshipMap from 'c/relationshipMap';
import WhitespaceGrid from 'c/whitespaceGrid';
import { queryRecords } from '../standins/orgApi.ts';
import {
    BENCH_PORTFOLIO_SETTINGS,
    GRID_SIZES,
    MAP_SIZES,
    PORTFOLIO_SIZES,
    benchPortfolioAccounts,
    gridName,
    organisationName,
} from './benchData.ts';

export type BenchKind = 'relationshipMap' | 'whitespaceGrid' | 'portfolioTable' | 'segmentChart';

export interface BenchCase {
    kind: BenchKind;
    label: string;
    /** The bench account the component shows (empty for the portfolio cases). */
    accountId: string;
    /** People or cells the account holds; accounts in the portfolio cases. */
    size: number;
    /** For the map: the App Builder setting "Teams shown when the map opens". */
    openBranches?: string;
    /** For a grid: its business units (rows) and products (columns). */
    rows?: number;
    columns?: number;
}

export interface BenchMeasurement {
    /** Mount → the animation frame after the one that painted it. */
    milliseconds: number;
    /** Mount → the animation frame in which it was first seen drawn. */
    domMilliseconds: number;
    /** The Apex calls made during the mount: the local org's part, over HTTP. */
    serverMilliseconds: number;
    /** The d3 static resource's download during this mount (0 when it was already loaded). */
    resourceMilliseconds: number;
    /** Cards or cells in the DOM. */
    shown: number;
}

export interface BenchApi {
    cases: BenchCase[];
    /** Mounts the case's component once and returns the render time in ms and what it showed. */
    measure(label: string): Promise<BenchMeasurement>;
}

declare global {
    interface Window {
        keystoneBench?: BenchApi;
    }
}

export const mapLabel = (count: number, open: 'as opened' | 'every team open'): string =>
    `relationship map, ${count} people (${open})`;
export const gridLabel = (rows: number, columns: number): string =>
    `whitespace grid, ${rows}×${columns} cells`;
export const portfolioTableLabel = (count: number): string =>
    `portfolio accounts table, ${count} accounts`;
export const segmentChartLabel = (count: number): string =>
    `portfolio segment chart, ${count} accounts`;

/** The bench accounts uiBench.ts seeded, by name. */
async function benchCases(): Promise<BenchCase[]> {
    const accounts = await queryRecords<{ Id: string; Name: string }>(
        "SELECT Id, Name FROM Account WHERE Name LIKE 'Bench:%'",
    );
    const idOf = (name: string): string => {
        const account = accounts.find((candidate) => candidate.Name === name);
        if (!account) throw new Error(`the bench org has no account "${name}"`);
        return account.Id;
    };
    const largest = MAP_SIZES[MAP_SIZES.length - 1];
    return [
        ...MAP_SIZES.map((count) => ({
            kind: 'relationshipMap' as const,
            label: mapLabel(count, 'as opened'),
            accountId: idOf(organisationName(count)),
            size: count,
            openBranches: 'Top levels',
        })),
        ...(largest
            ? [
                  {
                      kind: 'relationshipMap' as const,
                      label: mapLabel(largest, 'every team open'),
                      accountId: idOf(organisationName(largest)),
                      size: largest,
                      openBranches: 'Every team',
                  },
              ]
            : []),
        ...GRID_SIZES.map(([rows, columns]) => ({
            kind: 'whitespaceGrid' as const,
            label: gridLabel(rows, columns),
            accountId: idOf(gridName(rows, columns)),
            size: rows * columns,
            rows,
            columns,
        })),
        ...PORTFOLIO_SIZES.flatMap((count) => [
            {
                kind: 'portfolioTable' as const,
                label: portfolioTableLabel(count),
                accountId: '',
                size: count,
            },
            {
                kind: 'segmentChart' as const,
                label: segmentChartLabel(count),
                accountId: '',
                size: count,
            },
        ]),
    ];
}

const cases = await benchCases();

interface BenchComponent {
    tag: string;
    is: typeof LightningElement;
    apex: string;
    /** Cards or cells in the DOM. */
    shown(host: HTMLElement): number;
    /** The component has drawn everything it is going to show for this case. */
    isDrawn(host: HTMLElement, benchCase: BenchCase): boolean;
}

function canvasRoot(host: HTMLElement): ShadowRoot | null {
    return host.shadowRoot?.querySelector('c-relationship-map-canvas')?.shadowRoot ?? null;
}

/**
 * The whitespace grid draws only the rows and columns near its view, and says how many there are
 * with aria-rowcount and aria-colcount (plus the header and total rows and columns). It has drawn
 * when it declares every row and column and each row it draws has a cell per column it draws.
 */
function gridIsDrawn(host: HTMLElement, benchCase: BenchCase): boolean {
    const root = gridRoot(host);
    if (!root) return false;
    const grid = root.querySelector('[role="grid"]');
    const drawnRows = root.querySelectorAll('tbody tr.ks-row').length;
    const drawnColumns = root.querySelectorAll('thead th.ks-column-header').length;
    return (
        grid !== null &&
        Number(grid.getAttribute('aria-rowcount')) === (benchCase.rows ?? 0) + 2 &&
        Number(grid.getAttribute('aria-colcount')) === (benchCase.columns ?? 0) + 2 &&
        drawnRows > 0 &&
        drawnColumns > 0 &&
        root.querySelectorAll('td[data-key]').length === drawnRows * drawnColumns
    );
}

/** The root that holds the grid's cells: the grid's own, or its table part's. */
function gridRoot(host: HTMLElement): ShadowRoot | null {
    const own = host.shadowRoot;
    if (own?.querySelector('[role="grid"]')) return own;
    return own?.querySelector('c-whitespace-table')?.shadowRoot ?? null;
}

/** The table shows its first page of rows (portfolioTable's PAGE_SIZE) and a "show more". */
const TABLE_PAGE_SIZE = 50;
const tableRows = (host: HTMLElement): number =>
    host.shadowRoot?.querySelectorAll('tr[data-row]').length ?? 0;
const chartPoints = (host: HTMLElement): number =>
    host.shadowRoot?.querySelectorAll('circle[data-account-id]').length ?? 0;

const COMPONENTS: Record<BenchKind, BenchComponent> = {
    relationshipMap: {
        tag: 'c-relationship-map',
        is: RelationshipMap,
        apex: 'apex RelationshipMapController.getRelationshipMap',
        shown: (host) => canvasRoot(host)?.querySelectorAll('[data-node-id]').length ?? 0,
        isDrawn: (host) => (canvasRoot(host)?.querySelectorAll('[data-node-id]').length ?? 0) > 0,
    },
    whitespaceGrid: {
        tag: 'c-whitespace-grid',
        is: WhitespaceGrid,
        apex: 'apex WhitespaceGridController.getWhitespace',
        shown: (host) => gridRoot(host)?.querySelectorAll('td[data-key]').length ?? 0,
        isDrawn: gridIsDrawn,
    },
    portfolioTable: {
        tag: 'c-portfolio-table',
        is: PortfolioTable,
        apex: '',
        shown: tableRows,
        isDrawn: (host, benchCase) => tableRows(host) === Math.min(TABLE_PAGE_SIZE, benchCase.size),
    },
    segmentChart: {
        tag: 'c-portfolio-segment-chart',
        is: PortfolioSegmentChart,
        apex: '',
        shown: chartPoints,
        isDrawn: (host, benchCase) => chartPoints(host) === benchCase.size,
    },
};

/** Generated once per page: the rows are the data, not part of the render. */
const portfolioRows = new Map(
    PORTFOLIO_SIZES.map((count) => [count, benchPortfolioAccounts(count)]),
);

const nextFrame = (): Promise<number> => new Promise((resolve) => requestAnimationFrame(resolve));

/**
 * Resolves in the first animation frame in which the component has drawn: the frame that paints
 * it. Checked once a frame, not polled in between, which would take main-thread time from the
 * page being measured (and synthetic shadow hides a component's DOM from MutationObservers).
 */
async function firstDrawnFrame(isDrawn: () => boolean, timeoutMs: number): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (!isDrawn()) {
        if (performance.now() > deadline) throw new Error(`not drawn after ${timeoutMs} ms`);
        await nextFrame();
    }
}

function measuredSince(name: string, since: number): number {
    return performance
        .getEntriesByName(name, 'measure')
        .filter((entry) => entry.startTime >= since)
        .reduce((sum, entry) => sum + entry.duration, 0);
}

function resourceSince(path: string, since: number): number {
    return (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((entry) => entry.startTime >= since && new URL(entry.name).pathname === path)
        .reduce((sum, entry) => sum + entry.duration, 0);
}

async function measure(label: string): Promise<BenchMeasurement> {
    const benchCase = cases.find((candidate) => candidate.label === label);
    if (!benchCase) throw new Error(`no bench case "${label}"`);
    const component = COMPONENTS[benchCase.kind];
    const host = document.querySelector<HTMLElement>('[data-region="main"]');
    if (!host) throw new Error('the bench page has no main region');
    host.replaceChildren();
    await nextFrame();
    await nextFrame();

    const started = performance.now();
    const element: HTMLElement & {
        recordId?: string;
        openBranches?: string;
        accounts?: unknown;
        settings?: unknown;
        canDecide?: boolean;
    } = createElement(component.tag, { is: component.is });
    const rows = portfolioRows.get(benchCase.size);
    if (benchCase.kind === 'portfolioTable' || benchCase.kind === 'segmentChart') {
        element.accounts = rows;
        if (benchCase.kind === 'segmentChart') element.settings = BENCH_PORTFOLIO_SETTINGS;
        else element.canDecide = true;
    } else {
        element.recordId = benchCase.accountId;
    }
    if (benchCase.openBranches) element.openBranches = benchCase.openBranches;
    host.append(element);
    try {
        await firstDrawnFrame(() => component.isDrawn(element, benchCase), 10_000);
    } catch (error) {
        throw new Error(
            `${label}: ${(error as Error).message} (${component.shown(element)} shown)`,
        );
    }
    const domMilliseconds = performance.now() - started;
    // The frame after the one that painted it, as the peers measure.
    await nextFrame();
    const milliseconds = performance.now() - started;
    return {
        milliseconds,
        domMilliseconds,
        serverMilliseconds: measuredSince(component.apex, started),
        resourceMilliseconds:
            resourceSince('/resource/d3', started) + resourceSince('/resource/d3Scale', started),
        shown: component.shown(element),
    };
}

window.keystoneBench = { cases, measure };
