// Building FieldDescribes: one constructor for standard and custom fields, so both carry the
// same defaults (createable, nillable, permissionable …) and differ only where stated.
import type { ApexFieldType, DisplayType, FieldDescribe, PicklistEntry } from './types.ts';

export const APEX_TYPE_OF: Record<DisplayType, ApexFieldType> = {
    ID: 'Id',
    REFERENCE: 'Id',
    STRING: 'String',
    TEXTAREA: 'String',
    PICKLIST: 'String',
    MULTIPICKLIST: 'String',
    COMBOBOX: 'String',
    EMAIL: 'String',
    PHONE: 'String',
    URL: 'String',
    ENCRYPTEDSTRING: 'String',
    BOOLEAN: 'Boolean',
    CURRENCY: 'Decimal',
    DOUBLE: 'Decimal',
    PERCENT: 'Decimal',
    INTEGER: 'Integer',
    LONG: 'Long',
    DATE: 'Date',
    DATETIME: 'Datetime',
    TIME: 'Time',
    BASE64: 'Blob',
};

export interface FieldOptions {
    label?: string;
    length?: number;
    precision?: number;
    scale?: number;
    digits?: number;
    custom?: boolean;
    required?: boolean;
    /** Computed by the platform or a formula: not createable, not updateable. */
    calculated?: boolean;
    createable?: boolean;
    updateable?: boolean;
    autoNumber?: boolean;
    autoNumberFormat?: string;
    autoNumberStart?: number;
    formula?: string;
    formulaTreatBlanksAsZero?: boolean;
    defaultValueFormula?: string;
    /** The platform fills the field on create when it is blank (OwnerId, Task.Status …). */
    defaultedOnCreate?: boolean;
    unique?: boolean;
    caseSensitive?: boolean;
    externalId?: boolean;
    nameField?: boolean;
    picklistValues?: PicklistEntry[];
    restrictedPicklist?: boolean;
    referenceTo?: string[];
    relationshipName?: string;
    childRelationshipName?: string;
    masterDetail?: boolean;
    reparentable?: boolean;
    cascadeDelete?: boolean;
    restrictedDelete?: boolean;
    writeRequiresMasterRead?: boolean;
    permissionable?: boolean;
    audit?: boolean;
    inlineHelpText?: string;
}

/** "AccountId" → "Account ID", "LastModifiedDate" → "Last Modified Date". */
export function labelFromName(name: string): string {
    const base = name.replace(/__c$/i, '');
    const words = base
        .replace(/Id$/, ' ID')
        .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
        .replace(/_/g, ' ');
    return words.trim();
}

export function makeField(
    name: string,
    type: DisplayType,
    options: FieldOptions = {},
): FieldDescribe {
    const calculated = options.calculated ?? options.formula !== undefined;
    const autoNumber = options.autoNumber ?? false;
    const required = options.required ?? false;
    const createable = options.createable ?? !(calculated || autoNumber);
    const updateable = options.updateable ?? !(calculated || autoNumber);
    const isBoolean = type === 'BOOLEAN';
    const defaulted =
        options.defaultedOnCreate ??
        (isBoolean || autoNumber || options.defaultValueFormula !== undefined);
    const masterDetail = options.masterDetail ?? false;
    return {
        name,
        label: options.label ?? labelFromName(name),
        type,
        apexType: APEX_TYPE_OF[type],
        length: options.length ?? defaultLength(type),
        precision: options.precision ?? 0,
        scale: options.scale ?? 0,
        digits: options.digits ?? (type === 'INTEGER' ? 9 : 0),
        custom: options.custom ?? false,
        required: required || masterDetail,
        // Checkboxes are never null; required fields are not nillable either.
        nillable: !(isBoolean || required || masterDetail || type === 'ID'),
        defaultedOnCreate: defaulted,
        createable,
        updateable: updateable && !(masterDetail && options.reparentable === false),
        calculated,
        autoNumber,
        autoNumberFormat: options.autoNumberFormat,
        autoNumberStart: options.autoNumberStart,
        formula: options.formula,
        formulaTreatBlanksAsZero: options.formulaTreatBlanksAsZero ?? false,
        defaultValueFormula: options.defaultValueFormula,
        unique: options.unique ?? false,
        caseSensitive: options.caseSensitive ?? false,
        externalId: options.externalId ?? false,
        nameField: options.nameField ?? false,
        picklistValues: options.picklistValues ?? [],
        restrictedPicklist: options.restrictedPicklist ?? false,
        referenceTo: options.referenceTo ?? [],
        relationshipName: options.relationshipName,
        childRelationshipName: options.childRelationshipName,
        masterDetail,
        reparentable: options.reparentable ?? !masterDetail,
        cascadeDelete: options.cascadeDelete ?? masterDetail,
        restrictedDelete: options.restrictedDelete ?? false,
        writeRequiresMasterRead: options.writeRequiresMasterRead ?? false,
        permissionable:
            options.permissionable ??
            !(required || masterDetail || type === 'ID' || (options.audit ?? false)),
        audit: options.audit ?? false,
        inlineHelpText: options.inlineHelpText,
    };
}

function defaultLength(type: DisplayType): number {
    switch (type) {
        case 'ID':
        case 'REFERENCE':
            return 18;
        case 'STRING':
        case 'COMBOBOX':
        case 'URL':
        case 'PICKLIST':
            return 255;
        case 'MULTIPICKLIST':
            return 4099;
        case 'TEXTAREA':
            return 32000;
        case 'EMAIL':
            return 80;
        case 'PHONE':
            return 40;
        case 'ENCRYPTEDSTRING':
            return 175;
        default:
            return 0;
    }
}

/** Picklist entries from plain values; `defaultValue` marks the default one. */
export function picklist(values: string[], defaultValue?: string): PicklistEntry[] {
    return values.map((v) => ({
        value: v,
        label: v,
        active: true,
        defaultValue: v === defaultValue,
    }));
}
