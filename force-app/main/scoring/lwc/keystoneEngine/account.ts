// Scores one account end to end, in the order the org's recompute runs:
// coverage -> revenue -> whitespace -> plan -> health -> signals -> selection.
// The plan's review cadence uses the tier the account holds now, and health counts the
// signals open now; this keeps the pipeline free of cycles and deterministic.
import type { ScoringConfig } from './config';
import type { CoverageResult } from './coverage';
import { calculateCoverage } from './coverage';
import { parseDate } from './dates';
import type { HealthResult } from './health';
import { calculateHealth } from './health';
import type { PlanAssessment } from './plan';
import { assessPlan } from './plan';
import type { RevenueSummary } from './revenue';
import { summariseRevenue } from './revenue';
import type { SelectionResult } from './selection';
import { scoreSelection } from './selection';
import type { SignalDetection } from './signals';
import { detectSignals, openSignalImpacts } from './signals';
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
    );
    const revenue = summariseRevenue(opportunities, now);
    const whitespace = totalWhitespace(input.whitespaceCells ?? [], opportunities);
    const plan = assessPlan(
        input.plan ?? null,
        { objectives: input.objectives, actions: input.actions, risks: input.risks },
        account.tier ?? null,
        now,
        config.plan,
    );

    const previous = optionalNumber(account.previousHealthScore, 'account.previousHealthScore');
    const health = calculateHealth(
        {
            coverageDepthPercent: coverage.coverageDepthPercent,
            daysSinceSponsorEngagement: coverage.daysSinceSponsorEngagement,
            wonLast12Months: revenue.wonLast12Months,
            wonPrior12Months: revenue.wonPrior12Months,
            openPipeline: revenue.openPipeline,
            whitespaceIdentified: whitespace.identified,
            whitespaceCaptured: whitespace.captured,
            planFreshness: plan.freshness,
            openSignalScoreImpacts: openSignalImpacts(signals, config.signals),
            previousScore: previous === null ? null : clamp(previous, 0, 100),
        },
        config.health,
        config.coverage,
    );

    const detection = detectSignals(
        {
            championLeft: coverage.championLeft,
            championCold: coverage.championCold,
            sponsorLeft: coverage.sponsorLeft,
            sponsorLapsed: coverage.sponsorLapsed,
            singleThreaded: coverage.singleThreaded,
            planFreshness: plan.freshness,
            revenueChangePercent: revenue.revenueChangePercent,
            healthScore: health.score,
            renewalDate: account.renewalDate ?? null,
        },
        signals,
        now,
        config.signals,
        config.health,
    );

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
        whitespace,
        plan,
        health,
        signals: detection,
        selection,
    };
}
