// In-memory SObject records and their schema: custom objects and fields come from
// <objects folder>/<Object>/fields/<Field>.field-meta.xml in every feature; standard
// objects and fields come from the explicit list below.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { unsupported } from './errors.ts';
import { systemException } from './exceptions.ts';
import { coercePrimitive } from './coerce.ts';
import { SObjectValue } from './values.ts';
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
    Lookup: 'Id',
    MasterDetail: 'Id',
    Text: 'String',
    TextArea: 'String',
    LongTextArea: 'String',
    Html: 'String',
    Picklist: 'String',
    MultiselectPicklist: 'String',
    Email: 'String',
    Phone: 'String',
    Url: 'String',
    AutoNumber: 'String',
    Summary: 'Decimal',
};

export interface SObjectSchema {
    types: Map<string, SObjectTypeInfo>; // lower-case object name
    fieldTypes: Map<string, Map<string, string>>; // object -> lower field -> Apex type name
    readOnly: Set<string>; // "object.field", lower case
}

function xmlTag(xml: string, tag: string): string | null {
    const m = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml);
    return m ? (m[1] ?? '').trim() : null;
}

function addType(schema: SObjectSchema, name: string, specs: FieldSpec[]): SObjectTypeInfo {
    const key = name.toLowerCase();
    let info = schema.types.get(key);
    if (!info) {
        info = { name, fields: new Map(), relationships: new Map() };
        schema.types.set(key, info);
        schema.fieldTypes.set(key, new Map());
    }
    const types = schema.fieldTypes.get(key) as Map<string, string>;
    for (const spec of specs) {
        info.fields.set(spec.name.toLowerCase(), spec.name);
        types.set(spec.name.toLowerCase(), spec.type);
        if (spec.readOnly) schema.readOnly.add(`${key}.${spec.name.toLowerCase()}`);
        if (spec.relationship) {
            info.relationships.set(spec.relationship.name.toLowerCase(), spec.relationship);
        }
    }
    return info;
}

/** The schema of the objects in the given `objects` folders, merged by object name. */
export function loadSObjectSchema(objectsDirs: string[]): SObjectSchema {
    const schema: SObjectSchema = { types: new Map(), fieldTypes: new Map(), readOnly: new Set() };
    for (const [name, specs] of Object.entries(STANDARD_OBJECTS)) {
        addType(schema, name, [...STANDARD_SYSTEM_FIELDS, ...specs]);
    }
    for (const objectsDir of objectsDirs) {
        if (!existsSync(objectsDir)) continue;
        for (const objectName of readdirSync(objectsDir).sort()) {
            addType(schema, objectName, [
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

function fieldError(type: SObjectTypeInfo, field: string) {
    return unsupported(
        `unknown field ${type.name}.${field} (not in objects/ nor the standard field list)`,
    );
}

/**
 * Reads a field or a parent relationship (a nested record) of an in-memory record.
 * With dot notation (`rec.Flag__c`) a Boolean field that holds null reads as false, as on
 * the platform; `rec.get('Flag__c')` returns the stored null.
 */
export function readField(
    schema: SObjectSchema,
    record: SObjectValue,
    field: string,
    dotNotation: boolean,
): ApexValue {
    const key = field.toLowerCase();
    if (record.type.fields.has(key) || record.type.relationships.has(key)) {
        const value = record.fields.get(key)?.value ?? null;
        if (value === null && dotNotation && fieldApexType(schema, record, key) === 'Boolean')
            return false;
        return value;
    }
    throw fieldError(record.type, field);
}

function fieldApexType(schema: SObjectSchema, record: SObjectValue, key: string): string {
    return schema.fieldTypes.get(record.type.name.toLowerCase())?.get(key) ?? 'Object';
}

/**
 * Writes a field or parent relationship. Writing a read-only field is a compile error on the
 * platform (a fence error here); through put() it is System.SObjectException.
 */
export function writeField(
    schema: SObjectSchema,
    record: SObjectValue,
    field: string,
    value: ApexValue,
    dynamic = false,
): void {
    const key = field.toLowerCase();
    const apiName = record.type.fields.get(key);
    if (apiName !== undefined) {
        if (schema.readOnly.has(`${record.type.name.toLowerCase()}.${key}`)) {
            if (dynamic)
                throw systemException('SObjectException', `Field ${apiName} is not editable`);
            throw unsupported(
                `writing the read-only field ${record.type.name}.${apiName} (Field is not writeable)`,
            );
        }
        const apexType = fieldApexType(schema, record, key);
        const t: TypeRef = { key: apexType.toLowerCase(), display: apexType, args: [] };
        record.fields.set(key, { name: apiName, value: coercePrimitive(value, t) });
        return;
    }
    const rel = record.type.relationships.get(key);
    if (rel) {
        if (value !== null && !(value instanceof SObjectValue)) {
            throw systemException('SObjectException', `Invalid relationship value for ${rel.name}`);
        }
        record.fields.set(key, { name: rel.name, value });
        return;
    }
    throw fieldError(record.type, field);
}

export function findSObjectType(schema: SObjectSchema, name: string): SObjectTypeInfo | undefined {
    const key = name.toLowerCase().replace(/^schema\./, '');
    return schema.types.get(key);
}
