// The account plan editor on the Account page: one plan, read with one cacheable Apex call, shown
// as small parts (each with its own tests): the plan form (priorities, finances, targets against
// live revenue, competitors), the objectives, the actions, the risks and our account team. This
// component holds the plan's draft, saves it, and says how complete and how fresh the plan is
// (the Keystone engine's assessPlan over the draft, so it follows typing); Mark as reviewed stamps
// it. Objectives, actions and risks save on their own.
//
// Nothing typed is lost: the plan is edited as a draft that stays as typed when a save fails,
// with each error beside its field. Concurrent edits: the save carries the LastModifiedDate the
// editor loaded; when someone else saved in between, the editor lists what they changed and the
// user chooses to keep their version or take the other one. When only system fields changed (a
// recompute), there is nothing to choose and the save goes through.
import { LightningElement, api, wire } from 'lwc';
import { refreshApex } from '@salesforce/apex';
import getPlan from '@salesforce/apex/AccountPlanController.getPlan';
import savePlan from '@salesforce/apex/AccountPlanController.savePlan';
import createPlan from '@salesforce/apex/AccountPlanController.createPlan';
import markReviewed from '@salesforce/apex/AccountPlanController.markReviewed';
import LAST_REVIEWED_FIELD from '@salesforce/schema/AccountPlan__c.LastReviewedDate__c';
import NEXT_EXEC_REVIEW_FIELD from '@salesforce/schema/AccountPlan__c.NextExecutiveReviewDate__c';
import OBJECTIVE_METRIC_FIELD from '@salesforce/schema/AccountObjective__c.Metric__c';
import OBJECTIVE_TARGET_FIELD from '@salesforce/schema/AccountObjective__c.TargetValue__c';
import ACTION_OWNER_FIELD from '@salesforce/schema/AccountAction__c.Owner__c';
import ACTION_DUE_FIELD from '@salesforce/schema/AccountAction__c.DueDate__c';
import ACTION_STATUS_FIELD from '@salesforce/schema/AccountAction__c.Status__c';
import RISK_OWNER_FIELD from '@salesforce/schema/AccountRisk__c.MitigationOwner__c';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { reduceErrors } from 'c/keystoneErrors';
import { firstMessages, parseSaveError } from 'c/keystoneSaveErrors';
import {
    announceRecordChange,
    loadStateOf,
    reloadOnPageRefresh,
    stopReloadingOnPageRefresh,
} from 'c/keystoneUi';
import type { LoadState } from 'c/keystoneUi';
import { PLAN_ITEMS, assessPlan, defaultConfig, parseDate } from 'c/keystoneEngine';
import type { PlanAssessment, PlanConfig } from 'c/keystoneEngine';
import {
    changedByOthers,
    formatDate,
    isSameDraft,
    numberOf,
    planDraftOf,
    planKeyByApiName,
    planLabel,
    planRecordOf,
    textOf,
    toNumber,
    todayIso,
    validatePlanDraft,
} from 'c/accountPlanModel';
import type {
    ConflictDetail,
    Errors,
    Option,
    Person,
    PlanDraft,
    PlanDraftKey,
    PlanView,
} from 'c/accountPlanModel';

interface WiredPlan {
    data?: PlanView;
    error?: unknown;
}

interface ConflictView {
    detail: ConflictDetail;
    byName: string;
    fields: { key: string; label: string; mine: string; theirs: string }[];
}

const FRESHNESS_TEXT: Record<string, string> = {
    Current: 'Up to date',
    Overdue: 'Review overdue',
    Stale: 'Out of date: well past its review date',
    'Never reviewed': 'Never reviewed',
    'No plan': 'No plan',
};

export default class AccountPlanEditor extends LightningElement {
    @api recordId?: string;

    view?: PlanView;
    wiredResult?: WiredPlan;
    loadErrors: string[] = [];
    private pageRefreshId?: number;

    /** The plan as loaded (what the user's edits are based on) and the edits. */
    base: PlanDraft = planDraftOf(null);
    draft: PlanDraft = planDraftOf(null);
    planId = '';
    lastModifiedSeen: string | null = null;
    lastReviewedDate = '';
    errors: Errors = {};
    formError = '';
    saving = false;
    reviewing = false;
    conflict: ConflictView | null = null;
    assessment?: PlanAssessment;
    assessmentError = '';
    /** People found by name (the team's search), offered in every picker of the plan. */
    extraPeople: Person[] = [];

    override connectedCallback(): void {
        this.pageRefreshId = reloadOnPageRefresh(this, () => this.refresh());
    }

    override disconnectedCallback(): void {
        stopReloadingOnPageRefresh(this.pageRefreshId);
    }

    @wire(getPlan, { accountId: '$recordId' })
    wiredPlan(result: WiredPlan): void {
        this.wiredResult = result;
        if (result.data) {
            const data = result.data;
            const plan = data.plan;
            const samePlan = plan?.Id === this.planId;
            this.view = data;
            this.loadErrors = [];
            if (!samePlan || !this.isDirty) {
                // Unsaved edits are kept with the version they were based on, so a save still
                // detects what changed on the server meanwhile.
                this.base = planDraftOf(plan);
                this.draft = planDraftOf(plan);
                this.lastModifiedSeen = data.lastModified;
                this.planId = plan?.Id ?? '';
                this.errors = {};
            }
            this.lastReviewedDate = textOf(plan, LAST_REVIEWED_FIELD);
            this.reassess();
        } else if (result.error) {
            this.view = undefined;
            this.loadErrors = [parseSaveError(result.error).message];
        }
    }

    // ------------------------------------------------------------------ page states

    get load(): LoadState {
        return loadStateOf(Boolean(this.view), this.loadErrors);
    }

    get hasPlan(): boolean {
        return Boolean(this.view?.plan);
    }

    get isEmpty(): boolean {
        return Boolean(this.view) && !this.view?.plan;
    }

    get canCreate(): boolean {
        return this.view?.canCreate === true;
    }

    get readOnly(): boolean {
        return this.view?.canEdit !== true;
    }

    get isDirty(): boolean {
        return !isSameDraft(this.base, this.draft);
    }

    get saveDisabled(): boolean {
        return this.saving || this.readOnly || !this.isDirty;
    }

    get reviewDisabled(): boolean {
        return this.reviewing || this.readOnly;
    }

    get unsavedText(): string {
        return this.isDirty ? 'Unsaved changes' : 'All changes saved';
    }

    get hasFormError(): boolean {
        return this.formError !== '';
    }

    get planTitle(): string {
        return this.draft.name || 'Account plan';
    }

    get statusLabel(): string {
        return this.draft.status || 'Draft';
    }

    get plan() {
        return this.view?.plan ?? null;
    }

    get objectives() {
        return this.view?.objectives ?? [];
    }

    get actions() {
        return this.view?.actions ?? [];
    }

    get risks() {
        return this.view?.risks ?? [];
    }

    // ------------------------------------------------------------------ options

    private picklist(name: string): Option[] {
        return this.view?.picklists?.[name] ?? [];
    }

    get planStatusOptions(): Option[] {
        return this.picklist('planStatus');
    }

    get objectiveStatusOptions(): Option[] {
        return this.picklist('objectiveStatus');
    }

    get actionStatusOptions(): Option[] {
        return this.picklist('actionStatus');
    }

    get riskStatusOptions(): Option[] {
        return this.picklist('riskStatus');
    }

    get likelihoodOptions(): Option[] {
        return this.picklist('riskLikelihood');
    }

    get impactOptions(): Option[] {
        return this.picklist('riskImpact');
    }

    /** Everyone the plan names, the account owner, the user, and anyone found by name. */
    get people(): Person[] {
        const byId = new Map<string, Person>();
        for (const person of [...(this.view?.people ?? []), ...this.extraPeople]) {
            byId.set(person.id, person);
        }
        return [...byId.values()];
    }

    private nameOf(userId: string): string {
        if (!userId) return 'Nobody';
        return this.people.find((person) => person.id === userId)?.name ?? 'Someone';
    }

    // ------------------------------------------------------------------ assessment

    private planConfig(): PlanConfig {
        const defaults = defaultConfig().plan;
        const fromOrg = this.view?.cadenceDaysByTier ?? {};
        return {
            cadenceDaysByTier:
                Object.keys(fromOrg).length > 0 ? fromOrg : defaults.cadenceDaysByTier,
            defaultCadenceDays: this.view?.defaultCadenceDays ?? defaults.defaultCadenceDays,
        };
    }

    /** Completeness and freshness of the draft: recomputed on each edit, save and load. */
    private reassess(): void {
        if (!this.view?.plan) {
            this.assessment = undefined;
            return;
        }
        const validAmount = (text: string): number | null => {
            const value = toNumber(text);
            return value === null || Number.isNaN(value) || value < 0 ? null : value;
        };
        try {
            this.assessment = assessPlan(
                {
                    businessPriorities: this.draft.businessPriorities,
                    financialContext: this.draft.financialContext,
                    revenueTarget: validAmount(this.draft.revenueTarget),
                    expansionTarget: validAmount(this.draft.expansionTarget),
                    competitiveLandscape: this.draft.competitiveLandscape,
                    keyAccountManagerId: this.draft.keyAccountManagerId || null,
                    executiveSponsorId: this.draft.executiveSponsorId || null,
                    technicalLeadId: this.draft.technicalLeadId || null,
                    customerSuccessManagerId: this.draft.customerSuccessManagerId || null,
                    lastReviewedDate: this.lastReviewedDate || null,
                },
                {
                    objectives: this.view.objectives.map((objective) => ({
                        metric: textOf(objective, OBJECTIVE_METRIC_FIELD) || null,
                        targetValue: numberOf(objective, OBJECTIVE_TARGET_FIELD),
                    })),
                    actions: this.view.actions.map((action) => ({
                        ownerId: textOf(action, ACTION_OWNER_FIELD) || null,
                        dueDate: textOf(action, ACTION_DUE_FIELD) || null,
                        status: textOf(action, ACTION_STATUS_FIELD) || null,
                    })),
                    risks: this.view.risks.map((risk) => ({
                        mitigationOwnerId: textOf(risk, RISK_OWNER_FIELD) || null,
                    })),
                },
                this.view.accountTier || null,
                parseDate(todayIso(), 'today'),
                this.planConfig(),
            );
            this.assessmentError = '';
        } catch (error) {
            this.assessment = undefined;
            this.assessmentError = `How complete the plan is could not be worked out: ${reduceErrors(error).join(' ')}`;
        }
    }

    get completeness(): number {
        return this.assessment?.completenessPercent ?? 0;
    }

    get completenessText(): string {
        return `${this.completeness}% complete`;
    }

    get missingItems(): { key: string; label: string }[] {
        const missing = new Set(this.assessment?.missingItems ?? []);
        return PLAN_ITEMS.filter((item) => missing.has(item.key));
    }

    get hasMissingItems(): boolean {
        return this.missingItems.length > 0;
    }

    get freshnessText(): string {
        const assessment = this.assessment;
        if (!assessment) return '';
        return FRESHNESS_TEXT[assessment.freshness] ?? assessment.freshness;
    }

    get freshnessClass(): string {
        const freshness = this.assessment?.freshness;
        const tone =
            freshness === 'Current'
                ? 'slds-theme_success'
                : freshness === 'Overdue'
                  ? 'slds-theme_warning'
                  : 'slds-theme_error';
        return `slds-badge ${tone}`;
    }

    get reviewText(): string {
        const assessment = this.assessment;
        if (!assessment) return '';
        const cadence = `Reviewed every ${assessment.cadenceDays} days`;
        if (assessment.lastReviewedDate === null) return `Not reviewed yet. ${cadence}.`;
        const days = assessment.daysSinceReview ?? 0;
        const ago = days === 0 ? 'today' : days === 1 ? 'yesterday' : `${days} days ago`;
        return `Last reviewed ${formatDate(assessment.lastReviewedDate)}, ${ago}. ${cadence}; the next review is due by ${formatDate(assessment.nextReviewOn)}.`;
    }

    get nextExecutiveReviewText(): string {
        const next = textOf(this.view?.plan, NEXT_EXEC_REVIEW_FIELD);
        return next
            ? `Next executive review by ${formatDate(next)}.`
            : 'No executive review planned.';
    }

    get hasAssessmentError(): boolean {
        return this.assessmentError !== '';
    }

    // ------------------------------------------------------------------ plan edits

    handleFieldChange(event: CustomEvent<{ key: PlanDraftKey; value: string }>): void {
        const { key, value } = event.detail;
        this.draft = { ...this.draft, [key]: value };
        if (this.errors[key]) {
            const remaining = { ...this.errors };
            delete remaining[key];
            this.errors = remaining;
        }
        this.reassess();
    }

    handlePeopleFound(event: CustomEvent<{ people: Person[] }>): void {
        this.extraPeople = [...this.extraPeople, ...event.detail.people];
    }

    async handleSavePlan(): Promise<void> {
        const errors = validatePlanDraft(this.draft);
        this.errors = errors;
        if (Object.keys(errors).length > 0) {
            this.formError = 'Correct the highlighted fields. Nothing you typed was lost.';
            return;
        }
        await this.save(this.lastModifiedSeen, true);
    }

    private async save(
        lastModifiedSeen: string | null,
        retryOnSystemChange: boolean,
    ): Promise<void> {
        this.saving = true;
        this.formError = '';
        const sent = { ...this.draft };
        try {
            const result = (await savePlan({
                plan: planRecordOf(this.planId, sent),
                lastModifiedSeen,
            })) as { recordId: string; lastModified: string | null };
            this.base = sent;
            this.lastModifiedSeen = result.lastModified;
            this.conflict = null;
            this.errors = {};
            this.toast('The plan was saved.', '', 'success');
            void this.afterWrite();
        } catch (error) {
            const problem = parseSaveError(error);
            if (problem.kind === 'conflict' && problem.detail) {
                await this.handleConflict(problem.detail as ConflictDetail, retryOnSystemChange);
            } else {
                this.showPlanErrors(problem.fieldErrors, problem.message);
            }
        } finally {
            this.saving = false;
        }
    }

    private async handleConflict(detail: ConflictDetail, retry: boolean): Promise<void> {
        const theirs = planDraftOf(detail.plan);
        const changed = changedByOthers(this.base, theirs);
        if (changed.length === 0 && retry) {
            // Only system-written figures changed (a recompute): nothing of theirs is lost.
            this.saving = false;
            await this.save(detail.lastModified, false);
            return;
        }
        const shown = (key: PlanDraftKey, draft: PlanDraft): string => {
            const value = draft[key];
            if (key.endsWith('Id')) return this.nameOf(value);
            return value === '' ? '(blank)' : value;
        };
        this.conflict = {
            detail,
            byName: detail.lastModifiedByName || 'Someone',
            fields: changed.map((key) => ({
                key,
                label: planLabel(key),
                mine: shown(key, this.draft),
                theirs: shown(key, theirs),
            })),
        };
        this.formError = '';
    }

    get hasConflict(): boolean {
        return this.conflict !== null;
    }

    get conflictHeading(): string {
        return this.conflict
            ? `${this.conflict.byName} saved this plan after you opened it. Choose which version to keep.`
            : '';
    }

    async handleKeepMine(): Promise<void> {
        const detail = this.conflict?.detail;
        if (!detail) return;
        this.conflict = null;
        await this.save(detail.lastModified, false);
    }

    handleTakeTheirs(): void {
        const detail = this.conflict?.detail;
        if (!detail) return;
        const theirs = planDraftOf(detail.plan);
        this.base = theirs;
        this.draft = { ...theirs };
        this.lastModifiedSeen = detail.lastModified;
        this.conflict = null;
        this.errors = {};
        this.reassess();
        this.toast(
            'Their version is shown.',
            'Your unsaved changes to the plan were dropped.',
            'info',
        );
        void this.refresh();
    }

    handleDiscard(): void {
        this.draft = { ...this.base };
        this.errors = {};
        this.formError = '';
        this.reassess();
    }

    private showPlanErrors(fieldErrors: Record<string, string[]>, message: string): void {
        const byKey = planKeyByApiName();
        const placed: Errors = {};
        let unplaced = false;
        for (const [field, text] of Object.entries(firstMessages(fieldErrors))) {
            const key = byKey[field];
            if (key) placed[key] = text;
            else unplaced = true;
        }
        this.errors = placed;
        this.formError =
            Object.keys(placed).length > 0 && !unplaced
                ? 'Correct the highlighted fields. Nothing you typed was lost.'
                : message;
    }

    async handleMarkReviewed(): Promise<void> {
        if (!this.planId) return;
        this.reviewing = true;
        try {
            const result = (await markReviewed({ planId: this.planId })) as {
                lastReviewedDate: string;
                nextReviewDate: string | null;
            };
            this.lastReviewedDate = result.lastReviewedDate;
            this.reassess();
            this.toast(
                'The plan is marked as reviewed.',
                result.nextReviewDate
                    ? `The next review is due by ${formatDate(result.nextReviewDate)}.`
                    : '',
                'success',
            );
            void this.afterWrite();
        } catch (error) {
            this.toast(
                'The plan could not be marked as reviewed.',
                parseSaveError(error).message,
                'error',
            );
        } finally {
            this.reviewing = false;
        }
    }

    async handleStartPlan(): Promise<void> {
        this.saving = true;
        this.formError = '';
        try {
            await createPlan({ accountId: this.recordId });
            this.toast('The plan is started.', 'Fill it in and save.', 'success');
            await this.afterWrite();
        } catch (error) {
            this.formError = parseSaveError(error).message;
        } finally {
            this.saving = false;
        }
    }

    /** An objective, action or risk was saved or removed. */
    handleChildChanged(event: CustomEvent<{ message: string }>): void {
        this.toast(event.detail.message, '', 'success');
        void this.afterWrite();
    }

    // ------------------------------------------------------------------ plumbing

    /** After a successful write: the rest of the page reloads, and so does this component. */
    private async afterWrite(): Promise<void> {
        announceRecordChange(this);
        await this.refresh();
    }

    async refresh(): Promise<void> {
        if (this.wiredResult) await refreshApex(this.wiredResult);
    }

    handleRetry(): void {
        void this.refresh();
    }

    private toast(title: string, message: string, variant: 'success' | 'info' | 'error'): void {
        this.dispatchEvent(new ShowToastEvent({ title, message, variant }));
    }
}
