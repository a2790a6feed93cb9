// Default scoring configuration. These values match the Custom Metadata records the package
// ships (admins tune them in Setup, no code); the Apex twin is ScoringConfig.cls. A change
// here is a rule change: change ScoringConfig.cls, the shipped records and the vectors too.
import { KeystoneScoringError } from './errors';

export interface SelectionCriterionConfig {
    key: string;
    label: string;
    /** Relative weight; weights are divided by their total, so they need not add up to 100. */
    weight: number;
    /** The raw value that earns the full 100 (money for revenue, 100 for a 0..100 rating). */
    fullScoreAt: number;
}

export interface SelectionConfig {
    criteria: SelectionCriterionConfig[];
    /** Minimum selection score for each tier; below tier3Min the account is not a key account. */
    tier1Min: number;
    tier2Min: number;
    tier3Min: number;
    /** Normalised revenue (0..100) at or above which an account counts as high revenue. */
    segmentRevenueMin: number;
    /** Normalised whitespace potential (0..100) at or above which it counts as high potential. */
    segmentPotentialMin: number;
}

export interface CapacityPolicy {
    /** A manager should own at least this many Tier 1 accounts ... */
    tier1MinPerManager: number;
    /** ... and warns above this many. */
    tier1MaxPerManager: number;
}

/** One BuyingGroupSize__mdt row: the expected buying group for a kind of account. */
export interface BuyingGroupSizeRule {
    /** 'Tier 1'..'Tier 3', or null for any tier. */
    tier: string | null;
    /** 'Invest' | 'Protect' | 'Develop' | 'Maintain', or null for any segment. */
    segment: string | null;
    seats: number;
}

export interface CoverageConfig {
    /** A relationship is active when the last Task or Event with the person is this recent. */
    engagementWindowDays: number;
    /** No executive-sponsor conversation for longer than this = sponsorship on paper only. */
    sponsorLapseDays: number;
    targetMinPercent: number;
    targetMaxPercent: number;
    /** Functions with a Strong relationship needed for breadth. */
    functionBreadthTarget: number;
    /** Buying-role seats a key account should have filled. */
    requiredBuyingRoles: string[];
    /** Expected buying-group size when neither the plan nor a rule says otherwise. */
    defaultBuyingGroupSize: number;
    /** Expected buying-group size by tier and/or segment; the most specific rule wins. */
    buyingGroupSizes: BuyingGroupSizeRule[];
}

export interface HealthWeights {
    coverage: number;
    executive: number;
    revenueRetention: number;
    pipeline: number;
    whitespace: number;
    planFreshness: number;
    signals: number;
}

export interface HealthConfig {
    weights: HealthWeights;
    /** Score at or above: Healthy. */
    healthyMin: number;
    /** Score at or above (and below healthyMin): Watch. Below: At Risk. */
    watchMin: number;
    /** A change of at least this many points from the previous score is a trend. */
    trendThreshold: number;
}

export interface PlanConfig {
    /** Review cadence in days per tier; a plan is current while reviewed within the cadence. */
    cadenceDaysByTier: Record<string, number>;
    /** Cadence for an account without a tier. */
    defaultCadenceDays: number;
}

export interface SignalConfig {
    /** Points each open signal type takes off health, negative (-100..0), as PlayRule__mdt. */
    scoreImpacts: Record<string, number>;
    /** For a type without a configured impact. */
    defaultScoreImpact: number;
    /** A renewal this many days away or fewer counts as approaching. */
    renewalWindowDays: number;
    /** Won revenue down by at least this percent year over year = pipeline decline. */
    revenueDeclinePercent: number;
}

/** One RetentionMapping__mdt row: which opportunities count as which kind of revenue. */
export interface RetentionMapping {
    /** 'Type' (Opportunity.Type) or 'Record Type' (the record type's API name). */
    matchOn: string;
    value: string;
    /** One of RETENTION_CATEGORIES. */
    category: string;
}

export interface RetentionConfig {
    /** Recurring revenue a year ago below this: NRR and GRR are not shown as percentages. */
    minimumBase: number;
    /** NRR below this: the base is leaking. It also earns half marks in health. */
    leakingBelowPercent: number;
    /** NRR above this: healthy. */
    healthyAbovePercent: number;
    /** NRR from this: best in class; full marks in health. */
    bestInClassFromPercent: number;
    mappings: RetentionMapping[];
}

export interface ScoringConfig {
    selection: SelectionConfig;
    capacity: CapacityPolicy;
    coverage: CoverageConfig;
    health: HealthConfig;
    plan: PlanConfig;
    signals: SignalConfig;
    retention: RetentionConfig;
}

export const BUYING_ROLES = [
    'Economic Buyer',
    'Executive Sponsor',
    'Champion',
    'Technical Evaluator',
    'Coach',
    'User/Admin',
    'Procurement',
    'Blocker',
] as const;

export const SENTIMENTS = [
    'Advocate',
    'Supporter',
    'Neutral',
    'Skeptic',
    'Detractor',
    'Unknown',
] as const;

export const RELATIONSHIP_STRENGTHS = ['Strong', 'Moderate', 'Weak', 'None'] as const;

export const WHITESPACE_STATUSES = [
    'Owned',
    'In Pipeline',
    'Whitespace',
    'Competitor',
    'Not Applicable',
] as const;

export const TIERS = ['Tier 1', 'Tier 2', 'Tier 3'] as const;

export const SEGMENTS = ['Invest', 'Protect', 'Develop', 'Maintain'] as const;

/** The largest buying group a plan can expect; larger (and fractional) sizes are clamped. */
export const MAX_BUYING_GROUP_SIZE = 100;

/** How an opportunity counts for revenue retention (RetentionMapping__mdt.Category__c). */
export const RETENTION_CATEGORIES = [
    'New',
    'Renewal',
    'Expansion',
    'Contraction',
    'Churn',
    'Excluded',
] as const;

/** What a retention mapping matches (RetentionMapping__mdt.MatchOn__c). */
export const RETENTION_MATCH_ON = ['Type', 'Record Type'] as const;

export const SIGNAL_TYPES = {
    championLeft: 'Champion Left',
    championCold: 'Champion Cold',
    sponsorLeft: 'Sponsor Left',
    sponsorLapsed: 'Sponsor Lapsed',
    singleThreaded: 'Single Threaded',
    planStale: 'Plan Stale',
    pipelineDecline: 'Pipeline Decline',
    renewalAtRisk: 'Renewal At Risk',
    renewalOverdue: 'Renewal Overdue',
    usageDrop: 'Usage Drop',
    supportEscalation: 'Support Escalation',
} as const;

/** Signal types the engine raises and resolves itself, in the order it reports them. */
export const SYSTEM_SIGNAL_TYPES: string[] = [
    SIGNAL_TYPES.championLeft,
    SIGNAL_TYPES.championCold,
    SIGNAL_TYPES.sponsorLeft,
    SIGNAL_TYPES.sponsorLapsed,
    SIGNAL_TYPES.singleThreaded,
    SIGNAL_TYPES.planStale,
    SIGNAL_TYPES.pipelineDecline,
    SIGNAL_TYPES.renewalAtRisk,
    SIGNAL_TYPES.renewalOverdue,
];

/** Every HealthSignal__c.Type__c value: the system types plus those integrations insert. */
export const ALL_SIGNAL_TYPES: string[] = [
    ...SYSTEM_SIGNAL_TYPES,
    SIGNAL_TYPES.usageDrop,
    SIGNAL_TYPES.supportEscalation,
];

export function defaultConfig(): ScoringConfig {
    return {
        selection: {
            criteria: [
                { key: 'revenue', label: 'Current Revenue', weight: 40, fullScoreAt: 1000000 },
                {
                    key: 'whitespace',
                    label: 'Whitespace Potential',
                    weight: 30,
                    fullScoreAt: 1000000,
                },
                { key: 'strategic', label: 'Strategic Value', weight: 15, fullScoreAt: 100 },
                { key: 'relationship', label: 'Relationship Health', weight: 15, fullScoreAt: 100 },
            ],
            tier1Min: 75,
            tier2Min: 60,
            tier3Min: 45,
            segmentRevenueMin: 50,
            segmentPotentialMin: 50,
        },
        capacity: { tier1MinPerManager: 3, tier1MaxPerManager: 10 },
        coverage: {
            engagementWindowDays: 90,
            sponsorLapseDays: 180,
            targetMinPercent: 60,
            targetMaxPercent: 70,
            functionBreadthTarget: 3,
            requiredBuyingRoles: [
                'Economic Buyer',
                'Executive Sponsor',
                'Champion',
                'Technical Evaluator',
                'Procurement',
            ],
            defaultBuyingGroupSize: 10,
            buyingGroupSizes: [],
        },
        health: {
            weights: {
                coverage: 20,
                executive: 15,
                revenueRetention: 15,
                pipeline: 10,
                whitespace: 10,
                planFreshness: 15,
                signals: 15,
            },
            healthyMin: 70,
            watchMin: 45,
            trendThreshold: 5,
        },
        plan: {
            cadenceDaysByTier: { 'Tier 1': 30, 'Tier 2': 180, 'Tier 3': 365 },
            defaultCadenceDays: 365,
        },
        signals: {
            scoreImpacts: {
                'Champion Left': -40,
                'Champion Cold': -20,
                'Sponsor Left': -40,
                'Sponsor Lapsed': -30,
                'Single Threaded': -25,
                'Plan Stale': -15,
                'Pipeline Decline': -25,
                'Renewal At Risk': -40,
                'Renewal Overdue': -40,
                'Usage Drop': -30,
                'Support Escalation': -20,
            },
            defaultScoreImpact: -20,
            renewalWindowDays: 120,
            revenueDeclinePercent: 20,
        },
        retention: {
            minimumBase: 10000,
            leakingBelowPercent: 100,
            healthyAbovePercent: 110,
            bestInClassFromPercent: 120,
            mappings: [
                { matchOn: 'Type', value: 'New Customer', category: 'New' },
                { matchOn: 'Type', value: 'New Business', category: 'New' },
                { matchOn: 'Type', value: 'Renewal', category: 'Renewal' },
                { matchOn: 'Type', value: 'Existing Customer - Replacement', category: 'Renewal' },
                { matchOn: 'Type', value: 'Expansion', category: 'Expansion' },
                { matchOn: 'Type', value: 'Existing Customer - Upgrade', category: 'Expansion' },
                { matchOn: 'Type', value: 'Contraction', category: 'Contraction' },
                {
                    matchOn: 'Type',
                    value: 'Existing Customer - Downgrade',
                    category: 'Contraction',
                },
                { matchOn: 'Type', value: 'Churn', category: 'Churn' },
            ],
        },
    };
}

// ---------------------------------------------------------------- overrides

type Overrides = Record<string, unknown>;

function isRecord(value: unknown): value is Overrides {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rejectUnknown(path: string, problem: string): never {
    throw new KeystoneScoringError(path, problem);
}

function mergeSection<T extends object>(base: T, overrides: unknown, path: string): T {
    if (overrides === undefined || overrides === null) return base;
    if (!isRecord(overrides)) rejectUnknown(path, 'must be an object');
    const result = { ...base } as Record<string, unknown>;
    for (const [key, value] of Object.entries(overrides)) {
        if (!(key in result)) rejectUnknown(`${path}.${key}`, 'unknown setting');
        const current = result[key];
        if (isRecord(current) && isRecord(value)) {
            // Maps (health weights, signal impacts, cadence by tier) merge key by key; the health
            // weights have a fixed set of parts, so an unknown part is a typo.
            if (key === 'weights') {
                for (const part of Object.keys(value)) {
                    if (!(part in current))
                        rejectUnknown(`${path}.${key}.${part}`, 'unknown setting');
                }
            }
            result[key] = { ...current, ...value };
        } else {
            result[key] = value;
        }
    }
    return result as T;
}

/**
 * Defaults with admin overrides applied, as the Custom Metadata loader (and the vectors)
 * provide them: sections merge setting by setting; lists (criteria, required buying roles,
 * buying-group sizes, retention mappings) replace the default list; an unknown setting is rejected so a typo never passes silently.
 */
export function mergeConfig(overrides: unknown): ScoringConfig {
    const base = defaultConfig();
    if (overrides === undefined || overrides === null) return base;
    if (!isRecord(overrides)) rejectUnknown('config', 'must be an object');
    for (const key of Object.keys(overrides)) {
        if (!(key in base)) rejectUnknown(`config.${key}`, 'unknown setting');
    }
    return {
        selection: mergeSection(base.selection, overrides.selection, 'config.selection'),
        capacity: mergeSection(base.capacity, overrides.capacity, 'config.capacity'),
        coverage: mergeSection(base.coverage, overrides.coverage, 'config.coverage'),
        health: mergeSection(base.health, overrides.health, 'config.health'),
        plan: mergeSection(base.plan, overrides.plan, 'config.plan'),
        signals: mergeSection(base.signals, overrides.signals, 'config.signals'),
        retention: mergeSection(base.retention, overrides.retention, 'config.retention'),
    };
}
