// Preview stand-in for RelationshipMapController.cls: the same payload shape (the component's
// model.ts types) read from the preview's record store, and the same saves with the same
// checks (contact required, no reporting loops, manager on the same account). Failures are
// thrown as the controller throws them: an AuraHandledException whose message is the
// KeystoneUiErrors JSON that c/keystoneSaveErrors reads.
import { BUYING_ROLES, RELATIONSHIP_STRENGTHS, SENTIMENTS } from 'c/keystoneEngine';
import { CURRENT_USER_ID } from '../data/previewData.ts';
import type { FieldValues, StoredRecord } from '../data/recordStore.ts';
import { RecordError } from '../data/recordStore.ts';
import { previewData, previewStore } from '../data/session.ts';
import { ApexException, apexMethod } from './apexMethod.ts';

interface Option {
    label: string;
    value: string;
    detail?: string | null;
}

// Picklist values as objects/Stakeholder__c/fields declares them (the org reads the describe).
const PICKLIST_VALUES: Record<string, readonly string[]> = {
    buyingRole: BUYING_ROLES,
    sentiment: SENTIMENTS,
    influence: ['High', 'Medium', 'Low'],
    relationshipStrength: RELATIONSHIP_STRENGTHS,
    decisionAuthority: ['Decision Maker', 'Approver', 'Recommender', 'Evaluator', 'None'],
    businessFunction: [
        'Executive',
        'Finance',
        'IT',
        'Operations',
        'Sales',
        'Marketing',
        'Procurement',
        'Legal',
        'Human Resources',
        'Customer Service',
        'Engineering',
        'Other',
    ],
    level: ['C-Level', 'VP', 'Director', 'Manager', 'Individual Contributor'],
};

const NO_ACCESS =
    'You cannot see the relationship map of this account. Ask your Salesforce admin for the Keystone User permission set.';

function uiError(
    kind: string,
    message: string,
    fieldErrors: Record<string, string[]> = {},
): ApexException {
    return new ApexException(JSON.stringify({ kind, message, fieldErrors }));
}

/** A validation failure of the store, as KeystoneUiErrors.fromDml reports a DmlException. */
function fromRecordError(error: unknown): unknown {
    if (!(error instanceof RecordError)) return error;
    const fieldErrors: Record<string, string[]> = {};
    for (const [field, problems] of Object.entries(error.body.output.fieldErrors)) {
        fieldErrors[field] = problems.map((problem) => problem.message);
    }
    const pageMessages = error.body.output.errors.map((problem) => problem.message);
    const message =
        pageMessages.length > 0
            ? pageMessages.join(' ')
            : Object.keys(fieldErrors).length > 0
              ? 'Check the highlighted fields.'
              : error.message;
    return uiError('fieldErrors', message, fieldErrors);
}

function text(value: unknown): string | null {
    return typeof value === 'string' && value !== '' ? value : null;
}

function nameOf(record: StoredRecord | undefined): string | null {
    if (!record) return null;
    const fields = record.fields;
    return (
        text(fields.Name) ??
        ([text(fields.FirstName), text(fields.LastName)].filter(Boolean).join(' ') || null)
    );
}

function stakeholderView(record: StoredRecord): Record<string, unknown> {
    const fields = record.fields;
    const contact = text(fields.Contact__c)
        ? previewStore.get(String(fields.Contact__c))
        : undefined;
    const owner = text(fields.InternalOwner__c)
        ? previewStore.get(String(fields.InternalOwner__c))
        : undefined;
    return {
        id: record.id,
        name: text(fields.Name) ?? nameOf(contact) ?? record.id,
        contactId: text(fields.Contact__c),
        contactName: nameOf(contact),
        title: text(contact?.fields.Title),
        buyingRole: text(fields.BuyingRole__c),
        sentiment: text(fields.Sentiment__c),
        influence: text(fields.Influence__c),
        relationshipStrength: text(fields.RelationshipStrength__c),
        decisionAuthority: text(fields.DecisionAuthority__c),
        businessFunction: text(fields.Function__c),
        level: text(fields.Level__c),
        internalOwnerId: text(fields.InternalOwner__c),
        internalOwnerName: nameOf(owner),
        reportsToId: text(fields.ReportsTo__c),
        influencesId: text(fields.Influences__c),
        leftCompany: fields.LeftCompany__c === true || contact?.fields.LeftCompany__c === true,
        relevantToBuyingGroup: fields.RelevantToBuyingGroup__c !== false,
        lastEngagedDate: text(fields.LastEngagedDate__c),
        engagementCount90Days:
            typeof fields.EngagementCount90Days__c === 'number'
                ? fields.EngagementCount90Days__c
                : null,
        notes: text(fields.Notes__c),
    };
}

function activePlan(accountId: string): StoredRecord | undefined {
    return previewStore.list(
        'AccountPlan__c',
        (fields) => fields.Account__c === accountId && fields.Status__c === 'Active',
    )[0];
}

function checkReportsTo(stakeholderId: string, managerId: string): void {
    if (stakeholderId === managerId) {
        throw uiError('fieldErrors', 'A person cannot report to themselves.', {
            ReportsTo__c: ['A person cannot report to themselves.'],
        });
    }
    const person = previewStore.get(stakeholderId);
    const manager = previewStore.get(managerId);
    if (!person || !manager) {
        const message = 'That stakeholder no longer exists or you cannot see it. Refresh the map.';
        throw uiError('fieldErrors', message, { ReportsTo__c: [message] });
    }
    if (person.fields.Account__c !== manager.fields.Account__c) {
        const message = 'Choose a manager from the same account.';
        throw uiError('fieldErrors', message, { ReportsTo__c: [message] });
    }
    let current: string | null = managerId;
    const seen = new Set<string>();
    while (current && !seen.has(current)) {
        if (current === stakeholderId) {
            const message = `${nameOf(manager)} already reports to ${nameOf(person)}; choose someone else.`;
            throw uiError('fieldErrors', message, { ReportsTo__c: [message] });
        }
        seen.add(current);
        current = text(previewStore.get(current)?.fields.ReportsTo__c);
    }
}

export const getRelationshipMap = apexMethod(
    'RelationshipMapController.getRelationshipMap',
    ({ accountId }: { accountId?: string }) => {
        if (!accountId) throw uiError('error', 'Open the relationship map from an account.');
        if (!previewStore.get(accountId)) throw uiError('error', NO_ACCESS);
        const stakeholders = previewStore
            .list('Stakeholder__c', (fields) => fields.Account__c === accountId)
            .map(stakeholderView)
            .sort((a, b) => String(a.name).localeCompare(String(b.name)));
        const plan = activePlan(accountId);
        const contacts = previewStore
            .list('Contact', (fields) => fields.AccountId === accountId)
            .map((record) => ({
                label: nameOf(record) ?? record.id,
                value: record.id,
                detail: text(record.fields.Title),
            }))
            .sort((a, b) => a.label.localeCompare(b.label));
        const owners: Option[] = previewStore
            .list('User')
            .map((record) => ({ label: nameOf(record) ?? record.id, value: record.id }))
            .sort((a, b) => a.label.localeCompare(b.label));
        const picklists: Record<string, Option[]> = {};
        for (const [key, values] of Object.entries(PICKLIST_VALUES)) {
            picklists[key] = values.map((value) => ({ label: value, value }));
        }
        return {
            accountId,
            today: previewData.asOf,
            stakeholders,
            truncated: false,
            plan: plan
                ? {
                      id: plan.id,
                      name: text(plan.fields.Name),
                      coverageDepth: plan.fields.CoverageDepth__c ?? null,
                      buyingGroupSize: plan.fields.BuyingGroupSize__c ?? null,
                      buyingGroupSeats: plan.fields.BuyingGroupSeats__c ?? null,
                      emptySeats: plan.fields.EmptySeats__c ?? null,
                      tier: text(plan.fields.Tier__c),
                      segment: text(plan.fields.Segment__c),
                      lastRecomputedAt: plan.fields.LastRecomputedAt__c ?? null,
                  }
                : null,
            settings: previewData.config.coverage,
            contactOptions: contacts,
            ownerOptions: owners,
            picklists,
            canCreate: true,
            canEdit: true,
            canDelete: true,
            canCreateContact: true,
        };
    },
);

export const saveStakeholder = apexMethod(
    'RelationshipMapController.saveStakeholder',
    ({
        stakeholder,
        newContact,
    }: {
        stakeholder?: FieldValues;
        newContact?: FieldValues | null;
    }) => {
        if (!stakeholder) throw uiError('error', 'There is nothing to save.');
        const id = text(stakeholder.Id);
        const fields: FieldValues = { ...stakeholder };
        delete fields.Id;
        try {
            if (!id) {
                if (!text(fields.Account__c))
                    throw uiError('error', 'A stakeholder belongs to an account.');
                if (!text(fields.Contact__c) && !newContact) {
                    const message = 'Choose the contact this stakeholder is, or create one.';
                    throw uiError('fieldErrors', message, { Contact__c: [message] });
                }
                if (newContact && !text(fields.Contact__c)) {
                    if (!text(newContact.LastName)) {
                        throw uiError('fieldErrors', 'Check the highlighted fields.', {
                            LastName: ['Required fields are missing: [LastName]'],
                        });
                    }
                    const contact = previewStore.create('Contact', {
                        ...newContact,
                        AccountId: fields.Account__c,
                    });
                    fields.Contact__c = contact.id;
                }
                if (!text(fields.Name)) {
                    fields.Name = (
                        nameOf(previewStore.get(String(fields.Contact__c))) ?? 'Stakeholder'
                    ).slice(0, 80);
                }
                fields.InternalOwner__c ??= CURRENT_USER_ID;
                return previewStore.create('Stakeholder__c', fields).id;
            }
            if (text(fields.ReportsTo__c)) checkReportsTo(id, String(fields.ReportsTo__c));
            // The account and the figures the recompute keeps never change from the map.
            delete fields.Account__c;
            delete fields.LastEngagedDate__c;
            delete fields.EngagementCount90Days__c;
            delete fields.StakeholderKey__c;
            return previewStore.update(id, fields).id;
        } catch (error) {
            throw fromRecordError(error);
        }
    },
);

export const removeStakeholder = apexMethod(
    'RelationshipMapController.removeStakeholder',
    ({ stakeholderId }: { stakeholderId?: string }) => {
        if (!stakeholderId) throw uiError('error', 'Choose the stakeholder to remove.');
        try {
            previewStore.delete(stakeholderId);
        } catch (error) {
            throw fromRecordError(error);
        }
        // The lookups to the removed person are cleared, as their SetNull delete constraint does.
        for (const record of previewStore.list(
            'Stakeholder__c',
            (fields) =>
                fields.ReportsTo__c === stakeholderId || fields.Influences__c === stakeholderId,
        )) {
            previewStore.update(record.id, {
                ReportsTo__c:
                    record.fields.ReportsTo__c === stakeholderId
                        ? null
                        : record.fields.ReportsTo__c,
                Influences__c:
                    record.fields.Influences__c === stakeholderId
                        ? null
                        : record.fields.Influences__c,
            });
        }
        return null;
    },
);

export const setReportsTo = apexMethod(
    'RelationshipMapController.setReportsTo',
    ({
        stakeholderId,
        managerStakeholderId,
    }: {
        stakeholderId?: string;
        managerStakeholderId?: string | null;
    }) => {
        if (!stakeholderId) throw uiError('error', 'Choose the stakeholder to move.');
        if (managerStakeholderId) checkReportsTo(stakeholderId, managerStakeholderId);
        try {
            previewStore.update(stakeholderId, { ReportsTo__c: managerStakeholderId ?? null });
        } catch (error) {
            throw fromRecordError(error);
        }
        return null;
    },
);
