// In-memory SObject records and their schema: custom objects and fields come from
// force-app/main/default/objects/<Object>/fields/<Field>.field-meta.xml; standard
// objects and fields come from the explicit list below.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { unsupported } from "./errors.ts";
import { systemException } from "./exceptions.ts";
import { coercePrimitive } from "./coerce.ts";
import { SObjectValue } from "./values.ts";
import type { ApexValue, SObjectTypeInfo, TypeRef } from "./values.ts";

interface FieldSpec {
  name: string;
  type: string; // Apex primitive type name, or "Id"
  relationship?: { name: string; target: string | null };
}

const STANDARD_SYSTEM_FIELDS: FieldSpec[] = [
  { name: "Id", type: "Id" },
  { name: "Name", type: "String" },
  { name: "OwnerId", type: "Id", relationship: { name: "Owner", target: "User" } },
  { name: "CreatedDate", type: "Datetime" },
  { name: "CreatedById", type: "Id", relationship: { name: "CreatedBy", target: "User" } },
  { name: "LastModifiedDate", type: "Datetime" },
  {
    name: "LastModifiedById",
    type: "Id",
    relationship: { name: "LastModifiedBy", target: "User" },
  },
  { name: "SystemModstamp", type: "Datetime" },
  { name: "IsDeleted", type: "Boolean" },
];

/** Standard objects and the standard fields the interpreter knows (explicit list). */
const STANDARD_OBJECTS: Record<string, FieldSpec[]> = {
  Account: [
    { name: "Type", type: "String" },
    { name: "Industry", type: "String" },
    { name: "AnnualRevenue", type: "Decimal" },
    { name: "NumberOfEmployees", type: "Integer" },
    { name: "ParentId", type: "Id", relationship: { name: "Parent", target: "Account" } },
    { name: "Rating", type: "String" },
    { name: "BillingCountry", type: "String" },
    { name: "Website", type: "String" },
  ],
  Contact: [
    { name: "FirstName", type: "String" },
    { name: "LastName", type: "String" },
    { name: "Email", type: "String" },
    { name: "Title", type: "String" },
    { name: "Department", type: "String" },
    { name: "AccountId", type: "Id", relationship: { name: "Account", target: "Account" } },
    { name: "ReportsToId", type: "Id", relationship: { name: "ReportsTo", target: "Contact" } },
  ],
  Opportunity: [
    { name: "AccountId", type: "Id", relationship: { name: "Account", target: "Account" } },
    { name: "StageName", type: "String" },
    { name: "Amount", type: "Decimal" },
    { name: "Probability", type: "Decimal" },
    { name: "CloseDate", type: "Date" },
    { name: "IsWon", type: "Boolean" },
    { name: "IsClosed", type: "Boolean" },
    { name: "Type", type: "String" },
    { name: "ExpectedRevenue", type: "Decimal" },
  ],
  OpportunityLineItem: [
    { name: "OpportunityId", type: "Id", relationship: { name: "Opportunity", target: "Opportunity" } },
    { name: "Product2Id", type: "Id", relationship: { name: "Product2", target: "Product2" } },
    { name: "Quantity", type: "Decimal" },
    { name: "UnitPrice", type: "Decimal" },
    { name: "TotalPrice", type: "Decimal" },
  ],
  Task: [
    { name: "Subject", type: "String" },
    { name: "Status", type: "String" },
    { name: "ActivityDate", type: "Date" },
    { name: "WhoId", type: "Id", relationship: { name: "Who", target: null } },
    { name: "WhatId", type: "Id", relationship: { name: "What", target: null } },
    { name: "AccountId", type: "Id", relationship: { name: "Account", target: "Account" } },
    { name: "IsClosed", type: "Boolean" },
    { name: "Type", type: "String" },
    { name: "TaskSubtype", type: "String" },
    { name: "Priority", type: "String" },
  ],
  Event: [
    { name: "Subject", type: "String" },
    { name: "ActivityDate", type: "Date" },
    { name: "ActivityDateTime", type: "Datetime" },
    { name: "StartDateTime", type: "Datetime" },
    { name: "EndDateTime", type: "Datetime" },
    { name: "WhoId", type: "Id", relationship: { name: "Who", target: null } },
    { name: "WhatId", type: "Id", relationship: { name: "What", target: null } },
    { name: "AccountId", type: "Id", relationship: { name: "Account", target: "Account" } },
    { name: "Type", type: "String" },
    { name: "EventSubtype", type: "String" },
  ],
  User: [
    { name: "FirstName", type: "String" },
    { name: "LastName", type: "String" },
    { name: "Email", type: "String" },
    { name: "Title", type: "String" },
    { name: "Department", type: "String" },
    { name: "IsActive", type: "Boolean" },
    { name: "ManagerId", type: "Id", relationship: { name: "Manager", target: "User" } },
  ],
  Product2: [
    { name: "ProductCode", type: "String" },
    { name: "Family", type: "String" },
    { name: "IsActive", type: "Boolean" },
    { name: "Description", type: "String" },
  ],
};

const FIELD_TYPE_TO_APEX: Record<string, string> = {
  Checkbox: "Boolean",
  Currency: "Decimal",
  Number: "Decimal",
  Percent: "Decimal",
  Date: "Date",
  DateTime: "Datetime",
  Lookup: "Id",
  MasterDetail: "Id",
  Text: "String",
  TextArea: "String",
  LongTextArea: "String",
  Html: "String",
  Picklist: "String",
  MultiselectPicklist: "String",
  Email: "String",
  Phone: "String",
  Url: "String",
  AutoNumber: "String",
};

export interface SObjectSchema {
  types: Map<string, SObjectTypeInfo>; // lower-case object name
  fieldTypes: Map<string, Map<string, string>>; // object -> lower field -> Apex type name
}

function xmlTag(xml: string, tag: string): string | null {
  const m = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml);
  return m ? (m[1] ?? "").trim() : null;
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
    if (spec.relationship) {
      info.relationships.set(spec.relationship.name.toLowerCase(), spec.relationship);
    }
  }
  return info;
}

export function loadSObjectSchema(objectsDir: string): SObjectSchema {
  const schema: SObjectSchema = { types: new Map(), fieldTypes: new Map() };
  for (const [name, specs] of Object.entries(STANDARD_OBJECTS)) {
    addType(schema, name, [...STANDARD_SYSTEM_FIELDS, ...specs]);
  }
  if (!existsSync(objectsDir)) return schema;
  for (const objectName of readdirSync(objectsDir).sort()) {
    const specs: FieldSpec[] = [...STANDARD_SYSTEM_FIELDS];
    const fieldsDir = join(objectsDir, objectName, "fields");
    if (existsSync(fieldsDir)) {
      for (const file of readdirSync(fieldsDir).sort()) {
        if (!file.endsWith(".field-meta.xml")) continue;
        const fieldName = file.slice(0, -".field-meta.xml".length);
        const xml = readFileSync(join(fieldsDir, file), "utf8");
        const xmlType = xmlTag(xml, "type") ?? "Text";
        const apexType = FIELD_TYPE_TO_APEX[xmlType] ?? "Object";
        const spec: FieldSpec = { name: fieldName, type: apexType };
        const relName = xmlTag(xml, "relationshipName");
        if ((xmlType === "Lookup" || xmlType === "MasterDetail") && relName) {
          const relationship = fieldName.endsWith("__c") ? `${relName}__r` : relName;
          spec.relationship = { name: relationship, target: xmlTag(xml, "referenceTo") };
        }
        specs.push(spec);
      }
    }
    addType(schema, objectName, specs);
  }
  return schema;
}

function fieldError(type: SObjectTypeInfo, field: string) {
  return unsupported(`unknown field ${type.name}.${field} (not in objects/ nor the standard field list)`);
}

/** Reads a field or a parent relationship (a nested record) of an in-memory record. */
export function readField(record: SObjectValue, field: string): ApexValue {
  const key = field.toLowerCase();
  if (record.type.fields.has(key) || record.type.relationships.has(key)) {
    return record.fields.get(key)?.value ?? null;
  }
  throw fieldError(record.type, field);
}

export function writeField(schema: SObjectSchema, record: SObjectValue, field: string, value: ApexValue): void {
  const key = field.toLowerCase();
  const apiName = record.type.fields.get(key);
  if (apiName !== undefined) {
    const apexType = schema.fieldTypes.get(record.type.name.toLowerCase())?.get(key) ?? "Object";
    const t: TypeRef = { key: apexType.toLowerCase(), display: apexType, args: [] };
    record.fields.set(key, { name: apiName, value: coercePrimitive(value, t) });
    return;
  }
  const rel = record.type.relationships.get(key);
  if (rel) {
    if (value !== null && !(value instanceof SObjectValue)) {
      throw systemException("SObjectException", `Invalid relationship value for ${rel.name}`);
    }
    record.fields.set(key, { name: rel.name, value });
    return;
  }
  throw fieldError(record.type, field);
}

export function findSObjectType(schema: SObjectSchema, name: string): SObjectTypeInfo | undefined {
  const key = name.toLowerCase().replace(/^schema\./, "");
  return schema.types.get(key);
}
