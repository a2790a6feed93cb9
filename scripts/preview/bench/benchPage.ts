// The render benchmark's page (npm run bench:ui builds it instead of page/main.ts): the real
// relationshipMap and whitespaceGrid over the preview's record store and Apex adapters, with
// bench accounts added to the store: 50 / 150 / 300 stakeholders (the sample dataset's own
// generator, scripts/data/sampleDataset.ts) and 10×10 / 40×25 whitespace cells (a seeded
// generator here). The Key Account Portfolio's two large parts, its accounts table and its
// segment chart, are measured with 500 accounts handed to them as properties (a seeded
// generator of PortfolioController's row shape, no Apex adapter: the portfolio component itself
// needs one and is measured once the preview runs on the real Apex).
// scripts/bench/uiBench.ts drives `window.keystoneBench` from Chromium.
//
// One measurement: mount the component for a bench account (its wire adapter delivers the data),
// wait until every person is in the DOM (for the grid: every row it renders, see gridIsComplete),
// then two animation frames (the frame that paints it); the time is from the mount to that frame.
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import type { LightningElement } from 'lwc';
import RelationshipMap from 'c/relationshipMap';
import WhitespaceGrid from 'c/whitespaceGrid';
import PortfolioTable from 'c/portfolioTable';
import PortfolioSegmentChart from 'c/portfolioSegmentChart';
import type { PortfolioAccount, PortfolioSettings } from 'c/portfolioModel';
import { generateAccount, generateUsers, mulberry32 } from '../../data/sampleDataset.ts';
import { getRelationshipMap } from '../adapters/RelationshipMapController.ts';
import { getWhitespace } from '../adapters/WhitespaceGridController.ts';
import { CURRENT_USER_ID } from '../data/previewData.ts';
import { makeRecordId } from '../data/recordStore.ts';
import { seedFromPortfolio } from '../data/sampleRecords.ts';
import { previewStore } from '../data/session.ts';

export type BenchKind = 'relationshipMap' | 'whitespaceGrid' | 'portfolioTable' | 'portfolioChart';

export interface BenchCase {
    kind: BenchKind;
    label: string;
    accountId: string;
    /** People (map nodes) or cells the account holds. */
    expected: number;
    /** For a grid: its business units (rows) and products (columns). */
    rows?: number;
    columns?: number;
}

export interface BenchMeasurement {
    /** Mount → the second animation frame after everything is in the DOM. */
    milliseconds: number;
    /** Mount → every person / cell in the DOM (before the frames). */
    domMilliseconds: number;
    /**
     * The preview adapter alone (store query, JSON copy), called on its own before the mount:
     * the part of the total that stands in for the Apex call, not client rendering.
     */
    fetchMilliseconds: number;
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

const STAKEHOLDER_SIZES = [50, 150, 300];
const GRID_SIZES: [rows: number, columns: number][] = [
    [10, 10],
    [40, 25],
];
const STATUSES = ['Owned', 'In Pipeline', 'Whitespace', 'Competitor', 'Not Applicable'];
const BENCH_ID_BASE = 7_000_000;

/** A bench account with `count` stakeholders from the sample-dataset generator. */
function seedStakeholderAccount(count: number, index: number): string {
    const users = generateUsers(6);
    const account = generateAccount(
        { stakeholdersPerAccount: count, activitiesPerAccount: 0 },
        100 + index,
        users,
    );
    const seed = seedFromPortfolio({
        seed: 0,
        now: account.scoring.now ?? '2026-11-26',
        users: [],
        products: [],
        accounts: [account],
    });
    for (const seeded of seed.accounts) {
        previewStore.seed('Account', {
            ...seeded.fields,
            Id: seeded.id,
            Name: `Bench: ${count} stakeholders`,
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

/** A bench account with a rows × columns whitespace grid (seeded, so every run is the same). */
function seedGridAccount(rows: number, columns: number, index: number): string {
    const random = mulberry32(20261126 + index);
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
    for (let row = 0; row < rows; row++) {
        const businessUnit = `Business unit ${String(row + 1).padStart(2, '0')}`;
        for (const productId of productIds) {
            const status = STATUSES[Math.floor(random() * STATUSES.length)] ?? 'Whitespace';
            previewStore.seed('WhitespaceCell__c', {
                Id: makeRecordId('WhitespaceCell__c', sequence++),
                Account__c: accountId,
                BusinessUnit__c: businessUnit,
                Product__c: productId,
                Status__c: status,
                EstimatedValue__c: Math.round(20 + random() * 380) * 1000,
                Probability__c:
                    status === 'Owned' || status === 'Not Applicable'
                        ? null
                        : Math.round(5 + random() * 65),
                Captured__c: status === 'Owned' && random() < 0.35,
            });
        }
    }
    return accountId;
}

const PORTFOLIO_SIZE = 500;
const SEGMENTS = ['Invest', 'Protect', 'Develop', 'Maintain'];
const BANDS = ['Healthy', 'Watch', 'At Risk'];

/** 500 portfolio rows in PortfolioController's shape, seeded so every run is the same. */
function portfolioAccounts(count: number): PortfolioAccount[] {
    const random = mulberry32(20261127);
    return Array.from({ length: count }, (_, index) => {
        const id = makeRecordId('Account', 8_000_000 + index);
        const score = Math.round(30 + random() * 70);
        const health = Math.round(20 + random() * 80);
        return {
            id,
            name: `Bench account ${String(index + 1).padStart(3, '0')}`,
            ownerId: `005BENCH${String(index % 12).padStart(10, '0')}`,
            ownerName: `Manager ${(index % 12) + 1}`,
            ultimateParentId: id,
            ultimateParentName: `Bench account ${String(index + 1).padStart(3, '0')}`,
            tier: score >= 75 ? 'Tier 1' : score >= 60 ? 'Tier 2' : 'Tier 3',
            suggestedTier: score >= 75 ? 'Tier 1' : 'Tier 2',
            hasPendingSuggestion: random() < 0.2,
            score,
            segment: SEGMENTS[index % 4] ?? 'Invest',
            planId: makeRecordId('AccountPlan__c', 8_000_000 + index),
            healthScore: health,
            healthBand: BANDS[index % 3] ?? 'Watch',
            healthChangeSinceReview: Math.round((random() - 0.5) * 20),
            trend: Array.from({ length: 12 }, (_, point) => ({
                day: `2026-${String(1 + (point % 12)).padStart(2, '0')}-01`,
                score: Math.round(20 + random() * 80),
            })),
            coverageDepth: Math.round(random() * 100),
            engagedStakeholders: Math.round(random() * 10),
            relevantStakeholders: 10,
            singleThreaded: random() < 0.1,
            netRevenueRetention: Math.round(80 + random() * 50),
            revenue12Months: Math.round(random() * 2_000_000),
            revenuePrior12Months: Math.round(random() * 2_000_000),
            lastReviewedDate: '2026-10-01',
            nextReviewDate: '2026-12-01',
            freshness: ['Current', 'Overdue', 'Stale'][index % 3] ?? 'Current',
            openSignals: Math.round(random() * 3),
            renewalAtRisk: random() < 0.05,
            whitespaceIdentified: Math.round(random() * 1_500_000),
            whitespaceCaptured: Math.round(random() * 300_000),
            whitespaceOpen: Math.round(random() * 1_200_000),
        };
    });
}

const PORTFOLIO_SETTINGS: PortfolioSettings = {
    tier1MinPerManager: 3,
    tier1MaxPerManager: 10,
    segmentRevenueMin: 50,
    segmentPotentialMin: 50,
    revenueFullScoreAt: 1_000_000,
    potentialFullScoreAt: 1_000_000,
    decidableTiers: ['Tier 1', 'Tier 2', 'Tier 3', 'Not a key account'],
    healthyMin: 70,
    watchMin: 45,
};
const portfolio = portfolioAccounts(PORTFOLIO_SIZE);

const cases: BenchCase[] = [
    ...STAKEHOLDER_SIZES.map((count, index) => ({
        kind: 'relationshipMap' as const,
        label: `relationship map, ${count} stakeholders`,
        accountId: seedStakeholderAccount(count, index),
        expected: count,
    })),
    ...GRID_SIZES.map(([rows, columns], index) => ({
        kind: 'whitespaceGrid' as const,
        label: `whitespace grid, ${rows}×${columns} cells`,
        accountId: seedGridAccount(rows, columns, index),
        expected: rows * columns,
        rows,
        columns,
    })),
    {
        kind: 'portfolioTable' as const,
        label: `portfolio table, ${PORTFOLIO_SIZE} accounts`,
        accountId: '',
        // The table draws its first page (50 rows) and pages the rest.
        expected: 50,
    },
    {
        kind: 'portfolioChart' as const,
        label: `portfolio segment chart, ${PORTFOLIO_SIZE} accounts`,
        accountId: '',
        expected: PORTFOLIO_SIZE,
    },
];

interface BenchComponent {
    tag: string;
    is: typeof LightningElement;
    item: string;
    fetch(accountId: string): Promise<unknown>;
    /** Public properties to set before mounting (components that take their data directly). */
    props?: Record<string, unknown>;
    /** The component has rendered everything it is going to show for this case. */
    isComplete(root: ShadowRoot, benchCase: BenchCase, shown: number): boolean;
}

/**
 * The whitespace grid windows its rows: a large grid renders only the rows near its viewport,
 * and says how many rows there are with aria-rowcount (body rows + header + footer). It is done
 * when it declares every row and each row it renders has all its cells.
 */
function gridIsComplete(root: ShadowRoot, benchCase: BenchCase, shown: number): boolean {
    const rows = benchCase.rows ?? 0;
    const columns = benchCase.columns ?? 0;
    const grid = root.querySelector('[role="grid"]');
    const renderedRows = root.querySelectorAll('tbody tr.ks-row').length;
    return (
        grid !== null &&
        Number(grid.getAttribute('aria-rowcount')) === rows + 2 &&
        renderedRows > 0 &&
        shown === renderedRows * columns
    );
}

const COMPONENTS: Record<BenchKind, BenchComponent> = {
    relationshipMap: {
        tag: 'c-relationship-map',
        is: RelationshipMap,
        item: '[data-node-id]',
        fetch: (accountId) => getRelationshipMap({ accountId }),
        isComplete: (_root, benchCase, shown) => shown >= benchCase.expected,
    },
    whitespaceGrid: {
        tag: 'c-whitespace-grid',
        is: WhitespaceGrid,
        item: 'td[data-key]',
        fetch: (accountId) => getWhitespace({ accountId }),
        isComplete: gridIsComplete,
    },
    portfolioTable: {
        tag: 'c-portfolio-table',
        is: PortfolioTable,
        item: 'tr[data-row]',
        fetch: () => Promise.resolve(portfolio),
        props: { accounts: portfolio, groups: [], canDecide: true },
        isComplete: (_root, benchCase, shown) => shown >= benchCase.expected,
    },
    portfolioChart: {
        tag: 'c-portfolio-segment-chart',
        is: PortfolioSegmentChart,
        item: 'circle[data-account-id]',
        fetch: () => Promise.resolve(portfolio),
        props: { accounts: portfolio, settings: PORTFOLIO_SETTINGS },
        isComplete: (_root, benchCase, shown) => shown >= benchCase.expected,
    },
};

const nextFrame = (): Promise<number> => new Promise((resolve) => requestAnimationFrame(resolve));

/** Yields to the event loop (a task, not a frame), so polling does not add a frame per check. */
function nextTask(): Promise<void> {
    return new Promise((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve();
        channel.port2.postMessage(null);
    });
}

async function measure(label: string): Promise<BenchMeasurement> {
    const benchCase = cases.find((candidate) => candidate.label === label);
    if (!benchCase) throw new Error(`no bench case "${label}"`);
    const { tag, is, item, fetch, isComplete, props } = COMPONENTS[benchCase.kind];
    const host = document.querySelector<HTMLElement>('[data-region="main"]');
    if (!host) throw new Error('the bench page has no main region');
    host.replaceChildren();
    const fetchStarted = performance.now();
    await fetch(benchCase.accountId);
    const fetchMilliseconds = performance.now() - fetchStarted;
    await nextFrame();
    await nextFrame();

    const started = performance.now();
    const element: HTMLElement & { recordId?: string } = createElement(tag, { is });
    if (props) Object.assign(element, props);
    else element.recordId = benchCase.accountId;
    host.append(element);
    const shown = (): number => element.shadowRoot?.querySelectorAll(item).length ?? 0;
    const complete = (): boolean =>
        element.shadowRoot ? isComplete(element.shadowRoot, benchCase, shown()) : false;
    const deadline = started + 10_000;
    while (!complete()) {
        if (performance.now() > deadline) {
            throw new Error(`${label}: ${shown()} of ${benchCase.expected} shown after 10 s`);
        }
        await nextTask();
    }
    const domMilliseconds = performance.now() - started;
    await nextFrame();
    await nextFrame();
    const milliseconds = performance.now() - started;
    return { milliseconds, domMilliseconds, fetchMilliseconds, shown: shown() };
}

window.keystoneBench = { cases, measure };
