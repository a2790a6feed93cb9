/**
 * Gate B: offline cross-check of references between source files and metadata.
 *
 * CHECKS
 *  - LWC (`lwc/**\/*.ts`, and `.js` without a `.ts` twin; tests excluded):
 *    `@salesforce/schema/Object[.Field|.Rel__r.Field]` resolves: custom objects/fields from
 *    `objects/<Object>/` (`fields/<Field>.field-meta.xml`), standard ones from the explicit list
 *    STANDARD_OBJECTS below (extend it when we start using another standard field); relationship
 *    paths follow the lookup's `referenceTo`. `@salesforce/apex/Class.method` names a class file
 *    with that method declared `@AuraEnabled` and `static`.
 *  - Apex (`.cls`, `.trigger`), parsed with @apexdevtools/apex-parser:
 *    - SOQL (inline, including subqueries and semi-joins): FROM object exists (custom ones);
 *      every field path in SELECT / WHERE / ORDER BY / GROUP BY / functions resolves on the FROM
 *      object (aliases stripped; `X__r` through the lookup `X__c`; parent-to-child subqueries
 *      through the child lookup's `relationshipName`). Custom names are always checked; standard
 *      names are checked on custom objects (fixed set of system fields) and left alone on
 *      standard objects (our list is not the full platform schema). SOSL RETURNING field lists
 *      are checked the same way.
 *    - code: `new X__c(Field__c = ...)`, `X__c.Field__c` / `Schema.X__c.Field__c` tokens,
 *      `Schema.SObjectType.X__c.fields.Field__c`, and `v.Field__c` / `v.Rel__r.Field__c` where `v`
 *      is a variable, parameter, loop variable or member declared with an SObject type (or
 *      `Trigger.new[i]` in a trigger) are checked on that object; any other `__c`/`__r`/`__mdt`
 *      name must exist on SOME object (or be an object).
 *  - Metadata that names other metadata: permission sets (field permissions name existing
 *    fields, and never a required or master-detail field, which the platform rejects; objects,
 *    classes, custom metadata types, custom permissions, tabs), layouts, compact layouts, field
 *    sets, list views (custom fields), validation rules' errorDisplayField, an object's
 *    compactLayoutAssignment, custom-object tabs, app tabs, FlexiPages (sobjectType, `Record.X`
 *    field items, custom LWC components exist, are exposed and list the page's target,
 *    `relatedListApiName` child relationships), and custom metadata records (type and fields).
 *  - Analytics (reportTypes/, reports/, dashboards/): a report type's base object exists, each
 *    join follows a real child relationship, and every section column names a table of the type
 *    (the base object or a joined path such as `Account.KeyAccountPlans__r`) and a field that
 *    exists there (lookup paths such as `Account__c.Name` are followed). A report's folder has
 *    its folder file; a custom report type (`Name__c`) exists; every `Table$Field` the report
 *    names (columns, groupings, filters, sort, time frame, chart, buckets, summary formulas)
 *    is a column its report type exposes; a grouped field is not also a column; the chart groups
 *    by one of the groupings; the sort column is a column. A dashboard's folder has its folder
 *    file; each component's report exists; its summary column is `RowCount`, a formula of the
 *    report or one of the report's columns (with that summary when one is named), and its
 *    grouping column is one of the report's groupings.
 *  - Structure: every `.cls`/`.trigger` has its `-meta.xml`; every `objects/<X>/fields` folder
 *    belongs to an object with `<X>.object-meta.xml` or to a standard object; every LWC bundle
 *    has `<name>.js-meta.xml` and `<name>.ts` or `<name>.js`; every static resource has its
 *    `.resource-meta.xml`; every `-meta.xml` is well-formed.
 *
 * CANNOT CHECK: field names inside strings (dynamic SOQL, `get('X__c')`, `fields` arrays of
 * strings in LWC), types of expressions beyond declared variables (method return values, map
 * values, generic SObject), standard fields on standard objects in Apex, polymorphic
 * relationships (What/Who/Owner on activities), TYPEOF branches, namespaces (namespace-free for
 * now), field-level type compatibility, formulas and filters inside metadata, report and
 * dashboard columns, flows, and anything in managed packages.
 *
 * Speed: about 1 s of CPU for the LWC and metadata part; the Apex parser (ANTLR) needs ~4 s of
 * CPU to warm up on ~100 classes in a fresh process (the same files parse in <1 s once warm).
 *
 * CLI: npx tsx scripts/gates/metadataXref.ts [root=force-app]
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
    AnnotationContext,
    ApexErrorListener,
    ApexParserFactory,
    ArrayExpressionContext,
    AssignExpressionContext,
    ClassBodyDeclarationContext,
    ClassDeclarationContext,
    ConstructorDeclarationContext,
    CreatorContext,
    DotExpressionContext,
    EnhancedForControlContext,
    FieldDeclarationContext,
    FieldNameContext,
    FieldSpecContext,
    FormalParameterContext,
    IdPrimaryContext,
    LocalVariableDeclarationContext,
    MethodDeclarationContext,
    PrimaryExpressionContext,
    PropertyDeclarationContext,
    QueryContext,
    SubQueryContext,
    TypeOfContext,
    ValueContext,
    BoundExpressionContext,
    SoslLiteralContext,
    SoqlPrimaryContext,
    SoslIdContext,
    TriggerUnitContext,
} from '@apexdevtools/apex-parser';
import type {
    ApexParseTree,
    ApexParserRuleContext,
    TypeRefContext,
} from '@apexdevtools/apex-parser';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
    LineIndex,
    formatProblem,
    sortProblems,
    sourceDirs,
    walkFiles,
} from './metadataProblems.ts';
import type { Problem } from './metadataProblems.ts';

export type { Problem } from './metadataProblems.ts';
export { sourceDirs } from './metadataProblems.ts';

// ---------------------------------------------------------------------------------------------
// Standard schema we rely on (explicit on purpose: add fields here as the product uses them)

interface StdObject {
    fields: readonly string[];
    /** Relationship name -> target object ('*' = polymorphic, not followed). */
    parents: Readonly<Record<string, string>>;
    /** Child relationship name -> child object. */
    children?: Readonly<Record<string, string>>;
}

const AUDIT = [
    'Id',
    'IsDeleted',
    'CreatedDate',
    'CreatedById',
    'LastModifiedDate',
    'LastModifiedById',
    'SystemModstamp',
] as const;
const AUDIT_PARENTS = { CreatedBy: 'User', LastModifiedBy: 'User' } as const;

export const STANDARD_OBJECTS: Readonly<Record<string, StdObject>> = {
    Account: {
        fields: [
            ...AUDIT,
            'Name',
            'OwnerId',
            'ParentId',
            'Type',
            'Industry',
            'AnnualRevenue',
            'NumberOfEmployees',
            'Phone',
            'Website',
            'Description',
            'AccountNumber',
            'Rating',
            'Ownership',
            'AccountSource',
            'Site',
            'BillingStreet',
            'BillingCity',
            'BillingState',
            'BillingPostalCode',
            'BillingCountry',
            'BillingAddress',
            'ShippingStreet',
            'ShippingCity',
            'ShippingState',
            'ShippingPostalCode',
            'ShippingCountry',
            'ShippingAddress',
            'LastActivityDate',
            'LastViewedDate',
            'LastReferencedDate',
        ],
        parents: { ...AUDIT_PARENTS, Owner: 'User', Parent: 'Account' },
        children: {
            Contacts: 'Contact',
            Opportunities: 'Opportunity',
            Tasks: 'Task',
            Events: 'Event',
            ChildAccounts: 'Account',
        },
    },
    Contact: {
        fields: [
            ...AUDIT,
            'Name',
            'FirstName',
            'LastName',
            'Salutation',
            'AccountId',
            'OwnerId',
            'Title',
            'Department',
            'Email',
            'Phone',
            'MobilePhone',
            'ReportsToId',
            'LeadSource',
            'Description',
            'MailingStreet',
            'MailingCity',
            'MailingState',
            'MailingPostalCode',
            'MailingCountry',
            'MailingAddress',
            'Birthdate',
            'HasOptedOutOfEmail',
            'DoNotCall',
            'LastActivityDate',
            'LastViewedDate',
            'LastReferencedDate',
        ],
        parents: { ...AUDIT_PARENTS, Owner: 'User', Account: 'Account', ReportsTo: 'Contact' },
        children: { Tasks: 'Task', Events: 'Event' },
    },
    Opportunity: {
        fields: [
            ...AUDIT,
            'Name',
            'AccountId',
            'OwnerId',
            'StageName',
            'Amount',
            'Probability',
            'CloseDate',
            'Type',
            'LeadSource',
            'IsClosed',
            'IsWon',
            'ForecastCategory',
            'ForecastCategoryName',
            'NextStep',
            'Description',
            'ExpectedRevenue',
            'TotalOpportunityQuantity',
            'Pricebook2Id',
            'FiscalYear',
            'FiscalQuarter',
            'HasOpportunityLineItem',
            'LastActivityDate',
            'LastViewedDate',
            'LastReferencedDate',
        ],
        parents: { ...AUDIT_PARENTS, Owner: 'User', Account: 'Account', Pricebook2: 'Pricebook2' },
        children: { OpportunityLineItems: 'OpportunityLineItem', Tasks: 'Task', Events: 'Event' },
    },
    OpportunityLineItem: {
        fields: [
            ...AUDIT,
            'Name',
            'OpportunityId',
            'Product2Id',
            'PricebookEntryId',
            'ProductCode',
            'Quantity',
            'UnitPrice',
            'ListPrice',
            'TotalPrice',
            'Subtotal',
            'Discount',
            'ServiceDate',
            'Description',
            'SortOrder',
        ],
        parents: {
            ...AUDIT_PARENTS,
            Opportunity: 'Opportunity',
            Product2: 'Product2',
            PricebookEntry: 'PricebookEntry',
        },
    },
    Task: {
        fields: [
            ...AUDIT,
            'Subject',
            'Status',
            'Priority',
            'ActivityDate',
            'WhoId',
            'WhatId',
            'OwnerId',
            'AccountId',
            'Description',
            'IsClosed',
            'IsHighPriority',
            'TaskSubtype',
            'Type',
            'CallType',
            'CallDurationInSeconds',
            'CompletedDateTime',
            'ReminderDateTime',
            'IsReminderSet',
        ],
        parents: { ...AUDIT_PARENTS, Who: '*', What: '*', Owner: '*', Account: 'Account' },
    },
    Event: {
        fields: [
            ...AUDIT,
            'Subject',
            'StartDateTime',
            'EndDateTime',
            'ActivityDate',
            'ActivityDateTime',
            'DurationInMinutes',
            'IsAllDayEvent',
            'Location',
            'WhoId',
            'WhatId',
            'OwnerId',
            'AccountId',
            'Description',
            'Type',
            'ShowAs',
            'EventSubtype',
        ],
        parents: { ...AUDIT_PARENTS, Who: '*', What: '*', Owner: '*', Account: 'Account' },
    },
    User: {
        fields: [
            ...AUDIT,
            'Username',
            'Name',
            'FirstName',
            'LastName',
            'Email',
            'Alias',
            'Title',
            'Department',
            'IsActive',
            'ProfileId',
            'UserRoleId',
            'ManagerId',
            'SmallPhotoUrl',
            'FullPhotoUrl',
            'TimeZoneSidKey',
            'LocaleSidKey',
            'LanguageLocaleKey',
            'CompanyName',
            'Phone',
            'MobilePhone',
            'UserType',
            'ContactId',
            'AccountId',
        ],
        parents: {
            ...AUDIT_PARENTS,
            Manager: 'User',
            Profile: 'Profile',
            UserRole: 'UserRole',
            Contact: 'Contact',
            Account: 'Account',
        },
    },
    Product2: {
        fields: [
            ...AUDIT,
            'Name',
            'ProductCode',
            'Description',
            'Family',
            'IsActive',
            'QuantityUnitOfMeasure',
            'StockKeepingUnit',
            'DisplayUrl',
            'ExternalId',
        ],
        parents: { ...AUDIT_PARENTS },
    },
    Pricebook2: {
        fields: [...AUDIT, 'Name', 'IsActive', 'IsStandard', 'Description'],
        parents: { ...AUDIT_PARENTS },
    },
    PricebookEntry: {
        fields: [
            ...AUDIT,
            'Name',
            'Pricebook2Id',
            'Product2Id',
            'UnitPrice',
            'IsActive',
            'ProductCode',
        ],
        parents: { ...AUDIT_PARENTS, Pricebook2: 'Pricebook2', Product2: 'Product2' },
    },
    RecordType: {
        fields: [...AUDIT, 'Name', 'DeveloperName', 'SobjectType', 'IsActive', 'Description'],
        parents: { ...AUDIT_PARENTS },
    },
    Profile: { fields: [...AUDIT, 'Name'], parents: { ...AUDIT_PARENTS } },
    UserRole: {
        fields: [...AUDIT, 'Name', 'DeveloperName', 'ParentRoleId'],
        parents: { ...AUDIT_PARENTS },
    },
};

/** Standard objects that may hold custom fields in source but are not in STANDARD_OBJECTS. */
const OTHER_STANDARD_OBJECTS = new Set(
    [
        'Case',
        'Lead',
        'Campaign',
        'CampaignMember',
        'Contract',
        'Order',
        'OrderItem',
        'Quote',
        'QuoteLineItem',
        'Asset',
        'Solution',
        'Idea',
        'Entitlement',
        'WorkOrder',
        'ServiceAppointment',
        'ContentVersion',
        'ContentDocument',
        'Organization',
        'Group',
        'Individual',
        'Location',
        'Partner',
        'AccountContactRelation',
        'OpportunityContactRole',
        'Activity',
        'FeedItem',
        'Attachment',
        'Note',
        'Document',
        'Site',
        'Network',
        'Topic',
    ].map((s) => s.toLowerCase()),
);

/** System fields every custom object (`__c`) has. */
const CUSTOM_OBJECT_FIELDS = [
    ...AUDIT,
    'Name',
    'OwnerId',
    'RecordTypeId',
    'CurrencyIsoCode',
    'LastActivityDate',
    'LastViewedDate',
    'LastReferencedDate',
    'UserRecordAccessId',
];
const CUSTOM_OBJECT_PARENTS: Readonly<Record<string, string>> = {
    ...AUDIT_PARENTS,
    Owner: 'User',
    RecordType: 'RecordType',
};
/** System fields of custom metadata types (`__mdt`). */
const CUSTOM_METADATA_FIELDS = [
    'Id',
    'DeveloperName',
    'MasterLabel',
    'Label',
    'Language',
    'NamespacePrefix',
    'QualifiedApiName',
    'SystemModstamp',
    'IsProtected',
    'CreatedDate',
    'CreatedById',
    'LastModifiedDate',
    'LastModifiedById',
];
/** Platform events (`__e`). */
const PLATFORM_EVENT_FIELDS = ['ReplayId', 'CreatedDate', 'CreatedById', 'EventUuid'];

// ---------------------------------------------------------------------------------------------
// Project model

interface FieldInfo {
    name: string;
    type: string;
    referenceTo: string[];
    /** Child relationship name (lookups / master-detail). */
    relationshipName?: string;
    /** `<required>true</required>` or master-detail: no field permissions allowed. */
    required: boolean;
}

interface ObjectInfo {
    name: string;
    custom: boolean;
    hasObjectFile: boolean;
    /** Custom settings have SetupOwnerId / SetupOwner. */
    customSetting: boolean;
    fields: Map<string, FieldInfo>;
    /** Apex sharing reasons (`sharingReasons/<Name>.sharingReason-meta.xml`), as `Name__c`. */
    sharingReasons: Set<string>;
}

export interface ProjectModel {
    objects: Map<string, ObjectInfo>;
    /** lower-case field name -> objects that have it. */
    fieldOwners: Map<string, string[]>;
    /** lower-case class name -> file. */
    classes: Map<string, string>;
}

const CUSTOM_SUFFIX = /__(c|r|s|mdt|e|b|x|share|history|feed|changeevent)$/i;

function isCustomObjectName(name: string): boolean {
    return /__(c|mdt|e|b|x)$/i.test(name);
}

function lc(s: string): string {
    return s.toLowerCase();
}

const xml = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    isArray: (n) => n === 'referenceTo',
});

function objectFolderOf(file: string): { object: string; dir: string } | undefined {
    const parts = file.split(sep);
    const i = parts.lastIndexOf('objects');
    if (i < 0 || i + 1 >= parts.length) return undefined;
    const object = parts[i + 1] ?? '';
    return { object, dir: parts.slice(0, i + 2).join(sep) };
}

export function buildProjectModel(files: string[]): ProjectModel {
    const objects = new Map<string, ObjectInfo>();
    const getObject = (name: string): ObjectInfo => {
        let o = objects.get(lc(name));
        if (!o) {
            o = {
                name,
                custom: isCustomObjectName(name),
                hasObjectFile: false,
                customSetting: false,
                fields: new Map(),
                sharingReasons: new Set(),
            };
            objects.set(lc(name), o);
        }
        return o;
    };
    const classes = new Map<string, string>();
    for (const f of files) {
        const b = basename(f);
        if (b.endsWith('.object-meta.xml')) {
            const folder = objectFolderOf(f);
            if (folder && b === `${folder.object}.object-meta.xml`) {
                const o = getObject(folder.object);
                o.hasObjectFile = true;
                if (/<customSettingsType>/.test(readFileSync(f, 'utf8'))) o.customSetting = true;
            }
        } else if (b.endsWith('.sharingReason-meta.xml')) {
            const folder = objectFolderOf(f);
            const reason = lc(b.slice(0, -'.sharingReason-meta.xml'.length));
            if (folder)
                getObject(folder.object).sharingReasons.add(
                    reason.endsWith('__c') ? reason : `${reason}__c`,
                );
        } else if (b.endsWith('.field-meta.xml') && basename(dirname(f)) === 'fields') {
            const folder = objectFolderOf(f);
            if (!folder) continue;
            const name = b.slice(0, -'.field-meta.xml'.length);
            let info: FieldInfo = {
                name,
                type: '',
                referenceTo: [],
                required: false,
            };
            try {
                const doc = xml.parse(readFileSync(f, 'utf8')) as {
                    CustomField?: {
                        type?: string;
                        referenceTo?: string[];
                        relationshipName?: string;
                        required?: string;
                    };
                };
                const cf = doc.CustomField ?? {};
                info = {
                    name,
                    type: String(cf.type ?? ''),
                    referenceTo: (cf.referenceTo ?? []).map(String),
                    ...(cf.relationshipName
                        ? { relationshipName: String(cf.relationshipName) }
                        : {}),
                    required: String(cf.required) === 'true' || cf.type === 'MasterDetail',
                };
            } catch {
                // malformed: reported by the well-formedness check
            }
            getObject(folder.object).fields.set(lc(name), info);
        } else if (b.endsWith('.cls')) {
            classes.set(lc(b.slice(0, -4)), f);
        }
    }
    const fieldOwners = new Map<string, string[]>();
    for (const o of objects.values())
        for (const k of o.fields.keys())
            fieldOwners.set(k, [...(fieldOwners.get(k) ?? []), o.name]);
    return { objects, fieldOwners, classes };
}

// ---------------------------------------------------------------------------------------------
// Path resolution

type Resolution =
    | { ok: true; target?: string } // target: object the path ends on (for relationships)
    | { ok: false; message: string };

interface ResolveOptions {
    /** LWC: standard objects/fields must be in STANDARD_OBJECTS. */
    strictStandard: boolean;
}

class Resolver {
    constructor(private readonly model: ProjectModel) {}

    objectKnown(name: string): 'custom' | 'standard' | 'other-standard' | undefined {
        const o = this.model.objects.get(lc(name));
        if (isCustomObjectName(name)) return o?.hasObjectFile ? 'custom' : undefined;
        if (this.std(name)) return 'standard';
        if (OTHER_STANDARD_OBJECTS.has(lc(name)) || o) return 'other-standard';
        return undefined;
    }

    hasObjectFile(name: string): boolean {
        return this.model.objects.get(lc(name))?.hasObjectFile ?? false;
    }

    canonicalObject(name: string): string {
        const o = this.model.objects.get(lc(name));
        if (o) return o.name;
        const std = Object.keys(STANDARD_OBJECTS).find((k) => lc(k) === lc(name));
        return std ?? name;
    }

    std(name: string): StdObject | undefined {
        for (const [k, v] of Object.entries(STANDARD_OBJECTS)) if (lc(k) === lc(name)) return v;
        return undefined;
    }

    field(object: string, field: string): FieldInfo | undefined {
        return this.model.objects.get(lc(object))?.fields.get(lc(field));
    }

    /** Object a parent relationship segment leads to, '*' if polymorphic, undefined if unknown. */
    private parentTarget(object: string, seg: string): Resolution & { target?: string } {
        if (/__r$/i.test(seg)) {
            const f = this.field(object, seg.replace(/__r$/i, '__c'));
            if (
                !f ||
                !/^(Lookup|MasterDetail|MetadataRelationship|Hierarchy|ExternalLookup|IndirectLookup)$/.test(
                    f.type,
                )
            ) {
                return {
                    ok: false,
                    message: f
                        ? `${object}.${seg}: ${f.name} is a ${f.type || 'non-lookup'} field, not a relationship`
                        : `${object}.${seg}: no lookup field ${seg.replace(/__r$/i, '__c')} on ${object}`,
                };
            }
            if (f.type === 'Hierarchy') return { ok: true, target: object };
            if (f.referenceTo.length !== 1) return { ok: true, target: '*' };
            return { ok: true, target: f.referenceTo[0] ?? '*' };
        }
        const kind = this.objectKnown(object);
        const parents: Record<string, string> | undefined =
            kind === 'custom'
                ? /__c$/i.test(object)
                    ? {
                          ...CUSTOM_OBJECT_PARENTS,
                          ...(this.model.objects.get(lc(object))?.customSetting
                              ? { SetupOwner: '*' }
                              : {}),
                      }
                    : {}
                : kind === 'standard'
                  ? { ...this.std(object)?.parents }
                  : undefined;
        if (!parents) return { ok: true };
        for (const [k, v] of Object.entries(parents))
            if (lc(k) === lc(seg)) return { ok: true, target: v };
        if (kind === 'custom')
            return {
                ok: false,
                message: `${object}.${seg}: no relationship ${seg} on ${object} (custom ones end in __r)`,
            };
        return { ok: true }; // a standard relationship we do not list: not followed
    }

    private checkLeaf(object: string, seg: string, opts: ResolveOptions): Resolution {
        const kind = this.objectKnown(object);
        const geo = /^(.+)__(latitude|longitude)__s$/i.exec(seg);
        if (geo) return this.checkLeaf(object, `${geo[1] ?? ''}__c`, opts);
        if (/__c$/i.test(seg)) {
            if (kind === undefined && !this.model.objects.has(lc(object))) return { ok: true };
            return this.field(object, seg)
                ? { ok: true }
                : { ok: false, message: `${object}.${seg}: no field ${seg} on ${object}` };
        }
        if (/__r$/i.test(seg)) {
            const parent = this.parentTarget(object, seg);
            if (parent.ok) return parent;
            const child = this.childObject(object, seg);
            return child.ok ? { ok: true } : parent;
        }
        if (kind === 'custom') {
            if (this.model.objects.get(lc(object))?.customSetting && /^setupowner(id)?$/i.test(seg))
                return { ok: true };
            const system = /__mdt$/i.test(object)
                ? CUSTOM_METADATA_FIELDS
                : /__e$/i.test(object)
                  ? PLATFORM_EVENT_FIELDS
                  : CUSTOM_OBJECT_FIELDS;
            if (system.some((s) => lc(s) === lc(seg))) return { ok: true };
            if (
                /__c$/i.test(object) &&
                Object.keys(CUSTOM_OBJECT_PARENTS).some((s) => lc(s) === lc(seg))
            )
                return { ok: true };
            return {
                ok: false,
                message: `${object}.${seg}: no field ${seg} on ${object} (custom fields end in __c)`,
            };
        }
        if ((kind === 'standard' || kind === 'other-standard') && opts.strictStandard) {
            const s = this.std(object);
            if (
                s?.fields.some((f) => lc(f) === lc(seg)) ||
                Object.keys(s?.parents ?? {}).some((p) => lc(p) === lc(seg))
            )
                return { ok: true };
            return {
                ok: false,
                message: `${object}.${seg}: ${seg} is not a known standard field of ${object} (if it is real, add it to STANDARD_OBJECTS in scripts/gates/metadataXref.ts)`,
            };
        }
        return { ok: true };
    }

    /** Resolves `segments` (relationship path + field) starting at `object`. */
    resolvePath(object: string, segments: string[], opts: ResolveOptions): Resolution {
        let current = object;
        for (let i = 0; i < segments.length; i++) {
            const seg = segments[i] ?? '';
            if (i === segments.length - 1) return this.checkLeaf(current, seg, opts);
            const r = this.parentTarget(current, seg);
            if (!r.ok) return r;
            if (!r.target || r.target === '*') {
                // Not followed: still require custom names further down to exist somewhere.
                for (const rest of segments.slice(i + 1)) {
                    const m = this.existsSomewhere(rest);
                    if (m) return { ok: false, message: m };
                }
                return { ok: true };
            }
            current = this.canonicalObject(r.target);
        }
        return { ok: true, target: current };
    }

    /** Child relationship (`SELECT ... (SELECT ... FROM Rel__r)`) from `parent`; '*' if unknown. */
    childObject(parent: string, rel: string): Resolution & { target?: string } {
        if (/__r$/i.test(rel)) {
            const base = lc(rel.replace(/__r$/i, ''));
            for (const o of this.model.objects.values())
                for (const f of o.fields.values())
                    if (
                        f.relationshipName &&
                        lc(f.relationshipName) === base &&
                        f.referenceTo.some((t) => lc(t) === lc(parent))
                    )
                        return { ok: true, target: o.name };
            return { ok: false, message: `no child relationship ${rel} on ${parent}` };
        }
        const s = this.std(parent);
        for (const [k, v] of Object.entries(s?.children ?? {}))
            if (lc(k) === lc(rel)) return { ok: true, target: v };
        return { ok: true, target: '*' };
    }

    /** Message if a custom-suffixed name exists nowhere, else undefined. */
    existsSomewhere(name: string): string | undefined {
        if (!CUSTOM_SUFFIX.test(name)) return undefined;
        const l = lc(name);
        const geo = /^(.+)__(latitude|longitude)__s$/.exec(l);
        if (geo) return this.existsSomewhere(`${geo[1] ?? ''}__c`);
        if (/__c$/.test(l)) {
            if (this.model.fieldOwners.has(l)) return undefined;
            if (this.objectKnown(name)) return undefined;
            for (const o of this.model.objects.values())
                if (o.sharingReasons.has(l)) return undefined;
            return `${name}: no custom field or object of that name`;
        }
        if (/__r$/.test(l)) {
            if (this.model.fieldOwners.has(l.replace(/__r$/, '__c'))) return undefined;
            const base = l.replace(/__r$/, '');
            for (const o of this.model.objects.values())
                for (const f of o.fields.values())
                    if (f.relationshipName && lc(f.relationshipName) === base) return undefined;
            return `${name}: no lookup ${name.replace(/__r$/i, '__c')} and no child relationship of that name`;
        }
        const m = /^(.*)__(share|history|feed|changeevent)$/.exec(l);
        if (m) {
            const base = m[1] ?? '';
            return this.objectKnown(`${base}__c`) || this.objectKnown(base)
                ? undefined
                : `${name}: no object ${base}__c`;
        }
        return this.objectKnown(name)
            ? undefined
            : `${name}: no object of that name under objects/`;
    }
}

// ---------------------------------------------------------------------------------------------
// LWC imports

function lwcSources(files: string[]): string[] {
    const set = new Set(files);
    return files.filter((f) => {
        if (!f.split(sep).includes('lwc')) return false;
        if (f.endsWith('.d.ts') || /\.(test|spec)\.[jt]s$/.test(f)) return false;
        if (f.endsWith('.ts')) return true;
        return f.endsWith('.js') && !set.has(f.slice(0, -3) + '.ts');
    });
}

/**
 * Module specifiers of `import ... from '...'`, `export ... from '...'`, `import '...'` and
 * `import('...')` in JS/TS source, with their lines. A small scanner (comments and other strings
 * are skipped) instead of the TypeScript compiler, whose load alone costs about a second.
 */
export function moduleSpecifiers(text: string): { spec: string; line: number }[] {
    const out: { spec: string; line: number }[] = [];
    let line = 1;
    let i = 0;
    const n = text.length;
    // Significant tokens seen since the last `;` (enough to tell `from '...'` / `import '...'`).
    let prevWord = '';
    let prevPunct = '';
    while (i < n) {
        const c = text[i] ?? '';
        if (c === '\n') {
            line++;
            i++;
            continue;
        }
        if (c === '/' && text[i + 1] === '/') {
            while (i < n && text[i] !== '\n') i++;
            continue;
        }
        if (c === '/' && text[i + 1] === '*') {
            const end = text.indexOf('*/', i + 2);
            const stop = end < 0 ? n : end + 2;
            for (let k = i; k < stop; k++) if (text[k] === '\n') line++;
            i = stop;
            continue;
        }
        if (c === "'" || c === '"' || c === '`') {
            const startLine = line;
            let j = i + 1;
            let value = '';
            while (j < n && text[j] !== c) {
                if (text[j] === '\\') {
                    value += text[j + 1] ?? '';
                    j += 2;
                    continue;
                }
                if (text[j] === '\n') line++;
                value += text[j];
                j++;
            }
            if (
                c !== '`' &&
                (prevWord === 'from' ||
                    (prevWord === 'import' && (prevPunct === '' || prevPunct === '(')))
            )
                out.push({ spec: value, line: startLine });
            prevWord = '';
            prevPunct = '';
            i = j + 1;
            continue;
        }
        if (/[A-Za-z_$]/.test(c)) {
            let j = i;
            while (j < n && /[A-Za-z0-9_$]/.test(text[j] ?? '')) j++;
            prevWord = text.slice(i, j);
            prevPunct = '';
            i = j;
            continue;
        }
        if (!/\s/.test(c)) {
            if (c === '(' && prevWord === 'import') prevPunct = '(';
            else {
                prevWord = '';
                prevPunct = c;
            }
        }
        i++;
    }
    return out;
}

interface AuraMethod {
    name: string;
    isStatic: boolean;
    auraEnabled: boolean;
}

function checkLwc(
    file: string,
    text: string,
    r: Resolver,
    out: Problem[],
    methodsOf: (cls: string) => AuraMethod[] | undefined,
): number {
    let count = 0;
    for (const { spec, line } of moduleSpecifiers(text)) {
        const schema = /^@salesforce\/schema\/(.+)$/.exec(spec);
        if (schema) {
            count++;
            const [object = '', ...path] = (schema[1] ?? '').split('.');
            const kind = r.objectKnown(object);
            if (!kind || (kind === 'other-standard' && isCustomObjectName(object))) {
                out.push({
                    file,
                    line,
                    message: isCustomObjectName(object)
                        ? `${spec}: no object ${object} (objects/${object}/${object}.object-meta.xml)`
                        : `${spec}: ${object} is not a known standard object (add it to STANDARD_OBJECTS if it is real)`,
                });
                continue;
            }
            if (path.length === 0) continue;
            const res = r.resolvePath(r.canonicalObject(object), path, { strictStandard: true });
            if (!res.ok) out.push({ file, line, message: `${spec}: ${res.message}` });
            continue;
        }
        const apex = /^@salesforce\/apex\/(.+)$/.exec(spec);
        if (apex) {
            count++;
            const parts = (apex[1] ?? '').split('.');
            if (parts.length !== 2) {
                out.push({
                    file,
                    line,
                    message: `${spec}: expected @salesforce/apex/Class.method (namespace-free)`,
                });
                continue;
            }
            const [cls = '', method = ''] = parts;
            const methods = methodsOf(cls);
            if (!methods) {
                out.push({
                    file,
                    line,
                    message: `${spec}: no Apex class ${cls} (classes/${cls}.cls)`,
                });
                continue;
            }
            const ms = methods.filter((m) => lc(m.name) === lc(method));
            if (ms.length === 0)
                out.push({ file, line, message: `${spec}: ${cls} has no method ${method}` });
            else if (!ms.some((m) => m.auraEnabled))
                out.push({ file, line, message: `${spec}: ${cls}.${method} is not @AuraEnabled` });
            else if (!ms.some((m) => m.auraEnabled && m.isStatic))
                out.push({
                    file,
                    line,
                    message: `${spec}: ${cls}.${method} is @AuraEnabled but not static`,
                });
        }
    }
    return count;
}

// ---------------------------------------------------------------------------------------------
// Apex

type Node = ApexParseTree;

function isRule(n: Node): n is ApexParserRuleContext {
    return 'start' in n && 'children' in n;
}

function kids(n: Node): Node[] {
    return isRule(n) ? (n.children ?? []) : [];
}

function lineOfNode(n: Node): number {
    if (isRule(n)) return n.start.line;
    const sym = (n as unknown as { symbol?: { line: number } }).symbol;
    return sym?.line ?? 0;
}

function textOf(n: Node): string {
    return n.getText();
}

class ApexSyntaxCollector extends ApexErrorListener {
    readonly errors: { line: number; column: number; msg: string }[] = [];
    apexSyntaxError(line: number, column: number, msg: string): void {
        this.errors.push({ line, column, msg });
    }
}

interface ParsedApex {
    tree: ApexParserRuleContext;
    syntax: { line: number; column: number; msg: string }[];
}

function parseApex(text: string, trigger: boolean): ParsedApex {
    const listener = new ApexSyntaxCollector();
    const { parser } = ApexParserFactory.createLexerAndParser(text, listener);
    const tree = trigger ? parser.triggerUnit() : parser.compilationUnit();
    return { tree, syntax: listener.errors };
}

function hasAnnotation(mods: ApexParserRuleContext[], name: string): boolean {
    return mods.some((m) =>
        kids(m).some((c) => c instanceof AnnotationContext && lc(c.id().getText()) === lc(name)),
    );
}

/** Top-level methods of the class in `tree` with their @AuraEnabled / static modifiers. */
function auraMethods(tree: ApexParserRuleContext): AuraMethod[] {
    const out: AuraMethod[] = [];
    const top = findFirst(tree, (n) => n instanceof ClassDeclarationContext) as
        ClassDeclarationContext | undefined;
    if (!top) return out;
    for (const decl of kids(top.classBody())) {
        if (!(decl instanceof ClassBodyDeclarationContext)) continue;
        const method = decl.memberDeclaration()?.methodDeclaration();
        if (!method) continue;
        const mods = decl.modifier_list();
        out.push({
            name: method.id().getText(),
            isStatic: mods.some((m) => m.STATIC() !== null && m.STATIC() !== undefined),
            auraEnabled: hasAnnotation(mods, 'AuraEnabled'),
        });
    }
    return out;
}

function findFirst(n: Node, pred: (n: Node) => boolean): Node | undefined {
    if (pred(n)) return n;
    for (const c of kids(n)) {
        const f = findFirst(c, pred);
        if (f) return f;
    }
    return undefined;
}

/** SObject type named by a TypeRef: `X__c` -> X__c; `List<X__c>` / `Set<X__c>` / `X__c[]` -> element. */
function sobjectOfTypeRef(
    t: TypeRefContext | null | undefined,
    r: Resolver,
): { object: string; collection: boolean } | undefined {
    if (!t) return undefined;
    const names = t.typeName_list();
    if (names.length !== 1) {
        // Schema.X__c
        if (names.length === 2 && lc(names[0]?.getText() ?? '') === 'schema') {
            const o = names[1]?.getText() ?? '';
            return r.objectKnown(o)
                ? {
                      object: r.canonicalObject(o),
                      collection: t.arraySubscripts()?.getText() !== '',
                  }
                : undefined;
        }
        return undefined;
    }
    const tn = names[0];
    if (!tn) return undefined;
    const arrays = (t.arraySubscripts()?.getText() ?? '') !== '';
    if (tn.LIST() || tn.SET()) {
        const args = tn.typeArguments()?.typeList()?.typeRef_list() ?? [];
        const inner = args.length === 1 ? sobjectOfTypeRef(args[0], r) : undefined;
        return inner && !inner.collection ? { object: inner.object, collection: true } : undefined;
    }
    const id = tn.id()?.getText();
    if (!id || tn.typeArguments()) return undefined;
    const kind = r.objectKnown(id);
    if (!kind) return undefined;
    return { object: r.canonicalObject(id), collection: arrays };
}

interface VarType {
    object: string;
    collection: boolean;
}
const AMBIGUOUS: VarType = { object: '', collection: false };

class ApexChecker {
    private scopes: Map<string, VarType>[] = [];
    private handled = new Set<Node>();
    count = 0;
    /** Field names whose object could not be determined (checked to exist on some object). */
    loose = 0;

    constructor(
        private readonly file: string,
        private readonly r: Resolver,
        private readonly out: Problem[],
        private readonly triggerObject: string | undefined,
    ) {}

    private err(n: Node, message: string): void {
        this.out.push({ file: this.file, line: lineOfNode(n), message });
    }

    private declare(name: string, t: VarType | undefined): void {
        const scope = this.scopes[this.scopes.length - 1];
        if (!scope) return;
        const k = lc(name);
        const prev = scope.get(k);
        // A variable of a non-SObject type is still recorded: its name then never counts as a
        // field name, and member access on it is not resolved.
        if (!t) {
            scope.set(k, AMBIGUOUS);
            return;
        }
        if (prev && (prev.object !== t.object || prev.collection !== t.collection))
            scope.set(k, AMBIGUOUS);
        else scope.set(k, t);
    }

    private lookupVar(name: string): VarType | undefined {
        for (let i = this.scopes.length - 1; i >= 0; i--) {
            const v = this.scopes[i]?.get(lc(name));
            if (v) return v === AMBIGUOUS ? undefined : v;
        }
        return undefined;
    }

    private isVarDeclared(name: string): boolean {
        for (let i = this.scopes.length - 1; i >= 0; i--)
            if (this.scopes[i]?.has(lc(name))) return true;
        return false;
    }

    run(tree: Node): void {
        // The trigger's own name and object are checked by the caller.
        if (tree instanceof TriggerUnitContext)
            for (const id of tree.id_list()) this.markHandled(id);
        this.scopes.push(new Map());
        this.visit(tree);
        this.scopes.pop();
    }

    private withScope(fn: () => void): void {
        this.scopes.push(new Map());
        try {
            fn();
        } finally {
            this.scopes.pop();
        }
    }

    private visit(n: Node): void {
        if (n instanceof ClassDeclarationContext) {
            this.withScope(() => {
                // Members first, so methods see them wherever they are declared.
                for (const d of kids(n.classBody())) {
                    if (!(d instanceof ClassBodyDeclarationContext)) continue;
                    const m = d.memberDeclaration();
                    const fd = m?.fieldDeclaration();
                    if (fd) {
                        const t = sobjectOfTypeRef(fd.typeRef(), this.r);
                        for (const v of fd.variableDeclarators().variableDeclarator_list())
                            this.declare(v.id().getText(), t);
                    }
                    const pd = m?.propertyDeclaration();
                    if (pd) this.declare(pd.id().getText(), sobjectOfTypeRef(pd.typeRef(), this.r));
                }
                this.visitChildren(n);
            });
            return;
        }
        if (n instanceof MethodDeclarationContext || n instanceof ConstructorDeclarationContext) {
            this.withScope(() => this.visitChildren(n));
            return;
        }
        if (n instanceof FormalParameterContext) {
            this.declare(n.id().getText(), sobjectOfTypeRef(n.typeRef(), this.r));
        } else if (n instanceof LocalVariableDeclarationContext) {
            const t = sobjectOfTypeRef(n.typeRef(), this.r);
            for (const v of n.variableDeclarators().variableDeclarator_list())
                this.declare(v.id().getText(), t);
        } else if (n instanceof EnhancedForControlContext) {
            this.declare(n.id().getText(), sobjectOfTypeRef(n.typeRef(), this.r));
        } else if (
            n instanceof FieldDeclarationContext ||
            n instanceof PropertyDeclarationContext
        ) {
            // declared at class level already
        } else if (n instanceof QueryContext) {
            this.query(n, undefined);
            return;
        } else if (n instanceof SoslLiteralContext) {
            this.sosl(n);
            return;
        } else if (n instanceof CreatorContext) {
            this.creator(n);
        } else if (n instanceof DotExpressionContext) {
            this.dot(n);
        }
        if (!isRule(n)) {
            this.terminal(n);
            return;
        }
        this.visitChildren(n);
    }

    private visitChildren(n: Node): void {
        for (const c of kids(n)) this.visit(c);
    }

    /** A bare identifier token (type names, variables, field names we could not place). */
    private terminal(n: Node): void {
        if (this.handled.has(n)) return;
        const text = textOf(n);
        if (!CUSTOM_SUFFIX.test(text) || !/^[A-Za-z][A-Za-z0-9_]*$/.test(text)) return;
        if (this.isVarDeclared(text)) return;
        this.count++;
        if (!this.r.objectKnown(text)) {
            this.loose++;
            if (process.env.METADATA_XREF_LOOSE)
                console.error(`${this.file}:${lineOfNode(n)}: by name only: ${text}`);
        }
        const m = this.r.existsSomewhere(text);
        if (m) this.err(n, m);
    }

    private markHandled(n: Node): void {
        this.handled.add(n);
        for (const c of kids(n)) this.markHandled(c);
    }

    /** SObject type of an expression, when determinable. */
    private typeOf(e: Node): VarType | undefined {
        if (e instanceof PrimaryExpressionContext) {
            const p = e.primary();
            if (p instanceof IdPrimaryContext) return this.lookupVar(p.id().getText());
            if (p instanceof SoqlPrimaryContext) {
                // `[SELECT ... FROM X__c ...].Field__c`: a single-row query used as a record.
                const from = p.soqlLiteral()?.query()?.fromNameList()?.fieldName(0)?.getText();
                return from && this.r.objectKnown(from)
                    ? { object: this.r.canonicalObject(from), collection: false }
                    : undefined;
            }
            return undefined;
        }
        if (e instanceof ArrayExpressionContext) {
            const base = e.expression(0);
            if (!base) return undefined;
            const bt = this.typeOf(base);
            if (bt?.collection) return { object: bt.object, collection: false };
            if (this.triggerObject && /^trigger\.(new|old)$/i.test(base.getText()))
                return { object: this.triggerObject, collection: false };
            return undefined;
        }
        if (e instanceof DotExpressionContext) {
            const id = e.anyId();
            if (!id) return undefined;
            const inner = e.expression();
            const it = inner ? this.typeOf(inner) : undefined;
            if (!it || it.collection) return undefined;
            const res = this.r.resolvePath(it.object, [id.getText()], { strictStandard: false });
            if (res.ok && res.target && res.target !== '*' && /__r$/i.test(id.getText()))
                return { object: this.r.canonicalObject(res.target), collection: false };
            return undefined;
        }
        return undefined;
    }

    /** Object named by a token expression: `X__c`, `Schema.X__c`, `Schema.SObjectType.X__c.fields`. */
    private objectToken(e: Node): { object: string; describe: boolean } | undefined {
        const text = e.getText();
        const m = /^(?:schema\.)?([A-Za-z][A-Za-z0-9_]*)$/i.exec(text);
        if (m && e instanceof PrimaryExpressionContext) {
            const name = m[1] ?? '';
            if (this.isVarDeclared(name)) return undefined;
            return this.r.objectKnown(name) && isCustomObjectName(name)
                ? { object: this.r.canonicalObject(name), describe: false }
                : undefined;
        }
        if (m && e instanceof DotExpressionContext && /^schema\./i.test(text)) {
            const name = m[1] ?? '';
            return this.r.objectKnown(name)
                ? { object: this.r.canonicalObject(name), describe: false }
                : undefined;
        }
        const d = /^(?:schema\.)?sobjecttype\.([A-Za-z][A-Za-z0-9_]*)\.fields$/i.exec(text);
        if (d) {
            const name = d[1] ?? '';
            return this.r.objectKnown(name)
                ? { object: this.r.canonicalObject(name), describe: true }
                : undefined;
        }
        return undefined;
    }

    private dot(n: DotExpressionContext): void {
        const id = n.anyId();
        const inner = n.expression();
        if (!id || !inner) return;
        const name = id.getText();
        const tok = this.objectToken(inner);
        if (tok) {
            if (/__c$|__r$/i.test(name)) {
                this.count++;
                this.markHandled(id);
                const res = this.r.resolvePath(tok.object, [name], { strictStandard: false });
                if (!res.ok) this.err(id, res.message);
            }
            return;
        }
        const t = this.typeOf(inner);
        if (t && !t.collection && CUSTOM_SUFFIX.test(name)) {
            this.count++;
            this.markHandled(id);
            const res = this.r.resolvePath(t.object, [name], { strictStandard: false });
            if (!res.ok) this.err(id, res.message);
        }
    }

    private creator(n: CreatorContext): void {
        const created = n.createdName();
        const pairs = created?.idCreatedNamePair_list() ?? [];
        const rest = n.classCreatorRest();
        if (!rest || pairs.length === 0) return;
        const names = pairs.map((p) => p.getText());
        const objName =
            names.length === 2 && lc(names[0] ?? '') === 'schema'
                ? names[1]
                : names.length === 1
                  ? names[0]
                  : undefined;
        if (!objName || !this.r.objectKnown(objName) || pairs.some((p) => p.typeList())) return;
        const object = this.r.canonicalObject(objName);
        for (const e of rest.arguments()?.expressionList()?.expression_list() ?? []) {
            if (!(e instanceof AssignExpressionContext)) continue;
            const lhs = e.expression(0);
            if (
                !(lhs instanceof PrimaryExpressionContext) ||
                !(lhs.primary() instanceof IdPrimaryContext)
            )
                continue;
            const field = lhs.getText();
            this.markHandled(lhs);
            this.count++;
            const res = this.r.resolvePath(object, [field], { strictStandard: false });
            if (!res.ok) this.err(lhs, res.message);
        }
    }

    // ---- SOQL / SOSL

    private fromOf(
        q: QueryContext | SubQueryContext,
    ): { object: string; alias?: string; node: Node } | undefined {
        const from = q.fromNameList();
        const first = from?.fieldName(0);
        if (!from || !first) return undefined;
        const alias = from.soqlId(0)?.getText();
        return { object: first.getText(), ...(alias ? { alias } : {}), node: first };
    }

    private query(q: QueryContext | SubQueryContext, parentObject: string | undefined): void {
        const from = this.fromOf(q);
        if (!from) return this.visitChildren(q);
        let object: string | undefined;
        if (
            q instanceof SubQueryContext &&
            parentObject !== undefined &&
            !(q.parentCtx instanceof ValueContext)
        ) {
            // parent-to-child subquery: FROM names a child relationship
            this.count++;
            if (parentObject === '*') object = undefined;
            else {
                const c = this.r.childObject(parentObject, from.object);
                if (!c.ok) this.err(from.node, `SOQL FROM ${from.object}: ${c.message}`);
                object = c.ok && c.target !== '*' ? c.target : undefined;
            }
            if (parentObject === '*' && /__r$/i.test(from.object)) {
                const m = this.r.existsSomewhere(from.object);
                if (m) this.err(from.node, `SOQL FROM ${m}`);
            }
        } else {
            this.count++;
            const kind = this.r.objectKnown(from.object);
            if (!kind && isCustomObjectName(from.object)) {
                this.err(
                    from.node,
                    `SOQL FROM ${from.object}: no object ${from.object} under objects/`,
                );
            } else object = this.r.canonicalObject(from.object);
        }
        this.markHandled(from.node);
        this.soqlFields(q, object, from.alias, q);
    }

    /** Walks a query's clauses: field names resolve on `object`; subqueries and binds recurse. */
    private soqlFields(
        n: Node,
        object: string | undefined,
        alias: string | undefined,
        self: Node,
    ): void {
        for (const c of kids(n)) {
            if (c instanceof SubQueryContext) {
                this.query(c, c.parentCtx instanceof ValueContext ? undefined : (object ?? '*'));
                continue;
            }
            if (c instanceof QueryContext && c !== self) {
                this.query(c, undefined);
                continue;
            }
            if (c instanceof BoundExpressionContext) {
                this.visit(c);
                continue;
            }
            if (c instanceof TypeOfContext) {
                this.markHandled(c);
                continue;
            }
            if (c instanceof FieldNameContext) {
                if (this.handled.has(c)) continue;
                this.markHandled(c);
                this.soqlPath(c, object, alias);
                continue;
            }
            this.soqlFields(c, object, alias, self);
        }
    }

    private soqlPath(
        c: FieldNameContext,
        object: string | undefined,
        alias: string | undefined,
    ): void {
        let segs = c.soqlId_list().map((s) => s.getText());
        if (alias && segs.length > 1 && lc(segs[0] ?? '') === lc(alias)) segs = segs.slice(1);
        if (!segs.some((s) => CUSTOM_SUFFIX.test(s)) && (!object || !isCustomObjectName(object)))
            return;
        this.count++;
        if (!object) {
            for (const s of segs) {
                const m = this.r.existsSomewhere(s);
                if (m) return this.err(c, `SOQL ${segs.join('.')}: ${m}`);
            }
            return;
        }
        const res = this.r.resolvePath(object, segs, { strictStandard: false });
        if (!res.ok) this.err(c, `SOQL ${segs.join('.')}: ${res.message}`);
    }

    private sosl(n: SoslLiteralContext): void {
        const walk = (x: Node): void => {
            if (x instanceof FieldSpecContext) {
                const ids = x.soslId_list();
                const objName = ids[0]?.getText() ?? '';
                const kind = this.r.objectKnown(objName);
                this.count++;
                if (!kind && isCustomObjectName(objName))
                    this.err(x, `SOSL RETURNING ${objName}: no object ${objName}`);
                const object = kind ? this.r.canonicalObject(objName) : undefined;
                const fl = x.fieldList();
                const fieldIds: Node[] = [];
                const collect = (y: Node): void => {
                    if (y instanceof SoslIdContext) fieldIds.push(y);
                    else for (const k of kids(y)) collect(k);
                };
                if (fl) collect(fl);
                for (const f of fieldIds) {
                    const segs = f.getText().split('.');
                    if (!object) continue;
                    this.count++;
                    const res = this.r.resolvePath(object, segs, { strictStandard: false });
                    if (!res.ok) this.err(f, `SOSL ${segs.join('.')}: ${res.message}`);
                }
                this.markHandled(x);
                return;
            }
            if (x instanceof BoundExpressionContext) return this.visit(x);
            for (const k of kids(x)) walk(k);
        };
        walk(n);
    }
}

// ---------------------------------------------------------------------------------------------
// Structure

function structureChecks(files: string[], r: Resolver, out: Problem[]): void {
    const set = new Set(files);
    const objectDirsSeen = new Set<string>();
    const bundles = new Set<string>();
    for (const f of files) {
        const b = basename(f);
        if (b.endsWith('.cls') || b.endsWith('.trigger')) {
            if (!set.has(`${f}-meta.xml`))
                out.push({ file: f, line: 0, message: `missing ${b}-meta.xml beside ${b}` });
        }
        if (b.endsWith('-meta.xml')) {
            const wf = XMLValidator.validate(readFileSync(f, 'utf8'));
            if (wf !== true)
                out.push({ file: f, line: wf.err.line, message: `malformed XML: ${wf.err.msg}` });
        }
        const folder = objectFolderOf(f);
        if (folder && !objectDirsSeen.has(folder.dir)) {
            objectDirsSeen.add(folder.dir);
            const isStandard = !isCustomObjectName(folder.object) && !!r.objectKnown(folder.object);
            // The object file may sit in another package directory.
            if (!r.hasObjectFile(folder.object) && !isStandard)
                out.push({
                    file: f,
                    line: 0,
                    message: isCustomObjectName(folder.object)
                        ? `objects/${folder.object}/ has no ${folder.object}.object-meta.xml`
                        : `objects/${folder.object}/ is neither a custom object with ${folder.object}.object-meta.xml nor a known standard object`,
                });
        }
        const parts = f.split(sep);
        const li = parts.lastIndexOf('lwc');
        if (li >= 0 && li + 2 < parts.length && /\.(js|ts|html|css|js-meta\.xml)$/.test(b))
            bundles.add(parts.slice(0, li + 2).join(sep));
        const si = parts.lastIndexOf('staticresources');
        if (si >= 0 && si + 1 < parts.length && !b.endsWith('-meta.xml')) {
            const entry = parts[si + 1] ?? '';
            const dir = parts.slice(0, si + 1).join(sep);
            const name = si + 2 === parts.length ? entry.replace(/\.[^.]*$/, '') : entry;
            if (!set.has(join(dir, `${name}.resource-meta.xml`)))
                out.push({
                    file: f,
                    line: 0,
                    message: `static resource ${name} has no ${name}.resource-meta.xml`,
                });
        }
    }
    for (const dir of bundles) {
        const name = basename(dir);
        if (name.startsWith('__') || name.startsWith('.')) continue;
        // Skip jsconfig / eslint files sitting directly in lwc/.
        if (!files.some((f) => f.startsWith(dir + sep))) continue;
        if (!set.has(join(dir, `${name}.js-meta.xml`)))
            out.push({
                file: dir,
                line: 0,
                message: `LWC bundle ${name} has no ${name}.js-meta.xml`,
            });
        if (!set.has(join(dir, `${name}.ts`)) && !set.has(join(dir, `${name}.js`)))
            out.push({
                file: dir,
                line: 0,
                message: `LWC bundle ${name} has no ${name}.ts or ${name}.js`,
            });
    }
}

// ---------------------------------------------------------------------------------------------
// References between metadata files (permission sets, layouts, tabs, apps, flexipages, records)

interface XmlEl {
    tag: string;
    attrs: Record<string, string>;
    text: string;
    line: number;
    children: XmlEl[];
}

const treeParser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    trimValues: true,
    captureMetaData: true,
});

function parseXmlTree(text: string): XmlEl | undefined {
    if (XMLValidator.validate(text) !== true) return undefined;
    const lines = new LineIndex(text);
    const sym = XMLParser.getMetaDataSymbol() as symbol;
    const convert = (node: Record<string, unknown>): XmlEl | undefined => {
        const tag = Object.keys(node).find((k) => k !== ':@');
        if (!tag || tag.startsWith('?') || tag === '#text') return undefined;
        const raw = node[tag];
        const kidsRaw = Array.isArray(raw) ? (raw as Record<string, unknown>[]) : [];
        const meta = (node as Record<symbol, { startIndex?: number } | undefined>)[sym];
        const el: XmlEl = {
            tag,
            attrs: Object.fromEntries(
                Object.entries((node[':@'] as Record<string, unknown> | undefined) ?? {}).map(
                    ([k, v]) => [k, String(v)],
                ),
            ),
            text: kidsRaw
                .filter((k) => '#text' in k)
                .map((k) => String(k['#text']))
                .join('')
                .trim(),
            line: meta?.startIndex !== undefined ? lines.lineOf(meta.startIndex) : 0,
            children: [],
        };
        for (const k of kidsRaw) {
            const c = convert(k);
            if (c) el.children.push(c);
        }
        return el;
    };
    const doc = treeParser.parse(text) as Record<string, unknown>[];
    for (const n of doc) {
        const el = convert(n);
        if (el) return el;
    }
    return undefined;
}

function all(el: XmlEl, ...path: string[]): XmlEl[] {
    let level = [el];
    for (const p of path) level = level.flatMap((e) => e.children.filter((c) => c.tag === p));
    return level;
}

function first(el: XmlEl, ...path: string[]): XmlEl | undefined {
    return all(el, ...path)[0];
}

/** LWC page targets for FlexiPage types. */
const PAGE_TARGETS: Readonly<Record<string, string>> = {
    RecordPage: 'lightning__RecordPage',
    AppPage: 'lightning__AppPage',
    HomePage: 'lightning__HomePage',
    UtilityBar: 'lightning__UtilityBar',
};

function metadataReferenceChecks(
    files: string[],
    model: ProjectModel,
    r: Resolver,
    out: Problem[],
): number {
    let count = 0;
    const suffix = (f: string, s: string): string | undefined =>
        basename(f).endsWith(s) ? basename(f).slice(0, -s.length) : undefined;
    const tabs = new Set(files.flatMap((f) => suffix(f, '.tab-meta.xml') ?? []).map(lc));
    const customPermissions = new Set(
        files.flatMap((f) => suffix(f, '.customPermission-meta.xml') ?? []).map(lc),
    );
    const compactLayouts = new Set(
        files.flatMap((f) => {
            const name = suffix(f, '.compactLayout-meta.xml');
            const folder = objectFolderOf(f);
            return name && folder ? [lc(`${folder.object}.${name}`)] : [];
        }),
    );
    const bundles = new Map<string, { isExposed: boolean; targets: Set<string> }>();
    const otherBundles = new Set(
        files.flatMap((f) => {
            const parts = f.split(sep);
            // aura bundles, and lwc folders lacking a js-meta.xml (the structure check reports those)
            const i = Math.max(parts.lastIndexOf('aura'), parts.lastIndexOf('lwc'));
            return i >= 0 && i + 2 < parts.length ? [lc(parts[i + 1] ?? '')] : [];
        }),
    );
    const trees = new Map<string, XmlEl | undefined>();
    const tree = (f: string): XmlEl | undefined => {
        if (!trees.has(f)) trees.set(f, parseXmlTree(readFileSync(f, 'utf8')));
        return trees.get(f);
    };
    for (const f of files) {
        const name = suffix(f, '.js-meta.xml');
        if (!name || basename(dirname(f)) !== name) continue;
        const t = tree(f);
        if (!t) continue;
        bundles.set(lc(name), {
            isExposed: first(t, 'isExposed')?.text === 'true',
            targets: new Set(all(t, 'targets', 'target').map((e) => e.text)),
        });
    }

    const err = (file: string, el: XmlEl, message: string): void => {
        out.push({ file, line: el.line, message });
    };
    /** `Object.Field` (permission sets) or a field on `object`. */
    const checkField = (
        file: string,
        el: XmlEl,
        object: string,
        field: string,
        what: string,
    ): FieldInfo | undefined => {
        count++;
        const kind = r.objectKnown(object);
        if (!kind) {
            if (isCustomObjectName(object))
                err(file, el, `${what} ${object}.${field}: no object ${object}`);
            return undefined;
        }
        const res = r.resolvePath(r.canonicalObject(object), field.split('.'), {
            strictStandard: false,
        });
        if (!res.ok) err(file, el, `${what} ${res.message}`);
        return r.field(object, field);
    };
    const checkObject = (file: string, el: XmlEl, object: string, what: string): boolean => {
        count++;
        if (!r.objectKnown(object) && isCustomObjectName(object)) {
            err(file, el, `${what}: no object ${object}`);
            return false;
        }
        return true;
    };

    for (const f of files) {
        const b = basename(f);
        const folder = objectFolderOf(f);
        if (b.endsWith('.permissionset-meta.xml')) {
            const t = tree(f);
            if (!t) continue;
            for (const fp of all(t, 'fieldPermissions')) {
                const el = first(fp, 'field');
                const [object = '', field = ''] = (el?.text ?? '').split('.');
                if (!el || !field) continue;
                const info = checkField(f, el, object, field, 'fieldPermissions');
                if (info?.required)
                    err(
                        f,
                        el,
                        `fieldPermissions ${object}.${field}: the field is required${info.type === 'MasterDetail' ? ' (master-detail)' : ''}; the platform rejects field permissions on required fields`,
                    );
                // (editable=true on a formula field is accepted by deploys: NebulaLogger ships one.)
            }
            for (const el of all(t, 'objectPermissions', 'object'))
                checkObject(f, el, el.text, `objectPermissions ${el.text}`);
            for (const el of all(t, 'classAccesses', 'apexClass')) {
                count++;
                if (!model.classes.has(lc(el.text)))
                    err(f, el, `classAccesses ${el.text}: no Apex class ${el.text}`);
            }
            for (const el of all(t, 'customMetadataTypeAccesses', 'name'))
                checkObject(f, el, el.text, `customMetadataTypeAccesses ${el.text}`);
            for (const el of all(t, 'customPermissions', 'name')) {
                count++;
                if (!customPermissions.has(lc(el.text)))
                    err(
                        f,
                        el,
                        `customPermissions ${el.text}: no customPermissions/${el.text}.customPermission-meta.xml`,
                    );
            }
            for (const el of all(t, 'tabSettings', 'tab')) {
                if (el.text.startsWith('standard-')) continue;
                count++;
                if (!tabs.has(lc(el.text)))
                    err(f, el, `tabSettings ${el.text}: no tabs/${el.text}.tab-meta.xml`);
            }
        } else if (b.endsWith('.layout-meta.xml')) {
            const object = b.slice(0, b.indexOf('-'));
            const t = tree(f);
            if (!t || !object || !checkObject(f, t, object, `layout for ${object}`)) continue;
            for (const el of all(t, 'layoutSections', 'layoutColumns', 'layoutItems', 'field'))
                checkField(f, el, object, el.text, 'layout field');
        } else if (folder && b.endsWith('.compactLayout-meta.xml')) {
            const t = tree(f);
            if (t)
                for (const el of all(t, 'fields'))
                    checkField(f, el, folder.object, el.text, 'compact layout field');
        } else if (folder && b.endsWith('.fieldSet-meta.xml')) {
            const t = tree(f);
            if (t)
                for (const el of [
                    ...all(t, 'displayedFields', 'field'),
                    ...all(t, 'availableFields', 'field'),
                ])
                    checkField(f, el, folder.object, el.text, 'field set field');
        } else if (folder && b.endsWith('.validationRule-meta.xml')) {
            const el = tree(f) && first(tree(f) as XmlEl, 'errorDisplayField');
            if (el) checkField(f, el, folder.object, el.text, 'errorDisplayField');
        } else if (folder && b.endsWith('.listView-meta.xml')) {
            const t = tree(f);
            if (!t) continue;
            for (const el of [...all(t, 'columns'), ...all(t, 'filters', 'field')])
                if (/__c$/i.test(el.text))
                    checkField(f, el, folder.object, el.text, 'list view field');
        } else if (folder && b === `${folder.object}.object-meta.xml`) {
            const el = tree(f) && first(tree(f) as XmlEl, 'compactLayoutAssignment');
            if (el && el.text !== 'SYSTEM') {
                count++;
                if (!compactLayouts.has(lc(`${folder.object}.${el.text}`)))
                    err(
                        f,
                        el,
                        `compactLayoutAssignment ${el.text}: no compactLayouts/${el.text}.compactLayout-meta.xml`,
                    );
            }
        } else if (b.endsWith('.tab-meta.xml')) {
            const name = b.slice(0, -'.tab-meta.xml'.length);
            const t = tree(f);
            if (t && first(t, 'customObject')?.text === 'true')
                checkObject(f, t, name, `tab ${name}`);
        } else if (b.endsWith('.app-meta.xml')) {
            const t = tree(f);
            if (!t) continue;
            for (const el of all(t, 'tabs')) {
                if (el.text.startsWith('standard-')) continue;
                count++;
                if (!tabs.has(lc(el.text)))
                    err(f, el, `app tab ${el.text}: no tabs/${el.text}.tab-meta.xml`);
            }
        } else if (b.endsWith('.flexipage-meta.xml')) {
            const t = tree(f);
            if (!t) continue;
            const sobject = first(t, 'sobjectType')?.text;
            if (
                sobject &&
                !checkObject(f, first(t, 'sobjectType') as XmlEl, sobject, `sobjectType ${sobject}`)
            )
                continue;
            const pageType = first(t, 'type')?.text ?? '';
            const visit = (el: XmlEl): void => {
                if (el.tag === 'fieldItem' && sobject) {
                    const [rec, ...path] = el.text.split('.');
                    if (rec === 'Record' && path.length === 1)
                        checkField(f, el, sobject, path[0] ?? '', 'fieldItem');
                }
                if (el.tag === 'componentInstance') {
                    const cn = first(el, 'componentName');
                    if (cn && !cn.text.includes(':')) {
                        count++;
                        const bundle = bundles.get(lc(cn.text));
                        const target = PAGE_TARGETS[pageType];
                        if (!bundle) {
                            if (!otherBundles.has(lc(cn.text)))
                                err(
                                    f,
                                    cn,
                                    `component ${cn.text}: no lwc/${cn.text} (or aura/${cn.text}) bundle`,
                                );
                        } else if (!bundle.isExposed)
                            err(
                                f,
                                cn,
                                `component ${cn.text}: its js-meta.xml lacks <isExposed>true</isExposed>`,
                            );
                        else if (target && !bundle.targets.has(target))
                            err(
                                f,
                                cn,
                                `component ${cn.text}: its js-meta.xml does not list the ${target} target`,
                            );
                    }
                    for (const p of all(el, 'componentInstanceProperties')) {
                        const name = first(p, 'name')?.text;
                        const value = first(p, 'value');
                        if (
                            name === 'relatedListApiName' &&
                            value &&
                            sobject &&
                            /__r$/i.test(value.text)
                        ) {
                            count++;
                            const c = r.childObject(r.canonicalObject(sobject), value.text);
                            if (!c.ok)
                                err(f, value, `relatedListApiName ${value.text}: ${c.message}`);
                        }
                    }
                }
                for (const c of el.children) visit(c);
            };
            visit(t);
        } else if (b.endsWith('.md-meta.xml')) {
            const typeName = b.split('.')[0] ?? '';
            const object = `${typeName}__mdt`;
            const t = tree(f);
            if (!t || !checkObject(f, t, object, `custom metadata record of ${object}`)) continue;
            for (const el of all(t, 'values', 'field'))
                checkField(f, el, object, el.text, 'custom metadata value');
        }
    }
    return count;
}

// ---------------------------------------------------------------------------------------------
// Analytics: report types, reports, dashboards

interface ReportTypeTable {
    /** The object of this table; '*' when it cannot be followed (a standard child we do not list). */
    object: string;
    /** Lower-case field paths the sections expose on this table. */
    fields: Set<string>;
}

interface ReportTypeInfo {
    file: string;
    /** Lower-case table path (`account`, `account.keyaccountplans__r`) -> table. */
    tables: Map<string, ReportTypeTable>;
}

interface ReportInfo {
    file: string;
    tree: XmlEl;
    /** Lower-case `Table$Field` of the report's detail and summary columns -> aggregate types. */
    columns: Map<string, Set<string>>;
    /** Lower-case grouping fields (down and across). */
    groupings: Set<string>;
    /** Lower-case names the report defines itself: summary formulas and buckets. */
    ownNames: Set<string>;
}

/** `reports/<Folder>/<Name>.report-meta.xml` -> `<Folder>/<Name>`; likewise dashboards. */
function folderedName(
    file: string,
    kind: 'reports' | 'dashboards',
    suffix: string,
): string | undefined {
    const parts = file.split(sep);
    const i = parts.lastIndexOf(kind);
    if (i < 0 || parts.length !== i + 3) return undefined;
    const name = parts[i + 2] ?? '';
    return name.endsWith(suffix) ? `${parts[i + 1]}/${name.slice(0, -suffix.length)}` : undefined;
}

/** A report type's lookup path (`Account__c.Name`) as a SOQL path (`Account__r.Name`). */
function soqlPath(field: string): string[] {
    const segments = field.split('.');
    return segments.map((seg, i) =>
        i < segments.length - 1 && /__c$/i.test(seg) ? seg.replace(/__c$/i, '__r') : seg,
    );
}

function analyticsChecks(files: string[], r: Resolver, out: Problem[]): number {
    let count = 0;
    const err = (file: string, el: XmlEl, message: string): void => {
        out.push({ file, line: el.line, message });
    };
    const trees = new Map<string, XmlEl | undefined>();
    const tree = (f: string): XmlEl | undefined => {
        if (!trees.has(f)) trees.set(f, parseXmlTree(readFileSync(f, 'utf8')));
        return trees.get(f);
    };
    const folders = new Set(
        files.flatMap((f) => {
            const m = /^(.+)\.(reportFolder|dashboardFolder)-meta\.xml$/.exec(basename(f));
            return m ? [lc(`${m[2]}:${m[1]}`)] : [];
        }),
    );

    // Report types.
    const reportTypes = new Map<string, ReportTypeInfo>();
    for (const f of files) {
        const b = basename(f);
        if (!b.endsWith('.reportType-meta.xml')) continue;
        const t = tree(f);
        if (!t) continue;
        const info: ReportTypeInfo = { file: f, tables: new Map() };
        reportTypes.set(lc(b.slice(0, -'.reportType-meta.xml'.length)), info);
        const baseEl = first(t, 'baseObject');
        const base = baseEl?.text ?? '';
        count++;
        if (!baseEl || !r.objectKnown(base)) {
            if (baseEl && isCustomObjectName(base))
                err(f, baseEl, `baseObject ${base}: no object ${base}`);
            continue;
        }
        let object = r.canonicalObject(base);
        let path = base;
        info.tables.set(lc(path), { object, fields: new Set() });
        for (let join = first(t, 'join'); join; join = first(join, 'join')) {
            const relEl = first(join, 'relationship');
            if (!relEl) break;
            count++;
            const child =
                object === '*'
                    ? { ok: true as const, target: '*' }
                    : r.childObject(object, relEl.text);
            if (!child.ok) {
                err(f, relEl, `join relationship ${relEl.text}: ${child.message}`);
                break;
            }
            object = child.target && child.target !== '*' ? r.canonicalObject(child.target) : '*';
            path = `${path}.${relEl.text}`;
            info.tables.set(lc(path), { object, fields: new Set() });
        }
        for (const column of all(t, 'sections', 'columns')) {
            const fieldEl = first(column, 'field');
            const tableEl = first(column, 'table');
            if (!fieldEl || !tableEl) continue;
            count++;
            const table = info.tables.get(lc(tableEl.text));
            if (!table) {
                err(
                    f,
                    tableEl,
                    `column table ${tableEl.text}: not the base object or a joined relationship of this report type (${[...info.tables.keys()].join(', ')})`,
                );
                continue;
            }
            table.fields.add(lc(fieldEl.text));
            if (table.object === '*') continue;
            const res = r.resolvePath(table.object, soqlPath(fieldEl.text), {
                strictStandard: false,
            });
            if (!res.ok) err(f, fieldEl, `column ${tableEl.text}.${fieldEl.text}: ${res.message}`);
        }
    }

    // Reports.
    const reports = new Map<string, ReportInfo>();
    for (const f of files) {
        const name = folderedName(f, 'reports', '.report-meta.xml');
        if (!name) continue;
        const t = tree(f);
        if (!t) continue;
        count++;
        const folder = name.split('/')[0] ?? '';
        if (!folders.has(lc(`reportFolder:${folder}`)))
            err(f, t, `report folder ${folder}: no reports/${folder}.reportFolder-meta.xml`);
        const columns = new Map<string, Set<string>>();
        for (const column of all(t, 'columns')) {
            const field = first(column, 'field')?.text ?? '';
            columns.set(lc(field), new Set(all(column, 'aggregateTypes').map((a) => lc(a.text))));
        }
        const groupingEls = [
            ...all(t, 'groupingsDown', 'field'),
            ...all(t, 'groupingsAcross', 'field'),
        ];
        const groupings = new Set(groupingEls.map((g) => lc(g.text)));
        const ownNames = new Set(
            [...all(t, 'aggregates', 'developerName'), ...all(t, 'buckets', 'developerName')].map(
                (e) => lc(e.text),
            ),
        );
        reports.set(lc(name), { file: f, tree: t, columns, groupings, ownNames });

        const typeEl = first(t, 'reportType');
        const typeName = typeEl?.text ?? '';
        if (!typeEl || !/__c$/i.test(typeName)) continue; // a standard report type: platform column names
        count++;
        const type = reportTypes.get(lc(typeName.replace(/__c$/i, '')));
        if (!type) {
            err(
                f,
                typeEl,
                `reportType ${typeName}: no reportTypes/${typeName.replace(/__c$/i, '')}.reportType-meta.xml`,
            );
            continue;
        }
        const checkColumn = (el: XmlEl, value: string, what: string): void => {
            count++;
            if (lc(value) === 'rowcount' || ownNames.has(lc(value))) return;
            const dollar = value.indexOf('$');
            if (dollar < 0) {
                err(
                    f,
                    el,
                    `${what} ${value}: not a column of the report type (custom report types name columns Table$Field)`,
                );
                return;
            }
            const table = type.tables.get(lc(value.slice(0, dollar)));
            if (!table) {
                err(
                    f,
                    el,
                    `${what} ${value}: ${value.slice(0, dollar)} is not a table of report type ${typeName}`,
                );
                return;
            }
            if (!table.fields.has(lc(value.slice(dollar + 1))))
                err(
                    f,
                    el,
                    `${what} ${value}: report type ${typeName} exposes no ${value.slice(dollar + 1)} on ${value.slice(0, dollar)} (add it to its sections)`,
                );
        };
        for (const column of all(t, 'columns', 'field')) checkColumn(column, column.text, 'column');
        for (const g of groupingEls) {
            checkColumn(g, g.text, 'grouping');
            if (columns.has(lc(g.text)))
                err(
                    f,
                    g,
                    `grouping ${g.text}: also listed as a column; a grouped field cannot be a column`,
                );
        }
        for (const el of [
            ...all(t, 'groupingsDown', 'sortByName'),
            ...all(t, 'groupingsAcross', 'sortByName'),
        ]) {
            checkColumn(el, el.text, 'grouping sort');
            count++;
            if (!columns.has(lc(el.text)))
                err(f, el, `grouping sort ${el.text}: not one of the report's columns`);
        }
        for (const el of all(t, 'filter', 'criteriaItems', 'column'))
            checkColumn(el, el.text, 'filter');
        for (const el of all(t, 'timeFrameFilter', 'dateColumn'))
            checkColumn(el, el.text, 'time frame');
        for (const el of all(t, 'buckets', 'sourceColumnName'))
            checkColumn(el, el.text, 'bucket source');
        for (const el of all(t, 'chart', 'chartSummaries', 'column'))
            checkColumn(el, el.text, 'chart summary');
        for (const el of [
            ...all(t, 'chart', 'groupingColumn'),
            ...all(t, 'chart', 'secondaryGroupingColumn'),
        ]) {
            checkColumn(el, el.text, 'chart grouping');
            count++;
            if (!groupings.has(lc(el.text)))
                err(f, el, `chart grouping ${el.text}: not one of the report's groupings`);
        }
        for (const el of all(t, 'sortColumn')) {
            checkColumn(el, el.text, 'sort column');
            if (!columns.has(lc(el.text)))
                err(f, el, `sort column ${el.text}: not one of the report's columns`);
        }
        // Summary formulas write Table.Field:SUMMARY; the field is the part after the last dot.
        for (const el of all(t, 'aggregates', 'calculatedFormula'))
            for (const m of el.text.matchAll(/([A-Za-z][\w.]*)\.(\w+):(SUM|AVG|MAX|MIN|UNIQUE)\b/g))
                checkColumn(el, `${m[1]}$${m[2]}`, 'summary formula');
    }

    // Dashboards.
    for (const f of files) {
        const name = folderedName(f, 'dashboards', '.dashboard-meta.xml');
        if (!name) continue;
        const t = tree(f);
        if (!t) continue;
        count++;
        const folder = name.split('/')[0] ?? '';
        if (!folders.has(lc(`dashboardFolder:${folder}`)))
            err(
                f,
                t,
                `dashboard folder ${folder}: no dashboards/${folder}.dashboardFolder-meta.xml`,
            );
        const components = [
            ...all(t, 'dashboardGridLayout', 'dashboardGridComponents', 'dashboardComponent'),
            ...['leftSection', 'middleSection', 'rightSection'].flatMap((s) =>
                all(t, s, 'components'),
            ),
        ];
        for (const component of components) {
            const reportEl = first(component, 'report');
            if (!reportEl) continue;
            count++;
            const report = reports.get(lc(reportEl.text));
            if (!report) {
                err(
                    f,
                    reportEl,
                    `report ${reportEl.text}: no reports/${reportEl.text}.report-meta.xml`,
                );
                continue;
            }
            for (const summary of all(component, 'chartSummary')) {
                const columnEl = first(summary, 'column');
                if (!columnEl) continue;
                count++;
                const column = lc(columnEl.text);
                if (column === 'rowcount' || report.ownNames.has(column)) continue;
                const aggregates = report.columns.get(column);
                const aggregate = lc(first(summary, 'aggregate')?.text ?? '');
                if (!aggregates)
                    err(
                        f,
                        columnEl,
                        `chart summary ${columnEl.text}: not a column of report ${reportEl.text}`,
                    );
                else if (aggregate && !aggregates.has(aggregate))
                    err(
                        f,
                        columnEl,
                        `chart summary ${first(summary, 'aggregate')?.text} of ${columnEl.text}: report ${reportEl.text} does not summarise that column that way`,
                    );
            }
            for (const groupingEl of all(component, 'groupingColumn')) {
                count++;
                if (!report.groupings.has(lc(groupingEl.text)))
                    err(
                        f,
                        groupingEl,
                        `grouping ${groupingEl.text}: not one of the groupings of report ${reportEl.text}`,
                    );
            }
        }
    }
    return count;
}

// ---------------------------------------------------------------------------------------------
// Gate

export interface XrefGateResult {
    problems: Problem[];
    references: number;
    /** Apex field names checked only for existing on some object (object not determinable). */
    loose: number;
    files: number;
}

export function runMetadataXrefGate(root: string): XrefGateResult {
    const files = sourceDirs(root).flatMap((d) => walkFiles(d));
    const model = buildProjectModel(files);
    const r = new Resolver(model);
    const problems: Problem[] = [];
    let references = 0;
    let loose = 0;

    structureChecks(files, r, problems);
    references += metadataReferenceChecks(files, model, r, problems);
    references += analyticsChecks(files, r, problems);

    const parsed = new Map<string, ParsedApex>();
    const parse = (f: string): ParsedApex => {
        let p = parsed.get(f);
        if (!p) {
            p = parseApex(readFileSync(f, 'utf8'), f.endsWith('.trigger'));
            parsed.set(f, p);
        }
        return p;
    };
    const methodsCache = new Map<string, AuraMethod[] | undefined>();
    const methodsOf = (cls: string): AuraMethod[] | undefined => {
        if (!methodsCache.has(lc(cls))) {
            const f = model.classes.get(lc(cls));
            methodsCache.set(lc(cls), f ? auraMethods(parse(f).tree) : undefined);
        }
        return methodsCache.get(lc(cls));
    };

    let scanned = 0;
    for (const f of lwcSources(files)) {
        scanned++;
        references += checkLwc(f, readFileSync(f, 'utf8'), r, problems, methodsOf);
    }
    for (const f of files) {
        if (!f.endsWith('.cls') && !f.endsWith('.trigger')) continue;
        scanned++;
        const p = parse(f);
        for (const e of p.syntax)
            problems.push({ file: f, line: e.line, message: `Apex syntax error: ${e.msg}` });
        if (p.syntax.length > 0) continue;
        let triggerObject: string | undefined;
        if (f.endsWith('.trigger')) {
            const t = p.tree instanceof TriggerUnitContext ? p.tree : undefined;
            const obj = t?.id(1)?.getText();
            if (obj) {
                references++;
                if (!r.objectKnown(obj) && isCustomObjectName(obj))
                    problems.push({
                        file: f,
                        line: t ? lineOfNode(t) : 1,
                        message: `trigger on ${obj}: no object ${obj} under objects/`,
                    });
                else triggerObject = r.canonicalObject(obj);
            }
        }
        const checker = new ApexChecker(f, r, problems, triggerObject);
        checker.run(p.tree);
        references += checker.count;
        loose += checker.loose;
    }
    return { problems: sortProblems(problems), references, loose, files: scanned };
}

export function crossCheckMetadata(root: string): Problem[] {
    return runMetadataXrefGate(root).problems;
}

function main(argv: string[]): number {
    const root = argv[0] ?? 'force-app';
    const t0 = performance.now();
    const { problems, references, loose, files } = runMetadataXrefGate(root);
    for (const p of problems) console.log(formatProblem(p));
    const ms = Math.round(performance.now() - t0);
    console.log(
        `metadata xref: ${references} references checked in ${files} source files ` +
            `(${loose} Apex field names by name only), ` +
            `${problems.length} error${problems.length === 1 ? '' : 's'} (${ms} ms)`,
    );
    return problems.length > 0 ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
    process.exitCode = main(process.argv.slice(2));
