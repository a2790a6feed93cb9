// The key-account strip at the top of the Account page: is this a key account, which tier,
// its selection score and segment, what the segment means for how the account is run, and
// the capacity of the manager who owns it (Tier 1 accounts against the 3-10 policy).
import { LightningElement, api, wire } from 'lwc';
import { getRecord, getFieldValue } from 'lightning/uiRecordApi';
import type { RecordRepresentation } from 'lightning/uiRecordApi';
import IS_KEY_ACCOUNT_FIELD from '@salesforce/schema/Account.IsKeyAccount__c';
import TIER_FIELD from '@salesforce/schema/Account.KeyAccountTier__c';
import SCORE_FIELD from '@salesforce/schema/Account.KeyAccountScore__c';
import SEGMENT_FIELD from '@salesforce/schema/Account.KeyAccountSegment__c';
import getCapacity from '@salesforce/apex/KeyAccountCapacityController.getCapacity';
import { reduceErrors } from 'c/keystoneErrors';
import { parseSaveError } from 'c/keystoneSaveErrors';

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

/** KeyAccountCapacityController.ManagerCapacityView */
export interface ManagerCapacityView {
    managerId: string;
    managerName?: string | null;
    tier1Count: number;
    keyAccountCount: number;
    status: 'Over capacity' | 'Under minimum' | 'Within policy';
    warning?: string | null;
    minPerManager: number;
    maxPerManager: number;
}

interface WiredCapacity {
    data?: ManagerCapacityView | null;
    error?: unknown;
}

const CAPACITY_THEMES: Record<string, string> = {
    'Over capacity': 'slds-badge slds-theme_error',
    'Under minimum': 'slds-badge slds-theme_warning',
    'Within policy': 'slds-badge slds-theme_success',
};

export default class KeyAccountBadge extends LightningElement {
    @api recordId?: string;

    account?: RecordRepresentation;
    errorMessages: string[] = [];
    capacity?: ManagerCapacityView;
    capacityError = '';

    @wire(getCapacity, { accountId: '$recordId' })
    wiredCapacity({ data, error }: WiredCapacity): void {
        if (data) {
            this.capacity = data;
            this.capacityError = '';
        } else if (error) {
            this.capacity = undefined;
            this.capacityError = `Capacity could not be loaded: ${parseSaveError(error).message}`;
        }
    }

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

    // ------------------------------------------------------------------ capacity

    get hasCapacity(): boolean {
        return Boolean(this.capacity);
    }

    get capacityBadgeClass(): string {
        return CAPACITY_THEMES[this.capacity?.status ?? ''] ?? 'slds-badge';
    }

    /** "Jordan Diaz owns 4 Tier 1 accounts (policy 3–10) and 6 key accounts in all." */
    get capacityText(): string {
        const capacity = this.capacity;
        if (!capacity) return '';
        const who = capacity.managerName || 'The account owner';
        const tier1 = capacity.tier1Count === 1 ? 'account' : 'accounts';
        const all = capacity.keyAccountCount === 1 ? 'key account' : 'key accounts';
        return `${who} owns ${capacity.tier1Count} Tier 1 ${tier1} (policy ${capacity.minPerManager}–${capacity.maxPerManager}) and ${capacity.keyAccountCount} ${all} in all.`;
    }

    get capacityWarning(): string {
        return this.capacity?.warning ?? '';
    }

    get statusBadgeLabel(): string {
        return this.isKeyAccount ? 'Selected' : 'Candidate';
    }
}
