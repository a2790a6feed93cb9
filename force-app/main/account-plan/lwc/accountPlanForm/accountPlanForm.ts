// The plan's own fields: name, status and period, the last executive review, the customer's
// business priorities in their words and their financial context, revenue and expansion targets
// beside the live figures Keystone keeps from opportunities (never typed in), and the
// competitive landscape. The plan editor holds the draft and saves it; this form shows it, says
// each error beside its field and reports every change.
import { LightningElement, api } from 'lwc';
import LIVE_REVENUE_FIELD from '@salesforce/schema/AccountPlan__c.LiveRevenue12Months__c';
import PRIOR_REVENUE_FIELD from '@salesforce/schema/AccountPlan__c.LiveRevenuePrior12Months__c';
import OPEN_PIPELINE_FIELD from '@salesforce/schema/AccountPlan__c.OpenPipeline__c';
import WEIGHTED_PIPELINE_FIELD from '@salesforce/schema/AccountPlan__c.WeightedPipeline__c';
import NEXT_RENEWAL_FIELD from '@salesforce/schema/AccountPlan__c.NextRenewalDate__c';
import LAST_RECOMPUTED_FIELD from '@salesforce/schema/AccountPlan__c.LastRecomputedAt__c';
import { formatDate, formatMoney, numberOf, textOf, toNumber } from 'c/accountPlanModel';
import type { Errors, Option, PlanDraft, SObjectRecord } from 'c/accountPlanModel';

export default class AccountPlanForm extends LightningElement {
    @api draft?: PlanDraft;
    @api errors: Errors = {};
    @api readOnly = false;
    @api statusOptions: Option[] = [];
    /** The plan as saved: the live figures Keystone keeps on it. */
    @api plan?: SObjectRecord | null;

    get fields(): PlanDraft {
        return (
            this.draft ?? {
                name: '',
                status: '',
                periodStart: '',
                periodEnd: '',
                businessPriorities: '',
                financialContext: '',
                competitiveLandscape: '',
                revenueTarget: '',
                expansionTarget: '',
                keyAccountManagerId: '',
                executiveSponsorId: '',
                technicalLeadId: '',
                customerSuccessManagerId: '',
                lastExecutiveReviewDate: '',
            }
        );
    }

    get liveRevenueText(): string {
        return formatMoney(numberOf(this.plan, LIVE_REVENUE_FIELD));
    }

    get priorRevenueText(): string {
        return formatMoney(numberOf(this.plan, PRIOR_REVENUE_FIELD));
    }

    get openPipelineText(): string {
        return formatMoney(numberOf(this.plan, OPEN_PIPELINE_FIELD));
    }

    get weightedPipelineText(): string {
        return formatMoney(numberOf(this.plan, WEIGHTED_PIPELINE_FIELD));
    }

    get nextRenewalText(): string {
        return formatDate(textOf(this.plan, NEXT_RENEWAL_FIELD)) || 'No open renewal';
    }

    get lastRecomputedText(): string {
        const value = textOf(this.plan, LAST_RECOMPUTED_FIELD);
        return value ? `Live figures as of ${formatDate(value)}.` : '';
    }

    get revenueGapText(): string {
        const target = toNumber(this.fields.revenueTarget);
        const live = numberOf(this.plan, LIVE_REVENUE_FIELD) ?? 0;
        if (target === null || Number.isNaN(target) || target < 0) {
            return 'Set a revenue target to see how far there is to go.';
        }
        const gap = target - live;
        return gap > 0
            ? `${formatMoney(gap)} to go to the revenue target.`
            : `Revenue target reached, ${formatMoney(-gap)} above it.`;
    }

    handleChange(event: CustomEvent<{ value: unknown }>): void {
        const key = (event.target as HTMLElement).dataset.field;
        if (!key) return;
        const value = event.detail?.value;
        this.dispatchEvent(
            new CustomEvent('fieldchange', {
                detail: { key, value: value === null || value === undefined ? '' : String(value) },
            }),
        );
    }
}
