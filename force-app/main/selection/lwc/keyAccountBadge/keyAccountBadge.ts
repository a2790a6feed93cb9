// The key-account strip at the top of the Account page: is this a key account, which tier,
// its selection score and segment, and what the segment means for how the account is run.
import { LightningElement, api, wire } from 'lwc';
import { getRecord, getFieldValue } from 'lightning/uiRecordApi';
import type { RecordRepresentation } from 'lightning/uiRecordApi';
import IS_KEY_ACCOUNT_FIELD from '@salesforce/schema/Account.IsKeyAccount__c';
import TIER_FIELD from '@salesforce/schema/Account.KeyAccountTier__c';
import SCORE_FIELD from '@salesforce/schema/Account.KeyAccountScore__c';
import SEGMENT_FIELD from '@salesforce/schema/Account.KeyAccountSegment__c';
import { reduceErrors } from 'c/keystoneErrors';

const FIELDS = [IS_KEY_ACCOUNT_FIELD, TIER_FIELD, SCORE_FIELD, SEGMENT_FIELD];

/** The 2×2 of current revenue × potential, in the words of the playbook. */
const SEGMENT_PLAYBOOK: Record<string, string> = {
    Invest: 'High revenue and high potential: grow the relationship and expand.',
    Protect: 'High revenue, limited potential: defend the footprint and renew.',
    Develop: 'Lower revenue, high potential: build relationships and land new products.',
    Maintain: 'Lower revenue, limited potential: serve efficiently.',
};

interface WiredRecord {
    data?: RecordRepresentation;
    error?: unknown;
}

export default class KeyAccountBadge extends LightningElement {
    @api recordId?: string;

    account?: RecordRepresentation;
    errorMessages: string[] = [];

    @wire(getRecord, { recordId: '$recordId', fields: FIELDS })
    wiredAccount({ data, error }: WiredRecord): void {
        if (data) {
            this.account = data;
            this.errorMessages = [];
        } else if (error) {
            this.account = undefined;
            this.errorMessages = reduceErrors(error);
        }
    }

    get isLoading(): boolean {
        return !this.account && this.errorMessages.length === 0;
    }

    get hasError(): boolean {
        return this.errorMessages.length > 0;
    }

    get errorText(): string {
        return this.errorMessages.join(' ');
    }

    get isLoaded(): boolean {
        return Boolean(this.account);
    }

    get isKeyAccount(): boolean {
        return getFieldValue(this.account, IS_KEY_ACCOUNT_FIELD) === true;
    }

    get score(): number | null {
        const value = getFieldValue(this.account, SCORE_FIELD);
        return typeof value === 'number' ? value : null;
    }

    get isScored(): boolean {
        return this.score !== null;
    }

    get scoreText(): string {
        return this.score === null ? '' : String(Math.round(this.score));
    }

    get tier(): string {
        const value = getFieldValue(this.account, TIER_FIELD);
        return typeof value === 'string' && value ? value : 'No tier';
    }

    get segment(): string | null {
        const value = getFieldValue(this.account, SEGMENT_FIELD);
        return typeof value === 'string' && value ? value : null;
    }

    get segmentPlaybook(): string {
        const segment = this.segment;
        return segment ? (SEGMENT_PLAYBOOK[segment] ?? '') : '';
    }

    get headline(): string {
        return this.isKeyAccount ? `Key account · ${this.tier}` : 'Not a key account';
    }

    /** Colour marks the status for a glance; the headline says it in words (so the badge does not repeat it). */
    get statusBadgeClass(): string {
        return this.isKeyAccount ? 'slds-badge slds-theme_success' : 'slds-badge';
    }

    get statusBadgeLabel(): string {
        return this.isKeyAccount ? 'Selected' : 'Candidate';
    }
}
