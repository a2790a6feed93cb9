// Health: one 0..100 score per key account, a band and a trend. Seven parts, each normalised
// to 0..100 and weighted (defaults in config.ts); the parts are returned so the UI can say
// exactly where the points came from.
import type { CoverageConfig, HealthConfig, RetentionConfig } from './config';
import { KeystoneScoringError } from './errors';
import { clamp, ratioHalfUp, roundHalfUp, sumExact } from './rounding';
import type { ScorePart } from './types';
import { configNumber, optionalAmount, optionalNumber } from './validation';
import { validateRetentionConfig } from './retention';

export type HealthBand = 'Healthy' | 'Watch' | 'At Risk';
export type HealthTrend = 'Improving' | 'Stable' | 'Declining';
export type PlanFreshnessStatus = 'Current' | 'Overdue' | 'Stale' | 'Never reviewed' | 'No plan';

export const PLAN_FRESHNESS_STATUSES: readonly PlanFreshnessStatus[] = [
    'Current',
    'Overdue',
    'Stale',
    'Never reviewed',
    'No plan',
];

/** Everything health needs, already aggregated (by coverage, revenue, whitespace, plan). */
export interface HealthFactors {
    coverageDepthPercent: number;
    /** Zero or one engaged person: the band is capped at Watch. */
    singleThreaded: boolean;
    /** null = no sponsor, or a sponsor we never met. */
    daysSinceSponsorEngagement: number | null;
    /** NRR over the trailing 12 months; null when not measured (no or too small a base). */
    netRevenueRetentionPercent: number | null;
    wonLast12Months: number;
    openPipeline: number;
    whitespaceIdentified: number;
    whitespaceCaptured: number;
    planFreshness: PlanFreshnessStatus;
    /** ScoreImpact of each open Health Signal, negative points (-100..0). */
    openSignalScoreImpacts: number[];
    /** Last stored health score, for the trend; null the first time. */
    previousScore: number | null;
}

export interface HealthResult {
    score: number;
    /** The band, after any cap. */
    band: HealthBand;
    /** Why the band is lower than the score alone gives ('Single-threaded'), or null. */
    bandCap: string | null;
    /** null the first time (no previous score to compare with). */
    trend: HealthTrend | null;
    /** score - previousScore, or null the first time. */
    scoreChange: number | null;
    parts: ScorePart[];
    /** Factor names whose value was out of range and clamped. */
    clampedFactors: string[];
}

export function validateHealthConfig(config: HealthConfig): number {
    let total = 0;
    for (const [key, weight] of Object.entries(config.weights)) {
        configNumber(weight, 0, `config.health.weights.${key}`);
        total = sumExact([total, weight]);
    }
    if (total === 0) {
        throw new KeystoneScoringError('config.health.weights', 'the weights add up to zero');
    }
    configNumber(config.trendThreshold, 1, 'config.health.trendThreshold');
    if (!(
        config.watchMin >= 0 &&
        config.watchMin < config.healthyMin &&
        config.healthyMin <= 100
    )) {
        throw new KeystoneScoringError(
            'config.health.healthyMin',
            'bands must satisfy 0 <= watchMin < healthyMin <= 100',
        );
    }
    return total;
}

export function bandForScore(score: number, config: HealthConfig): HealthBand {
    if (score >= config.healthyMin) return 'Healthy';
    if (score >= config.watchMin) return 'Watch';
    return 'At Risk';
}

/**
 * Validates loose factor values. Rejected: not a number, negative money, an unknown plan
 * status. Clamped: coverage outside 0..100, negative days, captured above identified,
 * signal score impacts outside -100..0, a previous score outside 0..100.
 */
export function normaliseHealthFactors(raw: Record<string, unknown>): {
    factors: HealthFactors;
    clamped: string[];
} {
    const clamped: string[] = [];
    const clampTracked = (name: string, value: number, min: number, max: number): number => {
        const result = clamp(value, min, max);
        if (result !== value) clamped.push(name);
        return result;
    };
    // Same order as HealthCalculator.normalise in Apex, so clampedFactors lists match.
    const identified = optionalAmount(raw.whitespaceIdentified, 'factors.whitespaceIdentified');
    const captured = optionalAmount(raw.whitespaceCaptured, 'factors.whitespaceCaptured');
    const planFreshness = raw.planFreshness ?? 'No plan';
    if (
        typeof planFreshness !== 'string' ||
        !PLAN_FRESHNESS_STATUSES.includes(planFreshness as PlanFreshnessStatus)
    ) {
        throw new KeystoneScoringError(
            'factors.planFreshness',
            `unknown value '${String(planFreshness)}'`,
        );
    }
    const coverage = optionalNumber(raw.coverageDepthPercent, 'factors.coverageDepthPercent') ?? 0;
    const coverageDepthPercent = clampTracked('coverageDepthPercent', coverage, 0, 100);
    const singleThreaded = raw.singleThreaded ?? false;
    if (typeof singleThreaded !== 'boolean') {
        throw new KeystoneScoringError('factors.singleThreaded', 'must be true or false');
    }
    const sponsorDays = optionalNumber(
        raw.daysSinceSponsorEngagement,
        'factors.daysSinceSponsorEngagement',
    );
    const daysSinceSponsorEngagement =
        sponsorDays === null
            ? null
            : clampTracked('daysSinceSponsorEngagement', sponsorDays, 0, Number.MAX_SAFE_INTEGER);
    const nrr = optionalNumber(
        raw.netRevenueRetentionPercent,
        'factors.netRevenueRetentionPercent',
    );
    const netRevenueRetentionPercent =
        nrr === null
            ? null
            : clampTracked('netRevenueRetentionPercent', nrr, 0, Number.MAX_SAFE_INTEGER);
    const wonLast12Months = optionalAmount(raw.wonLast12Months, 'factors.wonLast12Months');
    const openPipeline = optionalAmount(raw.openPipeline, 'factors.openPipeline');
    const whitespaceCaptured = clampTracked('whitespaceCaptured', captured, 0, identified);
    const impactsRaw = raw.openSignalScoreImpacts ?? [];
    if (!Array.isArray(impactsRaw)) {
        throw new KeystoneScoringError(
            'factors.openSignalScoreImpacts',
            'must be a list of numbers',
        );
    }
    const impacts = impactsRaw.map((impact, index) =>
        clampTracked(
            `openSignalScoreImpacts[${index}]`,
            optionalNumber(impact, `factors.openSignalScoreImpacts[${index}]`) ?? 0,
            -100,
            0,
        ),
    );
    const previous = optionalNumber(raw.previousScore, 'factors.previousScore');
    const previousScore =
        previous === null ? null : clampTracked('previousScore', previous, 0, 100);
    return {
        factors: {
            coverageDepthPercent,
            singleThreaded,
            daysSinceSponsorEngagement,
            netRevenueRetentionPercent,
            wonLast12Months,
            openPipeline,
            whitespaceIdentified: identified,
            whitespaceCaptured,
            planFreshness: planFreshness as PlanFreshnessStatus,
            openSignalScoreImpacts: impacts,
            previousScore,
        },
        clamped,
    };
}

interface PartDraft {
    key: keyof HealthConfig['weights'];
    label: string;
    rawValue: number | string | null;
    normalised: number;
    explanation: string;
}

function percentCapped(part: number, whole: number): number {
    return clamp(ratioHalfUp([part, 100], [whole], 2), 0, 100);
}

/**
 * Revenue retention as 0..100: half marks where the base stops leaking (NRR 100 %), full
 * marks at best in class (120 %), proportional between and below (80 % earns nothing).
 * Not measured (no or too small a base): neutral 50.
 */
export function retentionPoints(nrrPercent: number | null, config: RetentionConfig): number {
    if (nrrPercent === null) return 50;
    const leaking = config.leakingBelowPercent;
    const above = ratioHalfUp(
        [sumExact([nrrPercent, -leaking]), 50],
        [sumExact([config.bestInClassFromPercent, -leaking])],
        2,
    );
    return clamp(sumExact([50, above]), 0, 100);
}

export function calculateHealth(
    factors: HealthFactors,
    config: HealthConfig,
    coverageConfig: CoverageConfig,
    retentionConfig: RetentionConfig,
    clampedFactors: string[] = [],
): HealthResult {
    const totalWeight = validateHealthConfig(config);
    validateRetentionConfig(retentionConfig);
    const drafts: PartDraft[] = [];

    const target = coverageConfig.targetMinPercent;
    drafts.push({
        key: 'coverage',
        label: 'Stakeholder coverage',
        rawValue: factors.coverageDepthPercent,
        normalised: target === 0 ? 100 : percentCapped(factors.coverageDepthPercent, target),
        explanation: `${factors.coverageDepthPercent}% of the buying group engaged; ${target}% earns full marks.`,
    });

    const days = factors.daysSinceSponsorEngagement;
    let executive = 0;
    if (days !== null && days <= coverageConfig.engagementWindowDays) executive = 100;
    else if (days !== null && days <= coverageConfig.sponsorLapseDays) executive = 50;
    drafts.push({
        key: 'executive',
        label: 'Executive sponsor engagement',
        rawValue: days,
        normalised: executive,
        explanation:
            days === null
                ? 'No executive sponsor engagement on record.'
                : `Last executive sponsor conversation ${days} days ago (full marks within ${coverageConfig.engagementWindowDays}, half within ${coverageConfig.sponsorLapseDays}).`,
    });

    const nrr = factors.netRevenueRetentionPercent;
    drafts.push({
        key: 'revenueRetention',
        label: 'Revenue retention (NRR)',
        rawValue: nrr,
        normalised: retentionPoints(nrr, retentionConfig),
        explanation:
            nrr === null
                ? 'Net revenue retention not measured (no recurring revenue a year ago, or too little): neutral.'
                : `Net revenue retention ${nrr}% over 12 months (${retentionConfig.leakingBelowPercent}% = half marks, ${retentionConfig.bestInClassFromPercent}% = full marks).`,
    });

    const last = factors.wonLast12Months;
    let pipelineRaw: number | null = null;
    let pipelineNormalised: number;
    if (last === 0) {
        pipelineNormalised = factors.openPipeline > 0 ? 100 : 0;
    } else {
        pipelineRaw = ratioHalfUp([factors.openPipeline, 100], [last], 2);
        pipelineNormalised = clamp(pipelineRaw, 0, 100);
    }
    drafts.push({
        key: 'pipeline',
        label: 'Open pipeline',
        rawValue: pipelineRaw,
        normalised: pipelineNormalised,
        explanation:
            pipelineRaw === null
                ? `Open pipeline ${factors.openPipeline} with no revenue won in the last 12 months.`
                : `Open pipeline is ${pipelineRaw}% of the last 12 months' won revenue (100% earns full marks).`,
    });

    const identified = factors.whitespaceIdentified;
    const whitespaceRaw =
        identified === 0 ? null : ratioHalfUp([factors.whitespaceCaptured, 100], [identified], 2);
    drafts.push({
        key: 'whitespace',
        label: 'Whitespace captured',
        rawValue: whitespaceRaw,
        normalised: whitespaceRaw === null ? 0 : clamp(whitespaceRaw, 0, 100),
        explanation:
            whitespaceRaw === null
                ? 'No whitespace identified yet.'
                : `${whitespaceRaw}% of identified whitespace captured.`,
    });

    const freshnessPoints: Record<PlanFreshnessStatus, number> = {
        Current: 100,
        Overdue: 50,
        Stale: 0,
        'Never reviewed': 0,
        'No plan': 0,
    };
    drafts.push({
        key: 'planFreshness',
        label: 'Plan freshness',
        rawValue: factors.planFreshness,
        normalised: freshnessPoints[factors.planFreshness],
        explanation: `Account plan is ${factors.planFreshness.toLowerCase()} (current = full, overdue = half).`,
    });

    const impactTotal = sumExact(factors.openSignalScoreImpacts);
    drafts.push({
        key: 'signals',
        label: 'Open health signals',
        rawValue: impactTotal,
        normalised: clamp(sumExact([100, impactTotal]), 0, 100),
        explanation: openSignalsExplanation(factors.openSignalScoreImpacts.length, -impactTotal),
    });

    const parts: ScorePart[] = [];
    const points: number[] = [];
    for (const draft of drafts) {
        const weight = config.weights[draft.key];
        const partPoints = ratioHalfUp([draft.normalised, weight], [totalWeight], 2);
        points.push(partPoints);
        parts.push({
            key: draft.key,
            label: draft.label,
            rawValue: draft.rawValue,
            normalised: draft.normalised,
            weight,
            points: partPoints,
            explanation: draft.explanation,
        });
    }
    const score = roundHalfUp(sumExact(points), 0);

    let trend: HealthTrend | null = null;
    let scoreChange: number | null = null;
    if (factors.previousScore !== null) {
        scoreChange = sumExact([score, -factors.previousScore]);
        if (scoreChange >= config.trendThreshold) trend = 'Improving';
        else if (scoreChange <= -config.trendThreshold) trend = 'Declining';
        else trend = 'Stable';
    }
    // One engaged person is a single point of failure: never Healthy, whatever else scores.
    let band = bandForScore(score, config);
    let bandCap: string | null = null;
    if (factors.singleThreaded && band === 'Healthy') {
        band = 'Watch';
        bandCap = 'Single-threaded';
    }
    return {
        score,
        band,
        bandCap,
        trend,
        scoreChange,
        parts,
        clampedFactors,
    };
}

function openSignalsExplanation(count: number, pointsLost: number): string {
    const signals = count === 1 ? '1 open signal takes' : `${count} open signals take`;
    return `${signals} ${pointsLost} points off 100.`;
}
