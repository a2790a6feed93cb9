// Account plan: how complete it is (ten items, ten points each, listing what is missing) and
// how fresh it is (days since the last review against the tier's review cadence).
import type { PlanConfig } from './config';
import { TIERS } from './config';
import type { CalendarDate } from './dates';
import { addDays, daysBetween, formatDate, parseOptionalDate } from './dates';
import type { PlanFreshnessStatus } from './health';
import { ratioHalfUp } from './rounding';
import type {
    IsoDate,
    PlanActionInput,
    PlanInput,
    PlanObjectiveInput,
    PlanRiskInput,
    ScorePart,
} from './types';
import {
    configNumber,
    isBlank,
    optionalAmount,
    optionalNumber,
    optionalPicklist,
} from './validation';

export interface PlanAssessment {
    hasPlan: boolean;
    /** 0..100: share of the ten plan items that are filled in. */
    completenessPercent: number;
    /** Keys of the items still missing, in plan order. */
    missingItems: string[];
    parts: ScorePart[];
    freshness: PlanFreshnessStatus;
    cadenceDays: number;
    lastReviewedDate: IsoDate | null;
    /** Days since the last review; a review dated after "now" counts as today (clamped). */
    daysSinceReview: number | null;
    nextReviewOn: IsoDate | null;
    reviewDateClamped: boolean;
}

export interface PlanChildren {
    objectives?: PlanObjectiveInput[];
    actions?: PlanActionInput[];
    risks?: PlanRiskInput[];
}

/** The ten plan items, in the order the plan editor shows them. */
export const PLAN_ITEMS: { key: string; label: string }[] = [
    { key: 'businessPriorities', label: "Customer's business priorities" },
    { key: 'financialContext', label: 'Financial context' },
    { key: 'revenueTarget', label: 'Revenue target' },
    { key: 'expansionTarget', label: 'Expansion target' },
    { key: 'competitiveLandscape', label: 'Competitive landscape' },
    { key: 'objectives', label: 'At least one measurable objective' },
    { key: 'actions', label: 'At least one action with an owner and a due date' },
    { key: 'risks', label: 'At least one risk with a mitigation owner' },
    { key: 'leadership', label: 'Key account manager and executive sponsor named' },
    { key: 'deliveryTeam', label: 'Technical lead and customer success manager named' },
];

export function cadenceDaysFor(tier: string | null, config: PlanConfig): number {
    const cadence = tier === null ? undefined : config.cadenceDaysByTier[tier];
    return cadence ?? config.defaultCadenceDays;
}

function filledItems(plan: PlanInput, children: PlanChildren): string[] {
    const filled: string[] = [];
    if (!isBlank(plan.businessPriorities)) filled.push('businessPriorities');
    if (!isBlank(plan.financialContext)) filled.push('financialContext');
    // A target of 0 is a target; a negative target is rejected.
    optionalAmount(plan.revenueTarget, 'plan.revenueTarget');
    optionalAmount(plan.expansionTarget, 'plan.expansionTarget');
    if (plan.revenueTarget !== null && plan.revenueTarget !== undefined)
        filled.push('revenueTarget');
    if (plan.expansionTarget !== null && plan.expansionTarget !== undefined)
        filled.push('expansionTarget');
    if (!isBlank(plan.competitiveLandscape)) filled.push('competitiveLandscape');
    const objectives = children.objectives ?? [];
    // Every target is checked, not only where the metric is blank: bad input is rejected.
    const measurable = objectives.filter((objective, index) => {
        const target = optionalNumber(objective.targetValue, `objectives[${index}].targetValue`);
        return !isBlank(objective.metric) || target !== null;
    });
    if (measurable.length > 0) filled.push('objectives');
    const actions = children.actions ?? [];
    const assigned = actions.filter(
        (action, index) =>
            !isBlank(action.ownerId) &&
            parseOptionalDate(action.dueDate, `actions[${index}].dueDate`) !== null,
    );
    if (assigned.length > 0) filled.push('actions');
    if ((children.risks ?? []).some((risk) => !isBlank(risk.mitigationOwnerId)))
        filled.push('risks');
    if (!isBlank(plan.keyAccountManagerId) && !isBlank(plan.executiveSponsorId)) {
        filled.push('leadership');
    }
    if (!isBlank(plan.technicalLeadId) && !isBlank(plan.customerSuccessManagerId)) {
        filled.push('deliveryTeam');
    }
    return filled;
}

/**
 * Assesses the account's active plan (null when the account has none). `tier` is the tier
 * the account holds now ('Tier 1'..'Tier 3' or null) and chooses the review cadence.
 */
export function assessPlan(
    plan: PlanInput | null,
    children: PlanChildren,
    tier: unknown,
    now: CalendarDate,
    config: PlanConfig,
): PlanAssessment {
    configNumber(config.defaultCadenceDays, 1, 'config.plan.defaultCadenceDays');
    for (const [name, days] of Object.entries(config.cadenceDaysByTier)) {
        configNumber(days, 1, `config.plan.cadenceDaysByTier.${name}`);
    }
    const accountTier = optionalPicklist(tier, TIERS, 'tier');
    const cadenceDays = cadenceDaysFor(accountTier, config);
    const filled = plan === null ? [] : filledItems(plan, children);
    const itemPoints = ratioHalfUp([100], [PLAN_ITEMS.length], 2);
    const parts: ScorePart[] = PLAN_ITEMS.map((item) => {
        const isFilled = filled.includes(item.key);
        return {
            key: item.key,
            label: item.label,
            rawValue: isFilled ? 'Filled' : 'Missing',
            normalised: isFilled ? 100 : 0,
            weight: itemPoints,
            points: isFilled ? itemPoints : 0,
            explanation: isFilled ? `${item.label}: filled in.` : `${item.label}: missing.`,
        };
    });
    const completenessPercent = ratioHalfUp([filled.length, 100], [PLAN_ITEMS.length], 1);

    let freshness: PlanFreshnessStatus;
    let daysSinceReview: number | null = null;
    let nextReviewOn: IsoDate | null = null;
    let reviewDateClamped = false;
    const reviewed =
        plan === null ? null : parseOptionalDate(plan.lastReviewedDate, 'plan.lastReviewedDate');
    if (plan === null) {
        freshness = 'No plan';
    } else if (reviewed === null) {
        freshness = 'Never reviewed';
    } else {
        daysSinceReview = daysBetween(reviewed, now);
        if (daysSinceReview < 0) {
            daysSinceReview = 0;
            reviewDateClamped = true;
        }
        nextReviewOn = formatDate(addDays(reviewed, cadenceDays));
        if (daysSinceReview <= cadenceDays) freshness = 'Current';
        else if (daysSinceReview <= cadenceDays * 2) freshness = 'Overdue';
        else freshness = 'Stale';
    }
    return {
        hasPlan: plan !== null,
        completenessPercent,
        missingItems: PLAN_ITEMS.filter((item) => !filled.includes(item.key)).map(
            (item) => item.key,
        ),
        parts,
        freshness,
        cadenceDays,
        lastReviewedDate: reviewed === null ? null : formatDate(reviewed),
        daysSinceReview,
        nextReviewOn,
        reviewDateClamped,
    };
}
