// The Key Account Portfolio's data (PortfolioController.cls DTOs) and the pure functions its
// components share. Every rule comes from the server (tiers, freshness, capacity, roll-ups);
// this module only filters, orders, groups, counts and formats what the server sent.

/** PortfolioController.TrendPoint */
export interface TrendPoint {
    day: string;
    score: number;
}

/** PortfolioController.PortfolioAccount */
export interface PortfolioAccount {
    id: string;
    name: string;
    ownerId: string;
    ownerName?: string | null;
    parentId?: string | null;
    ultimateParentId: string;
    ultimateParentName?: string | null;
    tier?: string | null;
    isKeyAccount?: boolean;
    suggestedTier?: string | null;
    hasPendingSuggestion?: boolean;
    score?: number | null;
    segment?: string | null;
    scoredAt?: string | null;
    planId?: string | null;
    healthScore?: number | null;
    healthBand?: string | null;
    healthTrend?: string | null;
    healthAtLastReview?: number | null;
    healthChangeSinceReview?: number | null;
    trend?: TrendPoint[];
    coverageDepth?: number | null;
    engagedStakeholders?: number | null;
    relevantStakeholders?: number | null;
    singleThreaded?: boolean;
    netRevenueRetention?: number | null;
    grossRevenueRetention?: number | null;
    retentionBand?: string | null;
    retentionBase?: number | null;
    retentionNetChange?: number | null;
    buyingGroupSize?: number | null;
    buyingGroupSeats?: number | null;
    buyingRolesFilled?: number | null;
    buyingRolesRequired?: number | null;
    revenue12Months?: number | null;
    revenuePrior12Months?: number | null;
    openPipeline?: number | null;
    lastReviewedDate?: string | null;
    nextReviewDate?: string | null;
    freshness?: string | null;
    openSignals?: number | null;
    nextRenewalDate?: string | null;
    renewalAtRisk?: boolean;
    whitespaceIdentified?: number | null;
    whitespaceCaptured?: number | null;
    whitespaceOpen?: number | null;
}

/** PortfolioController.CapacityRow */
export interface CapacityRow {
    managerId: string;
    managerName?: string | null;
    tier1Count: number;
    keyAccountCount: number;
    status: string;
}

/** HierarchyRollup.Rollup */
export interface Rollup {
    accounts: number;
    accountsWithPlan: number;
    revenue12Months: number;
    revenuePrior12Months: number;
    revenueChangePercent?: number | null;
    netRevenueRetention?: number | null;
    grossRevenueRetention?: number | null;
    retentionBase?: number;
    accountsWithNetRevenueRetention: number;
    accountsWithoutNetRevenueRetention?: number;
    whitespaceIdentified: number;
    whitespaceCaptured: number;
    capturePercent?: number | null;
    engagedStakeholders: number;
    relevantStakeholders: number;
    buyingGroupSeats?: number;
    buyingRolesFilled?: number;
    buyingRolesRequired?: number;
    coveragePercent?: number | null;
}

/** PortfolioController.TierRollup */
export interface TierRollup {
    tier: string;
    rollup: Rollup;
}

/** PortfolioController.GroupView */
export interface GroupView {
    ultimateParentId: string;
    name?: string | null;
    accountIds: string[];
    rollup: Rollup;
}

/** PortfolioController.RunView */
export interface RunView {
    id: string;
    name?: string | null;
    status?: string | null;
    startedAt?: string | null;
    finishedAt?: string | null;
    accountsScored?: number | null;
    suggestionsChanged?: number | null;
    failures?: number | null;
    message?: string | null;
}

/** PortfolioController.PortfolioSettings */
export interface PortfolioSettings {
    tier1MinPerManager: number;
    tier1MaxPerManager: number;
    segmentRevenueMin: number;
    segmentPotentialMin: number;
    revenueFullScoreAt?: number | null;
    potentialFullScoreAt?: number | null;
    decidableTiers: string[];
    healthyMin: number;
    watchMin: number;
}

export interface Option {
    value: string;
    label: string;
}

/** PortfolioController.PortfolioView */
export interface PortfolioData {
    today: string;
    teamId?: string | null;
    scopeLabel?: string | null;
    teams: Option[];
    managers: Option[];
    accounts: PortfolioAccount[];
    truncated?: boolean;
    accountLimit?: number;
    capacity: CapacityRow[];
    groups: GroupView[];
    programme?: Rollup | null;
    tiers?: TierRollup[];
    lastRun?: RunView | null;
    candidateFilter?: string | null;
    policyProblems: string[];
    canDecideTiers?: boolean;
    settings: PortfolioSettings;
}

/** PortfolioController.DecisionView */
export interface DecisionResult {
    changed: number;
    unchanged?: string[];
    warnings?: string[];
}

// ------------------------------------------------------------------ filters

export const ANY = '';
/** The tier filter value for accounts without a tier. */
export const NO_TIER = 'none';
export const NOT_A_KEY_ACCOUNT = 'Not a key account';

export type InspectionKey = 'pending' | 'stale' | 'singleThreaded' | 'renewalsAtRisk';
export type SortKey = 'score' | 'revenue' | 'health' | 'name';

export interface Filters {
    managerId: string;
    tier: string;
    band: string;
    segment: string;
    inspection: InspectionKey | '';
    sort: SortKey;
    groupByParent: boolean;
}

export function defaultFilters(): Filters {
    return {
        managerId: ANY,
        tier: ANY,
        band: ANY,
        segment: ANY,
        inspection: '',
        sort: 'score',
        groupByParent: false,
    };
}

export const TIER_OPTIONS: Option[] = [
    { value: ANY, label: 'All tiers' },
    { value: 'Tier 1', label: 'Tier 1' },
    { value: 'Tier 2', label: 'Tier 2' },
    { value: 'Tier 3', label: 'Tier 3' },
    { value: NO_TIER, label: 'No tier yet' },
];

export const BAND_OPTIONS: Option[] = [
    { value: ANY, label: 'All bands' },
    { value: 'Healthy', label: 'Healthy' },
    { value: 'Watch', label: 'Watch' },
    { value: 'At Risk', label: 'At Risk' },
    { value: NO_TIER, label: 'Not scored' },
];

export const SEGMENTS = ['Invest', 'Protect', 'Develop', 'Maintain'];

export const SEGMENT_OPTIONS: Option[] = [
    { value: ANY, label: 'All segments' },
    ...SEGMENTS.map((segment) => ({ value: segment, label: segment })),
];

export const SORT_OPTIONS: Option[] = [
    { value: 'score', label: 'Selection score' },
    { value: 'revenue', label: 'Revenue (12 months)' },
    { value: 'health', label: 'Health, lowest first' },
    { value: 'name', label: 'Name' },
];

const STALE_FRESHNESS = ['Overdue', 'Stale', 'Never reviewed'];

/** Plans past their review cadence: overdue, stale or never reviewed. */
export function isStalePlan(account: PortfolioAccount): boolean {
    return Boolean(account.planId) && STALE_FRESHNESS.includes(account.freshness ?? '');
}

const INSPECTIONS: {
    key: InspectionKey;
    label: string;
    description: string;
    test: (account: PortfolioAccount) => boolean;
}[] = [
    {
        key: 'pending',
        label: 'Tier decisions waiting',
        description: 'The selection suggests another tier than the one decided.',
        test: (account) => account.hasPendingSuggestion === true,
    },
    {
        key: 'stale',
        label: 'Stale plans',
        description: 'Plans overdue for review, stale, or never reviewed.',
        test: isStalePlan,
    },
    {
        key: 'singleThreaded',
        label: 'Single-threaded',
        description: 'One active relationship or none: one resignation from losing the account.',
        test: (account) => account.singleThreaded === true,
    },
    {
        key: 'renewalsAtRisk',
        label: 'At-risk renewals',
        description: 'A renewal is near and health is below Healthy (Renewal At Risk signal).',
        test: (account) => account.renewalAtRisk === true,
    },
];

export interface InspectionList {
    key: InspectionKey;
    label: string;
    description: string;
    count: number;
}

export function inspectionLists(accounts: PortfolioAccount[]): InspectionList[] {
    return INSPECTIONS.map(({ key, label, description, test }) => ({
        key,
        label,
        description,
        count: accounts.filter(test).length,
    }));
}

export function inspectionLabel(key: InspectionKey | ''): string {
    return INSPECTIONS.find((inspection) => inspection.key === key)?.label ?? '';
}

function matches(value: string | null | undefined, filter: string): boolean {
    if (filter === ANY) return true;
    if (filter === NO_TIER) return !value;
    return value === filter;
}

export function filterAccounts(accounts: PortfolioAccount[], filters: Filters): PortfolioAccount[] {
    const inspection = INSPECTIONS.find((candidate) => candidate.key === filters.inspection);
    return accounts.filter(
        (account) =>
            (filters.managerId === ANY || account.ownerId === filters.managerId) &&
            matches(account.tier, filters.tier) &&
            matches(account.healthBand, filters.band) &&
            matches(account.segment, filters.segment) &&
            (!inspection || inspection.test(account)),
    );
}

const byName = (a: PortfolioAccount, b: PortfolioAccount): number => a.name.localeCompare(b.name);

/** A new array in the chosen order; ties by name, so the order is stable. */
export function sortAccounts(accounts: PortfolioAccount[], sort: SortKey): PortfolioAccount[] {
    const numberOf = (value: number | null | undefined, missing: number): number =>
        value === null || value === undefined ? missing : value;
    const copy = [...accounts];
    switch (sort) {
        case 'revenue':
            return copy.sort(
                (a, b) =>
                    numberOf(b.revenue12Months, -1) - numberOf(a.revenue12Months, -1) ||
                    byName(a, b),
            );
        case 'health':
            return copy.sort(
                (a, b) =>
                    numberOf(a.healthScore, 1000) - numberOf(b.healthScore, 1000) || byName(a, b),
            );
        case 'name':
            return copy.sort(byName);
        default:
            return copy.sort(
                (a, b) => numberOf(b.score, -1) - numberOf(a.score, -1) || byName(a, b),
            );
    }
}

// ------------------------------------------------------------------ concentration

export interface ConcentrationRow {
    label: string;
    accounts: number;
    revenue: number;
    /** Percent of the total, one decimal. */
    share: number;
}

export interface Concentration {
    total: number;
    accountsWithRevenue: number;
    rows: ConcentrationRow[];
    top: { id: string; name: string; revenue: number; share: number; cumulativeShare: number }[];
}

const round1 = (value: number): number => Math.round(value * 10) / 10;

/** How much of the revenue the largest accounts carry: top 5, top 10 and the top fifth. */
export function revenueConcentration(accounts: PortfolioAccount[], listed = 10): Concentration {
    const withRevenue = accounts
        .filter((account) => (account.revenue12Months ?? 0) > 0)
        .sort((a, b) => (b.revenue12Months ?? 0) - (a.revenue12Months ?? 0) || byName(a, b));
    const total = withRevenue.reduce((sum, account) => sum + (account.revenue12Months ?? 0), 0);
    const shareOf = (revenue: number): number => (total > 0 ? round1((revenue * 100) / total) : 0);
    const topFifth = Math.max(1, Math.ceil(withRevenue.length / 5));
    const groups: [string, number][] = [
        ['Top 5 accounts', 5],
        ['Top 10 accounts', 10],
        [`Top 20 % (${topFifth} accounts)`, topFifth],
    ];
    const rows = groups
        .filter(([, size]) => size <= withRevenue.length || size === topFifth)
        .map(([label, size]) => {
            const revenue = withRevenue
                .slice(0, size)
                .reduce((sum, account) => sum + (account.revenue12Months ?? 0), 0);
            return {
                label,
                accounts: Math.min(size, withRevenue.length),
                revenue,
                share: shareOf(revenue),
            };
        });
    let running = 0;
    const top = withRevenue.slice(0, listed).map((account) => {
        const revenue = account.revenue12Months ?? 0;
        running += revenue;
        return {
            id: account.id,
            name: account.name,
            revenue,
            share: shareOf(revenue),
            cumulativeShare: shareOf(running),
        };
    });
    return {
        total,
        accountsWithRevenue: withRevenue.length,
        rows: withRevenue.length ? rows : [],
        top,
    };
}

// ------------------------------------------------------------------ grouping

export interface AccountGroup {
    id: string;
    name: string;
    rollup?: Rollup;
    accounts: PortfolioAccount[];
}

/** The visible accounts under their ultimate parent, groups in the order of their first account. */
export function groupByUltimateParent(
    accounts: PortfolioAccount[],
    groups: GroupView[],
): AccountGroup[] {
    const rollups = new Map(groups.map((group) => [group.ultimateParentId, group]));
    const result = new Map<string, AccountGroup>();
    for (const account of accounts) {
        let group = result.get(account.ultimateParentId);
        if (!group) {
            const view = rollups.get(account.ultimateParentId);
            group = {
                id: account.ultimateParentId,
                name: view?.name ?? account.ultimateParentName ?? account.name,
                rollup: view?.rollup,
                accounts: [],
            };
            result.set(account.ultimateParentId, group);
        }
        group.accounts.push(account);
    }
    return [...result.values()];
}

// ------------------------------------------------------------------ trend line

/** An SVG polyline path for health scores 0..100 in a width × height box; '' under two points. */
export function sparklinePath(points: TrendPoint[], width: number, height: number): string {
    if (points.length < 2) return '';
    const step = width / (points.length - 1);
    return points
        .map((point, index) => {
            const x = round1(index * step);
            const y = round1(height - (Math.max(0, Math.min(100, point.score)) / 100) * height);
            return `${index === 0 ? 'M' : 'L'}${x},${y}`;
        })
        .join(' ');
}

/** The trend line in words, for assistive technology: first and last score, and the span. */
export function describeTrend(points: TrendPoint[]): string {
    if (points.length === 0) return 'No health history yet.';
    const first = points[0] as TrendPoint;
    const last = points[points.length - 1] as TrendPoint;
    if (points.length === 1) return `Health ${last.score} on ${last.day}.`;
    return `Health from ${first.score} on ${first.day} to ${last.score} on ${last.day}, ${points.length} points.`;
}

// ------------------------------------------------------------------ formatting

const compactFormat = new Intl.NumberFormat('en-US', {
    notation: 'compact',
    maximumFractionDigits: 1,
});

export function formatMoney(value: number | null | undefined): string {
    return value === null || value === undefined ? '—' : compactFormat.format(value);
}

const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });

/** An ISO date (2026-12-10) as "Dec 10, 2026"; '' for none. */
export function formatDate(value: string | null | undefined): string {
    if (!value) return '';
    const parsed = new Date(`${value.slice(0, 10)}T00:00:00Z`);
    return Number.isNaN(parsed.getTime()) ? value : dateFormat.format(parsed);
}

export function formatPercent(value: number | null | undefined): string {
    return value === null || value === undefined ? '—' : `${round1(value)}%`;
}

export function formatSigned(value: number | null | undefined): string {
    if (value === null || value === undefined) return '—';
    const rounded = round1(value);
    return rounded > 0 ? `+${rounded}` : `${rounded}`;
}

function plural(count: number, word: string): string {
    return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * A roll-up's revenue retention in words, as the server weighted it (by each account's
 * retention base, so it is retained revenue over base revenue, not a mean of ratios).
 */
export function describeRetention(rollup: Rollup | null | undefined): string {
    if (!rollup) return '';
    const unmeasured = rollup.accountsWithoutNetRevenueRetention ?? 0;
    const notMeasured = unmeasured
        ? ` ${plural(unmeasured, 'account')} without revenue a year ago to measure.`
        : '';
    if (rollup.netRevenueRetention === null || rollup.netRevenueRetention === undefined) {
        return `Revenue retention not measured yet.${notMeasured}`;
    }
    const gross =
        rollup.grossRevenueRetention === null || rollup.grossRevenueRetention === undefined
            ? ''
            : `, gross ${formatPercent(rollup.grossRevenueRetention)}`;
    return (
        `Net revenue retention ${formatPercent(rollup.netRevenueRetention)}${gross}, ` +
        `weighted by revenue across ${plural(rollup.accountsWithNetRevenueRetention, 'account')} ` +
        `on ${formatMoney(rollup.retentionBase)} of revenue a year ago.${notMeasured}`
    );
}

/** A roll-up's coverage of the buying groups in words: engaged people of the seats to fill. */
export function describeBuyingGroupCoverage(rollup: Rollup | null | undefined): string {
    if (!rollup) return '';
    if (rollup.coveragePercent === null || rollup.coveragePercent === undefined) {
        return 'No buying group mapped yet.';
    }
    const roles = rollup.buyingRolesRequired
        ? `; ${rollup.buyingRolesFilled ?? 0} of ${rollup.buyingRolesRequired} buying roles filled`
        : '';
    return (
        `Buying groups ${formatPercent(rollup.coveragePercent)} covered: ` +
        `${rollup.engagedStakeholders} engaged of ${rollup.buyingGroupSeats ?? rollup.relevantStakeholders} seats${roles}.`
    );
}

/** "Tier 1" or "No tier" for display. */
export function tierLabel(tier: string | null | undefined): string {
    return tier ? tier : 'No tier';
}
