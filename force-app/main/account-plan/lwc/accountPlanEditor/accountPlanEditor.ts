// The account plan editor on the Account page: priorities, financial context, targets against
// live revenue and pipeline (read-only, written by Keystone), objectives, actions, risks,
// competitors and the account team; a completeness meter listing what is missing and the
// plan's freshness (Keystone engine assessPlan over the draft, so it follows typing); and
// Mark reviewed.
//
// Nothing typed is lost: the plan is edited as a draft that stays as typed when a save fails,
// with each error beside its field. Concurrent edits: the save carries the LastModifiedDate
// the editor loaded; when someone else saved in between, the editor lists what they changed
// and the user chooses to keep their version or take the other one. When only system
// fields changed (a recompute), there is nothing to choose and the save goes through.
import { LightningElement, api, wire } from 'lwc';
import { refreshApex } from '@salesforce/apex';
import getPlan from '@salesforce/apex/AccountPlanController.getPlan';
import savePlan from '@salesforce/apex/AccountPlanController.savePlan';
import createPlan from '@salesforce/apex/AccountPlanController.createPlan';
import markReviewed from '@salesforce/apex/AccountPlanController.markReviewed';
import saveObjective from '@salesforce/apex/AccountPlanController.saveObjective';
import saveAction from '@salesforce/apex/AccountPlanController.saveAction';
import saveRisk from '@salesforce/apex/AccountPlanController.saveRisk';
import deleteChild from '@salesforce/apex/AccountPlanController.deleteChild';
import searchUsers from '@salesforce/apex/AccountPlanController.searchUsers';
import LAST_REVIEWED_FIELD from '@salesforce/schema/AccountPlan__c.LastReviewedDate__c';
import LIVE_REVENUE_FIELD from '@salesforce/schema/AccountPlan__c.LiveRevenue12Months__c';
import PRIOR_REVENUE_FIELD from '@salesforce/schema/AccountPlan__c.LiveRevenuePrior12Months__c';
import OPEN_PIPELINE_FIELD from '@salesforce/schema/AccountPlan__c.OpenPipeline__c';
import WEIGHTED_PIPELINE_FIELD from '@salesforce/schema/AccountPlan__c.WeightedPipeline__c';
import NEXT_RENEWAL_FIELD from '@salesforce/schema/AccountPlan__c.NextRenewalDate__c';
import LAST_RECOMPUTED_FIELD from '@salesforce/schema/AccountPlan__c.LastRecomputedAt__c';
import NEXT_EXEC_REVIEW_FIELD from '@salesforce/schema/AccountPlan__c.NextExecutiveReviewDate__c';
import OBJECTIVE_NAME_FIELD from '@salesforce/schema/AccountObjective__c.Name';
import OBJECTIVE_METRIC_FIELD from '@salesforce/schema/AccountObjective__c.Metric__c';
import OBJECTIVE_TARGET_FIELD from '@salesforce/schema/AccountObjective__c.TargetValue__c';
import OBJECTIVE_CURRENT_FIELD from '@salesforce/schema/AccountObjective__c.CurrentValue__c';
import OBJECTIVE_DUE_FIELD from '@salesforce/schema/AccountObjective__c.DueDate__c';
import OBJECTIVE_STATUS_FIELD from '@salesforce/schema/AccountObjective__c.Status__c';
import ACTION_NAME_FIELD from '@salesforce/schema/AccountAction__c.Name';
import ACTION_OWNER_FIELD from '@salesforce/schema/AccountAction__c.Owner__c';
import ACTION_DUE_FIELD from '@salesforce/schema/AccountAction__c.DueDate__c';
import ACTION_STATUS_FIELD from '@salesforce/schema/AccountAction__c.Status__c';
import RISK_NAME_FIELD from '@salesforce/schema/AccountRisk__c.Name';
import RISK_LIKELIHOOD_FIELD from '@salesforce/schema/AccountRisk__c.Likelihood__c';
import RISK_IMPACT_FIELD from '@salesforce/schema/AccountRisk__c.Impact__c';
import RISK_MITIGATION_FIELD from '@salesforce/schema/AccountRisk__c.Mitigation__c';
import RISK_OWNER_FIELD from '@salesforce/schema/AccountRisk__c.MitigationOwner__c';
import RISK_STATUS_FIELD from '@salesforce/schema/AccountRisk__c.Status__c';
import currency from '@salesforce/i18n/currency';
import locale from '@salesforce/i18n/locale';
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
    CHILD_LABELS,
    changedByOthers,
    childDraftOf,
    childKeyByApiName,
    childRecordOf,
    emptyChildDraft,
    isSameDraft,
    numberOf,
    planDraftOf,
    planKeyByApiName,
    planLabel,
    planRecordOf,
    textOf,
    toNumber,
    todayIso,
    validateChildDraft,
    validatePlanDraft,
} from './planModel';
import type {
    ChildDraft,
    ChildType,
    ConflictDetail,
    Errors,
    Option,
    Person,
    PlanDraft,
    PlanDraftKey,
    PlanView,
    SObjectRecord,
} from './planModel';

interface WiredPlan {
    data?: PlanView;
    error?: unknown;
}

interface ConflictView {
    detail: ConflictDetail;
    byName: string;
    fields: { key: string; label: string; mine: string; theirs: string }[];
}

interface ChildEditor {
    type: ChildType;
    recordId?: string;
    draft: ChildDraft;
    errors: Errors;
    formError: string;
}

type SchemaFieldRef = typeof OBJECTIVE_NAME_FIELD;

interface ChildColumn {
    label: string;
    field: SchemaFieldRef;
    /** A user id, shown as the person's name. */
    isPerson?: boolean;
    /** Multi-line text, shown with its line breaks. */
    preWrap?: boolean;
}

interface ChildSectionSpec {
    type: ChildType;
    heading: string;
    tableId: string;
    nameLabel: string;
    nameField: SchemaFieldRef;
    columns: ChildColumn[];
    emptyText: string;
    /** Picklist (in PlanView.picklists) of the record's Status__c. */
    statusPicklist: string;
    /** Label of the owner picker in the form; '' when the record has no owner. */
    ownerLabel: string;
    hasDueDate: boolean;
}

interface ChildSectionView {
    type: ChildType;
    heading: string;
    addLabel: string;
    addId: string;
    tableId: string;
    formId: string;
    saveLabel: string;
    emptyText: string;
    nameLabel: string;
    ownerLabel: string;
    hasDueDate: boolean;
    statusOptions: Option[];
    columns: string[];
    rows: {
        id: string | undefined;
        name: string;
        cells: { key: string; text: string; cellClass: string | undefined }[];
        editLabel: string;
        deleteLabel: string;
        confirming: boolean;
    }[];
    hasRows: boolean;
    isEditing: boolean;
    isObjective: boolean;
    isRisk: boolean;
}

/** The plan's child lists, in page order: what each table shows. */
const CHILD_SECTIONS: ChildSectionSpec[] = [
    {
        type: 'objective',
        heading: 'Objectives',
        tableId: 'objectives',
        nameLabel: 'Objective',
        nameField: OBJECTIVE_NAME_FIELD,
        columns: [
            { label: 'Metric', field: OBJECTIVE_METRIC_FIELD },
            { label: 'Target', field: OBJECTIVE_TARGET_FIELD },
            { label: 'Current', field: OBJECTIVE_CURRENT_FIELD },
            { label: 'Due', field: OBJECTIVE_DUE_FIELD },
            { label: 'Status', field: OBJECTIVE_STATUS_FIELD },
        ],
        emptyText: 'No objectives yet: add one with a metric and a target.',
        statusPicklist: 'objectiveStatus',
        ownerLabel: '',
        hasDueDate: true,
    },
    {
        type: 'action',
        heading: 'Actions',
        tableId: 'actions',
        nameLabel: 'Action',
        nameField: ACTION_NAME_FIELD,
        columns: [
            { label: 'Owner', field: ACTION_OWNER_FIELD, isPerson: true },
            { label: 'Due', field: ACTION_DUE_FIELD },
            { label: 'Status', field: ACTION_STATUS_FIELD },
        ],
        emptyText: 'No actions yet: add one with an owner and a due date.',
        statusPicklist: 'actionStatus',
        ownerLabel: 'Owner',
        hasDueDate: true,
    },
    {
        type: 'risk',
        heading: 'Risks',
        tableId: 'risks',
        nameLabel: 'Risk',
        nameField: RISK_NAME_FIELD,
        columns: [
            { label: 'Likelihood', field: RISK_LIKELIHOOD_FIELD },
            { label: 'Impact', field: RISK_IMPACT_FIELD },
            { label: 'Mitigation', field: RISK_MITIGATION_FIELD, preWrap: true },
            { label: 'Mitigation owner', field: RISK_OWNER_FIELD, isPerson: true },
            { label: 'Status', field: RISK_STATUS_FIELD },
        ],
        emptyText: 'No risks yet: add one with a mitigation owner.',
        statusPicklist: 'riskStatus',
        ownerLabel: 'Mitigation owner',
        hasDueDate: false,
    },
];

const FRESHNESS_TEXT: Record<string, string> = {
    Current: 'Current',
    Overdue: 'Review overdue',
    Stale: 'Stale: well past its review date',
    'Never reviewed': 'Never reviewed',
    'No plan': 'No plan',
};

const moneyFormat = new Intl.NumberFormat(locale || undefined, {
    style: 'currency',
    currency: currency || 'USD',
    maximumFractionDigits: 0,
});

function money(value: number | null): string {
    return value === null ? '—' : moneyFormat.format(value);
}

const SAVE_CHILD = {
    objective: (record: SObjectRecord) => saveObjective({ objective: record }),
    action: (record: SObjectRecord) => saveAction({ action: record }),
    risk: (record: SObjectRecord) => saveRisk({ risk: record }),
};

export default class AccountPlanEditor extends LightningElement {
    @api recordId?: string;

    view?: PlanView;
    wiredResult?: WiredPlan;

    private pageRefreshId?: number;

    override connectedCallback(): void {
        this.pageRefreshId = reloadOnPageRefresh(this, () => this.refresh());
    }

    override disconnectedCallback(): void {
        stopReloadingOnPageRefresh(this.pageRefreshId);
    }
    loadErrors: string[] = [];

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

    childEditor: ChildEditor | null = null;
    pendingDeleteId = '';
    extraPeople: Person[] = [];
    peopleSearch = '';

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

    // ------------------------------------------------------------------ options

    private picklist(name: string): Option[] {
        return this.view?.picklists?.[name] ?? [];
    }

    get planStatusOptions(): Option[] {
        return this.picklist('planStatus');
    }

    get likelihoodOptions(): Option[] {
        return [{ value: '', label: 'None' }, ...this.picklist('riskLikelihood')];
    }

    get impactOptions(): Option[] {
        return [{ value: '', label: 'None' }, ...this.picklist('riskImpact')];
    }

    private get peopleById(): Map<string, string> {
        const names = new Map<string, string>();
        for (const person of [...(this.view?.people ?? []), ...this.extraPeople]) {
            names.set(person.id, person.title ? `${person.name} (${person.title})` : person.name);
        }
        return names;
    }

    get peopleOptions(): Option[] {
        return [
            { value: '', label: 'Nobody yet' },
            ...[...this.peopleById.entries()].map(([value, label]) => ({ value, label })),
        ];
    }

    private nameOf(userId: string): string {
        return userId ? (this.peopleById.get(userId) ?? 'Someone') : 'Nobody';
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
                    competitiveLandscape: this.draft.competitiveLandscape,
                    revenueTarget: validAmount(this.draft.revenueTarget),
                    expansionTarget: validAmount(this.draft.expansionTarget),
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
            this.assessmentError = `Completeness could not be computed: ${reduceErrors(error).join(' ')}`;
        }
    }

    get completeness(): number {
        return this.assessment?.completenessPercent ?? 0;
    }

    get completenessText(): string {
        return `${this.completeness} % complete`;
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
        const cadence = `Reviewed every ${assessment.cadenceDays} days.`;
        if (assessment.lastReviewedDate === null) return `Not reviewed yet. ${cadence}`;
        const days = assessment.daysSinceReview ?? 0;
        const ago = days === 0 ? 'today' : days === 1 ? '1 day ago' : `${days} days ago`;
        return `Last reviewed ${assessment.lastReviewedDate} (${ago}). ${cadence} Next review by ${assessment.nextReviewOn}.`;
    }

    get hasAssessmentError(): boolean {
        return this.assessmentError !== '';
    }

    // ------------------------------------------------------------------ live figures

    private liveNumber(field: { objectApiName: string; fieldApiName?: string }): number | null {
        return numberOf(this.view?.plan, field);
    }

    get liveRevenueText(): string {
        return money(this.liveNumber(LIVE_REVENUE_FIELD));
    }

    get priorRevenueText(): string {
        return money(this.liveNumber(PRIOR_REVENUE_FIELD));
    }

    get openPipelineText(): string {
        return money(this.liveNumber(OPEN_PIPELINE_FIELD));
    }

    get weightedPipelineText(): string {
        return money(this.liveNumber(WEIGHTED_PIPELINE_FIELD));
    }

    get nextRenewalText(): string {
        return textOf(this.view?.plan, NEXT_RENEWAL_FIELD) || '—';
    }

    get nextExecutiveReviewText(): string {
        return textOf(this.view?.plan, NEXT_EXEC_REVIEW_FIELD) || '—';
    }

    get lastRecomputedText(): string {
        const value = textOf(this.view?.plan, LAST_RECOMPUTED_FIELD);
        return value ? `Figures recomputed ${value.replace('T', ' ').slice(0, 16)} UTC.` : '';
    }

    get revenueGapText(): string {
        const target = toNumber(this.draft.revenueTarget);
        const live = this.liveNumber(LIVE_REVENUE_FIELD) ?? 0;
        if (target === null || Number.isNaN(target) || target < 0) {
            return 'Set a revenue target to see the gap.';
        }
        const gap = target - live;
        return gap > 0
            ? `${money(gap)} to go to the revenue target.`
            : `Revenue target reached (${money(-gap)} above).`;
    }

    // ------------------------------------------------------------------ plan edits

    handlePlanChange(event: CustomEvent<{ value: unknown }>): void {
        const key = (event.target as HTMLElement).dataset.field as PlanDraftKey | undefined;
        if (!key) return;
        const value = event.detail?.value;
        this.draft = {
            ...this.draft,
            [key]: value === null || value === undefined ? '' : String(value),
        };
        if (this.errors[key]) {
            const remaining = { ...this.errors };
            delete remaining[key];
            this.errors = remaining;
        }
        this.reassess();
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
            this.toast('Plan saved', '', 'success');
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
            'Their version is shown',
            'Your unsaved edits to the plan were discarded.',
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
                'Plan marked reviewed',
                result.nextReviewDate ? `Next review by ${result.nextReviewDate}.` : '',
                'success',
            );
            void this.afterWrite();
        } catch (error) {
            this.toast(
                'The plan could not be marked reviewed',
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
            this.toast('Plan started', 'Fill in the plan and save.', 'success');
            await this.afterWrite();
        } catch (error) {
            this.formError = parseSaveError(error).message;
        } finally {
            this.saving = false;
        }
    }

    // ------------------------------------------------------------------ people

    async handlePeopleSearch(event: CustomEvent<{ value: string }>): Promise<void> {
        const searchText = event.detail.value ?? '';
        this.peopleSearch = searchText;
        if (searchText.trim().length < 2) return;
        try {
            const found = (await searchUsers({ searchText })) as Person[];
            if (searchText !== this.peopleSearch) return;
            const known = new Set(
                [...(this.view?.people ?? []), ...this.extraPeople].map((p) => p.id),
            );
            this.extraPeople = [
                ...this.extraPeople,
                ...found.filter((person) => !known.has(person.id)),
            ];
        } catch (error) {
            this.toast('People could not be searched', parseSaveError(error).message, 'error');
        }
    }

    get peopleSearchHint(): string {
        return this.extraPeople.length > 0
            ? `${this.extraPeople.length} more people are now in the pickers.`
            : 'Type two letters or more to add people to the pickers.';
    }

    // ------------------------------------------------------------------ children

    /** Objectives, actions and risks: one table and one form shell, described by CHILD_SECTIONS. */
    get childSections(): ChildSectionView[] {
        return CHILD_SECTIONS.map((spec) => {
            const noun = CHILD_LABELS[spec.type];
            const rows = this.recordsOf(spec.type).map((record) => {
                const name = textOf(record, spec.nameField);
                return {
                    id: record.Id,
                    name,
                    cells: spec.columns.map((column) => {
                        const text = textOf(record, column.field);
                        return {
                            key: column.label,
                            text: column.isPerson ? this.nameOf(text) : text,
                            cellClass: column.preWrap ? 'ks-prewrap' : undefined,
                        };
                    }),
                    editLabel: `Edit ${noun} ${name}`,
                    deleteLabel: `Remove ${noun} ${name}`,
                    confirming: this.pendingDeleteId === record.Id,
                };
            });
            return {
                type: spec.type,
                heading: spec.heading,
                addLabel: `Add ${noun}`,
                addId: `add-${spec.type}`,
                tableId: spec.tableId,
                formId: `${spec.type}-form`,
                saveLabel: `Save ${noun}`,
                emptyText: spec.emptyText,
                nameLabel: spec.nameLabel,
                ownerLabel: spec.ownerLabel,
                hasDueDate: spec.hasDueDate,
                statusOptions: [
                    { value: '', label: 'None' },
                    ...this.picklist(spec.statusPicklist),
                ],
                columns: [spec.nameLabel, ...spec.columns.map((column) => column.label)],
                rows,
                hasRows: rows.length > 0,
                isEditing: this.childEditor?.type === spec.type,
                isObjective: spec.type === 'objective',
                isRisk: spec.type === 'risk',
            };
        });
    }

    get childDraft(): ChildDraft {
        return this.childEditor?.draft ?? emptyChildDraft();
    }

    get childErrors(): Errors {
        return this.childEditor?.errors ?? {};
    }

    get childFormError(): string {
        return this.childEditor?.formError ?? '';
    }

    get childFormTitle(): string {
        if (!this.childEditor) return '';
        const noun = CHILD_LABELS[this.childEditor.type];
        return this.childEditor.recordId ? `Edit ${noun}` : `New ${noun}`;
    }

    private recordsOf(type: ChildType): SObjectRecord[] {
        if (type === 'objective') return this.view?.objectives ?? [];
        if (type === 'action') return this.view?.actions ?? [];
        return this.view?.risks ?? [];
    }

    handleAddChild(event: Event): void {
        const type = (event.currentTarget as HTMLElement).dataset.type as ChildType;
        const draft = emptyChildDraft();
        if (type === 'risk') draft.status = 'Open';
        if (type === 'action') draft.status = 'Open';
        this.childEditor = { type, draft, errors: {}, formError: '' };
        this.focusChildForm();
    }

    handleEditChild(event: Event): void {
        const target = event.currentTarget as HTMLElement;
        const type = target.dataset.type as ChildType;
        const record = this.recordsOf(type).find((item) => item.Id === target.dataset.recordId);
        if (!record) return;
        this.childEditor = {
            type,
            recordId: record.Id,
            draft: childDraftOf(type, record),
            errors: {},
            formError: '',
        };
        this.focusChildForm();
    }

    handleChildChange(event: CustomEvent<{ value: unknown }>): void {
        const key = (event.target as HTMLElement).dataset.field as keyof ChildDraft | undefined;
        if (!key || !this.childEditor) return;
        const value = event.detail?.value;
        const errors = { ...this.childEditor.errors };
        delete errors[key];
        this.childEditor = {
            ...this.childEditor,
            draft: {
                ...this.childEditor.draft,
                [key]: value === null || value === undefined ? '' : String(value),
            },
            errors,
        };
    }

    handleCancelChild(): void {
        this.childEditor = null;
    }

    async handleSaveChild(): Promise<void> {
        const editor = this.childEditor;
        if (!editor) return;
        const errors = validateChildDraft(editor.type, editor.draft);
        if (Object.keys(errors).length > 0) {
            this.childEditor = { ...editor, errors, formError: 'Correct the highlighted fields.' };
            return;
        }
        this.saving = true;
        try {
            await SAVE_CHILD[editor.type](
                childRecordOf(editor.type, editor.draft, this.planId, editor.recordId),
            );
            this.childEditor = null;
            this.toast(`The ${CHILD_LABELS[editor.type]} was saved`, '', 'success');
            await this.afterWrite();
        } catch (error) {
            const problem = parseSaveError(error);
            const byKey = childKeyByApiName(editor.type);
            const placed: Errors = {};
            for (const [field, text] of Object.entries(firstMessages(problem.fieldErrors))) {
                const key = byKey[field];
                if (key) placed[key] = text;
            }
            this.childEditor = {
                ...editor,
                errors: placed,
                formError:
                    Object.keys(placed).length > 0
                        ? 'Correct the highlighted fields. Nothing you typed was lost.'
                        : problem.message,
            };
        } finally {
            this.saving = false;
        }
    }

    handleAskDelete(event: Event): void {
        this.pendingDeleteId = (event.currentTarget as HTMLElement).dataset.recordId ?? '';
    }

    handleKeepChild(): void {
        this.pendingDeleteId = '';
    }

    async handleConfirmDelete(event: Event): Promise<void> {
        const recordId = (event.currentTarget as HTMLElement).dataset.recordId;
        if (!recordId) return;
        try {
            await deleteChild({ recordId });
            this.pendingDeleteId = '';
            this.toast('Removed', '', 'success');
            await this.afterWrite();
        } catch (error) {
            this.toast('It could not be removed', parseSaveError(error).message, 'error');
        }
    }

    private focusChildForm(): void {
        void Promise.resolve().then(() => {
            this.template?.querySelector<HTMLElement>('[data-child-autofocus]')?.focus();
        });
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
