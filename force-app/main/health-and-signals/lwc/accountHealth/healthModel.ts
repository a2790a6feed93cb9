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

/** AccountHealthController.HealthView */
export interface HealthData {
    accountId: string;
    today: string;
    plan?: PlanHealth | null;
    signals: SignalView[];
    plays: PlayView[];
    settings: HealthSettings;
    canUpdateSignals?: boolean;
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

/** A part's measured value in words: the engine gives numbers in the part's own unit. */
export function formatRawValue(key: string, value: number | string | null): string {
    if (value === null || value === undefined) return '—';
    if (typeof value === 'string') return value;
    switch (key) {
        case 'executive':
            return `${value} days`;
        case 'signals':
            return `${value} points`;
        case 'revenueRetention':
            return `NRR ${value}%`;
        default:
            return `${value}%`;
    }
}
