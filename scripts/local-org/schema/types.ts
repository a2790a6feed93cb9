import type { PackageNamespace } from './namespace.ts';
// The org schema: objects, fields, relationships and rules, shaped after what
// Schema.DescribeSObjectResult and Schema.DescribeFieldResult report.

/** Schema.DisplayType names. */
export type DisplayType =
    | 'ID'
    | 'STRING'
    | 'TEXTAREA'
    | 'PICKLIST'
    | 'MULTIPICKLIST'
    | 'COMBOBOX'
    | 'BOOLEAN'
    | 'CURRENCY'
    | 'DOUBLE'
    | 'PERCENT'
    | 'INTEGER'
    | 'LONG'
    | 'DATE'
    | 'DATETIME'
    | 'TIME'
    | 'REFERENCE'
    | 'EMAIL'
    | 'PHONE'
    | 'URL'
    | 'ENCRYPTEDSTRING'
    | 'BASE64';

/** The Apex type a field's value has. */
export type ApexFieldType =
    | 'Id'
    | 'String'
    | 'Boolean'
    | 'Decimal'
    | 'Integer'
    | 'Long'
    | 'Double'
    | 'Date'
    | 'Datetime'
    | 'Time'
    | 'Blob';

export interface PicklistEntry {
    value: string;
    label: string;
    active: boolean;
    defaultValue: boolean;
}

/** `summaryFilterItems` of a roll-up summary field. */
export interface RollupFilter {
    field: string; // API name on the child object
    operation: string; // equals, notEqual, lessThan, greaterThan, lessOrEqual, greaterOrEqual, contains, notContain, startsWith, includes, excludes
    value: string;
}

export interface RollupSummary {
    operation: 'count' | 'sum' | 'min' | 'max';
    childObject: string;
    /** Lookup / master-detail field on the child that points at this object. */
    foreignKey: string;
    /** Summarised child field (absent for count). */
    summarizedField: string | null;
    filters: RollupFilter[];
    filterFormula: string | null;
}

export interface FieldDescribe {
    name: string;
    label: string;
    type: DisplayType;
    apexType: ApexFieldType;
    /** Characters for text fields, 0 otherwise. */
    length: number;
    /** Total digits (numbers), 0 otherwise. */
    precision: number;
    scale: number;
    /** INTEGER fields: digits. */
    digits: number;
    custom: boolean;
    /** The metadata `required` flag (or a standard field the API requires on create). */
    required: boolean;
    nillable: boolean;
    defaultedOnCreate: boolean;
    createable: boolean;
    updateable: boolean;
    /** Formula, roll-up summary or a platform-derived field (Contact.Name, Opportunity.IsWon …). */
    calculated: boolean;
    autoNumber: boolean;
    /** `{000000}` style display format of an auto-number field. */
    autoNumberFormat?: string;
    autoNumberStart?: number;
    formula?: string;
    formulaTreatBlanksAsZero: boolean;
    /** `<defaultValue>` text: a formula expression (literals are formulas too). */
    defaultValueFormula?: string;
    unique: boolean;
    caseSensitive: boolean;
    externalId: boolean;
    /** The name field of the object (`Name`, or the compound name of Contact/User/Lead). */
    nameField: boolean;
    picklistValues: PicklistEntry[];
    restrictedPicklist: boolean;
    /** Reference fields: the objects it may point to (several for polymorphic fields). */
    referenceTo: string[];
    /** Parent relationship name (`Account`, `Owner`, `Account__r`). */
    relationshipName?: string;
    /** The name of the child relationship on the parent (`Contacts`, `Risks__r`). */
    childRelationshipName?: string;
    masterDetail: boolean;
    reparentable: boolean;
    cascadeDelete: boolean;
    restrictedDelete: boolean;
    writeRequiresMasterRead: boolean;
    /** Whether field-level security applies (false for Id, audit fields, required and master-detail fields). */
    permissionable: boolean;
    /** Platform audit field (CreatedDate, LastModifiedById …). */
    audit: boolean;
    rollup?: RollupSummary;
    inlineHelpText?: string;
}

export interface ChildRelationship {
    childObject: string;
    field: string;
    relationshipName: string | null;
    cascadeDelete: boolean;
    restrictedDelete: boolean;
}

export interface ValidationRuleDef {
    name: string;
    active: boolean;
    formula: string;
    errorMessage: string;
    errorDisplayField: string | null;
}

export type SharingModel =
    | 'Private'
    | 'Read'
    | 'ReadWrite'
    | 'ReadWriteTransfer'
    | 'FullAccess'
    | 'ControlledByParent'
    | 'None';

export interface ObjectDescribe {
    name: string;
    label: string;
    labelPlural: string;
    /** Three-character key prefix; null for virtual objects (UserRecordAccess, Name). */
    keyPrefix: string | null;
    custom: boolean;
    isCustomMetadata: boolean;
    isCustomSetting: boolean;
    /** DML on a setup object and on a non-setup object in one transaction is MIXED_DML_OPERATION. */
    isSetupObject: boolean;
    /** Visible to test code without SeeAllData (setup and metadata objects). */
    visibleInTests: boolean;
    /** Rows are computed on query, never stored (UserRecordAccess, Name). */
    virtual: boolean;
    queryable: boolean;
    createable: boolean;
    updateable: boolean;
    deletable: boolean;
    undeletable: boolean;
    /** Deleted rows go to the recycle bin (IsDeleted, ALL ROWS, undelete). */
    hasRecycleBin: boolean;
    sharingModel: SharingModel;
    fields: Map<string, FieldDescribe>;
    relationships: Map<string, FieldDescribe>;
    childRelationships: ChildRelationship[];
    validationRules: ValidationRuleDef[];
    /** API name of the name field, or null. */
    nameField: string | null;
    /** Tasks and Events may point at it through WhatId (custom objects with enableActivities). */
    activitiesEnabled: boolean;
    /** Apex sharing reasons (`sharingReasons` folder): API names such as `AccountTeam__c`. */
    sharingReasons: string[];
    /** The object's share object (`Project__Share`, `AccountShare`), when it has one. */
    shareObject: string | null;
    /** On a share object: what it shares and through which fields. */
    shareOf: ShareObjectInfo | null;
}

/**
 * A share object's shape (Apex Developer Guide: "Sharing a Record Using Apex"; Object
 * Reference: AccountShare, OpportunityShare): the record it points at, the access level
 * field, and (AccountShare) the access it gives to the account's children.
 */
export interface ShareObjectInfo {
    /** The object whose records the rows share. */
    parent: string;
    /** ParentId, AccountId or OpportunityId. */
    parentField: string;
    /** AccessLevel, AccountAccessLevel or OpportunityAccessLevel. */
    accessField: string;
    /** AccountShare: child object → the field holding the access to the account's children of it. */
    childAccessFields: Record<string, string>;
}

/** A custom metadata record read from a `customMetadata` folder. */
export interface CustomMetadataRecord {
    type: string;
    developerName: string;
    label: string;
    protected: boolean;
    /** Field API name → value (strings, numbers as decimal text, booleans). */
    values: Map<string, CustomMetadataValue>;
    file: string;
}

export type CustomMetadataValue =
    | { kind: 'null' }
    | { kind: 'string'; value: string }
    | { kind: 'number'; value: string }
    | { kind: 'boolean'; value: boolean }
    | { kind: 'date'; value: string }
    | { kind: 'datetime'; value: string };

export interface OrgSchema {
    /** Namespace mode (schema/namespace.ts): the package's prefix, or null (unpackaged). */
    readonly namespace: PackageNamespace | null;
    /** Turns namespace mode on: qualified names (`kstn__Foo__c`) resolve too. */
    applyNamespace(namespace: PackageNamespace): void;
    /** Case-insensitive; a `Schema.` prefix is allowed. */
    object(name: string): ObjectDescribe | undefined;
    /** The object, or an UnsupportedError naming it. */
    require(name: string): ObjectDescribe;
    byKeyPrefix(prefix: string): ObjectDescribe | undefined;
    objects(): ObjectDescribe[];
    customMetadataRecords(type: string): CustomMetadataRecord[];
    /** Why a field the project declares is not modelled (a type outside the subset), or undefined. */
    fencedField(object: string, field: string): string | undefined;
    /** The project's root folder. */
    readonly projectRoot: string;
    /**
     * The internal org-wide default of an object: the object's sharing model, or the one the
     * project declares for a standard object outside the catalogue (Case in an unpackaged
     * directory); undefined when neither says.
     */
    orgWideDefault(object: string): SharingModel | undefined;
}
