// loadOrgSchema: the org's objects from an SFDX project (every `objects` folder of every
// package directory; one object may be spread over several feature folders) on top of the
// catalogue of standard objects. Custom metadata records come from `customMetadata` folders.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { UnsupportedError } from '../interpreter/errors.ts';
import { metadataFiles, metadataFolders } from '../source.ts';
import { makeField } from './fields.ts';
import type { FieldOptions } from './fields.ts';
import { addShareObjects } from './shares.ts';
import { FENCED_STANDARD_OBJECTS, STANDARD_OBJECTS } from './standard.ts';
import type { StandardObjectSpec } from './standard.ts';
import type {
    ChildRelationship,
    CustomMetadataRecord,
    CustomMetadataValue,
    DisplayType,
    FieldDescribe,
    ObjectDescribe,
    OrgSchema,
    PicklistEntry,
    RollupFilter,
    SharingModel,
    ValidationRuleDef,
} from './types.ts';
import { child, childBoolean, childNumber, childText, childrenNamed, readXmlFile } from './xml.ts';
import type { XmlElement } from './xml.ts';
import { NamespacedNameMap } from './namespace.ts';
import type { PackageNamespace } from './namespace.ts';

/** A problem in the project's metadata that the local org cannot read. */
export class SchemaLoadError extends Error {
    constructor(message: string) {
        super(`local-org: ${message}`);
        this.name = 'SchemaLoadError';
    }
}

/** The package directories named in sfdx-project.json (absolute paths). */
export function packageDirectories(projectRoot: string): string[] {
    const file = join(projectRoot, 'sfdx-project.json');
    if (!existsSync(file)) throw new SchemaLoadError(`no sfdx-project.json in ${projectRoot}`);
    const project = JSON.parse(readFileSync(file, 'utf8')) as {
        packageDirectories?: { path: string }[];
    };
    const dirs = (project.packageDirectories ?? []).map((d) => resolve(projectRoot, d.path));
    if (dirs.length === 0) throw new SchemaLoadError(`${file} names no packageDirectories`);
    return dirs;
}

function systemFields(spec: {
    audit: boolean;
    recycleBin: boolean;
    owner: 'User' | 'UserOrGroup' | null;
}): FieldDescribe[] {
    const fields: FieldDescribe[] = [
        makeField('Id', 'ID', { createable: false, updateable: false, label: 'Record ID' }),
    ];
    if (spec.owner) {
        const to = spec.owner === 'User' ? ['User'] : ['User', 'Group'];
        fields.push(
            makeField('OwnerId', 'REFERENCE', {
                referenceTo: to,
                relationshipName: 'Owner',
                defaultedOnCreate: true,
                label: 'Owner ID',
                permissionable: false,
            }),
        );
    }
    if (spec.recycleBin) {
        fields.push(
            makeField('IsDeleted', 'BOOLEAN', { calculated: true, audit: true, label: 'Deleted' }),
        );
    }
    if (spec.audit) {
        const audit: FieldOptions = { calculated: true, audit: true, defaultedOnCreate: true };
        fields.push(
            makeField('CreatedDate', 'DATETIME', audit),
            makeField('CreatedById', 'REFERENCE', {
                ...audit,
                referenceTo: ['User'],
                relationshipName: 'CreatedBy',
                label: 'Created By ID',
            }),
            makeField('LastModifiedDate', 'DATETIME', audit),
            makeField('LastModifiedById', 'REFERENCE', {
                ...audit,
                referenceTo: ['User'],
                relationshipName: 'LastModifiedBy',
                label: 'Last Modified By ID',
            }),
            makeField('SystemModstamp', 'DATETIME', audit),
        );
    }
    return fields;
}

function newObject(init: Partial<ObjectDescribe> & { name: string }): ObjectDescribe {
    return {
        label: init.name,
        labelPlural: init.name,
        keyPrefix: null,
        custom: false,
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
        sharingModel: 'ReadWrite',
        fields: new Map(),
        relationships: new Map(),
        childRelationships: [],
        validationRules: [],
        nameField: null,
        activitiesEnabled: false,
        sharingReasons: [],
        shareObject: null,
        shareOf: null,
        ...init,
    };
}

function addField(object: ObjectDescribe, field: FieldDescribe): void {
    object.fields.set(field.name.toLowerCase(), field);
}

function standardObject(spec: StandardObjectSpec): ObjectDescribe {
    const object = newObject({
        name: spec.name,
        label: spec.label,
        labelPlural: spec.plural,
        keyPrefix: spec.keyPrefix,
        isSetupObject: spec.setup ?? false,
        visibleInTests: spec.visibleInTests ?? false,
        virtual: spec.virtual ?? false,
        createable: spec.createable ?? true,
        updateable: spec.updateable ?? true,
        deletable: spec.deletable ?? true,
        undeletable: spec.recycleBin,
        hasRecycleBin: spec.recycleBin,
        sharingModel: spec.sharingModel,
        nameField: spec.nameField,
        activitiesEnabled: spec.name === 'Account' || spec.name === 'Opportunity',
    });
    const fields = spec.virtual
        ? [makeField('Id', 'ID', { createable: false, updateable: false }), ...spec.fields]
        : [
              ...systemFields({
                  audit: spec.audit ?? true,
                  recycleBin: spec.recycleBin,
                  owner: spec.owner,
              }),
              ...spec.fields,
          ];
    for (const field of fields) addField(object, { ...field });
    return object;
}

// ---- custom objects and fields from source ----

const FIELD_TYPES: Record<string, DisplayType> = {
    Text: 'STRING',
    TextArea: 'TEXTAREA',
    LongTextArea: 'TEXTAREA',
    Html: 'TEXTAREA',
    EncryptedText: 'ENCRYPTEDSTRING',
    Email: 'EMAIL',
    Phone: 'PHONE',
    Url: 'URL',
    Number: 'DOUBLE',
    Currency: 'CURRENCY',
    Percent: 'PERCENT',
    Checkbox: 'BOOLEAN',
    Date: 'DATE',
    DateTime: 'DATETIME',
    Time: 'TIME',
    Picklist: 'PICKLIST',
    MultiselectPicklist: 'MULTIPICKLIST',
    Lookup: 'REFERENCE',
    MasterDetail: 'REFERENCE',
    Hierarchy: 'REFERENCE',
    MetadataRelationship: 'STRING',
};

const DEFAULT_TEXT_LENGTH: Record<string, number> = {
    TextArea: 255,
    Email: 80,
    Phone: 40,
    Url: 255,
    EncryptedText: 175,
};

interface LoadContext {
    globalValueSets: Map<string, { values: PicklistEntry[]; restricted: boolean }>;
    /** Fields that could not be modelled: object.field (lower) → reason. */
    fencedFields: Map<string, string>;
}

function picklistFromValueSet(
    valueSet: XmlElement | undefined,
    where: string,
    context: LoadContext,
): { values: PicklistEntry[]; restricted: boolean } {
    if (!valueSet) return { values: [], restricted: false };
    const restricted = childBoolean(valueSet, 'restricted', false);
    const globalName = childText(valueSet, 'valueSetName');
    if (globalName !== undefined) {
        const global = context.globalValueSets.get(globalName.toLowerCase());
        if (!global)
            throw new SchemaLoadError(
                `${where}: global value set ${globalName} not found in any globalValueSets folder`,
            );
        // A field using a global value set is always restricted (Metadata API: GlobalValueSet).
        return { values: global.values, restricted: true };
    }
    const definition = child(valueSet, 'valueSetDefinition');
    const values = definition ? childrenNamed(definition, 'value').map(readPicklistValue) : [];
    return { values, restricted };
}

function readPicklistValue(value: XmlElement): PicklistEntry {
    const name = childText(value, 'fullName') ?? '';
    return {
        value: name,
        label: childText(value, 'label') ?? name,
        active: childBoolean(value, 'isActive', true),
        defaultValue: childBoolean(value, 'default', false),
    };
}

function customField(
    objectName: string,
    xml: XmlElement,
    fileName: string,
    context: LoadContext,
): FieldDescribe | null {
    const name = childText(xml, 'fullName') ?? fileName;
    const where = `${objectName}.${name}`;
    const xmlType = childText(xml, 'type');
    const formula = childText(xml, 'formula');
    if (xmlType === undefined) throw new SchemaLoadError(`${where}: field has no <type>`);
    if (xmlType === 'Summary') return rollupField(objectName, name, xml);
    if (xmlType === 'AutoNumber') {
        return makeField(name, 'STRING', {
            custom: true,
            label: childText(xml, 'label'),
            autoNumber: true,
            autoNumberFormat: childText(xml, 'displayFormat') ?? '{0}',
            autoNumberStart: childNumber(xml, 'startingNumber') ?? 1,
            length: 30,
            externalId: childBoolean(xml, 'externalId', false),
        });
    }
    const type = FIELD_TYPES[xmlType];
    if (!type) {
        context.fencedFields.set(
            `${objectName.toLowerCase()}.${name.toLowerCase()}`,
            `field type ${xmlType}`,
        );
        return null;
    }
    const options: FieldOptions = {
        custom: true,
        label: childText(xml, 'label'),
        required: childBoolean(xml, 'required', false),
        unique: childBoolean(xml, 'unique', false),
        caseSensitive: childBoolean(xml, 'caseSensitive', false),
        externalId: childBoolean(xml, 'externalId', false),
        inlineHelpText: childText(xml, 'inlineHelpText'),
        precision: childNumber(xml, 'precision'),
        scale:
            childNumber(xml, 'scale') ??
            (type === 'DOUBLE' || type === 'CURRENCY' || type === 'PERCENT' ? 0 : undefined),
        length: childNumber(xml, 'length') ?? DEFAULT_TEXT_LENGTH[xmlType],
    };
    if (xmlType === 'Currency' && options.precision === undefined) options.precision = 18;
    if (formula !== undefined) {
        options.formula = formula;
        options.formulaTreatBlanksAsZero = childText(xml, 'formulaTreatBlanksAs') === 'BlankAsZero';
        options.required = false;
        if (type === 'STRING') options.length = 1300;
    }
    const defaultValue = childText(xml, 'defaultValue');
    if (defaultValue !== undefined && defaultValue !== '')
        options.defaultValueFormula = defaultValue;
    if (type === 'PICKLIST' || type === 'MULTIPICKLIST') {
        const { values, restricted } = picklistFromValueSet(child(xml, 'valueSet'), where, context);
        options.picklistValues = values;
        options.restrictedPicklist = restricted;
        options.length = type === 'PICKLIST' ? 255 : 4099;
        if (values.some((v) => v.defaultValue)) options.defaultedOnCreate = true;
    }
    if (type === 'REFERENCE') {
        const referenceTo = xmlType === 'Hierarchy' ? 'User' : childText(xml, 'referenceTo');
        if (!referenceTo) throw new SchemaLoadError(`${where}: lookup has no <referenceTo>`);
        options.referenceTo = [referenceTo];
        options.relationshipName = name.replace(/__c$/i, '__r');
        const childName = childText(xml, 'relationshipName');
        if (childName) options.childRelationshipName = `${childName}__r`;
        if (xmlType === 'MasterDetail') {
            options.masterDetail = true;
            options.reparentable = childBoolean(xml, 'reparentableMasterDetail', false);
            options.writeRequiresMasterRead = childBoolean(xml, 'writeRequiresMasterRead', false);
            options.cascadeDelete = true;
        } else {
            const constraint = childText(xml, 'deleteConstraint') ?? 'SetNull';
            options.cascadeDelete = constraint === 'Cascade';
            options.restrictedDelete = constraint === 'Restrict';
        }
    }
    return makeField(name, type, options);
}

function splitQualified(text: string | undefined, where: string): [string, string] {
    const parts = (text ?? '').split('.');
    if (parts.length !== 2)
        throw new SchemaLoadError(`${where}: expected Object.Field, found "${text}"`);
    return [parts[0] as string, parts[1] as string];
}

function rollupField(objectName: string, name: string, xml: XmlElement): FieldDescribe {
    const where = `${objectName}.${name}`;
    const operation = childText(xml, 'summaryOperation') as
        'count' | 'sum' | 'min' | 'max' | undefined;
    if (!operation || !['count', 'sum', 'min', 'max'].includes(operation))
        throw new SchemaLoadError(`${where}: unknown summaryOperation ${operation}`);
    const [childObject, foreignKey] = splitQualified(childText(xml, 'summaryForeignKey'), where);
    const summarized = childText(xml, 'summarizedField');
    const filters: RollupFilter[] = childrenNamed(xml, 'summaryFilterItems').map((item) => ({
        field: splitQualified(childText(item, 'field'), where)[1],
        operation: childText(item, 'operation') ?? 'equals',
        value: childText(item, 'value') ?? '',
    }));
    // count → a whole number; sum/min/max take the summarised field's type (resolved later).
    const field = makeField(name, 'DOUBLE', {
        custom: true,
        label: childText(xml, 'label'),
        calculated: true,
        precision: 18,
        scale: 0,
    });
    field.rollup = {
        operation,
        childObject,
        foreignKey,
        summarizedField: summarized ? splitQualified(summarized, where)[1] : null,
        filters,
        filterFormula: null,
    };
    return field;
}

function validationRule(xml: XmlElement, fileName: string): ValidationRuleDef {
    return {
        name: childText(xml, 'fullName') ?? fileName,
        active: childBoolean(xml, 'active', true),
        formula: childText(xml, 'errorConditionFormula') ?? 'false',
        errorMessage: childText(xml, 'errorMessage') ?? '',
        errorDisplayField: childText(xml, 'errorDisplayField') ?? null,
    };
}

function filesIn(dir: string, suffix: string): string[] {
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
        .filter((n) => n.endsWith(suffix))
        .sort()
        .map((n) => join(dir, n));
}

interface ObjectSource {
    name: string;
    folders: string[];
}

function objectSources(packageDirs: string[]): ObjectSource[] {
    const byName = new Map<string, ObjectSource>();
    for (const dir of packageDirs) {
        for (const objectsDir of metadataFolders(dir, 'objects')) {
            for (const name of readdirSync(objectsDir).sort()) {
                const path = join(objectsDir, name);
                if (!statSync(path).isDirectory()) continue;
                const key = name.toLowerCase();
                const source = byName.get(key) ?? { name, folders: [] };
                source.folders.push(path);
                byName.set(key, source);
            }
        }
    }
    return [...byName.values()];
}

function isCustomName(name: string): boolean {
    return /__(c|mdt|e|x|b)$/i.test(name);
}

/** Stable key prefixes for custom objects: 'a' (or 'm' for custom metadata) + two base-62 characters from the name. */
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
function assignKeyPrefix(name: string, first: string, taken: Set<string>): string {
    let hash = 0;
    for (const ch of name.toLowerCase()) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
    for (let probe = 0; probe < 62 * 62; probe++) {
        const n = (hash + probe) % (62 * 62);
        const prefix = first + (BASE62[Math.floor(n / 62)] as string) + (BASE62[n % 62] as string);
        if (!taken.has(prefix)) {
            taken.add(prefix);
            return prefix;
        }
    }
    throw new SchemaLoadError(`no free key prefix for ${name}`);
}

function readCustomObject(
    source: ObjectSource,
    context: LoadContext,
): {
    object: ObjectDescribe;
    extraFields: FieldDescribe[];
    recordTypes: XmlElement[];
    /** A standard object's `<sharingModel>` as the project declares it. */
    declaredSharing: string | null;
} {
    const name = source.name;
    let definition: XmlElement | undefined;
    const fields: FieldDescribe[] = [];
    const rules: ValidationRuleDef[] = [];
    const recordTypes: XmlElement[] = [];
    const sharingReasons: string[] = [];
    for (const folder of source.folders) {
        const file = join(folder, `${name}.object-meta.xml`);
        if (existsSync(file)) {
            if (definition)
                throw new SchemaLoadError(`${name}: more than one ${name}.object-meta.xml`);
            definition = readXmlFile(file);
        }
        for (const fieldFile of filesIn(join(folder, 'fields'), '.field-meta.xml')) {
            const field = customField(
                name,
                readXmlFile(fieldFile),
                basename(fieldFile, '.field-meta.xml'),
                context,
            );
            if (field) fields.push(field);
        }
        for (const ruleFile of filesIn(
            join(folder, 'validationRules'),
            '.validationRule-meta.xml',
        )) {
            rules.push(
                validationRule(
                    readXmlFile(ruleFile),
                    basename(ruleFile, '.validationRule-meta.xml'),
                ),
            );
        }
        for (const rtFile of filesIn(join(folder, 'recordTypes'), '.recordType-meta.xml')) {
            recordTypes.push(readXmlFile(rtFile));
        }
        for (const reasonFile of filesIn(
            join(folder, 'sharingReasons'),
            '.sharingReason-meta.xml',
        )) {
            const xml = readXmlFile(reasonFile);
            sharingReasons.push(
                childText(xml, 'fullName') ?? basename(reasonFile, '.sharingReason-meta.xml'),
            );
        }
    }
    const isMdt = /__mdt$/i.test(name);
    if (!definition && isCustomName(name))
        throw new SchemaLoadError(
            `${name}: no ${name}.object-meta.xml in ${source.folders.join(', ')}`,
        );
    const object = newObject({ name, custom: isCustomName(name) });
    object.validationRules = rules;
    object.sharingReasons = sharingReasons;
    if (definition && !object.custom) {
        // A standard object's own definition in source (e.g. an unpackaged directory that sets
        // its org-wide default): only the sharing model is read from it.
        const sharing = childText(definition, 'sharingModel');
        if (sharing) object.sharingModel = sharing as SharingModel;
        return { object, extraFields: fields, recordTypes, declaredSharing: sharing ?? null };
    }
    return {
        object: definition ? describeCustomObject(object, definition, fields, isMdt) : object,
        extraFields: fields,
        recordTypes,
        declaredSharing: null,
    };
}

function describeCustomObject(
    object: ObjectDescribe,
    definition: XmlElement,
    fields: FieldDescribe[],
    isMdt: boolean,
): ObjectDescribe {
    object.label = childText(definition, 'label') ?? object.name;
    object.labelPlural = childText(definition, 'pluralLabel') ?? object.label;
    if (isMdt) {
        object.isCustomMetadata = true;
        object.visibleInTests = true;
        object.createable = false;
        object.updateable = false;
        object.deletable = false;
        object.sharingModel = 'None';
        object.nameField = 'MasterLabel';
        const readOnly: FieldOptions = {
            createable: false,
            updateable: false,
            permissionable: false,
        };
        for (const field of [
            makeField('Id', 'ID', { createable: false, updateable: false }),
            makeField('DeveloperName', 'STRING', {
                ...readOnly,
                length: 40,
                label: 'Custom Metadata Record Name',
            }),
            makeField('MasterLabel', 'STRING', {
                ...readOnly,
                length: 40,
                nameField: true,
                label: 'Label',
            }),
            makeField('Label', 'STRING', { ...readOnly, length: 40 }),
            makeField('Language', 'PICKLIST', { ...readOnly }),
            makeField('NamespacePrefix', 'STRING', { ...readOnly, length: 15 }),
            makeField('QualifiedApiName', 'STRING', { ...readOnly, length: 70 }),
            makeField('SystemModstamp', 'DATETIME', { ...readOnly, audit: true }),
        ]) {
            addField(object, field);
        }
        for (const field of fields)
            addField(object, { ...field, createable: false, updateable: false });
        return object;
    }
    const settingsType = childText(definition, 'customSettingsType');
    object.isCustomSetting = settingsType !== undefined;
    object.visibleInTests = false;
    const hasMasterDetail = fields.some((f) => f.masterDetail);
    const sharing = (childText(definition, 'sharingModel') ?? 'ReadWrite') as SharingModel;
    object.sharingModel = hasMasterDetail ? 'ControlledByParent' : sharing;
    object.hasRecycleBin = true;
    object.undeletable = true;
    object.activitiesEnabled = childBoolean(definition, 'enableActivities', false);
    for (const field of systemFields({
        audit: true,
        recycleBin: true,
        owner: hasMasterDetail || object.isCustomSetting ? null : 'UserOrGroup',
    })) {
        addField(object, field);
    }
    // Custom objects' OwnerId can be a queue, but the Owner relationship reads as a User row
    // in SOQL unless the object supports queues; the local org treats it as User.
    const owner = object.fields.get('ownerid');
    if (owner) owner.referenceTo = ['User'];
    if (object.isCustomSetting) {
        addField(
            object,
            makeField('SetupOwnerId', 'REFERENCE', {
                referenceTo: ['Organization', 'Profile', 'User'],
                relationshipName: 'SetupOwner',
            }),
        );
    }
    const nameField = child(definition, 'nameField');
    if (nameField) {
        const nameType = childText(nameField, 'type');
        const label = childText(nameField, 'label');
        const nameDescribe =
            nameType === 'AutoNumber'
                ? makeField('Name', 'STRING', {
                      label,
                      autoNumber: true,
                      nameField: true,
                      autoNumberFormat: childText(nameField, 'displayFormat') ?? '{0}',
                      autoNumberStart: childNumber(nameField, 'startingNumber') ?? 1,
                      length: 80,
                      permissionable: false,
                  })
                : makeField('Name', 'STRING', {
                      label,
                      length: 80,
                      nameField: true,
                      defaultedOnCreate: true,
                      permissionable: false,
                  });
        addField(object, nameDescribe);
        object.nameField = 'Name';
    }
    for (const field of fields) addField(object, field);
    return object;
}

function readGlobalValueSets(packageDirs: string[]): LoadContext['globalValueSets'] {
    const sets: LoadContext['globalValueSets'] = new Map();
    for (const dir of packageDirs) {
        for (const file of metadataFiles(dir, 'globalValueSets', '.globalValueSet-meta.xml')) {
            const xml = readXmlFile(file);
            const values = childrenNamed(xml, 'customValue').map(readPicklistValue);
            sets.set(basename(file, '.globalValueSet-meta.xml').toLowerCase(), {
                values,
                restricted: true,
            });
        }
    }
    return sets;
}

function readCustomMetadataRecords(packageDirs: string[]): CustomMetadataRecord[] {
    const records: CustomMetadataRecord[] = [];
    for (const dir of packageDirs) {
        for (const file of metadataFiles(dir, 'customMetadata', '.md-meta.xml')) {
            const base = basename(file, '.md-meta.xml');
            const dot = base.indexOf('.');
            if (dot < 0)
                throw new SchemaLoadError(`${file}: expected <Type>.<DeveloperName>.md-meta.xml`);
            const xml = readXmlFile(file);
            const values = new Map<string, CustomMetadataValue>();
            for (const entry of childrenNamed(xml, 'values')) {
                const field = childText(entry, 'field');
                const valueElement = child(entry, 'value');
                if (!field) throw new SchemaLoadError(`${file}: <values> without <field>`);
                values.set(field, metadataValue(valueElement, `${file}: ${field}`));
            }
            records.push({
                type: `${base.slice(0, dot)}__mdt`,
                developerName: base.slice(dot + 1),
                label: childText(xml, 'label') ?? base.slice(dot + 1),
                protected: childBoolean(xml, 'protected', false),
                values,
                file,
            });
        }
    }
    return records;
}

function metadataValue(element: XmlElement | undefined, where: string): CustomMetadataValue {
    if (!element || element.attributes['xsi:nil'] === 'true') return { kind: 'null' };
    const type = element.attributes['xsi:type'] ?? 'xsd:string';
    const text = element.text.trim();
    switch (type) {
        case 'xsd:string':
            return { kind: 'string', value: element.text };
        case 'xsd:boolean':
            return { kind: 'boolean', value: text === 'true' };
        case 'xsd:double':
        case 'xsd:int':
        case 'xsd:long':
        case 'xsd:decimal':
            return { kind: 'number', value: text };
        case 'xsd:date':
            return { kind: 'date', value: text };
        case 'xsd:dateTime':
            return { kind: 'datetime', value: text };
        default:
            throw new SchemaLoadError(`${where}: unsupported value type ${type}`);
    }
}

class LoadedOrgSchema implements OrgSchema {
    namespace: PackageNamespace | null = null;
    private readonly byName = new Map<string, ObjectDescribe>();
    private readonly byPrefix = new Map<string, ObjectDescribe>();
    private readonly metadataByType = new Map<string, CustomMetadataRecord[]>();

    constructor(
        readonly projectRoot: string,
        objects: ObjectDescribe[],
        metadata: CustomMetadataRecord[],
        private readonly fenced: Map<string, string>,
        readonly fencedFields: Map<string, string>,
        private readonly declaredSharingModels: Map<string, SharingModel>,
    ) {
        for (const object of objects) {
            this.byName.set(object.name.toLowerCase(), object);
            // Several picklist-value objects share 01J; the first registered answers for it.
            if (object.keyPrefix && !this.byPrefix.has(object.keyPrefix))
                this.byPrefix.set(object.keyPrefix, object);
        }
        for (const record of metadata) {
            const key = record.type.toLowerCase();
            const list = this.metadataByType.get(key) ?? [];
            list.push(record);
            this.metadataByType.set(key, list);
        }
    }

    object(name: string): ObjectDescribe | undefined {
        const local = this.namespace ? this.namespace.localName(name) : name;
        return this.byName.get(local.toLowerCase().replace(/^schema\./, ''));
    }

    applyNamespace(namespace: PackageNamespace): void {
        this.namespace = namespace;
        for (const object of this.byName.values()) {
            object.fields = new NamespacedNameMap(namespace, object.fields);
            object.relationships = new NamespacedNameMap(namespace, object.relationships);
        }
    }

    require(name: string): ObjectDescribe {
        const object = this.object(name);
        if (object) return object;
        const reason = this.fenced.get(name.toLowerCase().replace(/^schema\./, ''));
        throw new UnsupportedError(
            reason
                ? `the object ${name} (${reason})`
                : `the object ${name} (not in the project's objects folders nor the local org's standard catalogue)`,
            undefined,
        );
    }

    byKeyPrefix(prefix: string): ObjectDescribe | undefined {
        return this.byPrefix.get(prefix);
    }

    objects(): ObjectDescribe[] {
        return [...this.byName.values()];
    }

    fencedField(object: string, field: string): string | undefined {
        return this.fencedFields.get(`${object.toLowerCase()}.${field.toLowerCase()}`);
    }

    customMetadataRecords(type: string): CustomMetadataRecord[] {
        const local = this.namespace ? this.namespace.localName(type) : type;
        return this.metadataByType.get(local.toLowerCase()) ?? [];
    }

    orgWideDefault(object: string): SharingModel | undefined {
        return (
            this.object(object)?.sharingModel ??
            this.declaredSharingModels.get(object.toLowerCase())
        );
    }
}

/** Reads the schema of the SFDX project at projectRoot. */
export function loadOrgSchema(projectRoot: string): OrgSchema & {
    fencedFields: Map<string, string>;
    recordTypes: { object: string; xml: XmlElement }[];
} {
    const root = resolve(projectRoot);
    const packageDirs = packageDirectories(root);
    const context: LoadContext = {
        globalValueSets: readGlobalValueSets(packageDirs),
        fencedFields: new Map(),
    };
    const objects = new Map<string, ObjectDescribe>();
    for (const spec of STANDARD_OBJECTS) objects.set(spec.name.toLowerCase(), standardObject(spec));
    const fenced = new Map<string, string>(
        Object.entries(FENCED_STANDARD_OBJECTS).map(([k, v]) => [k.toLowerCase(), v]),
    );
    const recordTypes: { object: string; xml: XmlElement }[] = [];
    const declaredSharingModels = new Map<string, SharingModel>();

    const taken = new Set<string>(
        STANDARD_OBJECTS.map((s) => s.keyPrefix).filter((p): p is string => p !== null),
    );
    const sources = objectSources(packageDirs).sort((a, b) => a.name.localeCompare(b.name));
    for (const source of sources) {
        const key = source.name.toLowerCase();
        const {
            object,
            extraFields,
            recordTypes: types,
            declaredSharing,
        } = readCustomObject(source, context);
        if (declaredSharing) declaredSharingModels.set(key, declaredSharing as SharingModel);
        for (const rt of types) recordTypes.push({ object: source.name, xml: rt });
        if (object.custom) {
            object.keyPrefix = assignKeyPrefix(
                object.name,
                object.isCustomMetadata ? 'm' : 'a',
                taken,
            );
            objects.set(key, object);
            continue;
        }
        // Custom fields of Activity are Task's and Event's (Object Reference: Activity).
        if (key === 'activity') {
            for (const activity of ['task', 'event']) {
                const target = objects.get(activity);
                if (!target) continue;
                for (const field of extraFields) {
                    if (field.custom && !target.fields.has(field.name.toLowerCase()))
                        addField(target, { ...field, referenceTo: [...field.referenceTo] });
                }
            }
            continue;
        }
        // A standard object extended by the project: its custom fields, rules and value sets.
        const standard = objects.get(key);
        if (standard && declaredSharing) standard.sharingModel = declaredSharing as SharingModel;
        if (!standard) {
            fenced.set(
                key,
                `a standard object the local org's catalogue does not describe (schema/standard.ts), extended in ${source.folders.join(', ')}`,
            );
            continue;
        }
        for (const field of extraFields) {
            const existing = standard.fields.get(field.name.toLowerCase());
            if (existing && !field.custom) {
                existing.picklistValues = field.picklistValues;
            } else {
                addField(standard, field);
            }
        }
        standard.validationRules.push(...object.validationRules);
    }

    for (const { object } of recordTypes) {
        const target = objects.get(object.toLowerCase());
        if (target && !target.fields.has('recordtypeid')) {
            addField(
                target,
                makeField('RecordTypeId', 'REFERENCE', {
                    referenceTo: ['RecordType'],
                    relationshipName: 'RecordType',
                    defaultedOnCreate: true,
                    label: 'Record Type ID',
                }),
            );
        }
    }

    addShareObjects(objects);
    linkRelationships(objects);
    resolveRollups(objects);
    return Object.assign(
        new LoadedOrgSchema(
            root,
            [...objects.values()],
            readCustomMetadataRecords(packageDirs),
            fenced,
            context.fencedFields,
            declaredSharingModels,
        ),
        { recordTypes },
    );
}

function linkRelationships(objects: Map<string, ObjectDescribe>): void {
    // Tasks and Events can point at custom objects with activities enabled.
    const activityTargets = [...objects.values()]
        .filter((o) => o.custom && o.activitiesEnabled)
        .map((o) => o.name);
    for (const activity of ['task', 'event']) {
        const what = objects.get(activity)?.fields.get('whatid');
        if (what) what.referenceTo = [...what.referenceTo, ...activityTargets];
    }
    for (const object of objects.values()) {
        object.relationships.clear();
        for (const field of object.fields.values()) {
            if (field.type !== 'REFERENCE' || !field.relationshipName) continue;
            object.relationships.set(field.relationshipName.toLowerCase(), field);
        }
    }
    for (const object of objects.values()) {
        for (const field of object.fields.values()) {
            if (field.type !== 'REFERENCE') continue;
            for (const target of field.referenceTo) {
                const parent = objects.get(target.toLowerCase());
                if (!parent) {
                    if (object.custom)
                        throw new SchemaLoadError(
                            `${object.name}.${field.name} refers to ${target}, which is neither a project object nor in the standard catalogue`,
                        );
                    continue;
                }
                const relation: ChildRelationship = {
                    childObject: object.name,
                    field: field.name,
                    relationshipName: field.childRelationshipName ?? null,
                    cascadeDelete: field.cascadeDelete,
                    restrictedDelete: field.restrictedDelete,
                };
                parent.childRelationships.push(relation);
            }
        }
    }
}

function resolveRollups(objects: Map<string, ObjectDescribe>): void {
    for (const object of objects.values()) {
        for (const field of object.fields.values()) {
            const rollup = field.rollup;
            if (!rollup) continue;
            const childObject = objects.get(rollup.childObject.toLowerCase());
            const where = `${object.name}.${field.name}`;
            if (!childObject)
                throw new SchemaLoadError(`${where}: unknown child object ${rollup.childObject}`);
            const fk = childObject.fields.get(rollup.foreignKey.toLowerCase());
            if (!fk || !fk.masterDetail)
                throw new SchemaLoadError(
                    `${where}: ${rollup.childObject}.${rollup.foreignKey} is not a master-detail field`,
                );
            if (rollup.operation === 'count' || rollup.summarizedField === null) continue;
            const summarized = childObject.fields.get(rollup.summarizedField.toLowerCase());
            if (!summarized)
                throw new SchemaLoadError(
                    `${where}: unknown summarized field ${rollup.summarizedField}`,
                );
            field.type = summarized.type === 'INTEGER' ? 'DOUBLE' : summarized.type;
            field.apexType = summarized.apexType === 'Integer' ? 'Decimal' : summarized.apexType;
            field.precision = summarized.precision || 18;
            field.scale = summarized.scale;
        }
    }
}
