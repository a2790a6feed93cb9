// Scores one account end to end, in the order the org's recompute runs:
// coverage -> revenue and retention -> whitespace -> plan -> signals and health -> selection.
// The plan's review cadence uses the tier the account holds now. Health counts the signals
// open once this recompute's detection is written (a new signal costs points at once; a
// resolved one stops costing). Renewal At Risk depends on health, so it is decided on the
// health without any Renewal At Risk signal, and then counted: the pipeline stays free of
// cycles, and the signal cannot keep itself open.
import type { ScoringConfig } from './config';
import type { CoverageResult } from './coverage';
import { calculateCoverage } from './coverage';
import { parseDate } from './dates';
import type { HealthFactors, HealthResult } from './health';
import { calculateHealth } from './health';
import type { PlanAssessment } from './plan';
import { assessPlan } from './plan';
import type { RevenueSummary } from './revenue';
import { summariseRevenue } from './revenue';
import type { SelectionResult } from './selection';
import { scoreSelection } from './selection';
import type { RetentionResult } from './retention';
import { calculateRetention, retentionSumsFromOpportunities } from './retention';
import type { SignalDetection, SignalFacts } from './signals';
import { detectSignals, openSignalImpacts, signalsAfterDetection } from './signals';
import { SIGNAL_TYPES } from './config';
import { clamp } from './rounding';
import type {
    ActivityInput,
    IsoDate,
    OpportunityInput,
    PlanActionInput,
    PlanInput,
    PlanObjectiveInput,
    PlanRiskInput,
    SignalInput,
    StakeholderInput,
    WhitespaceCellInput,
} from './types';
import { optionalNumber } from './validation';
import type { WhitespaceTotals } from './whitespace';
import { totalWhitespace } from './whitespace';

export interface AccountFacts {
    id?: string;
    name?: string;
    ownerId?: string | null;
    /** The tier the account holds now ('Tier 1'..'Tier 3' or null); picks the plan cadence. */
    tier?: string | null;
    /** The segment it holds now (Invest, Protect, Develop, Maintain); with the tier, picks the
     * expected buying-group size when the plan sets none. */
    segment?: string | null;
    /** 0..100 rating of strategic value (logo, reference, market entry...). */
    strategicValue?: number | null;
    renewalDate?: IsoDate | null;
    /** The health score stored last time, for the trend. */
    previousHealthScore?: number | null;
}

export interface AccountScoringInput {
    now: IsoDate;
    account: AccountFacts;
    stakeholders?: StakeholderInput[];
    activities?: ActivityInput[];
    opportunities?: OpportunityInput[];
    whitespaceCells?: WhitespaceCellInput[];
    plan?: PlanInput | null;
    objectives?: PlanObjectiveInput[];
    actions?: PlanActionInput[];
    risks?: PlanRiskInput[];
    signals?: SignalInput[];
}

export interface AccountScore {
    coverage: CoverageResult;
    revenue: RevenueSummary;
    retention: RetentionResult;
    whitespace: WhitespaceTotals;
    plan: PlanAssessment;
    health: HealthResult;
    signals: SignalDetection;
    selection: SelectionResult;
}

export function scoreAccount(input: AccountScoringInput, config: ScoringConfig): AccountScore {
    const now = parseDate(input.now, 'now');
    const account = input.account ?? {};
    const opportunities = input.opportunities ?? [];
    const signals = input.signals ?? [];

    const coverage = calculateCoverage(
        input.stakeholders ?? [],
        input.activities ?? [],
        now,
        config.coverage,
        {
            expectedSize: input.plan?.buyingGroupSize ?? null,
            tier: account.tier ?? null,
            segment: account.segment ?? null,
        },
    );
    const revenue = summariseRevenue(opportunities, now);
    const retention = calculateRetention(
        retentionSumsFromOpportunities(opportunities, now),
        config.retention,
    );
    const whitespace = totalWhitespace(input.whitespaceCells ?? [], opportunities);
    const plan = assessPlan(
        input.plan ?? null,
        { objectives: input.objectives, actions: input.actions, risks: input.risks },
        account.tier ?? null,
        now,
        config.plan,
    );

    const previous = optionalNumber(account.previousHealthScore, 'account.previousHealthScore');
    const healthOf = (openSignals: SignalInput[]): HealthResult => {
        const factors: HealthFactors = {
            coverageDepthPercent: coverage.coverageDepthPercent,
            singleThreaded: coverage.singleThreaded,
            daysSinceSponsorEngagement: coverage.daysSinceSponsorEngagement,
            netRevenueRetentionPercent: retention.netRevenueRetentionPercent,
            wonLast12Months: revenue.wonLast12Months,
            openPipeline: revenue.openPipeline,
            whitespaceIdentified: whitespace.identified,
            whitespaceCaptured: whitespace.captured,
            planFreshness: plan.freshness,
            openSignalScoreImpacts: openSignalImpacts(openSignals, config.signals),
            previousScore: previous === null ? null : clamp(previous, 0, 100),
        };
        return calculateHealth(factors, config.health, config.coverage, config.retention);
    };
    const facts: SignalFacts = {
        championLeft: coverage.championLeft,
        championCold: coverage.championCold,
        sponsorLeft: coverage.sponsorLeft,
        sponsorLapsed: coverage.sponsorLapsed,
        singleThreaded: coverage.singleThreaded,
        planFreshness: plan.freshness,
        revenueChangePercent: revenue.revenueChangePercent,
        healthScore: 0,
        renewalDate: account.renewalDate ?? null,
    };
    // Every condition but Renewal At Risk is known without health.
    const withoutHealth = detectSignals(facts, signals, now, config.signals, config.health);
    const beforeRenewalRisk = signalsAfterDetection(signals, withoutHealth, config.signals).filter(
        (signal) => signal.type !== SIGNAL_TYPES.renewalAtRisk,
    );
    facts.healthScore = healthOf(beforeRenewalRisk).score;
    const detection = detectSignals(facts, signals, now, config.signals, config.health);
    const health = healthOf(signalsAfterDetection(signals, detection, config.signals));

    const selection = scoreSelection(
        {
            revenue: revenue.wonLast12Months,
            whitespace: whitespace.openIdentified,
            strategic: optionalNumber(account.strategicValue, 'account.strategicValue'),
            relationship: health.score,
        },
        config.selection,
    );

    return {
        coverage,
        revenue,
        retention,
        whitespace,
        plan,
        health,
        signals: detection,
        selection,
    };
}
