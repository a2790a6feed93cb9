// The account plan's data, shared by the plan editor and its parts (plan form, objectives,
// actions, risks, team): the AccountPlanController payload, the drafts and their checks, the
// saves of objectives, actions and risks, and the words for dates and money. Records arrive as
// SObjects keyed by field API names; the parts read and write them only through the
// @salesforce/schema references below, so the package namespace never appears in code.
import NAME_FIELD from '@salesforce/schema/AccountPlan__c.Name';
import STATUS_FIELD from '@salesforce/schema/AccountPlan__c.Status__c';
import PERIOD_START_FIELD from '@salesforce/schema/AccountPlan__c.PeriodStart__c';
import PERIOD_END_FIELD from '@salesforce/schema/AccountPlan__c.PeriodEnd__c';
import PRIORITIES_FIELD from '@salesforce/schema/AccountPlan__c.BusinessPriorities__c';
import FINANCIAL_CONTEXT_FIELD from '@salesforce/schema/AccountPlan__c.FinancialContext__c';
import COMPETITIVE_LANDSCAPE_FIELD from '@salesforce/schema/AccountPlan__c.CompetitiveLandscape__c';
import REVENUE_TARGET_FIELD from '@salesforce/schema/AccountPlan__c.RevenueTarget__c';
import EXPANSION_TARGET_FIELD from '@salesforce/schema/AccountPlan__c.ExpansionTarget__c';
import BUYING_GROUP_SIZE_FIELD from '@salesforce/schema/AccountPlan__c.BuyingGroupSize__c';
import MANAGER_FIELD from '@salesforce/schema/AccountPlan__c.KeyAccountManager__c';
import SPONSOR_FIELD from '@salesforce/schema/AccountPlan__c.ExecutiveSponsor__c';
import TECHNICAL_LEAD_FIELD from '@salesforce/schema/AccountPlan__c.TechnicalLead__c';
import SUCCESS_MANAGER_FIELD from '@salesforce/schema/AccountPlan__c.CustomerSuccessManager__c';
import LAST_EXEC_REVIEW_FIELD from '@salesforce/schema/AccountPlan__c.LastExecutiveReviewDate__c';
import saveObjective from '@salesforce/apex/AccountPlanController.saveObjective';
import saveAction from '@salesforce/apex/AccountPlanController.saveAction';
import saveRisk from '@salesforce/apex/AccountPlanController.saveRisk';
import deleteChild from '@salesforce/apex/AccountPlanController.deleteChild';
import currency from '@salesforce/i18n/currency';
import locale from '@salesforce/i18n/locale';
import { firstMessages, parseSaveError } from 'c/keystoneSaveErrors';
import { MAX_BUYING_GROUP_SIZE } from 'c/keystoneEngine';
import OBJECTIVE_NAME_FIELD from '@salesforce/schema/AccountObjective__c.Name';
import OBJECTIVE_DESCRIPTION_FIELD from '@salesforce/schema/AccountObjective__c.Description__c';
import OBJECTIVE_PLAN_FIELD from '@salesforce/schema/AccountObjective__c.AccountPlan__c';
import OBJECTIVE_METRIC_FIELD from '@salesforce/schema/AccountObjective__c.Metric__c';
import OBJECTIVE_TARGET_FIELD from '@salesforce/schema/AccountObjective__c.TargetValue__c';
import OBJECTIVE_CURRENT_FIELD from '@salesforce/schema/AccountObjective__c.CurrentValue__c';
import OBJECTIVE_DUE_FIELD from '@salesforce/schema/AccountObjective__c.DueDate__c';
import OBJECTIVE_STATUS_FIELD from '@salesforce/schema/AccountObjective__c.Status__c';
import ACTION_NAME_FIELD from '@salesforce/schema/AccountAction__c.Name';
import ACTION_DESCRIPTION_FIELD from '@salesforce/schema/AccountAction__c.Description__c';
import ACTION_COMPLETED_FIELD from '@salesforce/schema/AccountAction__c.CompletedDate__c';
import ACTION_OBJECTIVE_FIELD from '@salesforce/schema/AccountAction__c.Objective__c';
import ACTION_PLAN_FIELD from '@salesforce/schema/AccountAction__c.AccountPlan__c';
import ACTION_OWNER_FIELD from '@salesforce/schema/AccountAction__c.Owner__c';
import ACTION_DUE_FIELD from '@salesforce/schema/AccountAction__c.DueDate__c';
import ACTION_STATUS_FIELD from '@salesforce/schema/AccountAction__c.Status__c';
import RISK_NAME_FIELD from '@salesforce/schema/AccountRisk__c.Name';
import RISK_DESCRIPTION_FIELD from '@salesforce/schema/AccountRisk__c.Description__c';
import RISK_MITIGATION_DUE_FIELD from '@salesforce/schema/AccountRisk__c.MitigationDueDate__c';
import RISK_PLAN_FIELD from '@salesforce/schema/AccountRisk__c.AccountPlan__c';
import RISK_LIKELIHOOD_FIELD from '@salesforce/schema/AccountRisk__c.Likelihood__c';
import RISK_IMPACT_FIELD from '@salesforce/schema/AccountRisk__c.Impact__c';
import RISK_MITIGATION_FIELD from '@salesforce/schema/AccountRisk__c.Mitigation__c';
import RISK_OWNER_FIELD from '@salesforce/schema/AccountRisk__c.MitigationOwner__c';
import RISK_STATUS_FIELD from '@salesforce/schema/AccountRisk__c.Status__c';

export type SObjectRecord = Record<string, unknown> & { Id?: string };

export interface Option {
    value: string;
    label: string;
}

export interface Person {
    id: string;
    name: string;
    title?: string | null;
}

export interface PlanView {
    accountId: string;
    accountName: string;
    accountTier: string | null;
    plan: SObjectRecord | null;
    lastModified: string | null;
    lastModifiedByName: string | null;
    objectives: SObjectRecord[];
    actions: SObjectRecord[];
    risks: SObjectRecord[];
    people: Person[];
    cadenceDaysByTier: Record<string, number>;
    defaultCadenceDays: number | null;
    picklists: Record<string, Option[]>;
    canEdit: boolean;
    canCreate: boolean;
}

export interface ConflictDetail {
    plan: SObjectRecord;
    lastModified: string;
    lastModifiedByName: string;
}

type SchemaField = { objectApiName: string; fieldApiName?: string };

export function apiName(field: SchemaField): string {
    return field.fieldApiName ?? '';
}

/** A field of a record as text for an input ('' when blank). */
export function textOf(record: SObjectRecord | null | undefined, field: SchemaField): string {
    const value = record ? record[apiName(field)] : undefined;
    return value === null || value === undefined ? '' : String(value);
}

export function numberOf(
    record: SObjectRecord | null | undefined,
    field: SchemaField,
): number | null {
    const value = record ? record[apiName(field)] : undefined;
    return typeof value === 'number' ? value : null;
}

/** Text as typed → number, or null when blank; NaN stays NaN for the checks. */
export function toNumber(text: string): number | null {
    return text.trim() === '' ? null : Number(text);
}

// ------------------------------------------------------------------ plan draft

export interface PlanDraft {
    name: string;
    status: string;
    periodStart: string;
    periodEnd: string;
    businessPriorities: string;
    financialContext: string;
    competitiveLandscape: string;
    revenueTarget: string;
    expansionTarget: string;
    /** People expected in the buying group; blank = the default for the tier and segment. */
    buyingGroupSize: string;
    keyAccountManagerId: string;
    executiveSponsorId: string;
    technicalLeadId: string;
    customerSuccessManagerId: string;
    lastExecutiveReviewDate: string;
}

export type PlanDraftKey = keyof PlanDraft;

/** Draft key → the field it edits, with the label a conflict or error names it by. */
export const PLAN_FIELDS: {
    key: PlanDraftKey;
    field: SchemaField;
    label: string;
    numeric?: boolean;
}[] = [
    { key: 'name', field: NAME_FIELD, label: 'Plan name' },
    { key: 'status', field: STATUS_FIELD, label: 'Status' },
    { key: 'periodStart', field: PERIOD_START_FIELD, label: 'Period start' },
    { key: 'periodEnd', field: PERIOD_END_FIELD, label: 'Period end' },
    { key: 'businessPriorities', field: PRIORITIES_FIELD, label: 'Business priorities' },
    { key: 'financialContext', field: FINANCIAL_CONTEXT_FIELD, label: 'Financial context' },
    {
        key: 'competitiveLandscape',
        field: COMPETITIVE_LANDSCAPE_FIELD,
        label: 'Competitive landscape',
    },
    { key: 'revenueTarget', field: REVENUE_TARGET_FIELD, label: 'Revenue target', numeric: true },
    {
        key: 'expansionTarget',
        field: EXPANSION_TARGET_FIELD,
        label: 'Expansion target',
        numeric: true,
    },
    {
        key: 'buyingGroupSize',
        field: BUYING_GROUP_SIZE_FIELD,
        label: 'Expected buying group size',
        numeric: true,
    },
    { key: 'keyAccountManagerId', field: MANAGER_FIELD, label: 'Key account manager' },
    { key: 'executiveSponsorId', field: SPONSOR_FIELD, label: 'Executive sponsor' },
    { key: 'technicalLeadId', field: TECHNICAL_LEAD_FIELD, label: 'Technical lead' },
    {
        key: 'customerSuccessManagerId',
        field: SUCCESS_MANAGER_FIELD,
        label: 'Customer success manager',
    },
    {
        key: 'lastExecutiveReviewDate',
        field: LAST_EXEC_REVIEW_FIELD,
        label: 'Last executive review',
    },
];

export function planDraftOf(plan: SObjectRecord | null): PlanDraft {
    const draft = {} as PlanDraft;
    for (const { key, field } of PLAN_FIELDS) draft[key] = textOf(plan, field);
    return draft;
}

/** The record savePlan receives: every editable field, blanks as null. */
export function planRecordOf(planId: string, draft: PlanDraft): SObjectRecord {
    const record: SObjectRecord = { Id: planId };
    for (const { key, field, numeric } of PLAN_FIELDS) {
        const text = draft[key].trim();
        record[apiName(field)] = text === '' ? null : numeric ? Number(text) : draft[key];
    }
    return record;
}

/** Field API name → draft key, to place server field errors. */
export function planKeyByApiName(): Record<string, PlanDraftKey> {
    const result: Record<string, PlanDraftKey> = {};
    for (const { key, field } of PLAN_FIELDS) result[apiName(field)] = key;
    return result;
}

export function planLabel(key: PlanDraftKey): string {
    return PLAN_FIELDS.find((item) => item.key === key)?.label ?? key;
}

export function isSameDraft(a: PlanDraft, b: PlanDraft): boolean {
    return PLAN_FIELDS.every(({ key, numeric }) =>
        numeric ? toNumber(a[key]) === toNumber(b[key]) : a[key] === b[key],
    );
}

/** Fields the other person changed: theirs differs from what this user loaded. */
export function changedByOthers(base: PlanDraft, theirs: PlanDraft): PlanDraftKey[] {
    return PLAN_FIELDS.filter(({ key, numeric }) =>
        numeric ? toNumber(base[key]) !== toNumber(theirs[key]) : base[key] !== theirs[key],
    ).map(({ key }) => key);
}

export type Errors = Partial<Record<string, string>>;

/** The editor's own checks; the org's validation rules still apply on save. */
export function validatePlanDraft(draft: PlanDraft): Errors {
    const errors: Errors = {};
    if (!draft.name.trim()) errors.name = 'Enter a plan name.';
    for (const key of ['revenueTarget', 'expansionTarget'] as const) {
        const value = toNumber(draft[key]);
        if (value !== null && (Number.isNaN(value) || value < 0)) {
            errors[key] = `${planLabel(key)} cannot be negative.`;
        }
    }
    const buyingGroupSize = toNumber(draft.buyingGroupSize);
    if (
        buyingGroupSize !== null &&
        !(
            Number.isInteger(buyingGroupSize) &&
            buyingGroupSize >= 1 &&
            buyingGroupSize <= MAX_BUYING_GROUP_SIZE
        )
    ) {
        // The words of the BuyingGroupSizeInRange validation rule, which still applies on save.
        errors.buyingGroupSize = `Expected buying group size must be a whole number of people from 1 to ${MAX_BUYING_GROUP_SIZE}. Leave it blank to use the default for the account's tier and segment.`;
    }
    if (draft.periodStart && draft.periodEnd && draft.periodEnd <= draft.periodStart) {
        errors.periodEnd = 'Period end must be after the period start.';
    }
    if (draft.status === 'Active') {
        if (!draft.keyAccountManagerId) {
            errors.keyAccountManagerId =
                'Choose the key account manager before you activate the plan.';
        }
        if (!draft.periodStart) errors.periodStart = 'An active plan needs a period start.';
        if (!draft.periodEnd) errors.periodEnd = 'An active plan needs a period end.';
    }
    return errors;
}

// ------------------------------------------------------------------ children

export type ChildType = 'objective' | 'action' | 'risk';

/** What an objective, action or risk form holds: text as typed, so nothing is lost on a failed save. */
export interface ChildDraft {
    name: string;
    description: string;
    metric: string;
    targetValue: string;
    currentValue: string;
    dueDate: string;
    status: string;
    ownerId: string;
    completedDate: string;
    objectiveId: string;
    likelihood: string;
    impact: string;
    mitigation: string;
    mitigationDueDate: string;
}

export type ChildKey = keyof ChildDraft;

interface ChildFieldSpec {
    key: ChildKey;
    field: SchemaField;
    numeric?: boolean;
}

export const CHILD_FIELDS: Record<ChildType, { parent: SchemaField; fields: ChildFieldSpec[] }> = {
    objective: {
        parent: OBJECTIVE_PLAN_FIELD,
        fields: [
            { key: 'name', field: OBJECTIVE_NAME_FIELD },
            { key: 'description', field: OBJECTIVE_DESCRIPTION_FIELD },
            { key: 'metric', field: OBJECTIVE_METRIC_FIELD },
            { key: 'targetValue', field: OBJECTIVE_TARGET_FIELD, numeric: true },
            { key: 'currentValue', field: OBJECTIVE_CURRENT_FIELD, numeric: true },
            { key: 'dueDate', field: OBJECTIVE_DUE_FIELD },
            { key: 'status', field: OBJECTIVE_STATUS_FIELD },
        ],
    },
    action: {
        parent: ACTION_PLAN_FIELD,
        fields: [
            { key: 'name', field: ACTION_NAME_FIELD },
            { key: 'description', field: ACTION_DESCRIPTION_FIELD },
            { key: 'ownerId', field: ACTION_OWNER_FIELD },
            { key: 'dueDate', field: ACTION_DUE_FIELD },
            { key: 'status', field: ACTION_STATUS_FIELD },
            { key: 'completedDate', field: ACTION_COMPLETED_FIELD },
            { key: 'objectiveId', field: ACTION_OBJECTIVE_FIELD },
        ],
    },
    risk: {
        parent: RISK_PLAN_FIELD,
        fields: [
            { key: 'name', field: RISK_NAME_FIELD },
            { key: 'description', field: RISK_DESCRIPTION_FIELD },
            { key: 'likelihood', field: RISK_LIKELIHOOD_FIELD },
            { key: 'impact', field: RISK_IMPACT_FIELD },
            { key: 'mitigation', field: RISK_MITIGATION_FIELD },
            { key: 'ownerId', field: RISK_OWNER_FIELD },
            { key: 'mitigationDueDate', field: RISK_MITIGATION_DUE_FIELD },
            { key: 'status', field: RISK_STATUS_FIELD },
        ],
    },
};

export function emptyChildDraft(): ChildDraft {
    return {
        name: '',
        description: '',
        metric: '',
        targetValue: '',
        currentValue: '',
        dueDate: '',
        status: '',
        ownerId: '',
        completedDate: '',
        objectiveId: '',
        likelihood: '',
        impact: '',
        mitigation: '',
        mitigationDueDate: '',
    };
}

export function childDraftOf(type: ChildType, record: SObjectRecord | null): ChildDraft {
    const draft = emptyChildDraft();
    for (const { key, field } of CHILD_FIELDS[type].fields) draft[key] = textOf(record, field);
    return draft;
}

export function childRecordOf(
    type: ChildType,
    draft: ChildDraft,
    planId: string,
    recordId: string | undefined,
): SObjectRecord {
    const record: SObjectRecord = {};
    if (recordId) record.Id = recordId;
    else record[apiName(CHILD_FIELDS[type].parent)] = planId;
    for (const { key, field, numeric } of CHILD_FIELDS[type].fields) {
        const text = draft[key].trim();
        record[apiName(field)] = text === '' ? null : numeric ? Number(text) : draft[key];
    }
    return record;
}

export function childKeyByApiName(type: ChildType): Record<string, ChildKey> {
    const result: Record<string, ChildKey> = {};
    for (const { key, field } of CHILD_FIELDS[type].fields) result[apiName(field)] = key;
    return result;
}

/** The form's own checks, as the org's validation rules say them; the org still checks on save. */
export function validateChildDraft(type: ChildType, draft: ChildDraft, today: string): Errors {
    const errors: Errors = {};
    if (type === 'objective') {
        if (!draft.name.trim()) errors.name = 'Name the objective.';
        if (!draft.metric.trim()) errors.metric = 'Say how this objective is measured.';
        const target = toNumber(draft.targetValue);
        if (target === null || Number.isNaN(target)) {
            errors.targetValue = 'Enter the target value of the metric.';
        }
        const current = toNumber(draft.currentValue);
        if (current !== null && Number.isNaN(current)) errors.currentValue = 'Enter a number.';
        if (!draft.dueDate) errors.dueDate = 'Enter when the objective should be met.';
    }
    if (type === 'action') {
        if (!draft.name.trim()) errors.name = 'Say what needs doing.';
        if (!draft.ownerId) errors.ownerId = 'Choose who owns this action.';
        if (!draft.dueDate) errors.dueDate = 'Enter when this action is due.';
        if (draft.completedDate && draft.completedDate > today) {
            errors.completedDate = 'Completed date cannot be in the future.';
        }
    }
    if (type === 'risk') {
        if (!draft.name.trim()) errors.name = 'Name the risk.';
        if (!draft.ownerId && draft.status !== 'Closed') {
            errors.ownerId = 'Choose who owns the mitigation.';
        }
    }
    return errors;
}

const SAVE_CHILD: Record<ChildType, (record: SObjectRecord) => Promise<unknown>> = {
    objective: (record) => saveObjective({ objective: record }),
    action: (record) => saveAction({ action: record }),
    risk: (record) => saveRisk({ risk: record }),
};

export interface ChildSaveProblem {
    /** Messages beside the form's fields. */
    errors: Errors;
    /** The message above the form. */
    formError: string;
}

/**
 * Saves an objective, action or risk. Resolves to null when saved, or to the problem: the
 * server's field errors placed beside the form's fields, and one message above it.
 */
export async function saveChildDraft(
    type: ChildType,
    draft: ChildDraft,
    planId: string,
    recordId: string | undefined,
): Promise<ChildSaveProblem | null> {
    try {
        await SAVE_CHILD[type](childRecordOf(type, draft, planId, recordId));
        return null;
    } catch (error) {
        const problem = parseSaveError(error);
        const byKey = childKeyByApiName(type);
        const placed: Errors = {};
        for (const [field, text] of Object.entries(firstMessages(problem.fieldErrors))) {
            const key = byKey[field];
            if (key) placed[key] = text;
        }
        return {
            errors: placed,
            formError:
                Object.keys(placed).length > 0
                    ? 'Correct the highlighted fields. Nothing you typed was lost.'
                    : problem.message,
        };
    }
}

/** Removes an objective, action or risk; resolves to the reason when it could not. */
export async function removeChild(recordId: string): Promise<string | null> {
    try {
        await deleteChild({ recordId });
        return null;
    } catch (error) {
        return parseSaveError(error).message;
    }
}

// ------------------------------------------------------------------ child forms
// The objectives, actions and risks lists share one way of editing a row in place: a form opens
// (new or for a row), each change clears its field's error, Save checks the form as the org
// would and saves, and a failed save keeps everything typed with the errors beside the fields.

/** An open objective, action or risk form: the draft as typed and what is wrong with it. */
export interface ChildEditor {
    /** The record being edited; absent for a new one. */
    recordId?: string;
    draft: ChildDraft;
    errors: Errors;
    /** The message above the form. */
    formError: string;
}

/** The record Id a row's button carries in its data-record-id attribute. */
export function recordIdOf(event: Event): string {
    return (event.currentTarget as HTMLElement).dataset.recordId ?? '';
}

/** An empty form for a new objective, action or risk in the given status. */
export function newChildEditor(status: string): ChildEditor {
    return { draft: { ...emptyChildDraft(), status }, errors: {}, formError: '' };
}

/** A form holding the record the clicked row button names; null when it is no longer listed. */
export function childEditorFor(
    type: ChildType,
    records: SObjectRecord[],
    event: Event,
): ChildEditor | null {
    const recordId = recordIdOf(event);
    const record = records.find((item) => item.Id === recordId);
    if (!record) return null;
    return { recordId, draft: childDraftOf(type, record), errors: {}, formError: '' };
}

/**
 * The form after a change event from the field its data-field attribute names: the value kept
 * as text and that field's error cleared. `follow` lets a form fill in what a change implies.
 */
export function changedChildEditor(
    editor: ChildEditor | null,
    event: CustomEvent<{ value: unknown }>,
    follow: (draft: ChildDraft, key: ChildKey) => ChildDraft = (draft) => draft,
): ChildEditor | null {
    const key = (event.target as HTMLElement).dataset.field as ChildKey | undefined;
    if (!key || !editor) return editor;
    const value = event.detail?.value;
    const errors = { ...editor.errors };
    delete errors[key];
    const draft = {
        ...editor.draft,
        [key]: value === null || value === undefined ? '' : String(value),
    };
    return { ...editor, draft: follow(draft, key), errors };
}

/** What a form saves: an action's completion date counts only while it is Completed. */
function childDraftToSave(type: ChildType, draft: ChildDraft): ChildDraft {
    if (type === 'action' && draft.status !== 'Completed') return { ...draft, completedDate: '' };
    return draft;
}

export type ChildSubmission =
    { saved: true; message: string } | { saved: false; editor: ChildEditor };

/**
 * Checks the form as the org's validation rules would, then saves it. Resolves to the message
 * to announce once saved, or to the form to show again with what is wrong (nothing typed lost).
 */
export async function submitChildEditor(
    type: ChildType,
    editor: ChildEditor,
    planId: string,
    today: string,
): Promise<ChildSubmission> {
    const draft = childDraftToSave(type, editor.draft);
    const errors = validateChildDraft(type, draft, today);
    if (Object.keys(errors).length > 0) {
        return {
            saved: false,
            editor: { ...editor, errors, formError: 'Correct the highlighted fields.' },
        };
    }
    const problem = await saveChildDraft(type, draft, planId, editor.recordId);
    if (problem) return { saved: false, editor: { ...editor, ...problem } };
    return { saved: true, message: `${draft.name.trim()} was saved.` };
}

/**
 * Removes the listed record a confirm button names. Resolves to the message to announce, or to
 * why it could not be removed.
 */
export async function removeListedChild(
    records: SObjectRecord[],
    event: Event,
    nameField: SchemaField,
): Promise<{ removed: boolean; message: string }> {
    const recordId = recordIdOf(event);
    const name = textOf(
        records.find((record) => record.Id === recordId),
        nameField,
    );
    const problem = await removeChild(recordId);
    if (problem) return { removed: false, message: `${name} could not be removed: ${problem}` };
    return { removed: true, message: `${name} was removed.` };
}

/** Moves the keyboard into a form that has just opened: to its field marked data-autofocus. */
export function focusOpenedForm(template: ShadowRoot | null | undefined): void {
    template?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
}

// ------------------------------------------------------------------ words

/** Today in the browser's calendar, 'YYYY-MM-DD'. */
export function todayIso(now: Date = new Date()): string {
    const month = String(now.getMonth() + 1).padStart(2, '0');
    const day = String(now.getDate()).padStart(2, '0');
    return `${now.getFullYear()}-${month}-${day}`;
}

const dateFormat = new Intl.DateTimeFormat(locale || undefined, {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
});

/** 'YYYY-MM-DD' as the user reads a date ("Dec 15, 2026"); '' stays ''. */
export function formatDate(iso: string | null | undefined): string {
    if (!iso) return '';
    const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
    return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

const moneyFormat = new Intl.NumberFormat(locale || undefined, {
    style: 'currency',
    currency: currency || 'USD',
    maximumFractionDigits: 0,
});

export function formatMoney(value: number | null): string {
    return value === null ? '—' : moneyFormat.format(value);
}

const numberFormat = new Intl.NumberFormat(locale || undefined, { maximumFractionDigits: 2 });

export function formatNumber(value: number | null): string {
    return value === null ? '' : numberFormat.format(value);
}

/** "320 of 500 (64%)": where an objective's metric stands against its target. */
export function objectiveProgressText(current: number | null, target: number | null): string {
    if (current === null) return 'Not measured yet';
    if (target === null || target === 0) return formatNumber(current);
    return `${formatNumber(current)} of ${formatNumber(target)} (${Math.round((current / target) * 100)}%)`;
}

/** People as picker options, with their title when known. */
export function personOptions(people: Person[], noneLabel: string): Option[] {
    return [
        { value: '', label: noneLabel },
        ...people.map((person) => ({
            value: person.id,
            label: person.title ? `${person.name} (${person.title})` : person.name,
        })),
    ];
}

export function nameOfPerson(people: Person[], userId: string): string {
    if (!userId) return '';
    return people.find((person) => person.id === userId)?.name ?? 'Someone';
}
