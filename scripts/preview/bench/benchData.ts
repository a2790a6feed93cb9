// The data `npm run bench:ui` renders, in one place: uiBench.ts seeds it into the bench's local
// org (the bench accounts as a sample portfolio through org:seed's path, the grids' products and
// cells after it) for Keystone's components, and hands the same people and cells to the
// open-source peers it compares them with. Browser-safe (no Node APIs), deterministic.
import {
    generateAccount,
    generateProducts,
    generateUsers,
    mulberry32,
} from '../../data/sampleDataset.ts';
import type { SampleAccount, SamplePortfolio } from '../../data/sampleDataset.ts';
import type { PortfolioAccount, PortfolioSettings } from 'c/portfolioModel';

export const BENCH_TODAY = '2026-11-26';
export const MAP_SIZES = [50, 150, 300];
export const GRID_SIZES: [rows: number, columns: number][] = [
    [10, 10],
    [40, 25],
];
export const STATUSES = ['Owned', 'In Pipeline', 'Whitespace', 'Competitor', 'Not Applicable'];

export interface BenchOrganisation {
    account: SampleAccount;
}

/** The bench account's name: the bench page finds its accounts by it. */
export const organisationName = (count: number): string => `Bench: ${count} people`;
export const gridName = (rows: number, columns: number): string =>
    `Bench: ${rows}×${columns} whitespace`;

/** A bench account with `count` stakeholders, from the sample dataset's own generator. */
export function benchOrganisation(count: number, index: number): BenchOrganisation {
    const account = generateAccount(
        { stakeholdersPerAccount: count, activitiesPerAccount: 0, now: BENCH_TODAY },
        100 + index,
        generateUsers(6),
    );
    // People are what the map draws; the sample's signals are left out (the generator may
    // give one account two open signals of a kind, which Keystone's validation rule refuses).
    return {
        account: {
            ...account,
            name: organisationName(count),
            scoring: { ...account.scoring, signals: [] },
        },
    };
}

/** The bench organisations as one sample portfolio, for the seed. */
export function benchPortfolio(): SamplePortfolio {
    return {
        seed: 7_000,
        now: BENCH_TODAY,
        users: generateUsers(6),
        products: generateProducts(),
        accounts: MAP_SIZES.map((count, index) => benchOrganisation(count, index).account),
    };
}

/** One person as a peer org chart draws it: the facts Keystone's card shows, as text. */
export interface PeerPerson {
    id: string;
    parentId: string | null;
    name: string;
    title: string;
    role: string;
    sentiment: string;
    strength: string;
    lastContact: string;
    owner: string;
}

/** The bench organisation's people for a peer: one tree, as the sample's reporting lines make it. */
export function peerPeople(organisation: BenchOrganisation): PeerPerson[] {
    const users = new Map(generateUsers(6).map((user) => [user.id, user.name]));
    const { account } = organisation;
    const contacts = new Map(account.contacts.map((contact) => [contact.id, contact]));
    const stakeholders = account.scoring.stakeholders ?? [];
    // A person reports to the stakeholder of their contact's manager, as on the map.
    const stakeholderOfContact = new Map(
        stakeholders.map((stakeholder) => [stakeholder.contactId, stakeholder.id]),
    );
    return stakeholders.map((stakeholder) => {
        const contact = stakeholder.contactId ? contacts.get(stakeholder.contactId) : undefined;
        const managerContact = contact?.reportsToId ?? null;
        const owner = stakeholder.internalOwnerId;
        return {
            id: String(stakeholder.id),
            parentId: managerContact ? (stakeholderOfContact.get(managerContact) ?? null) : null,
            name: String(stakeholder.name ?? ''),
            title: contact?.title ?? '',
            role: stakeholder.buyingRole ?? 'No buying role',
            sentiment: stakeholder.sentiment ?? 'Unknown',
            strength: stakeholder.relationshipStrength ?? 'Strength not set',
            lastContact: 'no contact logged',
            owner: owner ? `Owner: ${users.get(owner) ?? ''}` : 'No owner on our side',
        };
    });
}

export interface BenchCell {
    row: number;
    column: number;
    businessUnit: string;
    product: string;
    status: string;
    estimatedValue: number;
    probability: number | null;
    captured: boolean;
}

/** A rows × columns whitespace grid (seeded, so every run is the same). */
export function benchGridCells(rows: number, columns: number, index: number): BenchCell[] {
    const random = mulberry32(20261126 + index);
    const cells: BenchCell[] = [];
    for (let row = 0; row < rows; row++) {
        for (let column = 0; column < columns; column++) {
            const status = STATUSES[Math.floor(random() * STATUSES.length)] ?? 'Whitespace';
            const estimatedValue = Math.round(20 + random() * 380) * 1000;
            const probability =
                status === 'Owned' || status === 'Not Applicable'
                    ? null
                    : Math.round(5 + random() * 65);
            cells.push({
                row,
                column,
                businessUnit: `Business unit ${String(row + 1).padStart(2, '0')}`,
                product: `Bench product ${String(column + 1).padStart(2, '0')}`,
                status,
                estimatedValue,
                probability,
                captured: status === 'Owned' && random() < 0.35,
            });
        }
    }
    return cells;
}

// ---------------------------------------------------------------- the leaders' portfolio

/** Accounts in the portfolio cases (issue 18: 500 accounts inside the 100 ms budget). */
export const PORTFOLIO_SIZES = [500];
const PORTFOLIO_TIERS = ['Tier 1', 'Tier 2', 'Tier 3', null];
const PORTFOLIO_SEGMENTS = ['Invest', 'Protect', 'Develop', 'Maintain'];
const PORTFOLIO_BANDS = ['Healthy', 'Watch', 'At Risk'];
const PORTFOLIO_FRESHNESS = ['Fresh', 'Due', 'Stale'];

/**
 * `count` portfolio rows in the shape PortfolioController.getPortfolio answers (one per account,
 * with a plan, health trend, revenue and whitespace), handed to the table and the chart as
 * properties: seeding 500 planned accounts through the triggers into the bench org would take
 * minutes on this machine. Values are random but plausible; no Keystone rule computes them.
 */
export function benchPortfolioAccounts(count: number): PortfolioAccount[] {
    const random = mulberry32(500 + count);
    const pick = <T>(values: T[]): T => values[Math.floor(random() * values.length)] as T;
    const managers = Array.from({ length: 12 }, (_, index) => ({
        id: `005BENCH${String(index).padStart(10, '0')}`,
        name: `Bench manager ${index + 1}`,
    }));
    return Array.from({ length: count }, (_, index) => {
        const id = `001BENCH${String(index).padStart(10, '0')}`;
        const manager = pick(managers);
        const tier = pick(PORTFOLIO_TIERS);
        const health = Math.round(30 + random() * 70);
        const revenue = Math.round(50_000 + random() * 2_000_000);
        const identified = Math.round(random() * 1_500_000);
        const captured = Math.round(identified * random() * 0.6);
        return {
            id,
            name: `Bench portfolio account ${String(index + 1).padStart(3, '0')}`,
            ownerId: manager.id,
            ownerName: manager.name,
            ultimateParentId: id,
            ultimateParentName: null,
            tier,
            isKeyAccount: tier !== null,
            suggestedTier: pick(PORTFOLIO_TIERS),
            hasPendingSuggestion: random() < 0.3,
            score: Math.round(random() * 100),
            segment: pick(PORTFOLIO_SEGMENTS),
            planId: `a00BENCH${String(index).padStart(10, '0')}`,
            healthScore: health,
            healthBand: pick(PORTFOLIO_BANDS),
            healthTrend: pick(['Improving', 'Stable', 'Declining']),
            trend: Array.from({ length: 12 }, (_, point) => ({
                day: `2026-${String(point + 1).padStart(2, '0')}-01`,
                score: Math.max(0, Math.min(100, health + Math.round((random() - 0.5) * 20))),
            })),
            coverageDepth: Math.round(random() * 100),
            engagedStakeholders: Math.round(random() * 12),
            relevantStakeholders: 12,
            singleThreaded: random() < 0.15,
            netRevenueRetention: Math.round(70 + random() * 60),
            grossRevenueRetention: Math.round(70 + random() * 30),
            retentionBand: pick(['Best in class', 'Healthy', 'Below target']),
            revenue12Months: revenue,
            revenuePrior12Months: Math.round(revenue * (0.7 + random() * 0.6)),
            openPipeline: Math.round(random() * 1_000_000),
            lastReviewedDate: '2026-09-01',
            nextReviewDate: '2026-12-01',
            freshness: pick(PORTFOLIO_FRESHNESS),
            openSignals: Math.floor(random() * 4),
            renewalAtRisk: random() < 0.1,
            whitespaceIdentified: identified,
            whitespaceCaptured: captured,
            whitespaceOpen: identified - captured,
        };
    });
}

/** Settings in getPortfolio's shape: issue 18's default capacity (3–10 Tier 1 per manager). */
export const BENCH_PORTFOLIO_SETTINGS: PortfolioSettings = {
    tier1MinPerManager: 3,
    tier1MaxPerManager: 10,
    segmentRevenueMin: 50,
    segmentPotentialMin: 50,
    revenueFullScoreAt: null,
    potentialFullScoreAt: null,
    decidableTiers: ['Tier 1', 'Tier 2', 'Tier 3'],
    healthyMin: 70,
    watchMin: 40,
};
