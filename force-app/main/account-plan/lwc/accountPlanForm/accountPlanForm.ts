// The plan's own fields: name, status and period, the last executive review, the customer's
// business priorities in their words and their financial context, revenue and expansion targets
// beside the live figures Keystone keeps from opportunities (never typed in: revenue, pipeline,
// net and gross revenue retention), the expected buying-group size beside the seats and empty
// seats the last recompute counted, and the competitive landscape. The plan editor holds the draft and saves it; this form shows it, says
// each error beside its field and reports every change.
import { LightningElement, api } from 'lwc';
import LIVE_REVENUE_FIELD from '@salesforce/schema/AccountPlan__c.LiveRevenue12Months__c';
import PRIOR_REVENUE_FIELD from '@salesforce/schema/AccountPlan__c.LiveRevenuePrior12Months__c';
import OPEN_PIPELINE_FIELD from '@salesforce/schema/AccountPlan__c.OpenPipeline__c';
import WEIGHTED_PIPELINE_FIELD from '@salesforce/schema/AccountPlan__c.WeightedPipeline__c';
import NEXT_RENEWAL_FIELD from '@salesforce/schema/AccountPlan__c.NextRenewalDate__c';
import LAST_RECOMPUTED_FIELD from '@salesforce/schema/AccountPlan__c.LastRecomputedAt__c';
import NRR_FIELD from '@salesforce/schema/AccountPlan__c.NetRevenueRetention__c';
import GRR_FIELD from '@salesforce/schema/AccountPlan__c.GrossRevenueRetention__c';
import RETENTION_BAND_FIELD from '@salesforce/schema/AccountPlan__c.RetentionBand__c';
import RETENTION_BASE_FIELD from '@salesforce/schema/AccountPlan__c.RetentionBase__c';
import RETENTION_NET_CHANGE_FIELD from '@salesforce/schema/AccountPlan__c.RetentionNetChange__c';
import BUYING_GROUP_SEATS_FIELD from '@salesforce/schema/AccountPlan__c.BuyingGroupSeats__c';
import EMPTY_SEATS_FIELD from '@salesforce/schema/AccountPlan__c.EmptySeats__c';
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
                buyingGroupSize: '',
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

    /** "112.5% (Healthy)"; without a base large enough for a percentage, why not. */
    get nrrText(): string {
        const nrr = numberOf(this.plan, NRR_FIELD);
        const band = textOf(this.plan, RETENTION_BAND_FIELD);
        if (nrr === null) {
            return band === 'Not measured'
                ? 'Not measured: too little recurring revenue a year ago for a percentage'
                : 'Not measured yet';
        }
        return band ? `${nrr}% (${band})` : `${nrr}%`;
    }

    get grrText(): string {
        const grr = numberOf(this.plan, GRR_FIELD);
        return grr === null ? 'Not measured yet' : `${grr}%`;
    }

    get retentionBaseText(): string {
        return formatMoney(numberOf(this.plan, RETENTION_BASE_FIELD));
    }

    /** Signed, so a loss never reads as a gain. */
    get netChangeText(): string {
        const change = numberOf(this.plan, RETENTION_NET_CHANGE_FIELD);
        if (change === null) return formatMoney(null);
        if (change === 0) return `${formatMoney(0)}, no change`;
        return change > 0 ? `${formatMoney(change)} gained` : `${formatMoney(-change)} lost`;
    }

    get seatsText(): string {
        const seats = numberOf(this.plan, BUYING_GROUP_SEATS_FIELD);
        const empty = numberOf(this.plan, EMPTY_SEATS_FIELD);
        if (seats === null) return 'Not counted yet';
        const seatWord = seats === 1 ? 'seat' : 'seats';
        return empty === null ? `${seats} ${seatWord}` : `${seats} ${seatWord}, ${empty} empty`;
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
