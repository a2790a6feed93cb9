// describeGlobal (GET …/sobjects) and sObject Describe (GET …/sobjects/X/describe) in the REST
// API's shapes, from the local org's schema and seen by the session's user: objects they cannot
// read are left out, fields they cannot read are left out, and createable / updateable /
// deletable follow their object and field permissions (REST API Developer Guide: Describe
// Global, sObject Describe; SOAP API: DescribeSObjectResult, Field).
import type { ChildRelationship, FieldDescribe, ObjectDescribe } from '../schema/types.ts';
import type { LocalOrg } from '../runtime/org.ts';
import { notFound } from './errors.ts';
import type { JsonRecord } from './records.ts';

/** Field.type as the REST API spells it (DisplayType in lower case, INTEGER as `int`). */
export function restFieldType(field: FieldDescribe): string {
    return field.type === 'INTEGER' ? 'int' : field.type.toLowerCase();
}

const SOAP_TYPES: Record<string, string> = {
    ID: 'tns:ID',
    REFERENCE: 'tns:ID',
    BOOLEAN: 'xsd:boolean',
    CURRENCY: 'xsd:double',
    DOUBLE: 'xsd:double',
    PERCENT: 'xsd:double',
    INTEGER: 'xsd:int',
    LONG: 'xsd:long',
    DATE: 'xsd:date',
    DATETIME: 'xsd:dateTime',
    TIME: 'xsd:time',
    BASE64: 'xsd:base64Binary',
};

/** The record type every object has when it has no other (DescribeSObjectResult.recordTypeInfos). */
const MASTER_RECORD_TYPE_ID = '012000000000000AAA';

export class Describer {
    constructor(
        private readonly org: LocalOrg,
        private readonly userId: string,
        private readonly version: string,
    ) {}

    private canRead(object: ObjectDescribe): boolean {
        return (
            object.queryable &&
            this.org.data.security.canAccessObject(this.userId, object.name, 'read')
        );
    }

    private can(object: ObjectDescribe, access: 'create' | 'edit' | 'delete'): boolean {
        return this.org.data.security.canAccessObject(this.userId, object.name, access);
    }

    /** The object for a describe URL, or 404 when it does not exist or the user cannot read it. */
    readable(name: string): ObjectDescribe {
        const object = this.org.data.schema.object(name);
        if (!object || object.name.toLowerCase() !== name.toLowerCase() || !this.canRead(object))
            throw notFound();
        return object;
    }

    private urls(object: ObjectDescribe): JsonRecord {
        const base = `/services/data/v${this.version}/sobjects/${object.name}`;
        return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
    }

    /** The object's entry of describeGlobal (also `objectDescribe` of sObject Basic Information). */
    summary(object: ObjectDescribe): JsonRecord {
        return {
            activateable: false,
            createable: this.can(object, 'create'),
            custom: object.custom,
            customSetting: object.isCustomSetting,
            deletable: this.can(object, 'delete'),
            deprecatedAndHidden: false,
            feedEnabled: false,
            hasSubtypes: false,
            isInterface: false,
            isSubtype: false,
            keyPrefix: object.keyPrefix,
            label: object.label,
            labelPlural: object.labelPlural,
            layoutable: !object.isSetupObject && !object.isCustomMetadata && !object.virtual,
            mergeable: false,
            mruEnabled: false,
            name: object.name,
            queryable: object.queryable,
            replicateable: !object.virtual,
            retrieveable: !object.virtual,
            searchable: false,
            triggerable: !object.virtual && !object.isCustomMetadata,
            undeletable: object.undeletable && this.can(object, 'delete'),
            updateable: this.can(object, 'edit'),
            urls: this.urls(object),
        };
    }

    global(): JsonRecord {
        const sobjects = this.org.data.schema
            .objects()
            .filter((object) => this.canRead(object))
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((object) => this.summary(object));
        return { encoding: 'UTF-8', maxBatchSize: 200, sobjects };
    }

    object(object: ObjectDescribe): JsonRecord {
        const security = this.org.data.security;
        const fields = [...object.fields.values()]
            .filter((field) =>
                security.canAccessField(this.userId, object.name, field.name, 'read'),
            )
            .map((field) => this.field(object, field));
        return {
            ...this.summary(object),
            actionOverrides: [],
            childRelationships: object.childRelationships.map(childRelationship),
            compactLayoutable: false,
            defaultImplementation: null,
            extendedBy: null,
            extendsInterfaces: null,
            fields,
            implementedBy: null,
            implementsInterfaces: null,
            listviewable: null,
            lookupLayoutable: null,
            namedLayoutInfos: [],
            networkScopeFieldName: null,
            recordTypeInfos: [
                {
                    active: true,
                    available: true,
                    defaultRecordTypeMapping: true,
                    developerName: 'Master',
                    master: true,
                    name: 'Master',
                    recordTypeId: MASTER_RECORD_TYPE_ID,
                    urls: {},
                },
            ],
            searchLayoutable: false,
            sobjectDescribeOption: 'FULL',
            supportedScopes: [],
        };
    }

    private field(object: ObjectDescribe, field: FieldDescribe): JsonRecord {
        const security = this.org.data.security;
        const editable = security.canAccessField(this.userId, object.name, field.name, 'edit');
        const textual = [
            'STRING',
            'TEXTAREA',
            'EMAIL',
            'PHONE',
            'URL',
            'PICKLIST',
            'MULTIPICKLIST',
            'COMBOBOX',
            'ENCRYPTEDSTRING',
        ].includes(field.type);
        return {
            aggregatable: field.type !== 'TEXTAREA' && field.type !== 'MULTIPICKLIST',
            autoNumber: field.autoNumber,
            byteLength: textual
                ? field.length * 3
                : field.type === 'ID' || field.type === 'REFERENCE'
                  ? 18
                  : 0,
            calculated: field.calculated,
            calculatedFormula: field.formula ?? null,
            cascadeDelete: field.cascadeDelete,
            caseSensitive: field.caseSensitive,
            compoundFieldName: null,
            controllerName: null,
            createable: field.createable && editable && this.can(object, 'create'),
            custom: field.custom,
            defaultValue: null,
            defaultValueFormula: field.defaultValueFormula ?? null,
            defaultedOnCreate: field.defaultedOnCreate,
            dependentPicklist: false,
            deprecatedAndHidden: false,
            digits: field.digits,
            displayLocationInDecimal: false,
            encrypted: false,
            externalId: field.externalId,
            extraTypeInfo: null,
            filterable: field.type !== 'TEXTAREA',
            filteredLookupInfo: null,
            groupable: ![
                'TEXTAREA',
                'CURRENCY',
                'DOUBLE',
                'PERCENT',
                'DATETIME',
                'MULTIPICKLIST',
            ].includes(field.type),
            highScaleNumber: false,
            htmlFormatted: false,
            idLookup: field.type === 'ID' || field.externalId || (field.unique && textual),
            inlineHelpText: field.inlineHelpText ?? null,
            label: field.label,
            length: textual ? field.length : 0,
            mask: null,
            maskType: null,
            name: field.name,
            nameField: field.nameField,
            namePointing: field.referenceTo.length > 1,
            nillable: field.nillable,
            permissionable: field.permissionable,
            picklistValues: field.picklistValues.map((entry) => ({
                active: entry.active,
                defaultValue: entry.defaultValue,
                label: entry.label,
                validFor: null,
                value: entry.value,
            })),
            polymorphicForeignKey: field.referenceTo.length > 1,
            precision: field.precision,
            queryByDistance: false,
            referenceTargetField: null,
            referenceTo: [...field.referenceTo],
            relationshipName: field.relationshipName ?? null,
            relationshipOrder: field.masterDetail ? 0 : null,
            restrictedDelete: field.restrictedDelete,
            restrictedPicklist: field.restrictedPicklist,
            scale: field.scale,
            searchPrefilterable: false,
            soapType: SOAP_TYPES[field.type] ?? 'xsd:string',
            sortable: field.type !== 'TEXTAREA' && field.type !== 'MULTIPICKLIST',
            type: restFieldType(field),
            unique: field.unique,
            updateable: field.updateable && editable && this.can(object, 'edit'),
            writeRequiresMasterRead: field.writeRequiresMasterRead,
        };
    }
}

function childRelationship(child: ChildRelationship): JsonRecord {
    return {
        cascadeDelete: child.cascadeDelete,
        childSObject: child.childObject,
        deprecatedAndHidden: false,
        field: child.field,
        junctionIdListNames: [],
        junctionReferenceTo: [],
        relationshipName: child.relationshipName,
        restrictedDelete: child.restrictedDelete,
    };
}
