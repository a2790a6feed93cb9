// Share objects: the rows behind record-level sharing. A custom object whose org-wide default
// is Private or Public Read Only has `<Object>__Share` (ParentId, UserOrGroupId, AccessLevel,
// RowCause with its Apex sharing reasons); detail objects of a master-detail and Public
// Read/Write objects have none (Apex Developer Guide: "Sharing a Record Using Apex"). Account
// and Opportunity always have AccountShare and OpportunityShare (Object Reference), with
// their own access-level fields.
import { makeField, picklist } from './fields.ts';
import type { FieldDescribe, ObjectDescribe, SharingModel } from './types.ts';

/** Row causes of a custom object's shares besides its Apex sharing reasons (Help: "Sharing Reasons Field Values"). */
export const CUSTOM_ROW_CAUSES = ['Owner', 'Manual', 'Rule'];
const ACCOUNT_ROW_CAUSES = [
    'Owner',
    'Manual',
    'Rule',
    'ImplicitChild',
    'ImplicitParent',
    'Team',
    'Territory',
    'TerritoryManual',
    'TerritoryRule',
];
const OPPORTUNITY_ROW_CAUSES = [
    'Owner',
    'Manual',
    'Rule',
    'ImplicitChild',
    'ImplicitParent',
    'Team',
    'Territory',
    'TerritoryManual',
    'TerritoryRule',
];

/** Key prefixes of share rows (every custom object's share rows start with 02c). */
export const SHARE_KEY_PREFIXES = {
    custom: '02c',
    AccountShare: '00r',
    OpportunityShare: '00t',
} as const;

/** Org-wide defaults that keep share rows: the ones that do not already give everyone edit access. */
export function keepsShareRows(model: SharingModel): boolean {
    return model === 'Private' || model === 'Read';
}

function auditFields(): FieldDescribe[] {
    const audit = { calculated: true, audit: true, defaultedOnCreate: true };
    return [
        makeField('Id', 'ID', { createable: false, updateable: false, label: 'Share ID' }),
        makeField('IsDeleted', 'BOOLEAN', { calculated: true, audit: true, label: 'Deleted' }),
        makeField('LastModifiedDate', 'DATETIME', audit),
        makeField('LastModifiedById', 'REFERENCE', {
            ...audit,
            referenceTo: ['User'],
            relationshipName: 'LastModifiedBy',
            label: 'Last Modified By ID',
        }),
    ];
}

function userOrGroup(): FieldDescribe {
    return makeField('UserOrGroupId', 'REFERENCE', {
        referenceTo: ['User', 'Group'],
        relationshipName: 'UserOrGroup',
        required: true,
        updateable: false,
        label: 'User/Group ID',
    });
}

function level(name: string, values: string[], options: { required: boolean }): FieldDescribe {
    return makeField(name, 'PICKLIST', {
        picklistValues: picklist(values),
        restrictedPicklist: true,
        required: options.required,
        permissionable: false,
    });
}

function rowCause(values: string[]): FieldDescribe {
    return makeField('RowCause', 'PICKLIST', {
        picklistValues: picklist(values, 'Manual'),
        restrictedPicklist: true,
        defaultedOnCreate: true,
        updateable: false,
        permissionable: false,
        label: 'Sharing Reason',
    });
}

function shareObject(
    name: string,
    label: string,
    keyPrefix: string,
    custom: boolean,
    fields: FieldDescribe[],
    shareOf: ObjectDescribe['shareOf'],
): ObjectDescribe {
    return {
        name,
        label,
        labelPlural: `${label}s`,
        keyPrefix,
        custom,
        isCustomMetadata: false,
        isCustomSetting: false,
        isSetupObject: false,
        visibleInTests: false,
        virtual: false,
        queryable: true,
        createable: true,
        updateable: true,
        deletable: true,
        undeletable: false,
        hasRecycleBin: false,
        sharingModel: 'None',
        fields: new Map(fields.map((f) => [f.name.toLowerCase(), f])),
        relationships: new Map(),
        childRelationships: [],
        validationRules: [],
        nameField: null,
        activitiesEnabled: false,
        sharingReasons: [],
        shareObject: null,
        shareOf,
    };
}

/** `<Object>__Share` of a custom object (its sharing reasons become RowCause values). */
export function customShareObject(parent: ObjectDescribe): ObjectDescribe {
    const name = parent.name.replace(/__c$/i, '__Share');
    return shareObject(
        name,
        `${parent.label} Share`,
        SHARE_KEY_PREFIXES.custom,
        true,
        [
            ...auditFields(),
            makeField('ParentId', 'REFERENCE', {
                referenceTo: [parent.name],
                relationshipName: 'Parent',
                childRelationshipName: 'Shares',
                required: true,
                updateable: false,
                cascadeDelete: true,
                label: 'Parent ID',
            }),
            userOrGroup(),
            level('AccessLevel', ['Read', 'Edit', 'All'], { required: true }),
            rowCause([...CUSTOM_ROW_CAUSES, ...parent.sharingReasons]),
        ],
        {
            parent: parent.name,
            parentField: 'ParentId',
            accessField: 'AccessLevel',
            childAccessFields: {},
        },
    );
}

/** AccountShare: the account's access plus the access it gives to its opportunities, cases and contacts. */
export function accountShareObject(): ObjectDescribe {
    return shareObject(
        'AccountShare',
        'Account Share',
        SHARE_KEY_PREFIXES.AccountShare,
        false,
        [
            ...auditFields(),
            makeField('AccountId', 'REFERENCE', {
                referenceTo: ['Account'],
                relationshipName: 'Account',
                childRelationshipName: 'Shares',
                required: true,
                updateable: false,
                cascadeDelete: true,
                label: 'Account ID',
            }),
            userOrGroup(),
            level('AccountAccessLevel', ['Read', 'Edit', 'All'], { required: true }),
            level('OpportunityAccessLevel', ['None', 'Read', 'Edit', 'All'], { required: true }),
            level('CaseAccessLevel', ['None', 'Read', 'Edit', 'All'], { required: false }),
            level('ContactAccessLevel', ['None', 'Read', 'Edit', 'All'], { required: false }),
            rowCause(ACCOUNT_ROW_CAUSES),
        ],
        {
            parent: 'Account',
            parentField: 'AccountId',
            accessField: 'AccountAccessLevel',
            childAccessFields: {
                Opportunity: 'OpportunityAccessLevel',
                Case: 'CaseAccessLevel',
                Contact: 'ContactAccessLevel',
            },
        },
    );
}

export function opportunityShareObject(): ObjectDescribe {
    return shareObject(
        'OpportunityShare',
        'Opportunity Share',
        SHARE_KEY_PREFIXES.OpportunityShare,
        false,
        [
            ...auditFields(),
            makeField('OpportunityId', 'REFERENCE', {
                referenceTo: ['Opportunity'],
                relationshipName: 'Opportunity',
                childRelationshipName: 'Shares',
                required: true,
                updateable: false,
                cascadeDelete: true,
                label: 'Opportunity ID',
            }),
            userOrGroup(),
            level('OpportunityAccessLevel', ['Read', 'Edit', 'All'], { required: true }),
            rowCause(OPPORTUNITY_ROW_CAUSES),
        ],
        {
            parent: 'Opportunity',
            parentField: 'OpportunityId',
            accessField: 'OpportunityAccessLevel',
            childAccessFields: {},
        },
    );
}

/** Adds the share objects of an org's objects (before relationships are linked). */
export function addShareObjects(objects: Map<string, ObjectDescribe>): void {
    const shares: ObjectDescribe[] = [];
    for (const object of objects.values()) {
        if (object.virtual || object.isCustomMetadata || object.isCustomSetting) continue;
        if (object.custom && keepsShareRows(object.sharingModel))
            shares.push(customShareObject(object));
    }
    if (objects.has('account')) shares.push(accountShareObject());
    if (objects.has('opportunity')) shares.push(opportunityShareObject());
    for (const share of shares) {
        const parent = objects.get((share.shareOf?.parent ?? '').toLowerCase());
        if (parent) parent.shareObject = share.name;
        objects.set(share.name.toLowerCase(), share);
    }
}
