// The Key Account Portfolio (app page and Home page): the key accounts a sales leader is
// responsible for, with what to inspect and what to decide. One cacheable Apex read loads it
// (PortfolioController.getPortfolio); filters, inspection lists and grouping work on that data
// in the browser. Small composed parts draw it: filters, inspection lists, segment chart,
// revenue concentration, capacity per manager, the accounts table and the tier decision dialog.
// Accepting or overriding a tier goes through the server (every change becomes a Tier Change);
// the dialog shows the capacity warnings first and keeps what the leader typed if it fails.
import { LightningElement, wire } from 'lwc';
import { refreshApex } from '@salesforce/apex';
import getPortfolio from '@salesforce/apex/PortfolioController.getPortfolio';
import previewTierDecision from '@salesforce/apex/PortfolioController.previewTierDecision';
import acceptSuggestedTiers from '@salesforce/apex/PortfolioController.acceptSuggestedTiers';
import overrideTier from '@salesforce/apex/PortfolioController.overrideTier';
import startSelectionRun from '@salesforce/apex/PortfolioController.startSelectionRun';
import REASON_FIELD from '@salesforce/schema/TierChange__c.Reason__c';
import TIER_FIELD from '@salesforce/schema/TierChange__c.ToTier__c';
import { parseSaveError } from 'c/keystoneSaveErrors';
import { loadStateOf, reloadOnPageRefresh, stopReloadingOnPageRefresh } from 'c/keystoneUi';
import type { LoadState } from 'c/keystoneUi';
import type {
    DecisionResult,
    Filters,
    InspectionList,
    PortfolioAccount,
    PortfolioData,
} from 'c/portfolioModel';
import {
    defaultFilters,
    describeBuyingGroupCoverage,
    describeRetention,
    filterAccounts,
    inspectionLabel,
    inspectionLists,
    sortAccounts,
    tierLabel,
} from 'c/portfolioModel';

interface WiredPortfolio {
    data?: PortfolioData;
    error?: unknown;
}

type DecisionMode = 'accept' | 'override';

interface DialogState {
    mode: DecisionMode;
    accountIds: string[];
    warnings: string[] | null;
    tierError: string;
    reasonError: string;
    formError: string;
    saving: boolean;
}

type ApexCall = (params: Record<string, unknown>) => Promise<unknown>;

export default class KeystonePortfolio extends LightningElement {
    teamId = '';
    data?: PortfolioData;
    loadErrors: string[] = [];
    filters: Filters = defaultFilters();
    dialog: DialogState | null = null;
    statusMessage = '';
    decisionWarnings: string[] = [];
    actionError = '';
    startingRun = false;
    wiredResult?: WiredPortfolio;

    private pageRefreshId?: number;
    /** The latest preview request; an older answer arriving late is ignored. */
    private previewSequence = 0;

    override connectedCallback(): void {
        this.pageRefreshId = reloadOnPageRefresh(this, () => this.refresh());
    }

    override disconnectedCallback(): void {
        stopReloadingOnPageRefresh(this.pageRefreshId);
    }

    @wire(getPortfolio, { teamId: '$teamId' })
    wiredPortfolio(result: WiredPortfolio): void {
        this.wiredResult = result;
        const { data, error } = result;
        if (data) {
            this.data = data;
            this.loadErrors = [];
        } else if (error) {
            this.data = undefined;
            this.loadErrors = [parseSaveError(error).message];
        }
    }

    private async refresh(): Promise<void> {
        if (!this.wiredResult) return;
        try {
            await refreshApex(this.wiredResult);
        } catch {
            // The page keeps what it shows; the next load brings fresh figures.
        }
    }

    // ------------------------------------------------------------------ state

    get load(): LoadState {
        return loadStateOf(Boolean(this.data), this.loadErrors);
    }

    get isLoaded(): boolean {
        return Boolean(this.data);
    }

    get accounts(): PortfolioAccount[] {
        return this.data?.accounts ?? [];
    }

    get hasAccounts(): boolean {
        return this.accounts.length > 0;
    }

    /** Filtered by manager, tier, band, segment and the chosen inspection list; then ordered. */
    get visibleAccounts(): PortfolioAccount[] {
        return sortAccounts(filterAccounts(this.accounts, this.filters), this.filters.sort);
    }

    /** Inspection counts follow the other filters, not the inspection list itself. */
    get inspections(): InspectionList[] {
        return inspectionLists(filterAccounts(this.accounts, { ...this.filters, inspection: '' }));
    }

    get scopeLabel(): string {
        return this.data?.scopeLabel ?? '';
    }

    get summaryText(): string {
        const all = this.accounts.length;
        const shown = this.visibleAccounts.length;
        const keyAccounts = this.accounts.filter((account) => account.tier).length;
        const filtered = shown === all ? '' : ` ${shown} match the filters.`;
        const inspection = this.filters.inspection
            ? ` Showing: ${inspectionLabel(this.filters.inspection)}.`
            : '';
        return `${keyAccounts} key accounts and ${all - keyAccounts} suggested ones.${filtered}${inspection}`;
    }

    /** The programme's revenue-weighted NRR and GRR and its buying-group coverage, in words. */
    get programmeRetentionText(): string {
        return describeRetention(this.data?.programme);
    }

    get programmeCoverageText(): string {
        return describeBuyingGroupCoverage(this.data?.programme);
    }

    /** NRR by decided tier, one sentence each. */
    get tierRetentionItems(): { key: string; text: string }[] {
        return (this.data?.tiers ?? []).map((row) => ({
            key: row.tier,
            text: `${tierLabel(row.tier)}: ${describeRetention(row.rollup)}`,
        }));
    }

    get hasTierRetention(): boolean {
        return this.tierRetentionItems.length > 0;
    }

    get truncatedText(): string {
        return this.data?.truncated
            ? `Only the first ${this.data.accountLimit ?? ''} accounts by score are shown. Choose a smaller team to see the rest.`
            : '';
    }

    get hasPolicyProblems(): boolean {
        return (this.data?.policyProblems ?? []).length > 0;
    }

    get policyProblems(): { key: string; text: string }[] {
        return (this.data?.policyProblems ?? []).map((text, index) => ({
            key: String(index),
            text,
        }));
    }

    get canDecide(): boolean {
        return this.data?.canDecideTiers === true && !this.hasPolicyProblems;
    }

    get canStartRun(): boolean {
        return this.data?.canDecideTiers === true;
    }

    get lastRunText(): string {
        const run = this.data?.lastRun;
        if (!run) return 'The selection has not run yet.';
        const when = run.finishedAt ?? run.startedAt ?? '';
        return `Last selection run ${run.name ?? ''} (${run.status ?? ''}, ${when.slice(0, 10)}): ${run.message ?? ''}`;
    }

    get lastRunIsProblem(): boolean {
        const status = this.data?.lastRun?.status;
        return (
            status === 'Failed' || status === 'No Candidates' || status === 'Completed With Errors'
        );
    }

    get lastRunClass(): string {
        return this.lastRunIsProblem
            ? 'slds-text-body_small slds-text-color_error'
            : 'slds-text-body_small slds-text-color_weak';
    }

    get hasDecisionWarnings(): boolean {
        return this.decisionWarnings.length > 0;
    }

    get decisionWarningItems(): { key: string; text: string }[] {
        return this.decisionWarnings.map((text, index) => ({ key: String(index), text }));
    }

    // ------------------------------------------------------------------ filters

    handleTeamChange(event: CustomEvent<{ teamId: string }>): void {
        this.teamId = event.detail.teamId ?? '';
        this.filters = { ...this.filters, managerId: '' };
    }

    handleFilterChange(event: CustomEvent<{ key: keyof Filters; value: unknown }>): void {
        const { key, value } = event.detail;
        this.filters = { ...this.filters, [key]: value } as Filters;
    }

    handleInspect(event: CustomEvent<{ key: Filters['inspection'] }>): void {
        this.filters = { ...this.filters, inspection: event.detail.key };
    }

    // ------------------------------------------------------------------ decisions

    get dialogAccounts(): PortfolioAccount[] {
        const ids = this.dialog?.accountIds ?? [];
        return this.accounts.filter((account) => ids.includes(account.id));
    }

    get decidableTiers(): string[] {
        return this.data?.settings.decidableTiers ?? [];
    }

    handleAccept(event: CustomEvent<{ accountIds: string[] }>): void {
        this.openDialog('accept', event.detail.accountIds);
        void this.preview(null);
    }

    handleOverride(event: CustomEvent<{ accountId: string }>): void {
        this.openDialog('override', [event.detail.accountId]);
        const account = this.dialogAccounts[0];
        void this.preview(account?.suggestedTier ?? account?.tier ?? null);
    }

    handleDialogTierChange(event: CustomEvent<{ tier: string }>): void {
        if (!this.dialog) return;
        this.dialog = { ...this.dialog, tierError: '' };
        void this.preview(event.detail.tier);
    }

    handleDialogCancel(): void {
        this.dialog = null;
    }

    async handleDialogConfirm(
        event: CustomEvent<{ tier: string | null; reason: string }>,
    ): Promise<void> {
        const dialog = this.dialog;
        if (!dialog || dialog.saving) return;
        this.dialog = { ...dialog, saving: true, tierError: '', reasonError: '', formError: '' };
        try {
            const result = (
                dialog.mode === 'accept'
                    ? await (acceptSuggestedTiers as ApexCall)({ accountIds: dialog.accountIds })
                    : await (overrideTier as ApexCall)({
                          accountId: dialog.accountIds[0],
                          tier: event.detail.tier,
                          reason: event.detail.reason,
                      })
            ) as DecisionResult;
            this.dialog = null;
            this.statusMessage = decisionMessage(result);
            this.decisionWarnings = result.warnings ?? [];
            await this.refresh();
        } catch (error) {
            const failure = parseSaveError(error);
            const reasonErrors = failure.fieldErrors[REASON_FIELD.fieldApiName ?? ''] ?? [];
            const tierErrors = failure.fieldErrors[TIER_FIELD.fieldApiName ?? ''] ?? [];
            const fieldLevel = reasonErrors.length > 0 || tierErrors.length > 0;
            this.dialog = {
                ...dialog,
                saving: false,
                reasonError: reasonErrors.join(' '),
                tierError: tierErrors.join(' '),
                formError: fieldLevel ? '' : failure.message,
            };
        }
    }

    private openDialog(mode: DecisionMode, accountIds: string[]): void {
        this.statusMessage = '';
        this.dialog = {
            mode,
            accountIds,
            warnings: null,
            tierError: '',
            reasonError: '',
            formError: '',
            saving: false,
        };
    }

    /** Asks the server which capacity warnings the decision would raise (tier null = accept). */
    private async preview(tier: string | null): Promise<void> {
        const dialog = this.dialog;
        if (!dialog) return;
        const sequence = ++this.previewSequence;
        this.dialog = { ...dialog, warnings: null };
        try {
            const warnings = (await (previewTierDecision as ApexCall)({
                accountIds: dialog.accountIds,
                tier,
            })) as string[];
            if (this.dialog && sequence === this.previewSequence) {
                this.dialog = { ...this.dialog, warnings: warnings ?? [] };
            }
        } catch (error) {
            if (this.dialog && sequence === this.previewSequence) {
                const failure = parseSaveError(error);
                const tierErrors = failure.fieldErrors[TIER_FIELD.fieldApiName ?? ''] ?? [];
                this.dialog = {
                    ...this.dialog,
                    warnings: [],
                    tierError: tierErrors.join(' '),
                    formError: tierErrors.length
                        ? ''
                        : `Capacity could not be checked: ${failure.message}`,
                };
            }
        }
    }

    // ------------------------------------------------------------------ selection run

    async handleStartRun(): Promise<void> {
        if (this.startingRun) return;
        this.startingRun = true;
        this.actionError = '';
        try {
            await (startSelectionRun as ApexCall)({});
            this.statusMessage =
                'The selection run has started. Suggested tiers update as it scores the candidates; refresh in a few minutes.';
            await this.refresh();
        } catch (error) {
            this.actionError = `The selection run could not start: ${parseSaveError(error).message}`;
        } finally {
            this.startingRun = false;
        }
    }
}

function decisionMessage(result: DecisionResult): string {
    const unchanged = result.unchanged ?? [];
    const changed = `${result.changed} tier change${result.changed === 1 ? '' : 's'} recorded.`;
    return unchanged.length
        ? `${changed} Already at the decided tier: ${unchanged.join(', ')}.`
        : changed;
}
