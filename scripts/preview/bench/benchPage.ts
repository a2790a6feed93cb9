// The render benchmark's page (npm run bench:ui builds it instead of page/main.ts): the real
// relationshipMap and whitespaceGrid over the preview's record store and Apex adapters, with the
// bench accounts of benchData.ts added to the store. scripts/bench/uiBench.ts drives
// `window.keystoneBench` from Chromium.
//
// One measurement: mount the component for a bench account (its wire adapter delivers the data,
// the map loads its d3 static resource the first time), find the animation frame in which it has
// drawn (the map's first cards, every row the grid renders), then the next frame (after the one
// that painted it); the time is from the mount to that frame. The adapter's part (the stand-in for the Apex call) and,
// for the map, the d3 download are reported apart.
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import type { LightningElement } from 'lwc';
import RelationshipMap from 'c/relationshipMap';
import WhitespaceGrid from 'c/whitespaceGrid';
import { CURRENT_USER_ID } from '../data/previewData.ts';
import { makeRecordId } from '../data/recordStore.ts';
import { previewStore } from '../data/session.ts';
import { GRID_SIZES, MAP_SIZES, benchGridCells, benchOrganisation } from './benchData.ts';

export type BenchKind = 'relationshipMap' | 'whitespaceGrid';

export interface BenchCase {
    kind: BenchKind;
    label: string;
    accountId: string;
    /** People or cells the account holds. */
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
    /** The Apex adapter calls made during the mount: the stand-in for the server. */
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

const BENCH_ID_BASE = 7_000_000;

export const mapLabel = (count: number, open: 'as opened' | 'every team open'): string =>
    `relationship map, ${count} people (${open})`;
export const gridLabel = (rows: number, columns: number): string =>
    `whitespace grid, ${rows}×${columns} cells`;

/** A bench account with `count` stakeholders (people only: no plan, activities or deals). */
function seedOrganisation(count: number, index: number): string {
    const { account, seed } = benchOrganisation(count, index);
    for (const seeded of seed.accounts) {
        previewStore.seed('Account', {
            ...seeded.fields,
            Id: seeded.id,
            Name: `Bench: ${count} people`,
        });
    }
    for (const record of seed.records) {
        // People only: plan, activity and opportunity ids of a one-account seed would meet the
        // sample portfolio's own.
        if (record.apiName === 'Contact') previewStore.seed('Contact', record.fields);
        if (record.apiName === 'Stakeholder__c') {
            previewStore.seed('Stakeholder__c', { ...record.fields, AccountPlan__c: null });
        }
    }
    return account.id;
}

/** A bench account with a rows × columns whitespace grid. */
function seedGrid(rows: number, columns: number, index: number): string {
    const base = BENCH_ID_BASE + index * 10_000;
    const accountId = previewStore.seed('Account', {
        Id: makeRecordId('Account', base),
        Name: `Bench: ${rows}×${columns} whitespace`,
        OwnerId: CURRENT_USER_ID,
    });
    const productIds = Array.from({ length: columns }, (_, column) =>
        previewStore.seed('Product2', {
            Id: makeRecordId('Product2', base + column),
            Name: `Bench product ${String(column + 1).padStart(2, '0')}`,
            Family: `Family ${String.fromCharCode(65 + (column % 6))}`,
            ProductCode: `BENCH-${index}-${column + 1}`,
            IsActive: true,
        }),
    );
    let sequence = base;
    for (const cell of benchGridCells(rows, columns, index)) {
        previewStore.seed('WhitespaceCell__c', {
            Id: makeRecordId('WhitespaceCell__c', sequence++),
            Account__c: accountId,
            BusinessUnit__c: cell.businessUnit,
            Product__c: productIds[cell.column] ?? null,
            Status__c: cell.status,
            EstimatedValue__c: cell.estimatedValue,
            Probability__c: cell.probability,
            Captured__c: cell.captured,
        });
    }
    return accountId;
}

const organisations = MAP_SIZES.map((count, index) => ({
    count,
    accountId: seedOrganisation(count, index),
}));
const largest = organisations[organisations.length - 1];

const cases: BenchCase[] = [
    ...organisations.map(({ count, accountId }) => ({
        kind: 'relationshipMap' as const,
        label: mapLabel(count, 'as opened'),
        accountId,
        size: count,
        openBranches: 'Top levels',
    })),
    ...(largest
        ? [
              {
                  kind: 'relationshipMap' as const,
                  label: mapLabel(largest.count, 'every team open'),
                  accountId: largest.accountId,
                  size: largest.count,
                  openBranches: 'Every team',
              },
          ]
        : []),
    ...GRID_SIZES.map(([rows, columns], index) => ({
        kind: 'whitespaceGrid' as const,
        label: gridLabel(rows, columns),
        accountId: seedGrid(rows, columns, index),
        size: rows * columns,
        rows,
        columns,
    })),
];

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
};

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
    const element: HTMLElement & { recordId?: string; openBranches?: string } = createElement(
        component.tag,
        { is: component.is },
    );
    element.recordId = benchCase.accountId;
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
        resourceMilliseconds: resourceSince('/resource/d3', started),
        shown: component.shown(element),
    };
}

window.keystoneBench = { cases, measure };
