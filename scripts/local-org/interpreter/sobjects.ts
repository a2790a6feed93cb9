// In-memory SObject records and the schema the evaluator needs of them. Two sources: the
// local org's OrgSchema (through runtime/), and, for the bare interpreter, the `objects`
// folders (<Object>/fields/<Field>.field-meta.xml) plus the explicit standard list below.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { unsupported } from './errors.ts';
import { systemException } from './exceptions.ts';
import { coercePrimitive } from './coerce.ts';
import { ListValue, SObjectValue, typeRef } from './values.ts';
import type { ApexValue, SObjectTypeInfo, TypeRef } from './values.ts';

interface FieldSpec {
    name: string;
    type: string; // Apex primitive type name, or "Id"
    relationship?: { name: string; target: string | null };
    /** Not writeable in Apex (system, formula, roll-up and auto-number fields). */
    readOnly?: boolean;
}

const STANDARD_SYSTEM_FIELDS: FieldSpec[] = [
    { name: 'Id', type: 'Id' },
    { name: 'Name', type: 'String' },
    { name: 'OwnerId', type: 'Id', relationship: { name: 'Owner', target: 'User' } },
    { name: 'CreatedDate', type: 'Datetime', readOnly: true },
    {
        name: 'CreatedById',
        type: 'Id',
        relationship: { name: 'CreatedBy', target: 'User' },
        readOnly: true,
    },
    { name: 'LastModifiedDate', type: 'Datetime', readOnly: true },
    {
        name: 'LastModifiedById',
        type: 'Id',
        relationship: { name: 'LastModifiedBy', target: 'User' },
        readOnly: true,
    },
    { name: 'SystemModstamp', type: 'Datetime', readOnly: true },
    { name: 'IsDeleted', type: 'Boolean', readOnly: true },
];

/** Standard objects and the standard fields the interpreter knows (explicit list). */
const STANDARD_OBJECTS: Record<string, FieldSpec[]> = {
    Account: [
        { name: 'Type', type: 'String' },
        { name: 'Industry', type: 'String' },
        { name: 'AnnualRevenue', type: 'Decimal' },
        { name: 'NumberOfEmployees', type: 'Integer' },
        { name: 'ParentId', type: 'Id', relationship: { name: 'Parent', target: 'Account' } },
        { name: 'Rating', type: 'String' },
        { name: 'BillingCountry', type: 'String' },
        { name: 'Website', type: 'String' },
    ],
    Contact: [
        { name: 'FirstName', type: 'String' },
        { name: 'LastName', type: 'String' },
        { name: 'Email', type: 'String' },
        { name: 'Title', type: 'String' },
        { name: 'Department', type: 'String' },
        { name: 'AccountId', type: 'Id', relationship: { name: 'Account', target: 'Account' } },
        { name: 'ReportsToId', type: 'Id', relationship: { name: 'ReportsTo', target: 'Contact' } },
    ],
    Opportunity: [
        { name: 'AccountId', type: 'Id', relationship: { name: 'Account', target: 'Account' } },
        { name: 'StageName', type: 'String' },
        { name: 'Amount', type: 'Decimal' },
        { name: 'Probability', type: 'Decimal' },
        { name: 'CloseDate', type: 'Date' },
        { name: 'IsWon', type: 'Boolean', readOnly: true },
        { name: 'IsClosed', type: 'Boolean', readOnly: true },
        { name: 'Type', type: 'String' },
        { name: 'ExpectedRevenue', type: 'Decimal', readOnly: true },
    ],
    OpportunityLineItem: [
        {
            name: 'OpportunityId',
            type: 'Id',
            relationship: { name: 'Opportunity', target: 'Opportunity' },
        },
        { name: 'Product2Id', type: 'Id', relationship: { name: 'Product2', target: 'Product2' } },
        { name: 'Quantity', type: 'Decimal' },
        { name: 'UnitPrice', type: 'Decimal' },
        { name: 'TotalPrice', type: 'Decimal', readOnly: true },
    ],
    Task: [
        { name: 'Subject', type: 'String' },
        { name: 'Status', type: 'String' },
        { name: 'ActivityDate', type: 'Date' },
        { name: 'WhoId', type: 'Id', relationship: { name: 'Who', target: null } },
        { name: 'WhatId', type: 'Id', relationship: { name: 'What', target: null } },
        { name: 'AccountId', type: 'Id', relationship: { name: 'Account', target: 'Account' } },
        { name: 'IsClosed', type: 'Boolean', readOnly: true },
        { name: 'Type', type: 'String' },
        { name: 'TaskSubtype', type: 'String' },
        { name: 'Priority', type: 'String' },
    ],
    Event: [
        { name: 'Subject', type: 'String' },
        { name: 'ActivityDate', type: 'Date' },
        { name: 'ActivityDateTime', type: 'Datetime' },
        { name: 'StartDateTime', type: 'Datetime' },
        { name: 'EndDateTime', type: 'Datetime' },
        { name: 'WhoId', type: 'Id', relationship: { name: 'Who', target: null } },
        { name: 'WhatId', type: 'Id', relationship: { name: 'What', target: null } },
        { name: 'AccountId', type: 'Id', relationship: { name: 'Account', target: 'Account' } },
        { name: 'Type', type: 'String' },
        { name: 'EventSubtype', type: 'String' },
    ],
    User: [
        { name: 'FirstName', type: 'String' },
        { name: 'LastName', type: 'String' },
        { name: 'Email', type: 'String' },
        { name: 'Title', type: 'String' },
        { name: 'Department', type: 'String' },
        { name: 'IsActive', type: 'Boolean' },
        { name: 'ManagerId', type: 'Id', relationship: { name: 'Manager', target: 'User' } },
    ],
    Product2: [
        { name: 'ProductCode', type: 'String' },
        { name: 'Family', type: 'String' },
        { name: 'IsActive', type: 'Boolean' },
        { name: 'Description', type: 'String' },
    ],
};

const FIELD_TYPE_TO_APEX: Record<string, string> = {
    Checkbox: 'Boolean',
    Currency: 'Decimal',
    Number: 'Decimal',
    Percent: 'Decimal',
    Date: 'Date',
    DateTime: 'Datetime',
    Time: 'Time',
    Lookup: 'Id',
    MasterDetail: 'Id',
    Hierarchy: 'Id',
    Text: 'String',
    TextArea: 'String',
    LongTextArea: 'String',
    Html: 'String',
    EncryptedText: 'String',
    Picklist: 'String',
    MultiselectPicklist: 'String',
    Email: 'String',
    Phone: 'String',
    Url: 'String',
    AutoNumber: 'String',
    Summary: 'Decimal',
};

export interface FieldInfo {
    /** API name as declared. */
    name: string;
    /** Apex type of the value: String, Id, Boolean, Decimal, Integer, Double, Date, Datetime, Time … */
    apexType: string;
    /** Not writeable in Apex: system, formula, roll-up and auto-number fields. */
    readOnly: boolean;
}

export interface ParentRelationship {
    name: string;
    /** The lookup field holding the parent's Id. */
    field: string;
    /** Possible parent objects (several for polymorphic lookups such as Task.WhoId). */
    targets: string[];
}

export interface ChildRelationship {
    name: string;
    childObject: string;
    field: string;
}

/** Everything the evaluator knows about one SObject type. Keys are lower case. */
export interface SObjectTypeSchema extends SObjectTypeInfo {
    fieldInfo: Map<string, FieldInfo>;
    parents: Map<string, ParentRelationship>;
    children: Map<string, ChildRelationship>;
}

export interface SObjectSchema {
    /** Case-insensitive; a `Schema.` prefix is allowed. */
    findType(name: string): SObjectTypeSchema | undefined;
    types(): Iterable<SObjectTypeSchema>;
    /** Why a field the project declares is not modelled (its type is outside the subset). */
    fencedField?(object: string, field: string): string | undefined;
    /** Namespace mode (schema/namespace.ts): the package's namespace, or null when unpackaged. */
    packageNamespace?(): NamespaceView | null;
}

/** What the evaluator needs of schema/namespace.ts's PackageNamespace. */
export interface NamespaceView {
    readonly prefix: string;
    localName(name: string): string;
    qualify(name: string): string;
    isUnqualifiedCustom(name: string): boolean;
    fence(construct: string, name: string, why: string): Error;
}

/** The lower-case key a record stores a field under (unqualified in namespace mode). */
function fieldKey(schema: SObjectSchema, field: string): string {
    const namespace = schema.packageNamespace?.();
    return (namespace ? namespace.localName(field) : field).toLowerCase();
}

export function newTypeSchema(name: string): SObjectTypeSchema {
    return {
        name,
        fields: new Map(),
        relationships: new Map(),
        fieldInfo: new Map(),
        parents: new Map(),
        children: new Map(),
    };
}

export function addField(type: SObjectTypeSchema, info: FieldInfo): void {
    const key = info.name.toLowerCase();
    type.fields.set(key, info.name);
    type.fieldInfo.set(key, info);
}

export function addParent(type: SObjectTypeSchema, rel: ParentRelationship): void {
    const key = rel.name.toLowerCase();
    type.parents.set(key, rel);
    type.relationships.set(key, { name: rel.name, target: rel.targets[0] ?? null });
}

/** A schema held in a map (both sources build one). */
export class MapSchema implements SObjectSchema {
    readonly byName = new Map<string, SObjectTypeSchema>();
    findType(name: string): SObjectTypeSchema | undefined {
        const key = name.toLowerCase();
        return this.byName.get(key.startsWith('schema.') ? key.slice(7) : key);
    }
    types(): Iterable<SObjectTypeSchema> {
        return this.byName.values();
    }
    add(type: SObjectTypeSchema): void {
        this.byName.set(type.name.toLowerCase(), type);
    }
}

function xmlTag(xml: string, tag: string): string | null {
    const m = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml);
    return m ? (m[1] ?? '').trim() : null;
}

function addSpecs(schema: MapSchema, name: string, specs: FieldSpec[]): void {
    let type = schema.findType(name);
    if (!type) {
        type = newTypeSchema(name);
        schema.add(type);
    }
    for (const spec of specs) {
        addField(type, { name: spec.name, apexType: spec.type, readOnly: spec.readOnly ?? false });
        if (spec.relationship) {
            addParent(type, {
                name: spec.relationship.name,
                field: spec.name,
                targets: spec.relationship.target ? [spec.relationship.target] : [],
            });
        }
    }
}

/** The schema of the objects in the given `objects` folders, merged by object name. */
export function loadSObjectSchema(objectsDirs: string[]): SObjectSchema {
    const schema = new MapSchema();
    for (const [name, specs] of Object.entries(STANDARD_OBJECTS)) {
        addSpecs(schema, name, [...STANDARD_SYSTEM_FIELDS, ...specs]);
    }
    for (const objectsDir of objectsDirs) {
        if (!existsSync(objectsDir)) continue;
        for (const objectName of readdirSync(objectsDir).sort()) {
            addSpecs(schema, objectName, [
                ...STANDARD_SYSTEM_FIELDS,
                ...customFieldSpecs(join(objectsDir, objectName, 'fields')),
            ]);
        }
    }
    return schema;
}

function customFieldSpecs(fieldsDir: string): FieldSpec[] {
    const specs: FieldSpec[] = [];
    if (!existsSync(fieldsDir)) return specs;
    for (const file of readdirSync(fieldsDir).sort()) {
        if (!file.endsWith('.field-meta.xml')) continue;
        const fieldName = file.slice(0, -'.field-meta.xml'.length);
        const xml = readFileSync(join(fieldsDir, file), 'utf8');
        const xmlType = xmlTag(xml, 'type') ?? 'Text';
        const apexType = FIELD_TYPE_TO_APEX[xmlType] ?? 'Object';
        const readOnly =
            xmlTag(xml, 'formula') !== null || xmlType === 'Summary' || xmlType === 'AutoNumber';
        const spec: FieldSpec = { name: fieldName, type: apexType, readOnly };
        if (xmlType === 'Lookup' || xmlType === 'MasterDetail') {
            // the parent relationship of a custom lookup X__c is X__r (<relationshipName> names the child side)
            const relationship = fieldName.replace(/__c$/i, '__r');
            spec.relationship = { name: relationship, target: xmlTag(xml, 'referenceTo') };
        }
        specs.push(spec);
    }
    return specs;
}

/** The field is not in the org's schema; the schema may say why a declared one is fenced. */
function fieldError(schema: SObjectSchema, type: SObjectTypeInfo, field: string) {
    const reason = schema.fencedField?.(type.name, field);
    if (reason) return unsupported(`the field ${type.name}.${field}: ${reason}`);
    return unsupported(`unknown field ${type.name}.${field} (not in the org's schema)`);
}

/** The full schema of a record's type (records may carry a thinner type description). */
export function typeSchemaOf(schema: SObjectSchema, record: SObjectValue): SObjectTypeSchema {
    const t = record.type as Partial<SObjectTypeSchema>;
    if (t.fieldInfo && t.parents && t.children) return t as SObjectTypeSchema;
    const found = schema.findType(record.type.name);
    if (!found) throw unsupported(`SObject type ${record.type.name} unknown to the org's schema`);
    return found;
}

/**
 * Reads a field, a parent relationship (a nested record) or a child relationship (a list) of
 * a record. With dot notation (`rec.Flag__c`) a Boolean field that holds null reads as false,
 * as on the platform; `rec.get('Flag__c')` returns the stored null. On a row that came from
 * SOQL, a field that was not selected throws SObjectException; an unselected relationship
 * reads as null.
 */
export function readField(
    schema: SObjectSchema,
    record: SObjectValue,
    field: string,
    dotNotation: boolean,
): ApexValue {
    const key = fieldKey(schema, field);
    const stored = record.fields.get(key);
    if (record.type.name === 'AggregateResult') {
        // aggregate rows hold their aliases (expr0 …); anything else was not selected
        if (!stored)
            throw systemException('SObjectException', `Invalid field ${field} for AggregateResult`);
        return stored.value;
    }
    const type = typeSchemaOf(schema, record);
    const info = type.fieldInfo.get(key);
    if (info) {
        if (!stored) {
            if (record.queried && key !== 'id') {
                throw systemException(
                    'SObjectException',
                    `SObject row was retrieved via SOQL without querying the requested field: ${type.name}.${info.name}`,
                );
            }
            return dotNotation && info.apexType === 'Boolean' ? false : null;
        }
        if (stored.value === null && dotNotation && info.apexType === 'Boolean') return false;
        return stored.value;
    }
    if (type.parents.has(key)) return stored?.value ?? null;
    const child = type.children.get(key);
    if (child) {
        if (stored) return stored.value;
        // A record that did not come from a query has no children yet: an empty list (a
        // child list "always came from a query", so `Contact c = new Account().Contacts`
        // fails for want of a row).
        if (!record.queried) {
            const empty = new ListValue(typeRef(child.childObject), []);
            empty.fromQuery = true;
            return empty;
        }
        return null;
    }
    throw fieldError(schema, type, field);
}

/** Whether a name is a field, parent relationship or child relationship of the record's type. */
export function hasMember(schema: SObjectSchema, record: SObjectValue, name: string): boolean {
    const type = typeSchemaOf(schema, record);
    const key = fieldKey(schema, name);
    return type.fieldInfo.has(key) || type.parents.has(key) || type.children.has(key);
}

/**
 * Writes a field or relationship. Writing a read-only field is a compile error on the
 * platform (a fence error here); through put() it is System.SObjectException.
 */
export function writeField(
    schema: SObjectSchema,
    record: SObjectValue,
    field: string,
    value: ApexValue,
    dynamic = false,
): void {
    const key = fieldKey(schema, field);
    if (record.readOnly) {
        throw systemException(
            'FinalException',
            record.readOnly.message,
            record.readOnly.uncatchable ? { uncatchable: true } : null,
        );
    }
    const type = typeSchemaOf(schema, record);
    const info = type.fieldInfo.get(key);
    if (info) {
        if (info.readOnly) {
            if (dynamic)
                throw systemException('SObjectException', `Field ${info.name} is not editable`);
            throw unsupported(
                `writing the read-only field ${type.name}.${info.name} (Field is not writeable)`,
            );
        }
        storeField(record, info, value);
        return;
    }
    const rel = type.parents.get(key);
    if (rel) {
        if (value !== null && !(value instanceof SObjectValue)) {
            throw systemException('SObjectException', `Invalid relationship value for ${rel.name}`);
        }
        record.fields.set(key, { name: rel.name, value });
        return;
    }
    const child = type.children.get(key);
    if (child) {
        if (value !== null && !(value instanceof ListValue)) {
            throw systemException('SObjectException', `Invalid child relationship ${child.name}`);
        }
        record.fields.set(key, { name: child.name, value });
        return;
    }
    throw fieldError(schema, type, field);
}

const PRIMITIVE_FIELD_TYPES = new Set([
    'string',
    'id',
    'boolean',
    'integer',
    'long',
    'double',
    'decimal',
    'date',
    'datetime',
]);

/** Stores a value in a field with the field's Apex type (no read-only check: platform writes). */
export function storeField(record: SObjectValue, info: FieldInfo, value: ApexValue): void {
    const key = info.apexType.toLowerCase();
    const t: TypeRef = { key, display: info.apexType, args: [] };
    record.fields.set(info.name.toLowerCase(), {
        name: info.name,
        value: PRIMITIVE_FIELD_TYPES.has(key) ? coercePrimitive(value, t) : value,
    });
}

export function findSObjectType(
    schema: SObjectSchema,
    name: string,
): SObjectTypeSchema | undefined {
    return schema.findType(name);
}

/** What the evaluator needs of an ObjectDescribe of the org schema (schema/types.ts). */
export interface DescribedObject {
    name: string;
    fields: Map<
        string,
        {
            name: string;
            apexType: string;
            createable: boolean;
            updateable: boolean;
            calculated: boolean;
            autoNumber: boolean;
            audit: boolean;
            type: string;
            relationshipName?: string;
            referenceTo: string[];
        }
    >;
    childRelationships: Array<{
        childObject: string;
        field: string;
        relationshipName: string | null;
    }>;
}

const TYPE_SCHEMAS = new WeakMap<object, SObjectTypeSchema>();

/**
 * The evaluator's view of an object of the org schema, built once per ObjectDescribe. The
 * data layer creates records with `new SObjectValue(sobjectTypeOf(describe))`.
 * Read-only in Apex: formula, roll-up, auto-number, audit and platform-derived fields
 * (calculated, or neither createable nor updateable), except Id.
 */
export function sobjectTypeOf(describe: DescribedObject): SObjectTypeSchema {
    let type = TYPE_SCHEMAS.get(describe);
    if (type) return type;
    type = newTypeSchema(describe.name);
    for (const f of describe.fields.values()) {
        const readOnly =
            f.name.toLowerCase() !== 'id' &&
            (f.calculated || f.autoNumber || f.audit || (!f.createable && !f.updateable));
        addField(type, { name: f.name, apexType: f.apexType, readOnly });
        if (f.type === 'REFERENCE' && f.relationshipName) {
            addParent(type, { name: f.relationshipName, field: f.name, targets: f.referenceTo });
        }
    }
    for (const c of describe.childRelationships) {
        if (!c.relationshipName) continue;
        type.children.set(c.relationshipName.toLowerCase(), {
            name: c.relationshipName,
            childObject: c.childObject,
            field: c.field,
        });
    }
    TYPE_SCHEMAS.set(describe, type);
    return type;
}

/** An SObjectSchema over the org schema's objects (types built lazily, once). */
export class DescribedSchema implements SObjectSchema {
    constructor(
        private readonly lookup: (name: string) => DescribedObject | undefined,
        private readonly all: () => DescribedObject[],
        readonly fencedField?: (object: string, field: string) => string | undefined,
        private readonly namespace?: () => NamespaceView | null,
    ) {}
    packageNamespace(): NamespaceView | null {
        return this.namespace?.() ?? null;
    }
    findType(name: string): SObjectTypeSchema | undefined {
        const d = this.lookup(name);
        return d ? sobjectTypeOf(d) : undefined;
    }
    types(): Iterable<SObjectTypeSchema> {
        return this.all().map(sobjectTypeOf);
    }
}
