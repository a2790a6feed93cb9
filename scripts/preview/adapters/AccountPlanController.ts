// Preview stand-in for AccountPlanController.cls: the same PlanView (the component's
// planModel.ts types: SObject-shaped plan and children keyed by field API name) read from the
// preview's record store, and the same saves with the same checks: the validation rules of
// AccountPlan__c and its children, only user-editable fields taken from the client, and the
// concurrent-edit check on the plan's last-modified time ("conflict" with the server version).
// Mark reviewed stamps the review dates from the tier's cadence, as PlanReviewService does.
import { CURRENT_USER_ID, activeUsersMatching } from '../data/previewData.ts';
import type { FieldValues, StoredRecord } from '../data/recordStore.ts';
import { RecordError } from '../data/recordStore.ts';
import { previewData, previewStore } from '../data/session.ts';
import { ApexException, apexMethod } from './apexMethod.ts';

const PLAN_EDITABLE = [
    'Name',
    'Status__c',
    'PeriodStart__c',
    'PeriodEnd__c',
    'BusinessPriorities__c',
    'FinancialContext__c',
    'CompetitiveLandscape__c',
    'RevenueTarget__c',
    'ExpansionTarget__c',
    'BuyingGroupSize__c',
    'KeyAccountManager__c',
    'ExecutiveSponsor__c',
    'TechnicalLead__c',
    'CustomerSuccessManager__c',
    'LastExecutiveReviewDate__c',
];

const CHILDREN = {
    AccountObjective__c: {
        editable: [
            'Name',
            'Metric__c',
            'TargetValue__c',
            'CurrentValue__c',
            'DueDate__c',
            'Status__c',
            'Description__c',
        ],
    },
    AccountAction__c: {
        editable: [
            'Name',
            'Description__c',
            'Owner__c',
            'DueDate__c',
            'Status__c',
            'CompletedDate__c',
            'Objective__c',
        ],
    },
    AccountRisk__c: {
        editable: [
            'Name',
            'Description__c',
            'Likelihood__c',
            'Impact__c',
            'Mitigation__c',
            'MitigationOwner__c',
            'MitigationDueDate__c',
            'Status__c',
        ],
    },
} as const;

type ChildObject = keyof typeof CHILDREN;

const PICKLISTS: Record<string, string[]> = {
    planStatus: ['Draft', 'Active', 'Archived'],
    objectiveStatus: ['Not Started', 'On Track', 'At Risk', 'Achieved', 'Missed'],
    actionStatus: ['Open', 'In Progress', 'Completed', 'Cancelled'],
    riskStatus: ['Open', 'Mitigating', 'Closed'],
    riskLikelihood: ['High', 'Medium', 'Low'],
    riskImpact: ['High', 'Medium', 'Low'],
};

function uiError(
    kind: string,
    message: string,
    fieldErrors: Record<string, string[]> = {},
    detail?: unknown,
): ApexException {
    return new ApexException(
        JSON.stringify({ kind, message, fieldErrors, ...(detail ? { detail } : {}) }),
    );
}

function text(value: unknown): string | null {
    return typeof value === 'string' && value !== '' ? value : null;
}

function num(value: unknown): number | null {
    return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function today(): string {
    return previewData.asOf;
}

function addDays(isoDate: string, days: number): string {
    const [year, month, day] = isoDate.split('-').map(Number);
    return new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, (day ?? 1) + days))
        .toISOString()
        .slice(0, 10);
}

/** The record as the controller returns it: fields plus Id and LastModifiedDate. */
function asSObject(record: StoredRecord): FieldValues {
    return { ...record.fields, Id: record.id, LastModifiedDate: record.lastModifiedDate };
}

function openPlanOf(accountId: string): StoredRecord | undefined {
    const plans = previewStore.list(
        'AccountPlan__c',
        (fields) =>
            fields.Account__c === accountId &&
            (fields.Status__c === 'Active' || fields.Status__c === 'Draft'),
    );
    return plans.find((plan) => plan.fields.Status__c === 'Active') ?? plans[plans.length - 1];
}

/** The plan's objectives, actions or risks, in the selector's order (SOQL sorts nulls first). */
function childrenOf(apiName: ChildObject, planId: string): FieldValues[] {
    const byDueDateThenName = (a: FieldValues, b: FieldValues): number =>
        String(a.DueDate__c ?? '').localeCompare(String(b.DueDate__c ?? '')) ||
        String(a.Name ?? '').localeCompare(String(b.Name ?? ''));
    const byName = (a: FieldValues, b: FieldValues): number =>
        String(a.Name ?? '').localeCompare(String(b.Name ?? ''));
    return previewStore
        .list(apiName, (fields) => fields.AccountPlan__c === planId)
        .map(asSObject)
        .sort(apiName === 'AccountRisk__c' ? byName : byDueDateThenName);
}

function person(user: StoredRecord) {
    return { id: user.id, name: text(user.fields.Name) ?? '', title: text(user.fields.Title) };
}

function cadenceDaysFor(plan: FieldValues, accountId: string): number {
    const stored = num(plan.ReviewCadence__c);
    if (stored !== null && stored > 0) return stored;
    const tier = text(previewStore.get(accountId)?.fields.KeyAccountTier__c) ?? text(plan.Tier__c);
    const config = previewData.config.plan;
    return (tier ? config.cadenceDaysByTier[tier] : undefined) ?? config.defaultCadenceDays;
}

/** The validation rules of the plan and its children, per field. */
function validate(apiName: string, fields: FieldValues): void {
    const errors: Record<string, string[]> = {};
    const add = (field: string, message: string) => (errors[field] = [message]);
    // The Name field of a custom object is required by the platform itself.
    if (apiName !== 'AccountPlan__c' && !text(fields.Name)) {
        add('Name', 'Required fields are missing: [Name]');
    }
    if (apiName === 'AccountPlan__c') {
        if (!text(fields.Name)) add('Name', 'Enter a plan name.');
        if (fields.Status__c === 'Active') {
            if (!text(fields.KeyAccountManager__c))
                add(
                    'KeyAccountManager__c',
                    'Choose the key account manager before you activate the plan.',
                );
            if (!text(fields.PeriodStart__c))
                add('PeriodStart__c', 'An active plan needs a period start.');
            if (!text(fields.PeriodEnd__c))
                add('PeriodEnd__c', 'An active plan needs a period end.');
        }
        const start = text(fields.PeriodStart__c);
        const end = text(fields.PeriodEnd__c);
        if (start && end && end <= start)
            add('PeriodEnd__c', 'Period end must be after the period start.');
        if ((num(fields.RevenueTarget__c) ?? 0) < 0)
            add('RevenueTarget__c', 'Revenue target cannot be negative.');
        if ((num(fields.ExpansionTarget__c) ?? 0) < 0)
            add('ExpansionTarget__c', 'Expansion target cannot be negative.');
        // AccountPlan__c.BuyingGroupSizeInRange
        const buyingGroup = num(fields.BuyingGroupSize__c);
        if (
            buyingGroup !== null &&
            (buyingGroup < 1 || buyingGroup > 100 || buyingGroup !== Math.floor(buyingGroup))
        )
            add(
                'BuyingGroupSize__c',
                "Expected buying group size must be a whole number of people from 1 to 100. Leave it blank to use the default for the account's tier and segment.",
            );
        const lastExec = text(fields.LastExecutiveReviewDate__c);
        if (lastExec && lastExec > today())
            add('LastExecutiveReviewDate__c', 'Last executive review cannot be in the future.');
    }
    if (apiName === 'AccountObjective__c') {
        if (!text(fields.Metric__c)) add('Metric__c', 'Say how this objective is measured.');
        if (num(fields.TargetValue__c) === null)
            add('TargetValue__c', 'Enter the target value of the metric.');
        if (!text(fields.DueDate__c)) add('DueDate__c', 'Enter when the objective should be met.');
    }
    if (apiName === 'AccountAction__c') {
        if (!text(fields.Owner__c)) add('Owner__c', 'Choose who owns this action.');
        if (!text(fields.DueDate__c)) add('DueDate__c', 'Enter when this action is due.');
    }
    if (
        apiName === 'AccountRisk__c' &&
        !text(fields.MitigationOwner__c) &&
        fields.Status__c !== 'Closed'
    ) {
        add('MitigationOwner__c', 'Choose who owns the mitigation.');
    }
    if (Object.keys(errors).length > 0)
        throw uiError('fieldErrors', 'Check the highlighted fields.', errors);
}

function pick(source: FieldValues, fields: readonly string[]): FieldValues {
    const result: FieldValues = {};
    for (const field of fields) if (field in source) result[field] = source[field];
    return result;
}

function write<T>(run: () => T): T {
    try {
        return run();
    } catch (error) {
        if (error instanceof RecordError) throw uiError('error', error.message);
        throw error;
    }
}

export const getPlan = apexMethod(
    'AccountPlanController.getPlan',
    ({ accountId }: { accountId?: string }) => {
        if (!accountId) throw uiError('error', 'Open the plan from an account.');
        const account = previewStore.get(accountId);
        if (!account || account.apiName !== 'Account')
            throw uiError('error', 'This account does not exist or you cannot see it.');
        const plan = openPlanOf(accountId);
        const objectives = plan ? childrenOf('AccountObjective__c', plan.id) : [];
        const actions = plan ? childrenOf('AccountAction__c', plan.id) : [];
        const risks = plan ? childrenOf('AccountRisk__c', plan.id) : [];
        const userIds = new Set<string>([String(account.fields.OwnerId ?? ''), CURRENT_USER_ID]);
        if (plan) {
            for (const field of [
                'KeyAccountManager__c',
                'ExecutiveSponsor__c',
                'TechnicalLead__c',
                'CustomerSuccessManager__c',
            ]) {
                userIds.add(String(plan.fields[field] ?? ''));
            }
        }
        for (const action of actions) userIds.add(String(action.Owner__c ?? ''));
        for (const risk of risks) userIds.add(String(risk.MitigationOwner__c ?? ''));
        const people = [...userIds]
            .map((id) => (id ? previewStore.get(id) : undefined))
            .filter((user): user is StoredRecord => user?.apiName === 'User')
            .map(person)
            .sort((a, b) => a.name.localeCompare(b.name));
        const config = previewData.config.plan;
        return {
            accountId,
            accountName: text(account.fields.Name),
            accountTier: text(account.fields.KeyAccountTier__c),
            plan: plan ? asSObject(plan) : null,
            lastModified: plan?.lastModifiedDate ?? null,
            lastModifiedByName: null,
            objectives,
            actions,
            risks,
            people,
            cadenceDaysByTier: config.cadenceDaysByTier,
            defaultCadenceDays: config.defaultCadenceDays,
            picklists: Object.fromEntries(
                Object.entries(PICKLISTS).map(([name, values]) => [
                    name,
                    values.map((value) => ({ value, label: value })),
                ]),
            ),
            canEdit: true,
            canCreate: true,
        };
    },
);

export const searchUsers = apexMethod(
    'AccountPlanController.searchUsers',
    ({ searchText }: { searchText?: string }) => {
        return activeUsersMatching(previewStore, searchText).map(person);
    },
);

export const createPlan = apexMethod(
    'AccountPlanController.createPlan',
    ({ accountId }: { accountId?: string }) => {
        const account = accountId ? previewStore.get(accountId) : undefined;
        if (!accountId || !account)
            throw uiError('error', 'This account does not exist or you cannot see it.');
        if (openPlanOf(accountId))
            throw uiError('error', 'This account already has a plan. Refresh to see it.');
        const fields: FieldValues = {
            Name: `${text(account.fields.Name) ?? 'Account'} Key Account Plan`.slice(0, 80),
            Account__c: accountId,
            Status__c: 'Draft',
            KeyAccountManager__c: CURRENT_USER_ID,
            PeriodStart__c: today(),
            PeriodEnd__c: addDays(addDays(today(), 365), -1),
        };
        validate('AccountPlan__c', fields);
        return write(() => previewStore.create('AccountPlan__c', fields)).id;
    },
);

export const savePlan = apexMethod(
    'AccountPlanController.savePlan',
    ({ plan, lastModifiedSeen }: { plan?: FieldValues; lastModifiedSeen?: string | null }) => {
        const planId = text(plan?.Id);
        if (!plan || !planId) throw uiError('error', 'Nothing to save.');
        const current = previewStore.get(planId);
        if (!current || current.apiName !== 'AccountPlan__c')
            throw uiError('error', 'This plan no longer exists or you cannot see it.');
        if (
            !lastModifiedSeen ||
            new Date(current.lastModifiedDate).getTime() > new Date(lastModifiedSeen).getTime()
        ) {
            throw uiError(
                'conflict',
                'Someone changed this plan after you opened it. Choose which version to keep.',
                {},
                {
                    plan: asSObject(current),
                    lastModified: current.lastModifiedDate,
                    lastModifiedByName: 'Someone',
                },
            );
        }
        const changes = pick(plan, PLAN_EDITABLE);
        const next = { ...current.fields, ...changes };
        validate('AccountPlan__c', next);
        if (next.Status__c === 'Active') {
            const otherActive = previewStore.list(
                'AccountPlan__c',
                (fields) =>
                    fields.Account__c === next.Account__c &&
                    fields.Status__c === 'Active' &&
                    fields.Id !== planId,
            );
            if (otherActive.length > 0) {
                throw uiError('fieldErrors', 'This account already has an active plan.', {
                    Status__c: [
                        'This account already has an active plan. Archive it before you activate another.',
                    ],
                });
            }
        }
        const saved = write(() => previewStore.update(planId, changes));
        return { recordId: saved.id, lastModified: saved.lastModifiedDate };
    },
);

export const markReviewed = apexMethod(
    'AccountPlanController.markReviewed',
    ({ planId }: { planId?: string }) => {
        const plan = planId ? previewStore.get(planId) : undefined;
        if (!planId || !plan)
            throw uiError('error', 'A plan no longer exists or you cannot see it.');
        const cadenceDays = cadenceDaysFor(plan.fields, String(plan.fields.Account__c));
        const reviewed = today();
        const nextReview = addDays(reviewed, cadenceDays);
        write(() =>
            previewStore.update(planId, {
                LastReviewedDate__c: reviewed,
                ReviewCadence__c: cadenceDays,
                NextReviewDate__c: nextReview,
            }),
        );
        return { lastReviewedDate: reviewed, nextReviewDate: nextReview, cadenceDays };
    },
);

function saveChild(apiName: ChildObject, record: FieldValues | undefined): string {
    if (!record) throw uiError('error', 'Nothing to save.');
    const changes = pick(record, CHILDREN[apiName].editable);
    const recordId = text(record.Id);
    if (recordId) {
        const existing = previewStore.get(recordId);
        if (!existing) throw uiError('error', 'This record no longer exists or you cannot see it.');
        validate(apiName, { ...existing.fields, ...changes });
        return write(() => previewStore.update(recordId, changes)).id;
    }
    const planId = text(record.AccountPlan__c);
    if (!planId) throw uiError('error', 'Save the plan first.');
    const fields = { ...changes, AccountPlan__c: planId };
    validate(apiName, fields);
    return write(() => previewStore.create(apiName, fields)).id;
}

export const saveObjective = apexMethod(
    'AccountPlanController.saveObjective',
    ({ objective }: { objective?: FieldValues }) => saveChild('AccountObjective__c', objective),
);

export const saveAction = apexMethod(
    'AccountPlanController.saveAction',
    ({ action }: { action?: FieldValues }) => saveChild('AccountAction__c', action),
);

export const saveRisk = apexMethod(
    'AccountPlanController.saveRisk',
    ({ risk }: { risk?: FieldValues }) => saveChild('AccountRisk__c', risk),
);

export const deleteChild = apexMethod(
    'AccountPlanController.deleteChild',
    ({ recordId }: { recordId?: string }) => {
        const record = recordId ? previewStore.get(recordId) : undefined;
        if (!recordId || !record || !(record.apiName in CHILDREN)) {
            throw uiError('error', 'Only objectives, actions and risks can be removed here.');
        }
        write(() => previewStore.delete(recordId));
        return null;
    },
);
