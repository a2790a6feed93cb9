// Schema tokens and describe results (Schema.SObjectType, Schema.SObjectField,
// DescribeSObjectResult, DescribeFieldResult, PicklistEntry), Schema.getGlobalDescribe,
// SObject methods that need the schema (getSObjectType, addError …), Id methods, and custom
// metadata's getAll/getInstance (no SOQL counted).
import { unsupported } from '../interpreter/errors.ts';
import { npe, systemException } from '../interpreter/exceptions.ts';
import { nativeType } from '../interpreter/natives.ts';
import { storeField } from '../interpreter/sobjects.ts';
import type { SObjectTypeSchema } from '../interpreter/sobjects.ts';
import {
    EnumValue,
    IntegerValue,
    InstanceValue,
    ListValue,
    MapValue,
    NativeValue,
    SObjectValue,
    typeRef,
} from '../interpreter/values.ts';
import type { ApexValue, NativeType, SObjectError } from '../interpreter/values.ts';
import { mapPut } from '../interpreter/collections.ts';
import { isValidId, toId } from '../interpreter/coerce.ts';
import type { FieldDescribe, ObjectDescribe, PicklistEntry } from '../schema/types.ts';
import { DISPLAY_TYPES } from './enums.ts';
import type { LocalOrg } from './org.ts';

interface FieldRef {
    object: ObjectDescribe;
    field: FieldDescribe;
}

const STRING = typeRef('String');

export class SchemaApi {
    private readonly tokens = new Map<string, NativeValue>();
    private readonly fieldTokens = new Map<string, NativeValue>();
    private readonly describes = new Map<string, NativeValue>();
    private readonly fieldDescribes = new Map<string, NativeValue>();
    private readonly metadata = new Map<string, SObjectValue[]>();

    readonly sobjectTypeType: NativeType;
    readonly sobjectFieldType: NativeType;
    private readonly describeType: NativeType;
    private readonly fieldsType: NativeType;
    private readonly fieldDescribeType: NativeType;
    private readonly picklistEntryType: NativeType;
    private readonly childRelationshipType: NativeType;
    private readonly recordTypeInfoType: NativeType;

    constructor(private readonly org: LocalOrg) {
        // eslint-disable-next-line @typescript-eslint/no-this-alias -- the native types' callbacks need the API
        const api = this;
        this.sobjectTypeType = nativeType('Schema.SObjectType', {
            method(self, name, args) {
                const object = self.data as ObjectDescribe;
                switch (name) {
                    case 'getdescribe':
                        return api.describe(object);
                    case 'newsobject':
                        return api.newSObject(object, args);
                    case 'equals':
                        return args[0] instanceof NativeValue && args[0].type === self.type
                            ? (args[0].data as ObjectDescribe).name === object.name
                            : false;
                    case 'hashcode':
                        return new IntegerValue(hash(object.name));
                    case 'tostring':
                        return api.apiName(object.name);
                }
                return undefined;
            },
            member(self, name) {
                // Account.SObjectType.Name is the field token (rarely written, but valid)
                return api.fieldTokenByName(self.data as ObjectDescribe, name);
            },
            toString: (self) => api.apiName((self.data as ObjectDescribe).name),
            equals: (a, b) =>
                (a.data as ObjectDescribe).name.toLowerCase() ===
                (b.data as ObjectDescribe).name.toLowerCase(),
            hashKey: (self) => (self.data as ObjectDescribe).name.toLowerCase(),
        });
        this.sobjectFieldType = nativeType('Schema.SObjectField', {
            method(self, name, args) {
                const ref = self.data as FieldRef;
                switch (name) {
                    case 'getdescribe':
                        return api.fieldDescribe(ref.object, ref.field);
                    case 'equals':
                        return args[0] instanceof NativeValue && args[0].type === self.type
                            ? sameField(ref, args[0].data as FieldRef)
                            : false;
                    case 'tostring':
                        return api.apiName(ref.field.name);
                    case 'hashcode':
                        return new IntegerValue(hash(`${ref.object.name}.${ref.field.name}`));
                }
                return undefined;
            },
            member(self, name) {
                // Schema.Job__Share.RowCause.Recruiter__c: the API name of a sharing reason
                // (Apex Developer Guide: "Creating Apex Managed Sharing").
                const ref = self.data as FieldRef;
                if (!ref.object.shareOf || ref.field.name !== 'RowCause') return undefined;
                const reason = ref.field.picklistValues.find(
                    (v) => v.value.toLowerCase() === name.toLowerCase(),
                );
                return reason ? reason.value : undefined;
            },
            toString: (self) => api.apiName((self.data as FieldRef).field.name),
            equals: (a, b) => sameField(a.data as FieldRef, b.data as FieldRef),
            hashKey: (self) => {
                const ref = self.data as FieldRef;
                return `${ref.object.name}.${ref.field.name}`.toLowerCase();
            },
        });
        this.describeType = nativeType('Schema.DescribeSObjectResult', {
            method: (self, name, args) =>
                this.describeMethod(self.data as ObjectDescribe, name, args),
            member: (self, name) =>
                name === 'fields'
                    ? new NativeValue(this.fieldsType, self.data)
                    : name === 'fieldsets'
                      ? (() => {
                            throw unsupported('field sets (DescribeSObjectResult.fieldSets)');
                        })()
                      : undefined,
            toString: (self) =>
                `Schema.DescribeSObjectResult[${(self.data as ObjectDescribe).name}]`,
            equals: (a, b) => a.data === b.data,
            hashKey: (self) => (self.data as ObjectDescribe).name.toLowerCase(),
        });
        this.fieldsType = nativeType('Schema.SObjectTypeFields', {
            method: (self, name) => {
                if (name === 'getmap') return this.fieldMap(self.data as ObjectDescribe);
                return undefined;
            },
            member: (self, name) => {
                const object = self.data as ObjectDescribe;
                const field = object.fields.get(name);
                if (!field) throw unsupported(`unknown field ${object.name}.${name}`);
                return this.fieldDescribe(object, field);
            },
        });
        this.fieldDescribeType = nativeType('Schema.DescribeFieldResult', {
            method: (self, name) => this.fieldDescribeMethod(self.data as FieldRef, name),
            toString: (self) => `Schema.DescribeFieldResult[${(self.data as FieldRef).field.name}]`,
            equals: (a, b) => sameField(a.data as FieldRef, b.data as FieldRef),
            hashKey: (self) => {
                const ref = self.data as FieldRef;
                return `${ref.object.name}.${ref.field.name}`.toLowerCase();
            },
        });
        this.picklistEntryType = nativeType('Schema.PicklistEntry', {
            method(self, name) {
                const entry = self.data as PicklistEntry;
                switch (name) {
                    case 'getvalue':
                        return entry.value;
                    case 'getlabel':
                        return entry.label;
                    case 'isactive':
                        return entry.active;
                    case 'isdefaultvalue':
                        return entry.defaultValue;
                }
                return undefined;
            },
        });
        this.childRelationshipType = nativeType('Schema.ChildRelationship', {
            method: (self, name) => {
                const rel = self.data as {
                    childObject: string;
                    field: string;
                    relationshipName: string | null;
                    cascadeDelete: boolean;
                    restrictedDelete: boolean;
                };
                const child = this.org.data.schema.object(rel.childObject);
                switch (name) {
                    case 'getchildsobject':
                        return child ? this.token(child) : null;
                    case 'getfield': {
                        const field = child?.fields.get(rel.field.toLowerCase());
                        return child && field ? this.fieldToken(child, field) : null;
                    }
                    case 'getrelationshipname':
                        return rel.relationshipName && this.apiName(rel.relationshipName);
                    case 'iscascadedelete':
                        return rel.cascadeDelete;
                    case 'isrestricteddelete':
                        return rel.restrictedDelete;
                }
                return undefined;
            },
        });
        this.recordTypeInfoType = nativeType('Schema.RecordTypeInfo', {
            method(self, name) {
                const info = self.data as { id: string; name: string; developerName: string };
                switch (name) {
                    case 'getrecordtypeid':
                        return info.id;
                    case 'getname':
                        return info.name;
                    case 'getdevelopername':
                        return info.developerName;
                    case 'isavailable':
                    case 'isdefaultrecordtypemapping':
                    case 'ismaster':
                    case 'isactive':
                        return true;
                }
                return undefined;
            },
        });
        this.register();
    }

    private register(): void {
        const natives = this.org.natives;
        natives.register({
            name: 'Schema',
            staticMethod: (name, args) => {
                switch (name) {
                    case 'getglobaldescribe': {
                        const map = new MapValue(
                            STRING,
                            typeRef('Schema.SObjectType'),
                            new Map(),
                            true,
                        );
                        for (const object of this.org.data.schema.objects()) {
                            if (object.virtual) continue;
                            mapPut(
                                map,
                                this.apiName(object.name).toLowerCase(),
                                this.token(object),
                            );
                        }
                        // Apex Developer Guide, "Accessing All sObjects": from API 28.0 the
                        // keys always carry the namespace of the running code, so get('Foo__c')
                        // is null on the platform; the local org names the lookup instead.
                        const namespace = this.org.data.schema.namespace;
                        if (namespace)
                            map.keyCheck = (key) => {
                                if (namespace.isUnqualifiedCustom(key))
                                    throw namespace.fence(
                                        'Schema.getGlobalDescribe() lookup',
                                        key,
                                        `its keys carry the namespace (${namespace.qualify(key).toLowerCase()}), so the platform returns null`,
                                    );
                            };
                        return map;
                    }
                    case 'describesobjects': {
                        const names = args[0];
                        if (!(names instanceof ListValue)) throw npe();
                        return new ListValue(
                            typeRef('Schema.DescribeSObjectResult'),
                            names.items.map((n) => {
                                // Namespace mode: the Schema page does not say whether a type
                                // name of the package resolves unqualified here; fenced.
                                const namespace = this.org.data.schema.namespace;
                                if (namespace?.isUnqualifiedCustom(String(n)))
                                    throw namespace.fence(
                                        'Schema.describeSObjects()',
                                        String(n),
                                        'the docs do not say whether a type name resolves in the package namespace',
                                    );
                                const object = this.org.data.schema.object(String(n));
                                if (!object)
                                    throw systemException(
                                        'InvalidParameterValueException',
                                        `In describeSObjects(), invalid SObject type ${String(n)}`,
                                    );
                                return this.describe(object);
                            }),
                        );
                    }
                }
                return undefined;
            },
        });
        // Schema.SObjectType.Account is Account's DescribeSObjectResult
        natives.register({
            name: 'Schema.SObjectType',
            staticMember: (name) => {
                const object = this.org.data.schema.object(name);
                return object ? this.describe(object) : undefined;
            },
        });
        for (const name of [
            'Schema.SObjectField',
            'Schema.DescribeSObjectResult',
            'Schema.DescribeFieldResult',
            'Schema.PicklistEntry',
            'Schema.ChildRelationship',
            'Schema.RecordTypeInfo',
        ]) {
            if (!natives.find(name)) natives.register({ name });
        }
    }

    // ---------------------------------------------------------------- tokens and describes

    token(object: ObjectDescribe): NativeValue {
        const key = object.name.toLowerCase();
        let t = this.tokens.get(key);
        if (!t) {
            t = new NativeValue(this.sobjectTypeType, object);
            this.tokens.set(key, t);
        }
        return t;
    }

    tokenOf(name: string): NativeValue {
        return this.token(this.org.data.schema.require(name));
    }

    fieldToken(object: ObjectDescribe, field: FieldDescribe): NativeValue {
        const key = `${object.name}.${field.name}`.toLowerCase();
        let t = this.fieldTokens.get(key);
        if (!t) {
            t = new NativeValue(this.sobjectFieldType, { object, field } satisfies FieldRef);
            this.fieldTokens.set(key, t);
        }
        return t;
    }

    private fieldTokenByName(object: ObjectDescribe, name: string): NativeValue | undefined {
        const field = object.fields.get(name.toLowerCase());
        return field ? this.fieldToken(object, field) : undefined;
    }

    /** The field a token or describe stands for (used by DmlException.getDmlFields, put(field, v) …). */
    fieldOf(v: ApexValue): FieldRef | null {
        if (
            v instanceof NativeValue &&
            (v.type === this.sobjectFieldType || v.type === this.fieldDescribeType)
        )
            return v.data as FieldRef;
        return null;
    }

    objectOfToken(v: ApexValue): ObjectDescribe | null {
        if (
            v instanceof NativeValue &&
            (v.type === this.sobjectTypeType || v.type === this.describeType)
        )
            return v.data as ObjectDescribe;
        return null;
    }

    describe(object: ObjectDescribe): NativeValue {
        const key = object.name.toLowerCase();
        let d = this.describes.get(key);
        if (!d) {
            d = new NativeValue(this.describeType, object);
            this.describes.set(key, d);
        }
        return d;
    }

    fieldDescribe(object: ObjectDescribe, field: FieldDescribe): NativeValue {
        const key = `${object.name}.${field.name}`.toLowerCase();
        let d = this.fieldDescribes.get(key);
        if (!d) {
            d = new NativeValue(this.fieldDescribeType, { object, field } satisfies FieldRef);
            this.fieldDescribes.set(key, d);
        }
        return d;
    }

    private fieldMap(object: ObjectDescribe): MapValue {
        const map = new MapValue(STRING, typeRef('Schema.SObjectField'), new Map(), true);
        for (const field of object.fields.values())
            mapPut(map, this.apiName(field.name).toLowerCase(), this.fieldToken(object, field));
        // Namespace mode: whether fields.getMap() keys carry the namespace for code of the same
        // namespace is not settled by the pages the local org follows (README, "Namespace
        // mode"); the keys here are the API names getName() gives, and a lookup by an
        // unqualified custom name is fenced rather than guessed.
        const namespace = this.org.data.schema.namespace;
        if (namespace)
            map.keyCheck = (key) => {
                if (namespace.isUnqualifiedCustom(key))
                    throw namespace.fence(
                        `${this.apiName(object.name)} fields.getMap() lookup`,
                        key,
                        'whether the keys carry the namespace is not documented',
                    );
            };
        return map;
    }

    /**
     * The API name the platform reports for a name of the package: `kstn__Foo__c` in namespace
     * mode (Apex Developer Guide, "Namespace Prefix": outside references take the long
     * format), the name itself otherwise.
     */
    apiName(name: string): string {
        const namespace = this.org.data.schema.namespace;
        return namespace ? namespace.qualify(name) : name;
    }

    private canAccess(
        object: ObjectDescribe,
        access: 'read' | 'create' | 'edit' | 'delete',
    ): boolean {
        return this.org.data.security.canAccessObject(
            this.org.runningUserId(),
            object.name,
            access,
        );
    }

    private describeMethod(
        object: ObjectDescribe,
        name: string,
        args: ApexValue[],
    ): ApexValue | undefined {
        switch (name) {
            // Apex Reference, DescribeSObjectResult: getLocalName() omits the namespace of
            // an object in the current namespace; getName() is the full API name.
            case 'getname':
                return this.apiName(object.name);
            case 'getlocalname':
                return object.name;
            case 'getlabel':
                return object.label;
            case 'getlabelplural':
                return object.labelPlural;
            case 'getkeyprefix':
                return object.keyPrefix;
            case 'getsobjecttype':
                return this.token(object);
            case 'isaccessible':
            case 'isqueryable':
                return this.canAccess(object, 'read');
            case 'iscreateable':
                return object.createable && this.canAccess(object, 'create');
            case 'isupdateable':
                return object.updateable && this.canAccess(object, 'edit');
            case 'isdeletable':
                return object.deletable && this.canAccess(object, 'delete');
            case 'isundeletable':
                return object.undeletable && this.canAccess(object, 'delete');
            case 'iscustom':
                return object.custom;
            case 'iscustomsetting':
                return object.isCustomSetting;
            case 'issearchable':
                return !object.isCustomMetadata && !object.virtual;
            case 'ismergeable':
                return ['account', 'contact', 'lead'].includes(object.name.toLowerCase());
            case 'isfeedenabled':
            case 'isdeprecatedandhidden':
                return false;
            case 'getchildrelationships':
                return new ListValue(
                    typeRef('Schema.ChildRelationship'),
                    object.childRelationships.map(
                        (c) => new NativeValue(this.childRelationshipType, c),
                    ),
                );
            case 'getrecordtypeinfos':
                return new ListValue(typeRef('Schema.RecordTypeInfo'), [this.masterRecordType()]);
            case 'getrecordtypeinfosbydevelopername':
            case 'getrecordtypeinfosbyname':
            case 'getrecordtypeinfosbyid': {
                const map = new MapValue(
                    name === 'getrecordtypeinfosbyid' ? typeRef('Id') : STRING,
                    typeRef('Schema.RecordTypeInfo'),
                    new Map(),
                );
                const master = this.masterRecordType();
                const info = master.data as { id: string; name: string; developerName: string };
                mapPut(
                    map,
                    name === 'getrecordtypeinfosbyid'
                        ? info.id
                        : name === 'getrecordtypeinfosbyname'
                          ? info.name
                          : info.developerName,
                    master,
                );
                return map;
            }
            case 'equals':
                return args[0] instanceof NativeValue && args[0].data === object;
        }
        return undefined;
    }

    /** The synthetic Master record type every object has (record types are not emulated). */
    private masterRecordType(): NativeValue {
        return new NativeValue(this.recordTypeInfoType, {
            id: '012000000000000AAA',
            name: 'Master',
            developerName: 'Master',
        });
    }

    private fieldDescribeMethod(ref: FieldRef, name: string): ApexValue | undefined {
        const { object, field } = ref;
        const userId = this.org.runningUserId();
        const security = this.org.data.security;
        switch (name) {
            // Apex Reference, DescribeFieldResult: the same for fields.
            case 'getname':
                return this.apiName(field.name);
            case 'getlocalname':
                return field.name;
            case 'getlabel':
                return field.label;
            case 'gettype': {
                const index = (DISPLAY_TYPES as readonly string[]).indexOf(field.type);
                return new EnumValue('displaytype', 'Schema.DisplayType', field.type, index);
            }
            case 'getlength':
                return new IntegerValue(field.length);
            case 'getbytelength':
                return new IntegerValue(field.length * 3);
            case 'getprecision':
                return new IntegerValue(field.precision);
            case 'getscale':
                return new IntegerValue(field.scale);
            case 'getdigits':
                return new IntegerValue(field.digits);
            case 'isaccessible':
                return security.canAccessField(userId, object.name, field.name, 'read');
            case 'iscreateable':
                return (
                    field.createable &&
                    security.canAccessField(userId, object.name, field.name, 'edit')
                );
            case 'isupdateable':
                return (
                    field.updateable &&
                    security.canAccessField(userId, object.name, field.name, 'edit')
                );
            case 'isnillable':
                return field.nillable;
            case 'iscustom':
                return field.custom;
            case 'iscalculated':
                return field.calculated;
            case 'isautonumber':
                return field.autoNumber;
            case 'isunique':
                return field.unique;
            case 'isexternalid':
                return field.externalId;
            case 'iscasesensitive':
                return field.caseSensitive;
            case 'isdefaultedoncreate':
                return field.defaultedOnCreate;
            case 'isrestrictedpicklist':
                return field.restrictedPicklist;
            case 'isnamefield':
                return field.nameField;
            case 'iscascadedelete':
                return field.cascadeDelete;
            case 'isrestricteddelete':
                return field.restrictedDelete;
            case 'ispermissionable':
                return field.permissionable;
            case 'iswriterequiresmasterread':
                return field.writeRequiresMasterRead;
            case 'isupdateablebymasterdetail':
            case 'isreparentable':
                return field.reparentable;
            case 'ishtmlformatted':
            case 'isdependentpicklist':
            case 'isencrypted':
            case 'isdeprecatedandhidden':
                return false;
            case 'isfilterable':
            case 'issortable':
            case 'isgroupable':
                return field.type !== 'TEXTAREA' || field.length <= 255;
            case 'isidlookup':
                return field.name.toLowerCase() === 'id' || field.externalId;
            case 'isnamepointing':
                return field.referenceTo.length > 1;
            case 'getpicklistvalues':
                return new ListValue(
                    typeRef('Schema.PicklistEntry'),
                    field.picklistValues.map((p) => new NativeValue(this.picklistEntryType, p)),
                );
            case 'getdefaultvalue':
                return null;
            case 'getdefaultvalueformula':
                return field.defaultValueFormula ?? null;
            case 'getcalculatedformula':
                return field.formula ?? null;
            case 'getinlinehelptext':
                return field.inlineHelpText ?? null;
            case 'getreferenceto':
                return new ListValue(
                    typeRef('Schema.SObjectType'),
                    field.referenceTo.flatMap((n) => {
                        const target = this.org.data.schema.object(n);
                        return target ? [this.token(target)] : [];
                    }),
                );
            case 'getrelationshipname':
                return field.relationshipName ? this.apiName(field.relationshipName) : null;
            case 'getrelationshiporder':
                return field.masterDetail ? new IntegerValue(0) : null;
            case 'getsobjectfield':
                return this.fieldToken(object, field);
            case 'getcontroller':
                return null;
        }
        return undefined;
    }

    private newSObject(object: ObjectDescribe, args: ApexValue[]): SObjectValue {
        const type = this.typeSchema(object);
        const record = new SObjectValue(type);
        const id = args[0] ?? null;
        if (args.length >= 2 && args[1] === true)
            throw unsupported('SObjectType.newSObject(recordTypeId, loadDefaults = true)');
        if (typeof id === 'string' && args.length === 1) {
            const info = type.fieldInfo.get('id');
            if (info) storeField(record, info, toId(id));
        }
        return record;
    }

    typeSchema(object: ObjectDescribe): SObjectTypeSchema {
        const found = this.org.interpreter.schema.findType(object.name);
        if (!found) throw unsupported(`SObject type ${object.name}`);
        return found;
    }

    // ---------------------------------------------------------------- evaluator hooks

    /** `Account.SObjectType`, `Account.Name` (field token), `Account.fields`? */
    sobjectTypeMember(type: SObjectTypeSchema, name: string): ApexValue | undefined {
        const object = this.org.data.schema.object(type.name);
        if (!object) return undefined;
        const key = name.toLowerCase();
        if (key === 'sobjecttype') return this.token(object);
        return this.fieldTokenByName(object, name);
    }

    /** Static methods on SObject types: custom metadata and custom settings (no SOQL counted). */
    sobjectTypeStatic(
        type: SObjectTypeSchema,
        method: string,
        args: ApexValue[],
    ): ApexValue | undefined {
        const object = this.org.data.schema.object(type.name);
        if (object?.isCustomSetting) return this.customSetting(object, method, args);
        if (!object?.isCustomMetadata) return undefined;
        const records = this.metadataRecords(object);
        switch (method) {
            case 'getall': {
                const map = new MapValue(STRING, typeRef(object.name), new Map());
                for (const r of records)
                    mapPut(map, r.fields.get('developername')?.value ?? null, copyRecord(r));
                return map;
            }
            case 'getinstance': {
                const wanted = args[0] ?? null;
                if (typeof wanted !== 'string') throw npe();
                const found = records.find((r) => {
                    const name = r.fields.get('developername')?.value;
                    const id = r.fields.get('id')?.value;
                    return name === wanted || (isValidId(wanted) && id === toId(wanted));
                });
                return found ? copyRecord(found) : null;
            }
        }
        return undefined;
    }

    /**
     * Custom settings (Apex Reference: Custom Settings Methods). Hierarchy: getInstance() /
     * getInstance(userOrProfileId) merge the user's, the profile's and the org's values (a record
     * without an Id when none is stored for the user), getOrgDefaults(), getValues(id). List:
     * getAll() by Name, getInstance(name) / getValues(name).
     */
    private customSetting(
        object: ObjectDescribe,
        method: string,
        args: ApexValue[],
    ): ApexValue | undefined {
        const fields = [...object.fields.values()]
            .filter((f) => f.type !== 'REFERENCE' || f.name === 'SetupOwnerId')
            .map((f) => f.name);
        const rows = this.org.systemQuery(`SELECT ${fields.join(', ')} FROM ${object.name}`, {});
        const owner = (r: SObjectValue): ApexValue => r.fields.get('setupownerid')?.value ?? null;
        const a0 = args[0] ?? null;
        const byOwner = (id: string | null): SObjectValue | undefined =>
            id === null ? undefined : rows.find((r) => owner(r) === id);
        const orgId = this.org.organizationId;
        switch (method) {
            case 'getall': {
                const map = new MapValue(STRING, typeRef(object.name), new Map());
                for (const r of rows) mapPut(map, r.fields.get('name')?.value ?? null, r);
                return map;
            }
            case 'getorgdefaults':
                return byOwner(orgId) ?? this.emptySetting(object, orgId);
            case 'getvalues':
                if (typeof a0 !== 'string') throw npe();
                return isValidId(a0)
                    ? (byOwner(toId(a0)) ?? null)
                    : (rows.find((r) => r.fields.get('name')?.value === a0) ?? null);
            case 'getinstance': {
                if (typeof a0 === 'string' && !isValidId(a0))
                    return rows.find((r) => r.fields.get('name')?.value === a0) ?? null;
                const id = typeof a0 === 'string' ? toId(a0) : this.org.runningUserId();
                const isProfile = id.startsWith('00e');
                const userId = isProfile ? null : id;
                const profileId = isProfile ? id : (this.org.userInfo(id).profileId ?? null);
                const levels = [byOwner(userId), byOwner(profileId), byOwner(orgId)].filter(
                    (r): r is SObjectValue => r !== undefined,
                );
                const own = levels[0];
                const result =
                    own && owner(own) === (userId ?? profileId)
                        ? copyOf(own)
                        : this.emptySetting(object, id);
                // blank fields come from higher in the hierarchy
                for (const level of levels) {
                    for (const [k, f] of level.fields) {
                        if (k === 'id' || k === 'setupownerid' || k === 'name') continue;
                        const current = result.fields.get(k);
                        if (!current || current.value === null) result.fields.set(k, { ...f });
                    }
                }
                return result;
            }
        }
        return undefined;
    }

    private emptySetting(object: ObjectDescribe, ownerId: string): SObjectValue {
        const type = this.typeSchema(object);
        const record = new SObjectValue(type);
        const info = type.fieldInfo.get('setupownerid');
        if (info) storeField(record, info, ownerId);
        return record;
    }

    /** Custom metadata records as SObjects (the org's rows of the type, in DeveloperName order). */
    metadataRecords(object: ObjectDescribe): SObjectValue[] {
        const key = object.name.toLowerCase();
        let records = this.metadata.get(key);
        if (!records) {
            records = this.org.data.db.customMetadata(object.name);
            this.metadata.set(key, records);
        }
        return records;
    }

    /** SObject instance methods the evaluator leaves to the platform. */
    sobjectMethod(record: SObjectValue, method: string, args: ApexValue[]): ApexValue | undefined {
        switch (method) {
            case 'getsobjecttype':
                return this.tokenOf(record.type.name);
            case 'adderror':
                addError(record, args, this);
                return null;
            case 'haserrors':
                return record.errors.length > 0;
            case 'geterrors':
                return this.org.database.errorList(
                    record.errors.map((e: SObjectError) => ({
                        statusCode: e.statusCode,
                        message: e.message,
                        fields: e.fields,
                    })),
                );
            case 'clearerrors':
                record.errors = [];
                return null;
            case 'getclonesourceid':
            case 'getquickactionname':
                return null;
            case 'isclone':
                return false;
            case 'recalculateformulas':
                throw unsupported('SObject.recalculateFormulas (use Formula.recalculateFormulas)');
        }
        return undefined;
    }

    /** Id instance methods (`someId.getSObjectType()`). */
    idMethod(id: string, method: string, args: ApexValue[]): ApexValue | undefined {
        switch (method) {
            case 'getsobjecttype': {
                const object = this.org.data.db.objectOfId(id);
                if (!object)
                    throw unsupported(
                        `the key prefix ${id.slice(0, 3)} (no object of the org has it)`,
                    );
                return this.token(object);
            }
            case 'to15':
                return id.slice(0, 15);
            case 'adderror':
                throw unsupported('Id.addError');
        }
        void args;
        return undefined;
    }
}

function sameField(a: FieldRef, b: FieldRef): boolean {
    return (
        a.object.name.toLowerCase() === b.object.name.toLowerCase() &&
        a.field.name.toLowerCase() === b.field.name.toLowerCase()
    );
}

function hash(text: string): number {
    let h = 0;
    for (let i = 0; i < text.length; i++) h = (Math.imul(31, h) + text.charCodeAt(i)) | 0;
    return h;
}

function copyOf(r: SObjectValue): SObjectValue {
    const copy = new SObjectValue(r.type);
    for (const [k, f] of r.fields) copy.fields.set(k, { ...f });
    return copy;
}

/** A copy of a custom metadata record; Apex may not change it (FinalException, uncatchable). */
function copyRecord(r: SObjectValue): SObjectValue {
    const copy = new SObjectValue(r.type);
    for (const [k, f] of r.fields) copy.fields.set(k, { ...f });
    copy.readOnly = { message: 'Record is read-only', uncatchable: true };
    return copy;
}

/**
 * SObject.addError(message), addError(message, escape), addError(exception),
 * addError(fieldName | SObjectField, message): an error on the row; in a trigger it fails the
 * row with FIELD_CUSTOM_VALIDATION_EXCEPTION.
 */
function addError(record: SObjectValue, args: ApexValue[], api: SchemaApi): void {
    const [a0 = null, a1 = null] = args;
    let message: string | null = null;
    let fields: string[] = [];
    const field = api.fieldOf(a0);
    if (field) {
        fields = [field.field.name];
        message = typeof a1 === 'string' ? a1 : null;
    } else if (typeof a0 === 'string' && typeof a1 === 'string') {
        fields = [a0];
        message = a1;
    } else if (a0 instanceof InstanceValue) {
        message = a0.message;
    } else if (typeof a0 === 'string' || a0 === null) {
        message = a0;
    } else {
        throw unsupported('SObject.addError with these arguments');
    }
    record.errors.push({
        message: message ?? '',
        fields,
        statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
    });
}
