// The health panel's data: the controller's payload (AccountHealthController.cls DTOs) and
// the engine inputs built from it. Pure functions, no DOM.
import type {
    CoverageConfig,
    HealthConfig,
    HealthResult,
    PlanConfig,
    RetentionConfig,
    SignalConfig,
} from 'c/keystoneEngine';
import {
    assessPlan,
    calculateHealth,
    daysBetween,
    defaultConfig,
    normaliseHealthFactors,
    openSignalImpacts,
    parseDate,
    retentionBandFor,
} from 'c/keystoneEngine';

/** AccountHealthController.PlanHealth */
export interface PlanHealth {
    id: string;
    name?: string | null;
    tier?: string | null;
    healthScore?: number | null;
    previousHealthScore?: number | null;
    healthBand?: string | null;
    healthTrend?: string | null;
    lastRecomputedAt?: string | null;
    /** The account waits for a recompute (a job or the hourly sweep). */
    recomputePending?: boolean | null;
    /** The last failed recompute, in words, and when; kept after a later success. */
    lastRecomputeError?: string | null;
    lastRecomputeErrorAt?: string | null;
    /** What the last recompute left out or clamped, one warning a line. */
    recomputeWarnings?: string | null;
    coverageDepth?: number | null;
    /** The plan's own expected buying-group size; null = the default for tier and segment. */
    buyingGroupSize?: number | null;
    buyingGroupSeats?: number | null;
    engagedStakeholders?: number | null;
    relevantStakeholders?: number | null;
    emptySeats?: number | null;
    singleThreaded?: boolean | null;
    sponsorLastEngagedDate?: string | null;
    netRevenueRetention?: number | null;
    grossRevenueRetention?: number | null;
    retentionBand?: string | null;
    retentionBase?: number | null;
    retentionNetChange?: number | null;
    liveRevenue12Months?: number | null;
    liveRevenuePrior12Months?: number | null;
    openPipeline?: number | null;
    whitespaceIdentified?: number | null;
    whitespaceCaptured?: number | null;
    lastReviewedDate?: string | null;
    reviewCadenceDays?: number | null;
    nextReviewDate?: string | null;
    nextRenewalDate?: string | null;
}

/** AccountHealthController.SignalView */
export interface SignalView {
    id: string;
    name?: string | null;
    type: string;
    severity?: string | null;
    status: string;
    source?: string | null;
    detectedDate?: string | null;
    resolvedDate?: string | null;
    details?: string | null;
    scoreImpact?: number | null;
    playTaskId?: string | null;
}

/** AccountHealthController.PlayView */
export interface PlayView {
    id: string;
    subject?: string | null;
    ownerId?: string | null;
    ownerName?: string | null;
    dueDate?: string | null;
    status?: string | null;
    isClosed?: boolean | null;
    priority?: string | null;
}

/** AccountHealthController.HealthSettings */
export interface HealthSettings {
    weights: Record<string, number>;
    healthyMin: number;
    watchMin: number;
    trendThreshold: number;
    engagementWindowDays: number;
    sponsorLapseDays: number;
    targetMinPercent: number;
    targetMaxPercent: number;
    functionBreadthTarget?: number;
    requiredBuyingRoles?: string[];
    cadenceDaysByTier: Record<string, number>;
    defaultCadenceDays: number;
    scoreImpacts: Record<string, number>;
    defaultScoreImpact: number;
    defaultBuyingGroupSize?: number;
    retentionMinimumBase?: number;
    leakingBelowPercent?: number;
    healthyAbovePercent?: number;
    bestInClassFromPercent?: number;
}

/** AccountHealthController.SnapshotView: health as it stood on one day. */
export interface SnapshotView {
    snapshotDate: string;
    reason?: string | null;
    healthScore?: number | null;
    healthBand?: string | null;
    /** Part key -> part score 0..100 that day. */
    parts: Record<string, number>;
}

/** AccountHealthController.HealthView */
export interface HealthData {
    accountId: string;
    today: string;
    plan?: PlanHealth | null;
    signals: SignalView[];
    plays: PlayView[];
    settings: HealthSettings;
    canUpdateSignals?: boolean;
    /** Health at the last review; absent when never reviewed or no history yet. */
    reviewSnapshot?: SnapshotView | null;
}

export const RESOLVED = 'Resolved';
export const ACKNOWLEDGED = 'Acknowledged';

interface EngineConfigs {
    health: HealthConfig;
    coverage: CoverageConfig;
    plan: PlanConfig;
    signals: SignalConfig;
    retention: RetentionConfig;
}

/** The admin's settings over the engine defaults, so a setting the payload lacks never breaks. */
export function engineConfigs(settings: HealthSettings): EngineConfigs {
    const defaults = defaultConfig();
    return {
        health: {
            weights: { ...defaults.health.weights, ...settings.weights },
            healthyMin: settings.healthyMin ?? defaults.health.healthyMin,
            watchMin: settings.watchMin ?? defaults.health.watchMin,
            trendThreshold: settings.trendThreshold ?? defaults.health.trendThreshold,
        },
        coverage: {
            ...defaults.coverage,
            engagementWindowDays:
                settings.engagementWindowDays ?? defaults.coverage.engagementWindowDays,
            sponsorLapseDays: settings.sponsorLapseDays ?? defaults.coverage.sponsorLapseDays,
            targetMinPercent: settings.targetMinPercent ?? defaults.coverage.targetMinPercent,
            targetMaxPercent: settings.targetMaxPercent ?? defaults.coverage.targetMaxPercent,
            functionBreadthTarget:
                settings.functionBreadthTarget ?? defaults.coverage.functionBreadthTarget,
            requiredBuyingRoles:
                settings.requiredBuyingRoles ?? defaults.coverage.requiredBuyingRoles,
            defaultBuyingGroupSize:
                settings.defaultBuyingGroupSize ?? defaults.coverage.defaultBuyingGroupSize,
        },
        plan: {
            cadenceDaysByTier: {
                ...defaults.plan.cadenceDaysByTier,
                ...settings.cadenceDaysByTier,
            },
            defaultCadenceDays: settings.defaultCadenceDays ?? defaults.plan.defaultCadenceDays,
        },
        signals: {
            ...defaults.signals,
            scoreImpacts: { ...defaults.signals.scoreImpacts, ...settings.scoreImpacts },
            defaultScoreImpact: settings.defaultScoreImpact ?? defaults.signals.defaultScoreImpact,
        },
        retention: {
            ...defaults.retention,
            minimumBase: settings.retentionMinimumBase ?? defaults.retention.minimumBase,
            leakingBelowPercent:
                settings.leakingBelowPercent ?? defaults.retention.leakingBelowPercent,
            healthyAbovePercent:
                settings.healthyAbovePercent ?? defaults.retention.healthyAbovePercent,
            bestInClassFromPercent:
                settings.bestInClassFromPercent ?? defaults.retention.bestInClassFromPercent,
        },
    };
}

/**
 * Health recomputed from the figures the plan stores and the signals open now, with the
 * engine's parts: "why is this score X". Signals passed in reflect any optimistic change.
 */
export function explainHealth(data: HealthData, signals: SignalView[]): HealthResult | null {
    const plan = data.plan;
    if (!plan) return null;
    const configs = engineConfigs(data.settings);
    const now = parseDate(data.today, 'today');
    const assessment = assessPlan(
        { lastReviewedDate: plan.lastReviewedDate ?? null },
        {},
        plan.tier ?? null,
        now,
        configs.plan,
    );
    const sponsorDays = plan.sponsorLastEngagedDate
        ? daysBetween(parseDate(plan.sponsorLastEngagedDate, 'sponsorLastEngagedDate'), now)
        : null;
    const { factors, clamped } = normaliseHealthFactors({
        coverageDepthPercent: plan.coverageDepth ?? 0,
        singleThreaded: plan.singleThreaded === true,
        daysSinceSponsorEngagement: sponsorDays,
        netRevenueRetentionPercent: plan.netRevenueRetention ?? null,
        wonLast12Months: plan.liveRevenue12Months ?? 0,
        openPipeline: plan.openPipeline ?? 0,
        whitespaceIdentified: plan.whitespaceIdentified ?? 0,
        whitespaceCaptured: plan.whitespaceCaptured ?? 0,
        planFreshness: assessment.freshness,
        openSignalScoreImpacts: openSignalImpacts(
            signals.map((signal) => ({
                type: signal.type,
                status: signal.status,
                scoreImpact: signal.scoreImpact ?? null,
                source: signal.source ?? null,
            })),
            configs.signals,
        ),
        previousScore: plan.previousHealthScore ?? null,
    });
    return calculateHealth(factors, configs.health, configs.coverage, configs.retention, clamped);
}

/** Revenue retention in a sales leader's words, from the figures the recompute stored. */
export interface RetentionView {
    measured: boolean;
    nrrText: string;
    grrText: string;
    band: string;
    /** What the band means, or why retention is not measured. */
    summary: string;
}

const BAND_MEANING: Record<string, string> = {
    'Best in class': 'best in class',
    Healthy: 'healthy',
    Holding: 'holding, not yet healthy',
    Leaking: 'the base is leaking',
};

function money(value: number): string {
    return Math.round(value).toLocaleString('en-US');
}

function signedMoney(value: number): string {
    return `${value >= 0 ? '+' : '−'}${money(Math.abs(value))}`;
}

export function retentionView(data: HealthData): RetentionView | null {
    const plan = data.plan;
    if (!plan) return null;
    const configs = engineConfigs(data.settings);
    const nrr = plan.netRevenueRetention ?? null;
    const base = plan.retentionBase ?? 0;
    const change = plan.retentionNetChange ?? 0;
    const band = plan.retentionBand || retentionBandFor(nrr, configs.retention);
    if (nrr === null) {
        const why =
            base > 0
                ? `recurring revenue a year ago (${money(base)}) is below the ${money(configs.retention.minimumBase)} minimum, so a percentage would mislead`
                : 'no recurring revenue a year ago';
        return {
            measured: false,
            nrrText: 'Not measured',
            grrText: '',
            band: 'Not measured',
            summary: `Net revenue retention not measured: ${why}. Change over 12 months: ${signedMoney(change)}.`,
        };
    }
    const grr = plan.grossRevenueRetention;
    return {
        measured: true,
        nrrText: `${nrr}%`,
        grrText: grr === null || grr === undefined ? '' : `${grr}%`,
        band,
        summary: `NRR ${nrr}%: ${BAND_MEANING[band] ?? band.toLowerCase()} (above ${configs.retention.healthyAbovePercent}% is healthy, ${configs.retention.bestInClassFromPercent}% best in class, below ${configs.retention.leakingBelowPercent}% leaking). Recurring revenue a year ago ${money(base)}; change since ${signedMoney(change)}.`,
    };
}

/** Coverage of the buying group and its empty seats: the work list. */
export interface CoverageView {
    depthText: string;
    seatsText: string;
    emptySeatsText: string;
    singleThreaded: boolean;
}

export function coverageView(data: HealthData): CoverageView | null {
    const plan = data.plan;
    if (!plan || plan.coverageDepth === null || plan.coverageDepth === undefined) return null;
    const configs = engineConfigs(data.settings);
    const seats =
        plan.buyingGroupSeats ?? plan.buyingGroupSize ?? configs.coverage.defaultBuyingGroupSize;
    const engaged = plan.engagedStakeholders ?? 0;
    const relevant = plan.relevantStakeholders ?? 0;
    const empty = plan.emptySeats ?? Math.max(0, seats - engaged);
    const toFind = Math.max(0, seats - relevant);
    const toReengage = Math.max(0, relevant - engaged);
    const source =
        plan.buyingGroupSize === null || plan.buyingGroupSize === undefined
            ? 'the default for this kind of account'
            : 'set on the plan';
    const seatWord = (count: number): string => (count === 1 ? 'seat' : 'seats');
    return {
        depthText: `${plan.coverageDepth}% of the buying group engaged (target ${configs.coverage.targetMinPercent}–${configs.coverage.targetMaxPercent}%)`,
        seatsText: `${engaged} of ${seats} ${seatWord(seats)} engaged in the last ${configs.coverage.engagementWindowDays} days; buying group of ${seats} (${source}).`,
        emptySeatsText:
            empty === 0
                ? 'No empty seats.'
                : `${empty} empty ${seatWord(empty)}: ${toFind} ${toFind === 1 ? 'person' : 'people'} still to find, ${toReengage} mapped but not engaged.`,
        singleThreaded: plan.singleThreaded === true,
    };
}

const FRESHNESS_WORDS: Record<string, string> = {
    Current: 'Plan up to date',
    Overdue: 'Plan review overdue',
    Stale: 'Plan out of date',
    'Never reviewed': 'Plan never reviewed',
    'No plan': 'No plan',
};

// What a part measures when the engine has no number for it (see keystoneEngine's health.ts).
const NOT_MEASURED: Record<string, string> = {
    executive: 'No sponsor conversation logged',
    revenueRetention: 'Prior year too small to measure retention',
    pipeline: 'Nothing won in the last 12 months',
    whitespace: 'No whitespace identified yet',
};

function plural(count: number, one: string, many: string): string {
    return `${count} ${count === 1 ? one : many}`;
}

/** A part's measured value as a short phrase: the engine gives numbers in the part's own unit. */
export function formatRawValue(key: string, value: number | string | null): string {
    if (value === null || value === undefined) {
        return NOT_MEASURED[key] ?? 'Not measured yet';
    }
    if (typeof value === 'string') return FRESHNESS_WORDS[value] ?? value;
    // One decimal at most: "43.1%" reads at a glance, "43.09%" does not, and it matches the
    // coverage summary and the explanation underneath.
    const percent = (Math.sign(value) * Math.round(Math.abs(value) * 10)) / 10;
    switch (key) {
        case 'coverage':
            return `${percent}% of the buying group engaged`;
        case 'executive':
            return value <= 0
                ? 'Sponsor spoken to today'
                : `Sponsor last spoken to ${plural(value, 'day', 'days')} ago`;
        case 'revenueRetention':
            return `Net revenue retention ${percent}% of the year before`;
        case 'pipeline':
            return `Open pipeline at ${percent}% of last year's revenue`;
        case 'whitespace':
            return `${percent}% of identified whitespace captured`;
        case 'signals':
            return value === 0
                ? 'No points off for open signals'
                : `Open signals take ${plural(Math.abs(value), 'point', 'points')} off`;
        default:
            return `${percent}%`;
    }
}

export interface PartChange {
    key: string;
    label: string;
    then: number | null;
    now: number;
    /** now - then, one decimal; null when the part was not recorded then. */
    change: number | null;
}

export interface ChangesSinceReview {
    reviewDate: string;
    scoreThen: number | null;
    scoreNow: number | null;
    bandThen: string;
    bandNow: string;
    /** Parts that moved, largest move first; unchanged parts are left out. */
    parts: PartChange[];
}

/**
 * What changed since the last review, part by part: each part's score (0..100) then, from the
 * review day's snapshot, against now, from the engine's explanation of today's figures.
 */
export function changesSinceReview(
    snapshot: SnapshotView,
    result: HealthResult,
    scoreNow: number | null,
    bandNow: string,
): ChangesSinceReview {
    const round1 = (value: number): number => Math.round(value * 10) / 10;
    const parts = result.parts
        .map((part) => {
            const then = snapshot.parts[part.key];
            const known = then !== undefined && then !== null;
            return {
                key: part.key,
                label: part.label,
                then: known ? then : null,
                now: part.normalised,
                change: known ? round1(part.normalised - then) : null,
            };
        })
        .filter((part) => part.change === null || part.change !== 0)
        .sort((a, b) => Math.abs(b.change ?? 0) - Math.abs(a.change ?? 0));
    return {
        reviewDate: snapshot.snapshotDate,
        scoreThen: snapshot.healthScore ?? null,
        scoreNow,
        bandThen: snapshot.healthBand ?? '',
        bandNow,
        parts,
    };
}

/**
 * The most points a part can bring. Weights are relative (they need not add up to 100), so it
 * is the part's share of the total weight, to one decimal.
 */
export function mostPoints(weight: number, totalWeight: number): number {
    return totalWeight > 0 ? Math.round((weight * 1000) / totalWeight) / 10 : 0;
}

/**
 * Activities Einstein Activity Capture keeps are not Task or Event records: no trigger fires for
 * them and the recompute cannot count them (docs/RECOMPUTE.md).
 */
export const ACTIVITY_CAPTURE_HELP =
    'Engagement counts completed tasks and past events saved in Salesforce. Emails and meetings ' +
    'that Einstein Activity Capture keeps outside Salesforce are not Task or Event records, so ' +
    'they do not update these figures and coverage cannot see them; log them as activities ' +
    'to count them.';

export interface RecomputeStatusLine {
    key: string;
    text: string;
    isError: boolean;
}

function dateTimeText(value: string): string {
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) return value;
    return (
        date.toLocaleString('en-US', {
            dateStyle: 'medium',
            timeStyle: 'short',
            timeZone: 'UTC',
        }) + ' UTC'
    );
}

/** How current the stored figures are: the last recompute, a pending one, a failure, warnings. */
export function recomputeStatus(plan: PlanHealth): RecomputeStatusLine[] {
    const lines: RecomputeStatusLine[] = [];
    lines.push({
        key: 'last',
        text: plan.lastRecomputedAt
            ? `Figures last recomputed ${dateTimeText(plan.lastRecomputedAt)}.`
            : 'Figures not recomputed yet.',
        isError: false,
    });
    if (plan.recomputePending) {
        lines.push({
            key: 'pending',
            text: 'A recompute is waiting to run; the figures update when it has.',
            isError: false,
        });
    }
    const errorAt = plan.lastRecomputeErrorAt;
    const failedSince =
        !!plan.lastRecomputeError &&
        (!plan.lastRecomputedAt ||
            !errorAt ||
            Date.parse(errorAt) >= Date.parse(plan.lastRecomputedAt));
    if (failedSince) {
        lines.push({
            key: 'error',
            text: `The last recompute failed${errorAt ? ` (${dateTimeText(errorAt)})` : ''}: ${plan.lastRecomputeError}`,
            isError: true,
        });
    }
    (plan.recomputeWarnings ?? '')
        .split('\n')
        .map((warning) => warning.trim())
        .filter((warning) => warning.length > 0)
        .forEach((warning, index) =>
            lines.push({ key: `warning-${index}`, text: `Left out: ${warning}`, isError: false }),
        );
    return lines;
}
