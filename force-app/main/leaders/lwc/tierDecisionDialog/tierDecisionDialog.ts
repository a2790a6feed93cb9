// The tier decision dialog: accept the suggested tier of one or more accounts, or override one
// account's tier with a reason. It shows the capacity warnings the decision would raise (the
// portfolio asks the server for them) before the leader confirms, and keeps the chosen tier and
// the typed reason when the server rejects the decision, with its message beside the field.
// The portfolio makes the Apex calls; this component only collects and shows.
import { LightningElement, api } from 'lwc';
import type { Option } from 'c/portfolioModel';
import { NOT_A_KEY_ACCOUNT, tierLabel } from 'c/portfolioModel';

export interface DecisionAccount {
    id: string;
    name: string;
    tier?: string | null;
    suggestedTier?: string | null;
}

export type DecisionMode = 'accept' | 'override';

export default class TierDecisionDialog extends LightningElement {
    @api mode: DecisionMode = 'accept';
    @api accounts: DecisionAccount[] = [];
    /** The tiers a leader may decide (the policy's tiers and "Not a key account"). */
    @api tiers: string[] = [];
    /** Capacity warnings of the decision as it stands; null while they load. */
    @api warnings: string[] | null = null;
    @api tierError = '';
    @api reasonError = '';
    @api formError = '';
    @api saving = false;

    tier = '';
    reason = '';
    private focused = false;

    override connectedCallback(): void {
        const account = this.accounts[0];
        this.tier =
            this.mode === 'override'
                ? (account?.suggestedTier ?? account?.tier ?? NOT_A_KEY_ACCOUNT)
                : '';
    }

    override renderedCallback(): void {
        if (!this.focused) {
            this.focused = true;
            this.template?.querySelector<HTMLElement>('c-keystone-dialog')?.focus();
        }
    }

    get isOverride(): boolean {
        return this.mode === 'override';
    }

    get heading(): string {
        if (this.isOverride) return `Override the tier of ${this.accounts[0]?.name ?? ''}`;
        return this.accounts.length === 1
            ? `Accept the suggested tier of ${this.accounts[0]?.name ?? ''}`
            : `Accept ${this.accounts.length} suggested tiers`;
    }

    get rows(): { id: string; name: string; change: string }[] {
        return this.accounts.map((account) => ({
            id: account.id,
            name: account.name,
            change: `${tierLabel(account.tier)} → ${tierLabel(
                this.isOverride ? this.tier : account.suggestedTier,
            )}`,
        }));
    }

    get tierOptions(): Option[] {
        return this.tiers.map((tier) => ({ value: tier, label: tier }));
    }

    get suggestionText(): string {
        const suggested = this.accounts[0]?.suggestedTier;
        return suggested
            ? `The selection suggests ${suggested}.`
            : 'The selection has not suggested a tier for this account.';
    }

    get loadingWarnings(): boolean {
        return this.warnings === null;
    }

    get hasWarnings(): boolean {
        return (this.warnings ?? []).length > 0;
    }

    get warningItems(): { key: string; text: string }[] {
        return (this.warnings ?? []).map((text, index) => ({ key: String(index), text }));
    }

    get confirmLabel(): string {
        if (this.saving) return 'Saving…';
        if (this.isOverride) return 'Override tier';
        return this.hasWarnings ? 'Accept anyway' : 'Accept';
    }

    get tierWrapperClass(): string {
        return `slds-form-element${this.tierError ? ' slds-has-error' : ''}`;
    }

    get reasonWrapperClass(): string {
        return `slds-form-element slds-m-top_small${this.reasonError ? ' slds-has-error' : ''}`;
    }

    get confirmDisabled(): boolean {
        return this.saving;
    }

    handleTierChange(event: CustomEvent<{ value: string }>): void {
        this.tier = event.detail.value;
        this.dispatchEvent(new CustomEvent('tierchange', { detail: { tier: this.tier } }));
    }

    handleReasonChange(event: CustomEvent<{ value: string }>): void {
        this.reason = event.detail.value;
    }

    handleConfirm(): void {
        if (this.saving) return;
        this.dispatchEvent(
            new CustomEvent('confirm', {
                detail: { tier: this.isOverride ? this.tier : null, reason: this.reason },
            }),
        );
    }

    handleCancel(): void {
        this.dispatchEvent(new CustomEvent('cancel'));
    }
}
