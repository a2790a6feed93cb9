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
    SIGNAL_TYPES,
    SYSTEM_SIGNAL_TYPES,
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
export { calculateCoverage, latestActivityByContact } from './coverage';
export type { CoverageResult, CoverageStatus, SponsorStatus } from './coverage';
export { summariseRevenue } from './revenue';
export type { RevenueSummary } from './revenue';
export { calculateHealth, normaliseHealthFactors, bandForScore } from './health';
export type {
    HealthFactors,
    HealthResult,
    HealthBand,
    HealthTrend,
    PlanFreshnessStatus,
} from './health';
export { assessPlan, cadenceDaysFor, PLAN_ITEMS } from './plan';
export type { PlanAssessment, PlanChildren } from './plan';
export { totalWhitespace } from './whitespace';
export type { WhitespaceTotals, WhitespaceAxisTotal, EffectiveCell } from './whitespace';
export { detectSignals, openSignalImpacts, openSignalTypes } from './signals';
export type { SignalFacts, SignalDetection } from './signals';
export { scoreAccount } from './account';
export type { AccountFacts, AccountScoringInput, AccountScore } from './account';
export { runVectorCase } from './vectorRunner';
export type { VectorCase } from './vectorRunner';
export { roundHalfUp, ratioHalfUp, sumExact } from './rounding';
export { parseDate, daysBetween, addMonths, addDays, formatDate } from './dates';
export type { CalendarDate } from './dates';
export type * from './types';
