// Keystone scoring engine — the public API. Pure functions over plain data: no Salesforce
// APIs, no clock (pass "now"), no I/O. The Apex calculators implement the same rules and both
// are held to the shared vectors (staticresources/KeystoneScoringVectors.json).
export { KeystoneScoringError } from './errors';
export {
    defaultConfig,
    mergeConfig,
    BUYING_ROLES,
    SENTIMENTS,
    RELATIONSHIP_STRENGTHS,
    WHITESPACE_STATUSES,
    TIERS,
    SEGMENTS,
    SIGNAL_TYPES,
    SYSTEM_SIGNAL_TYPES,
    ALL_SIGNAL_TYPES,
    MAX_BUYING_GROUP_SIZE,
    RETENTION_CATEGORIES,
    RETENTION_MATCH_ON,
} from './config';
export type {
    ScoringConfig,
    SelectionConfig,
    SelectionCriterionConfig,
    CapacityPolicy,
    CoverageConfig,
    HealthConfig,
    HealthWeights,
    PlanConfig,
    SignalConfig,
    RetentionConfig,
    RetentionMapping,
    BuyingGroupSizeRule,
} from './config';
export { scoreSelection, checkCapacity, tierForScore, segmentFor } from './selection';
export type {
    SelectionResult,
    Segment,
    CapacityAccountInput,
    CapacityResult,
    ManagerCapacity,
    CapacityStatus,
} from './selection';
export {
    calculateCoverage,
    latestActivityByContact,
    resolveBuyingGroupSize,
    describeFunctionBreadth,
} from './coverage';
export type {
    CoverageResult,
    CoverageStatus,
    SponsorStatus,
    BuyingGroupInput,
    BuyingGroupSizeSource,
} from './coverage';
export { summariseRevenue } from './revenue';
export type { RevenueSummary } from './revenue';
export {
    calculateRetention,
    retentionSumsFromOpportunities,
    retentionCategoryFor,
    retentionBandFor,
} from './retention';
export type {
    RetentionResult,
    RetentionSum,
    RetentionStatus,
    RetentionBand,
    RetentionPeriod,
} from './retention';
export { calculateHealth, normaliseHealthFactors, bandForScore, retentionPoints } from './health';
export type {
    HealthFactors,
    HealthResult,
    HealthBand,
    HealthTrend,
    PlanFreshnessStatus,
} from './health';
export { assessPlan, cadenceDaysFor, PLAN_ITEMS } from './plan';
export type { PlanAssessment, PlanChildren } from './plan';
export { totalWhitespace, normaliseSpace, axisKeyOf } from './whitespace';
export type { WhitespaceTotals, WhitespaceAxisTotal, EffectiveCell } from './whitespace';
export {
    detectSignals,
    openSignalImpacts,
    openSignalTypes,
    signalsAfterDetection,
    isSystemSignal,
} from './signals';
export type { SignalFacts, SignalDetection } from './signals';
export { scoreAccount } from './account';
export type { AccountFacts, AccountScoringInput, AccountScore } from './account';
export { runVectorCase } from './vectorRunner';
export type { VectorCase } from './vectorRunner';
export { roundHalfUp, ratioHalfUp, sumExact } from './rounding';
export { parseDate, daysBetween, addMonths, addDays, formatDate } from './dates';
export type { CalendarDate } from './dates';
export type * from './types';
