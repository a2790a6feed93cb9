// The DML engine: insert, update, upsert, delete and undelete in the platform's order of
// execution (Apex Developer Guide: "Triggers and Order of Execution"):
//   defaults → system validation (foreign keys, formats, lengths, restricted picklists) →
//   before triggers → system validation again + required fields + derived standard fields →
//   validation rules → unique indexes and save → after triggers → roll-ups (parent re-save).
// Records go through in chunks of at most 200 of one object (Apex Developer Guide: "Creating
// Records for Multiple Object Types"); allOrNone rolls everything back on any error, partial
// success retries the rows that did not fail, up to three attempts, re-firing triggers
// ("Bulk DML Exception Handling"). Triggers run only through DmlHooks.
import { UnsupportedError } from '../interpreter/errors.ts';
import { systemException } from '../interpreter/exceptions.ts';
import { DatetimeValue, DecimalValue, IntegerValue, SObjectValue } from '../interpreter/values.ts';
import type { ApexValue } from '../interpreter/values.ts';
import { D } from '../interpreter/decimal.ts';
import type {
    FieldDescribe,
    ObjectDescribe,
    RollupSummary,
    ShareObjectInfo,
} from '../schema/types.ts';
import type { LocalDatabase, SecurityAccess } from './database.ts';
import { keyPrefixOf, normalizeId, shortId } from './ids.ts';
import { applyDerivedFields, applyInsertDefaults } from './standardRules.ts';
import {
    accessAtLeast,
    existingShareRow,
    maintainSharingRows,
    shareRowError,
} from './sharingRows.ts';
import { indexKey } from './store.ts';
import type { StoredRow } from './store.ts';
import type {
    DmlError,
    DmlHooks,
    DmlOutcome,
    DmlRequest,
    RecordAccessLevel,
    RowResult,
    TriggerEvent,
    TriggerOutcome,
} from './types.ts';
import { FieldValueError, decimalOf, sameValue, storedValue, valueText } from './values.ts';

const CHUNK_SIZE = 200;
const MAX_CHUNKS = 10;
const MAX_ATTEMPTS = 3;
const TEXT_TYPES = new Set([
    'STRING',
    'TEXTAREA',
    'EMAIL',
    'PHONE',
    'URL',
    'COMBOBOX',
    'ENCRYPTEDSTRING',
    'PICKLIST',
    'MULTIPICKLIST',
]);
/** Text fields whose values the platform trims (not text areas). */
const TRIMMED_TYPES = new Set(['STRING', 'EMAIL', 'PHONE', 'URL', 'COMBOBOX', 'ENCRYPTEDSTRING']);

type Kind = 'insert' | 'update' | 'delete' | 'undelete';

/** One record of the statement in the current attempt. */
interface Row {
    index: number;
    caller: SObjectValue;
    object: ObjectDescribe;
    kind: Kind;
    errors: DmlError[];
    stored: StoredRow | null;
    id: string | null;
    /** insert/update: the record's values as they will be saved. */
    values: Map<string, ApexValue>;
    /** update: the stored values before the save. */
    old: Map<string, ApexValue> | null;
    /** Fields the caller's record carries (lower case). */
    set: Set<string>;
    /** Read-only fields a platform re-save may write (roll-ups). */
    system: Set<string>;
    triggerOld: SObjectValue | null;
    /** An inserted share row that matched an existing one: saved as its update, its Id returned. */
    existingShare?: boolean;
}

/** Platform re-saves of parents (roll-up summaries, Opportunity amounts): parent Id → field changes. */
export type SystemChanges = Map<string, Map<string, ApexValue>>;

export class DmlEngine {
    private readonly userId: string;
    /** Parents whose roll-ups may change, by object name → parent Ids. */
    private readonly touchedParents = new Map<string, Set<string>>();
    /** Child rows per touched parent, to report a parent re-save failure on them. */
    private readonly childrenOfParent = new Map<string, Row[]>();

    constructor(
        private readonly db: LocalDatabase,
        private readonly request: DmlRequest,
        private readonly hooks: DmlHooks,
        private readonly systemChanges: SystemChanges | null = null,
    ) {
        this.userId = request.access.userId;
    }

    run(): DmlOutcome {
        const request = this.request;
        if (request.operation === 'merge') return this.merge();
        this.checkStatementShape();
        this.hooks.countRows?.(request.records.length);
        const previousUser = this.db.currentUserId;
        this.db.currentUserId = this.userId;
        const statementMark = this.db.store.mark();
        let finalRows: Row[];
        let allOrNoneFailed = false;
        const finalErrors = new Map<number, DmlError[]>();
        try {
            const mixed = this.mixedDmlError();
            if (mixed) {
                for (let i = 0; i < request.records.length; i++) finalErrors.set(i, [mixed]);
                finalRows = [];
                allOrNoneFailed = request.allOrNone;
            } else if (request.allOrNone) {
                finalRows = this.attempt(request.records.map((_r, i) => i));
                if (finalRows.some((r) => r.errors.length > 0)) {
                    this.db.store.rollback(statementMark);
                    allOrNoneFailed = true;
                }
                for (const row of finalRows)
                    if (row.errors.length > 0) finalErrors.set(row.index, row.errors);
            } else {
                finalRows = this.partialAttempts(finalErrors);
            }
        } catch (e) {
            this.db.store.rollback(statementMark);
            this.db.store.release(statementMark);
            this.db.currentUserId = previousUser;
            throw e;
        }
        this.db.store.release(statementMark);
        this.db.currentUserId = previousUser;
        if (!allOrNoneFailed) this.recordMixedDml();
        return this.outcome(finalRows, finalErrors, allOrNoneFailed);
    }

    // ---- statement shape ----

    private objectOf(record: SObjectValue): ObjectDescribe {
        return this.db.schema.require(record.type.name);
    }

    // ---- record-level sharing ----

    /**
     * Whether the statement respects record-level sharing: user mode always, system mode in
     * `with sharing` code (AccessContext.sharing). Platform re-saves never do.
     */
    private sharingApplies(): boolean {
        return (
            this.db.security !== null &&
            this.systemChanges === null &&
            (this.request.access.mode === 'user' || this.request.access.sharing === true)
        );
    }

    /** The running user's access to a stored record through sharing. */
    private accessTo(stored: StoredRow): RecordAccessLevel {
        return (this.db.security as SecurityAccess).recordLevel(this.userId, stored);
    }

    /**
     * Update, delete and undelete need edit or delete access to the record (Apex Developer
     * Guide: "Using the with sharing … Keywords"): INSUFFICIENT_ACCESS_OR_READONLY otherwise.
     */
    private checkRecordAccess(row: Row, stored: StoredRow, needed: RecordAccessLevel): boolean {
        if (!this.sharingApplies() || accessAtLeast(this.accessTo(stored), needed)) return true;
        this.fail(
            row,
            'INSUFFICIENT_ACCESS_OR_READONLY',
            'insufficient access rights on object id',
            [],
        );
        return false;
    }

    /** Platform checks that throw before any row is processed. */
    private checkStatementShape(): void {
        const { records, operation } = this.request;
        const objects = records.map((r) => this.objectOf(r));
        for (const object of new Set(objects)) {
            if (object.virtual || object.isCustomMetadata)
                throw systemException(
                    'TypeException',
                    `DML operation ${operation.toUpperCase()} not allowed on ${object.name}`,
                );
        }
        // Several object types: chunks of consecutive records of one type, at most ten.
        if (new Set(objects.map((o) => o.name)).size > 1) {
            let chunks = 0;
            let run = 0;
            for (let i = 0; i < objects.length; i++) {
                if (i === 0 || objects[i] !== objects[i - 1] || run === CHUNK_SIZE) {
                    chunks++;
                    run = 0;
                }
                run++;
            }
            if (chunks > MAX_CHUNKS)
                throw systemException(
                    'TypeException',
                    'Cannot have more than 10 chunks in a single operation. Please rearrange the data to reduce chunking.',
                );
        }
        if (operation !== 'insert' && operation !== 'upsert') {
            const seen = new Set<string>();
            for (const record of records) {
                const id = idOf(record);
                if (id === null) continue;
                if (seen.has(id))
                    throw systemException('ListException', `Duplicate id in list: ${id}`);
                seen.add(id);
            }
        }
        if (this.request.access.mode !== 'system') this.checkObjectAccess(objects);
    }

    /** User mode: object permissions of the running user (aer v1.2.9: a SecurityException). */
    private checkObjectAccess(objects: ObjectDescribe[]): void {
        const access = this.db.security;
        if (!access)
            throw new UnsupportedError('user-mode DML without a security model', undefined);
        const needed: ('create' | 'edit' | 'delete')[] =
            this.request.operation === 'insert'
                ? ['create']
                : this.request.operation === 'update'
                  ? ['edit']
                  : this.request.operation === 'upsert'
                    ? ['create', 'edit']
                    : ['delete'];
        for (const object of new Set(objects)) {
            for (const permission of needed) {
                if (!access.canAccessObject(this.userId, object.name, permission)) {
                    throw systemException(
                        'SecurityException',
                        `Access denied: ${permission} access on ${object.name} is not granted to the running user`,
                    );
                }
            }
        }
    }

    // ---- mixed DML ----

    private setupWrite(object: ObjectDescribe, record: SObjectValue): boolean {
        if (!object.isSetupObject) return false;
        if (object.name !== 'User') return true;
        // Help: "sObjects That Cannot Be Used Together in DML Operations": a User insert without
        // a role, and a User update that leaves role, profile, username and IsActive alone, are not setup DML.
        const sensitive =
            this.request.operation === 'insert'
                ? ['userroleid']
                : ['userroleid', 'profileid', 'username', 'isactive'];
        return sensitive.some((f) => {
            const v = record.fields.get(f)?.value ?? null;
            if (this.request.operation === 'insert') return v !== null;
            const stored = this.db.row(idOf(record) ?? '');
            return record.fields.has(f) && (!stored || !sameValue(stored.get(f), v));
        });
    }

    private mixedDmlError(): DmlError | null {
        const state = this.request.mixedDml;
        if (!state) return null;
        let setup = state.setupObject;
        let nonSetup = state.nonSetupObject;
        let conflict: [string, string] | null = null;
        for (const record of this.request.records) {
            const object = this.objectOf(record);
            if (this.setupWrite(object, record)) {
                setup = setup ?? object.name;
                if (nonSetup) conflict = [object.name, nonSetup];
            } else if (!object.isSetupObject) {
                nonSetup = nonSetup ?? object.name;
                if (setup) conflict = [setup, object.name];
            }
            if (conflict) break;
        }
        if (!conflict) return null;
        return {
            statusCode: 'MIXED_DML_OPERATION',
            message: `DML operation on setup object is not permitted after you have updated a non-setup object (or vice versa): ${conflict[0]}, original object: ${conflict[1]}`,
            fields: [],
        };
    }

    private recordMixedDml(): void {
        const state = this.request.mixedDml;
        if (!state) return;
        for (const record of this.request.records) {
            const object = this.objectOf(record);
            if (this.setupWrite(object, record))
                state.setupObject = state.setupObject ?? object.name;
            else if (!object.isSetupObject)
                state.nonSetupObject = state.nonSetupObject ?? object.name;
        }
    }

    // ---- attempts ----

    /**
     * Partial success (Apex Developer Guide: "Bulk DML Exception Handling"): rows with errors
     * are set aside and the rest retried, up to three attempts in all; triggers fire again on
     * each retry and the platform resets the limits to where the statement began.
     */
    private partialAttempts(finalErrors: Map<number, DmlError[]>): Row[] {
        let indices = this.request.records.map((_r, i) => i);
        for (let attempt = 1; attempt <= MAX_ATTEMPTS && indices.length > 0; attempt++) {
            if (attempt > 1) this.hooks.retry?.(attempt);
            const mark = this.db.store.mark();
            const rows = this.attempt(indices);
            const failed = rows.filter((r) => r.errors.length > 0);
            if (failed.length === 0) {
                this.db.store.release(mark);
                return rows;
            }
            this.db.store.rollback(mark);
            this.db.store.release(mark);
            for (const row of failed) finalErrors.set(row.index, row.errors);
            const failedIndices = new Set(failed.map((r) => r.index));
            indices = indices.filter((i) => !failedIndices.has(i));
            if (attempt === MAX_ATTEMPTS) {
                for (const i of indices)
                    finalErrors.set(i, [
                        {
                            statusCode: 'UNKNOWN_EXCEPTION',
                            message:
                                'Too many batch retries in the presence of Apex triggers and partial failures.',
                            fields: [],
                        },
                    ]);
                indices = [];
            }
        }
        return [];
    }

    /** One pass over the given records: every chunk through the whole save order. */
    private attempt(indices: number[]): Row[] {
        this.touchedParents.clear();
        this.childrenOfParent.clear();
        const rows = indices.map((i) => this.prepare(i));
        for (const chunk of chunksOf(rows)) {
            switch (chunk[0]?.kind) {
                case 'insert':
                case 'update':
                    this.save(chunk);
                    break;
                case 'delete':
                    this.remove(chunk);
                    break;
                case 'undelete':
                    this.restore(chunk);
                    break;
                default:
                    break;
            }
        }
        this.recalculateParents();
        return rows;
    }

    // ---- preparing rows ----

    private prepare(index: number): Row {
        const caller = this.request.records[index] as SObjectValue;
        const object = this.objectOf(caller);
        const row: Row = {
            index,
            caller,
            object,
            kind: 'insert',
            errors: [],
            stored: null,
            id: null,
            values: new Map(),
            old: null,
            set: new Set(),
            system: new Set(),
            triggerOld: null,
        };
        switch (this.request.operation) {
            case 'insert':
                this.prepareInsert(row);
                break;
            case 'update':
                this.prepareUpdate(row);
                break;
            case 'upsert':
                this.prepareUpsert(row);
                break;
            case 'delete':
                row.kind = 'delete';
                this.prepareExisting(row, false);
                break;
            case 'undelete':
                row.kind = 'undelete';
                this.prepareExisting(row, true);
                break;
            default:
                break;
        }
        return row;
    }

    private fail(row: Row, statusCode: string, message: string, fields: string[] = []): void {
        row.errors.push({ statusCode, message, fields });
    }

    /** The caller's field values converted to what the fields store; problems become row errors. */
    private payload(row: Row): Map<string, ApexValue> {
        const payload = new Map<string, ApexValue>();
        for (const [key, entry] of row.caller.fields) {
            const field = row.object.fields.get(key);
            if (!field) {
                const lookup = row.object.relationships.get(key);
                if (lookup && entry.value instanceof SObjectValue)
                    this.foreignKey(row, lookup, entry.value, payload);
                continue; // child lists are not saved
            }
            row.set.add(key);
            if (key === 'id') continue;
            const systemWrite = row.system.has(key);
            if (!systemWrite && (field.calculated || field.audit || field.autoNumber)) continue;
            try {
                payload.set(key, normalizeText(field, storedValue(field, entry.value)));
            } catch (e) {
                if (e instanceof FieldValueError)
                    this.fail(row, e.statusCode, e.message, [field.name]);
                else throw e;
            }
        }
        this.checkFieldAccess(row, payload);
        return payload;
    }

    /**
     * A parent set as a record (`c.Account = new Account(Ext__c = 'x')`) is a foreign key by
     * external Id (Apex Developer Guide: "Creating Parent and Child Records in a Single
     * Statement Using Foreign Keys"). Parent records that came from a query are not.
     */
    private foreignKey(
        row: Row,
        lookup: FieldDescribe,
        parent: SObjectValue,
        payload: Map<string, ApexValue>,
    ): void {
        if (parent.queried) return;
        const parentObject = this.db.schema.require(parent.type.name);
        const set = [...parent.fields.entries()].filter(
            ([, e]) => e.value !== null && !(e.value instanceof SObjectValue),
        );
        const lookupKey = lookup.name.toLowerCase();
        if (set.length === 0) return;
        const invalid = (message: string) =>
            this.fail(row, 'INVALID_FIELD', message, [lookup.name]);
        if (row.caller.fields.get(lookupKey)?.value) {
            invalid(
                `Cannot specify both an external ID reference ${lookup.relationshipName} and a salesforce id, ${lookup.name}`,
            );
            return;
        }
        if (set.length > 1) {
            invalid(
                `More than 1 field provided in an external foreign key reference in entity: ${parentObject.name}`,
            );
            return;
        }
        const [key, entry] = set[0] as [string, { name: string; value: ApexValue }];
        const field = parentObject.fields.get(key);
        if (key === 'id') {
            payload.set(lookupKey, entry.value);
            return;
        }
        if (!field || !field.externalId) {
            invalid(
                `The field ${entry.name} of ${parentObject.name} is not an External ID or indexed field`,
            );
            return;
        }
        const value = storedValue(field, entry.value);
        const matches = (this.db.store.table(parentObject).lookup(key, value) ?? []).filter(
            (r) => !r.deleted,
        );
        if (matches.length !== 1) {
            invalid(
                matches.length === 0
                    ? `Foreign key external ID: ${valueText(value)} not found for field ${field.name} in entity ${parentObject.name}`
                    : `Foreign key external ID: ${valueText(value)} matches more than one record for field ${field.name} in entity ${parentObject.name}`,
            );
            return;
        }
        payload.set(lookupKey, (matches[0] as StoredRow).id);
        row.set.add(lookupKey);
    }

    /** User mode: the caller's payload needs edit FLS (aer v1.2.9: CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY listing the fields). */
    private checkFieldAccess(row: Row, payload: Map<string, ApexValue>): void {
        if (this.request.access.mode === 'system') return;
        const access = this.db.security;
        if (!access) return;
        const denied: string[] = [];
        for (const key of payload.keys()) {
            const field = row.object.fields.get(key) as FieldDescribe;
            if (!field.permissionable) continue;
            if (!access.canAccessField(this.userId, row.object.name, field.name, 'edit'))
                denied.push(field.name);
        }
        if (denied.length > 0)
            this.fail(
                row,
                'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY',
                `insufficient access rights on fields: ${denied.join(', ')}`,
                denied,
            );
    }

    private prepareInsert(row: Row): void {
        row.kind = 'insert';
        if (idOf(row.caller) !== null) {
            this.fail(
                row,
                'INVALID_FIELD_FOR_INSERT_UPDATE',
                'cannot specify Id in an insert call',
                ['Id'],
            );
            return;
        }
        if (!row.object.createable && !this.systemChanges) {
            this.fail(row, 'INVALID_TYPE', `Cannot create ${row.object.name} records`);
            return;
        }
        row.values = this.payload(row);
        if (row.errors.length > 0) return;
        applyInsertDefaults(
            this.db,
            row.object,
            row.values,
            new Set(row.values.keys()),
            this.userId,
        );
        this.validateFields(row, [...row.values.keys()]);
        if (row.errors.length === 0 && row.object.shareOf) this.prepareShareInsert(row);
    }

    /** A share row: the platform's rules, and a second row for the same grant updating the first. */
    private prepareShareInsert(row: Row): void {
        const error = shareRowError(this.db, row.object, row.values);
        if (error) {
            row.errors.push(error);
            return;
        }
        const existing = existingShareRow(this.db, row.object, row.values);
        if (!existing || existing.deleted) return;
        const info = row.object.shareOf as ShareObjectInfo;
        const values = new Map(existing.values);
        for (const field of [info.accessField, ...Object.values(info.childAccessFields)]) {
            const key = field.toLowerCase();
            if (row.values.has(key)) values.set(key, row.values.get(key) ?? null);
        }
        row.kind = 'update';
        row.stored = existing;
        row.id = existing.id;
        row.old = new Map(existing.values);
        row.values = values;
        row.existingShare = true;
    }

    private prepareUpdate(row: Row): void {
        row.kind = 'update';
        const id = idOf(row.caller);
        if (id === null) {
            this.fail(row, 'MISSING_ARGUMENT', 'Id not specified in an update call', ['Id']);
            return;
        }
        const stored = this.db.row(id);
        row.id = id;
        if (!stored || stored.table.object !== row.object) {
            this.fail(row, 'INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', []);
            return;
        }
        if (stored.deleted) {
            this.fail(row, 'ENTITY_IS_DELETED', 'entity is deleted', []);
            return;
        }
        if (!row.object.updateable && !this.systemChanges) {
            this.fail(row, 'INVALID_TYPE', `Cannot update ${row.object.name} records`);
            return;
        }
        row.stored = stored;
        if (!this.checkRecordAccess(row, stored, 'Edit')) return;
        row.old = new Map(stored.values);
        const system = this.systemChanges?.get(stored.id);
        if (system) for (const key of system.keys()) row.system.add(key);
        const payload = this.payload(row);
        if (system) for (const [key, value] of system) payload.set(key, value);
        if (row.errors.length > 0) return;
        row.values = new Map(stored.values);
        const changed: string[] = [];
        for (const [key, value] of payload) {
            const field = row.object.fields.get(key) as FieldDescribe;
            const before = row.old.get(key) ?? null;
            if (!field.updateable && !row.system.has(key) && !sameValue(before, value)) {
                if (field.masterDetail)
                    this.fail(
                        row,
                        'FIELD_INTEGRITY_EXCEPTION',
                        'field integrity exception: unknown (cannot reparent record)',
                        [field.name],
                    );
                else
                    this.fail(
                        row,
                        'INVALID_FIELD_FOR_INSERT_UPDATE',
                        `Unable to create/update fields: ${field.name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
                        [field.name],
                    );
                continue;
            }
            row.values.set(key, value);
            if (!sameValue(before, value)) changed.push(key);
        }
        // A new owner needs transfer access (the owner, the hierarchy above, Modify All).
        if (changed.includes('ownerid') && !this.checkRecordAccess(row, stored, 'Transfer')) return;
        if (row.errors.length === 0) this.validateFields(row, changed);
        if (row.errors.length === 0 && row.object.shareOf) {
            const error = shareRowError(this.db, row.object, row.values);
            if (error) row.errors.push(error);
        }
    }

    private prepareUpsert(row: Row): void {
        const externalField = this.request.externalIdField;
        if (!externalField || externalField.toLowerCase() === 'id') {
            if (idOf(row.caller) !== null) this.prepareUpdate(row);
            else this.prepareInsert(row);
            return;
        }
        const field = row.object.fields.get(externalField.toLowerCase());
        if (!field || !field.externalId) {
            throw systemException(
                'SObjectException',
                `Invalid field for upsert, must be an External Id custom or standard indexed field: ${externalField}`,
            );
        }
        const raw = row.caller.fields.get(field.name.toLowerCase())?.value ?? null;
        const matches =
            raw === null
                ? []
                : (
                      this.db.store
                          .table(row.object)
                          .lookup(field.name.toLowerCase(), storedValue(field, raw)) ?? []
                  ).filter((r) => !r.deleted);
        // A repeated external Id in one call is rejected (aer v1.6).
        const key = raw === null ? null : indexKey(field, storedValue(field, raw));
        if (key !== null) {
            const earlier = this.request.records.slice(0, row.index).some((r) => {
                const v = r.fields.get(field.name.toLowerCase())?.value ?? null;
                return v !== null && indexKey(field, storedValue(field, v)) === key;
            });
            if (earlier) {
                row.kind = 'insert';
                this.fail(
                    row,
                    'DUPLICATE_VALUE',
                    `Duplicate external id specified: ${valueText(raw)}`,
                    [field.name],
                );
                return;
            }
        }
        if (matches.length > 1) {
            row.kind = 'insert';
            this.fail(
                row,
                'DUPLICATE_EXTERNAL_ID',
                `${field.label}: more than one record found for external id field: [${matches.map((m) => m.id).join(', ')}]`,
                [field.name],
            );
            return;
        }
        if (matches.length === 1) {
            const match = matches[0] as StoredRow;
            const callerId = idOf(row.caller);
            if (callerId !== null && callerId !== match.id) {
                row.kind = 'update';
                this.fail(
                    row,
                    'INVALID_FIELD',
                    `The external id ${valueText(raw)} matches a record other than the given Id`,
                    [field.name],
                );
                return;
            }
            row.caller.fields.set('id', { name: 'Id', value: match.id });
            try {
                this.prepareUpdate(row);
            } finally {
                if (callerId === null) row.caller.fields.delete('id');
            }
            return;
        }
        this.prepareInsert(row);
    }

    private prepareExisting(row: Row, deleted: boolean): void {
        const id = idOf(row.caller);
        if (id === null) {
            this.fail(row, 'MISSING_ARGUMENT', `Id not specified in an ${row.kind} call`, ['Id']);
            return;
        }
        row.id = id;
        const stored = this.db.row(id);
        if (!stored) {
            this.fail(row, 'ENTITY_IS_DELETED', 'entity is deleted', []);
            return;
        }
        if (row.kind === 'delete') {
            if (stored.deleted) return this.fail(row, 'ENTITY_IS_DELETED', 'entity is deleted', []);
            if (!stored.table.object.deletable)
                return this.fail(
                    row,
                    'INSUFFICIENT_ACCESS_OR_READONLY',
                    'insufficient access rights on object id',
                    [],
                );
        } else if (!stored.deleted || !stored.table.object.undeletable) {
            return this.fail(row, 'UNDELETE_FAILED', 'Entity is not in the recycle bin', []);
        }
        row.object = stored.table.object;
        row.stored = stored;
        this.checkRecordAccess(row, stored, 'Delete');
        void deleted;
    }

    // ---- field checks ----

    /**
     * System validation of the named fields: lengths, restricted picklists, e-mail format and
     * foreign keys (Order of Execution step 2 for API and Apex saves).
     */
    private validateFields(row: Row, keys: string[]): void {
        for (const key of keys) {
            const field = row.object.fields.get(key);
            if (!field) continue;
            const value = row.values.get(key) ?? null;
            if (value === null) continue;
            if (typeof value === 'string' && TEXT_TYPES.has(field.type)) {
                const normalised = this.checkPicklist(row, field, value);
                if (normalised === null) continue;
                if (normalised !== value) row.values.set(key, normalised);
                if (field.length > 0 && normalised.length > field.length) {
                    this.fail(
                        row,
                        'STRING_TOO_LONG',
                        `${field.label}: data value too large: ${normalised} (max length=${field.length})`,
                        [field.name],
                    );
                    continue;
                }
                if (field.type === 'EMAIL' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(normalised)) {
                    this.fail(
                        row,
                        'INVALID_EMAIL_ADDRESS',
                        `${field.label}: invalid email address: ${normalised}`,
                        [field.name],
                    );
                }
            }
            if (field.type === 'REFERENCE' && typeof value === 'string' && !field.audit)
                this.checkReference(row, field, value);
        }
    }

    /** The value in the value set's spelling; null (and a row error) for a value a restricted picklist refuses. */
    private checkPicklist(row: Row, field: FieldDescribe, value: string): string | null {
        if (field.type !== 'PICKLIST' && field.type !== 'MULTIPICKLIST') return value;
        const lookup = (v: string) =>
            field.picklistValues.find((e) => e.value.toLowerCase() === v.toLowerCase());
        const parts =
            field.type === 'MULTIPICKLIST'
                ? value
                      .split(';')
                      .map((p) => p.trim())
                      .filter((p) => p !== '')
                : [value];
        const out: string[] = [];
        for (const part of parts) {
            const entry = lookup(part);
            if (field.restrictedPicklist && (!entry || !entry.active)) {
                this.fail(
                    row,
                    'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
                    `${field.label}: bad value for restricted picklist field: ${part}`,
                    [field.name],
                );
                return null;
            }
            out.push(entry ? entry.value : part);
        }
        if (field.type === 'MULTIPICKLIST') {
            // Stored in value-set order (aer v1.2.26).
            const order = (v: string) => {
                const i = field.picklistValues.findIndex((e) => e.value === v);
                return i < 0 ? Number.MAX_SAFE_INTEGER : i;
            };
            return [...new Set(out)].sort((a, b) => order(a) - order(b)).join(';');
        }
        return out[0] as string;
    }

    /** Foreign key checks (aer v1.2.13, v1.2.22; Object Reference: reference fields). */
    private checkReference(row: Row, field: FieldDescribe, id: string): void {
        const target = this.db.row(id);
        const targetObject = target
            ? target.table.object
            : this.db.schema.byKeyPrefix(keyPrefixOf(id));
        const allowed = field.referenceTo.map((t) => t.toLowerCase());
        if (
            field.referenceTo.length > 0 &&
            targetObject &&
            !allowed.includes(targetObject.name.toLowerCase())
        ) {
            this.fail(
                row,
                'FIELD_INTEGRITY_EXCEPTION',
                `${field.label}: id value of incorrect type: ${id}`,
                [field.name],
            );
            return;
        }
        if (!target) {
            if (field.name === 'OwnerId')
                this.fail(row, 'INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', [
                    field.name,
                ]);
            else
                this.fail(
                    row,
                    'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY',
                    `insufficient access rights on cross-reference id: ${shortId(id)}`,
                    [],
                );
            return;
        }
        if (target.deleted) {
            this.fail(row, 'ENTITY_IS_DELETED', 'entity is deleted', [field.name]);
            return;
        }
        this.checkReferenceAccess(row, field, target, id);
    }

    /**
     * Under sharing, a record may point only at records the user can see (Apex Developer
     * Guide: "Enforcing Sharing Rules": DML fails without access to a foreign key): read
     * access for a lookup, edit access for a master (read when the relationship allows
     * Read/Write on read access to the master), full access to a record being shared. The
     * owner is a transfer, checked with the record.
     */
    private checkReferenceAccess(
        row: Row,
        field: FieldDescribe,
        target: StoredRow,
        id: string,
    ): void {
        if (!this.sharingApplies() || field.name === 'OwnerId') return;
        const needed: RecordAccessLevel = row.object.shareOf
            ? field.name === row.object.shareOf.parentField
                ? 'All'
                : 'None'
            : field.masterDetail && !field.writeRequiresMasterRead
              ? 'Edit'
              : 'Read';
        if (needed === 'None' || accessAtLeast(this.accessTo(target), needed)) return;
        this.fail(
            row,
            'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY',
            `insufficient access rights on cross-reference id: ${shortId(id)}`,
            [],
        );
    }

    /** A new owner must be able to read the record's object (aer v1.2.25). */
    private checkOwner(row: Row): void {
        const security = this.db.security;
        const owner = row.values.get('ownerid') ?? null;
        if (!security || typeof owner !== 'string' || !owner.startsWith('005')) return;
        if (row.old && row.old.get('ownerid') === owner) return;
        if (!security.canAccessObject(owner, row.object.name, 'read'))
            this.fail(row, 'TRANSFER_REQUIRES_READ', 'The new owner must have read permission', [
                'OwnerId',
            ]);
    }

    private checkRequired(row: Row): void {
        const missing: string[] = [];
        for (const field of row.object.fields.values()) {
            if (
                !field.required ||
                field.calculated ||
                field.autoNumber ||
                field.audit ||
                field.type === 'ID'
            )
                continue;
            if ((row.values.get(field.name.toLowerCase()) ?? null) === null)
                missing.push(field.name);
        }
        // Inserting a user takes Manage Users (aer v1.2.40: otherwise the profile reads as missing).
        if (
            row.kind === 'insert' &&
            row.object.name === 'User' &&
            this.db.security &&
            !this.db.security.hasUserPermission(this.userId, 'ManageUsers')
        ) {
            if (!missing.includes('ProfileId')) missing.push('ProfileId');
        }
        if (missing.length > 0)
            this.fail(
                row,
                'REQUIRED_FIELD_MISSING',
                `Required fields are missing: [${missing.join(', ')}]`,
                missing,
            );
    }

    private runValidationRules(row: Row): void {
        const formulas = this.db.formulas;
        const id = row.id;
        const record = formulas.record(
            row.object,
            (f) => (f === 'id' ? id : (row.values.get(f) ?? null)),
            id,
        );
        const prior = row.old
            ? formulas.record(row.object, (f) => (f === 'id' ? id : (row.old?.get(f) ?? null)), id)
            : null;
        for (const rule of row.object.validationRules) {
            if (!rule.active) continue;
            const env = formulas.env(record, prior, row.kind === 'insert', this.userId);
            if (formulas.ruleFormula(row.object, rule).evaluate(env) === true) {
                const display = rule.errorDisplayField
                    ? (row.object.fields.get(rule.errorDisplayField.toLowerCase())?.name ??
                      rule.errorDisplayField)
                    : null;
                this.fail(
                    row,
                    'FIELD_CUSTOM_VALIDATION_EXCEPTION',
                    rule.errorMessage,
                    display ? [display] : [],
                );
            }
        }
    }

    // ---- insert and update ----

    private save(chunk: Row[]): void {
        const object = (chunk[0] as Row).object;
        const inserts = chunk.filter((r) => r.kind === 'insert');
        const updates = chunk.filter((r) => r.kind === 'update');
        for (const rows of [inserts, updates]) {
            if (rows.length === 0) continue;
            const isInsert = rows[0]?.kind === 'insert';
            this.beforeSave(rows, object, isInsert);
            const valid = live(rows);
            for (const row of valid) {
                const derivedErrors = applyDerivedFields(this.db, object, row.values, row.old);
                row.errors.push(...derivedErrors);
                if (row.errors.length === 0) this.checkRequired(row);
                if (row.errors.length === 0) this.checkOwner(row);
                if (row.errors.length === 0) this.runValidationRules(row);
            }
            const saving = live(rows);
            if (isInsert) for (const row of saving) row.id = this.db.newId(object);
            this.checkUnique(saving, object);
            for (const row of live(saving)) this.write(row);
            const saved = live(saving);
            this.fireTrigger(
                isInsert ? 'AFTER_INSERT' : 'AFTER_UPDATE',
                object,
                saved,
                saved.map((r) => this.db.recordOf(r.stored as StoredRow)),
                isInsert ? null : saved.map((r) => r.triggerOld as SObjectValue),
            );
            for (const row of saved) this.noteParents(row);
        }
    }

    /** The before trigger, and the platform's second validation of what the trigger wrote. */
    private beforeSave(rows: Row[], object: ObjectDescribe, isInsert: boolean): void {
        const valid = live(rows);
        if (valid.length === 0) return;
        const newRecords = valid.map((r) => this.recordFromValues(object, r.values, r.id));
        const oldRecords = isInsert
            ? null
            : valid.map((r) => this.db.recordOf(r.stored as StoredRow));
        if (oldRecords) valid.forEach((r, i) => (r.triggerOld = oldRecords[i] as SObjectValue));
        this.fireTrigger(
            isInsert ? 'BEFORE_INSERT' : 'BEFORE_UPDATE',
            object,
            valid,
            newRecords,
            oldRecords,
        );
        valid.forEach((row, i) => {
            if (row.errors.length > 0) return;
            const changed = this.readBack(row, newRecords[i] as SObjectValue);
            this.validateFields(row, changed);
        });
    }

    /** Takes what a before trigger wrote on Trigger.new into the row (the Id and read-only fields excepted). */
    private readBack(row: Row, record: SObjectValue): string[] {
        const changed: string[] = [];
        for (const [key, entry] of record.fields) {
            const field = row.object.fields.get(key);
            if (
                !field ||
                field.type === 'ID' ||
                field.calculated ||
                field.audit ||
                field.autoNumber
            )
                continue;
            let value: ApexValue;
            try {
                value = normalizeText(field, storedValue(field, entry.value));
            } catch (e) {
                if (e instanceof FieldValueError) {
                    this.fail(row, e.statusCode, e.message, [field.name]);
                    continue;
                }
                throw e;
            }
            if (!sameValue(row.values.get(key) ?? null, value)) {
                row.values.set(key, value);
                changed.push(key);
            }
        }
        return changed;
    }

    /** A record of the values being saved, with its formula fields, for Trigger.new. */
    private recordFromValues(
        object: ObjectDescribe,
        values: Map<string, ApexValue>,
        id: string | null,
    ): SObjectValue {
        const record = this.db.newRecord(object);
        for (const field of object.fields.values()) {
            const key = field.name.toLowerCase();
            if (field.formula !== undefined) {
                record.fields.set(key, {
                    name: field.name,
                    value: this.db.formulas.computeField(
                        object,
                        field,
                        (f) => (f === 'id' ? id : (values.get(f) ?? null)),
                        id,
                    ),
                });
            } else if (key === 'id') {
                if (id !== null) record.fields.set(key, { name: field.name, value: id });
            } else if (values.has(key)) {
                record.fields.set(key, { name: field.name, value: values.get(key) ?? null });
            }
        }
        return record;
    }

    /**
     * Unique fields (Help: "Unique fields"): case-insensitive unless caseSensitive, among rows
     * not in the recycle bin, against the final values of the chunk so that two records may
     * swap values in one statement.
     */
    private checkUnique(rows: Row[], object: ObjectDescribe): void {
        const table = this.db.store.table(object);
        const inChunk = new Set(
            rows.map((r) => r.stored).filter((s): s is StoredRow => s !== null),
        );
        for (const field of object.fields.values()) {
            if (!field.unique) continue;
            const key = field.name.toLowerCase();
            const seen = new Map<string, Row>();
            for (const row of rows) {
                if (row.errors.length > 0) continue;
                const value = row.values.get(key) ?? null;
                const k = indexKey(field, value);
                if (k === null) continue;
                const first = seen.get(k);
                if (first) {
                    this.duplicate(row, object, field, first.id ?? '');
                    continue;
                }
                seen.set(k, row);
                const other = (table.lookup(key, value) ?? []).find(
                    (r) => !r.deleted && r !== row.stored && !inChunk.has(r),
                );
                if (other) this.duplicate(row, object, field, other.id);
            }
        }
        if (object.name === 'PermissionSetAssignment') {
            for (const row of rows) {
                if (row.errors.length > 0) continue;
                const assignee = row.values.get('assigneeid') ?? null;
                const set = row.values.get('permissionsetid') ?? null;
                const other = (table.lookup('assigneeid', assignee) ?? []).find(
                    (r) => r !== row.stored && r.get('permissionsetid') === set,
                );
                const inBatch = rows.find(
                    (r) =>
                        r !== row &&
                        r.index < row.index &&
                        r.values.get('assigneeid') === assignee &&
                        r.values.get('permissionsetid') === set,
                );
                if (other || inBatch)
                    this.fail(
                        row,
                        'DUPLICATE_VALUE',
                        `duplicate value found: <unknown> duplicates value on record with id: ${other?.id ?? inBatch?.id ?? ''}`,
                        [],
                    );
            }
        }
    }

    private duplicate(
        row: Row,
        object: ObjectDescribe,
        field: FieldDescribe,
        otherId: string,
    ): void {
        if (object.name === 'User' && field.name === 'Username') {
            this.fail(
                row,
                'DUPLICATE_USERNAME',
                "Duplicate Username.<br>The username already exists in this or another Salesforce organization. Usernames must be unique across all Salesforce organizations. To resolve, use a different username (it doesn't need to match the user's email address).",
                ['Username'],
            );
            return;
        }
        this.fail(
            row,
            'DUPLICATE_VALUE',
            `duplicate value found: ${field.name} duplicates value on record with id: ${otherId}`,
            [],
        );
    }

    private write(row: Row): void {
        const object = row.object;
        if (row.kind === 'insert') {
            const id = row.id as string;
            const stamp = new DatetimeValue(this.db.stamp());
            const values = row.values;
            for (const key of ['createddate', 'lastmodifieddate', 'systemmodstamp'])
                if (object.fields.has(key)) values.set(key, stamp);
            for (const key of ['createdbyid', 'lastmodifiedbyid'])
                if (object.fields.has(key)) values.set(key, this.userId);
            for (const field of object.fields.values()) {
                if (field.autoNumber)
                    values.set(field.name.toLowerCase(), this.db.nextAutoNumber(object, field));
            }
            // A custom object's text Name left blank takes the record's Id (aer v1.2.16).
            if (
                object.custom &&
                object.nameField === 'Name' &&
                !object.isCustomMetadata &&
                (values.get('name') ?? null) === null &&
                !object.fields.get('name')?.autoNumber
            )
                values.set('name', id.slice(0, 15));
            row.stored = this.db.store.insert(object, id, values);
            maintainSharingRows(this.db, object, row.stored, undefined, this.userId);
            return;
        }
        const stored = row.stored as StoredRow;
        const previousOwner = stored.get('ownerid');
        const changes = new Map<string, ApexValue | undefined>();
        for (const [key, value] of row.values) {
            if (
                !sameValue(stored.values.get(key) ?? null, value) ||
                (typeof value === 'string' && stored.values.get(key) !== value)
            )
                changes.set(key, value);
        }
        // Every update advances the audit fields, even one that changes nothing (aer v0.0.101).
        const previous = stored.get('lastmodifieddate');
        const stamp = new DatetimeValue(
            this.db.stampAfter(previous instanceof DatetimeValue ? previous.ms : 0),
        );
        if (object.fields.has('lastmodifieddate')) changes.set('lastmodifieddate', stamp);
        if (object.fields.has('systemmodstamp')) changes.set('systemmodstamp', stamp);
        if (object.fields.has('lastmodifiedbyid')) changes.set('lastmodifiedbyid', this.userId);
        this.db.store.update(stored, changes);
        if (changes.has('ownerid'))
            maintainSharingRows(this.db, object, stored, previousOwner, this.userId);
    }

    // ---- triggers ----

    private fireTrigger(
        event: TriggerEvent,
        object: ObjectDescribe,
        rows: Row[],
        newRecords: SObjectValue[] | null,
        oldRecords: SObjectValue[] | null,
    ): void {
        if (rows.length === 0) return;
        const outcome: TriggerOutcome | void = this.hooks.trigger(
            event,
            object.name,
            newRecords,
            oldRecords,
        );
        const marked = newRecords ?? oldRecords ?? [];
        rows.forEach((row, i) => {
            const record = marked[i];
            if (record && record.errors.length > 0) {
                for (const error of record.errors) {
                    const dmlError = {
                        statusCode: error.statusCode || 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
                        message: error.message,
                        fields: [...error.fields],
                    };
                    row.errors.push(dmlError);
                    row.caller.errors.push({ ...error, fields: [...error.fields] });
                }
            }
        });
        if (outcome && outcome.failure) {
            for (const row of rows) {
                row.errors.push({
                    statusCode:
                        outcome.failure.statusCode ?? 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY',
                    message: outcome.failure.message,
                    fields: [],
                });
            }
        }
    }

    // ---- delete ----

    private remove(chunk: Row[]): void {
        const object = (chunk[0] as Row).object;
        const valid = live(chunk);
        const oldRecords = valid.map((r) => this.db.recordOf(r.stored as StoredRow));
        this.fireTrigger('BEFORE_DELETE', object, valid, null, oldRecords);
        const deleting = new Set(live(chunk).map((r) => (r.stored as StoredRow).id));
        for (const row of live(chunk)) this.checkRestrict(row, deleting);
        const removing = live(chunk);
        for (const row of removing) {
            this.noteParents(row);
            this.deleteRow(row.stored as StoredRow, null);
        }
        const removedOld = removing.map((r) => oldRecords[valid.indexOf(r)] as SObjectValue);
        this.fireTrigger('AFTER_DELETE', object, removing, null, removedOld);
    }

    /** A Restrict lookup blocks the delete (aer v1.2.15; Help: "Lookup Relationship Fields"). */
    private checkRestrict(row: Row, deleting: Set<string>): void {
        const parent = row.stored as StoredRow;
        for (const relation of parent.table.object.childRelationships) {
            if (!relation.restrictedDelete) continue;
            const childObject = this.db.schema.require(relation.childObject);
            const children = (
                this.db.store.table(childObject).lookup(relation.field.toLowerCase(), parent.id) ??
                []
            ).filter((c) => !c.deleted && !deleting.has(c.id));
            if (children.length === 0) continue;
            const name =
                parent.get(parent.table.object.nameField?.toLowerCase() ?? 'name') ?? parent.id;
            const names = children
                .slice(0, 5)
                .map((c) =>
                    valueText(c.get(childObject.nameField?.toLowerCase() ?? 'name') ?? c.id),
                )
                .join(', ');
            this.fail(
                row,
                'DELETE_FAILED',
                `Your attempt to delete ${valueText(name)} could not be completed because it is associated with the following ${childObject.labelPlural.toLowerCase()}.: ${names}`,
                [],
            );
            return;
        }
    }

    /**
     * Moves a row to the recycle bin (or removes it, for objects without one): cascade-delete
     * children first, clear SetNull lookups to it; neither fires the children's triggers.
     */
    private deleteRow(row: StoredRow, cascadedFrom: string | null): void {
        const cleared: { childId: string; field: string }[] = [];
        for (const relation of row.table.object.childRelationships) {
            const childObject = this.db.schema.require(relation.childObject);
            const key = relation.field.toLowerCase();
            const children = (this.db.store.table(childObject).lookup(key, row.id) ?? []).filter(
                (c) => !c.deleted,
            );
            for (const child of children) {
                if (relation.cascadeDelete) this.deleteRow(child, row.id);
                else if (!relation.restrictedDelete) {
                    this.db.store.update(child, new Map([[key, null]]));
                    cleared.push({ childId: child.id, field: key });
                }
            }
            // Restrict children waiting in the recycle bin go for good (aer v1.2.16).
            if (relation.restrictedDelete) {
                for (const child of this.db.store.table(childObject).lookup(key, row.id) ?? []) {
                    if (child.deleted) this.db.store.purge(child);
                }
            }
        }
        if (row.table.object.hasRecycleBin)
            this.db.store.setDeleted(row, true, cascadedFrom, cleared);
        else this.db.store.purge(row);
    }

    // ---- undelete ----

    private restore(chunk: Row[]): void {
        const object = (chunk[0] as Row).object;
        for (const row of live(chunk)) {
            const stored = row.stored as StoredRow;
            row.values = new Map(stored.values);
            this.checkUnique([row], object);
            if (row.errors.length > 0) continue;
            this.undeleteRow(stored);
            this.noteParents(row);
        }
        const restored = live(chunk);
        this.fireTrigger(
            'AFTER_UNDELETE',
            object,
            restored,
            restored.map((r) => this.db.recordOf(r.stored as StoredRow)),
            null,
        );
    }

    private undeleteRow(row: StoredRow): void {
        const cleared = row.clearedLookups;
        this.db.store.setDeleted(row, false, null, []);
        for (const relation of row.table.object.childRelationships) {
            if (!relation.cascadeDelete) continue;
            const childObject = this.db.schema.require(relation.childObject);
            for (const child of this.db.store
                .table(childObject)
                .lookup(relation.field.toLowerCase(), row.id) ?? []) {
                if (child.deleted && child.deletedWith === row.id) this.undeleteRow(child);
            }
        }
        // Lookups cleared by the delete point at the record again (aer v0.0.77).
        for (const { childId, field } of cleared) {
            const child = this.db.row(childId);
            if (child && !child.deleted && (child.get(field) ?? null) === null)
                this.db.store.update(child, new Map([[field, row.id]]));
        }
    }

    // ---- roll-ups and the Opportunity amount ----

    private rollupsOnto(
        child: ObjectDescribe,
    ): { parent: ObjectDescribe; field: FieldDescribe; rollup: RollupSummary }[] {
        const found: { parent: ObjectDescribe; field: FieldDescribe; rollup: RollupSummary }[] = [];
        for (const field of child.fields.values()) {
            if (field.type !== 'REFERENCE' || !field.masterDetail) continue;
            const parent = this.db.schema.require(field.referenceTo[0] as string);
            for (const parentField of parent.fields.values()) {
                const rollup = parentField.rollup;
                if (
                    rollup &&
                    rollup.childObject.toLowerCase() === child.name.toLowerCase() &&
                    rollup.foreignKey.toLowerCase() === field.name.toLowerCase()
                )
                    found.push({ parent, field: parentField, rollup });
            }
        }
        return found;
    }

    private noteParents(row: Row): void {
        const note = (parentObject: string, id: ApexValue) => {
            if (typeof id !== 'string') return;
            let set = this.touchedParents.get(parentObject);
            if (!set) {
                set = new Set();
                this.touchedParents.set(parentObject, set);
            }
            set.add(id);
            const list = this.childrenOfParent.get(id) ?? [];
            list.push(row);
            this.childrenOfParent.set(id, list);
        };
        const stored = row.stored;
        for (const { parent, rollup } of this.rollupsOnto(row.object)) {
            const key = rollup.foreignKey.toLowerCase();
            note(parent.name, row.values.get(key) ?? stored?.get(key) ?? null);
            if (row.old) note(parent.name, row.old.get(key) ?? null);
        }
        if (row.object.name === 'OpportunityLineItem')
            note(
                'Opportunity',
                row.values.get('opportunityid') ?? stored?.get('opportunityid') ?? null,
            );
    }

    /**
     * Recomputes roll-ups on the parents this attempt touched; a parent whose value changed is
     * saved again through the whole save order, firing its triggers once per statement
     * (Order of Execution: "roll-up summary … parent record goes through save procedure").
     */
    private recalculateParents(): void {
        for (const [objectName, ids] of this.touchedParents) {
            const parent = this.db.schema.require(objectName);
            const changes: SystemChanges = new Map();
            for (const id of ids) {
                const row = this.db.row(id);
                if (!row || row.deleted || row.table.object !== parent) continue;
                const fieldChanges =
                    parent.name === 'Opportunity'
                        ? this.opportunityTotals(row)
                        : this.rollupValues(parent, row);
                if (fieldChanges.size > 0) changes.set(id, fieldChanges);
            }
            if (changes.size === 0) continue;
            const records = [...changes.keys()].map((id) => {
                const record = this.db.newRecord(parent);
                record.fields.set('id', { name: 'Id', value: id });
                return record;
            });
            const nested = new DmlEngine(
                this.db,
                {
                    operation: 'update',
                    records,
                    allOrNone: false,
                    access: { mode: 'system', userId: this.userId },
                },
                this.hooks,
                changes,
            ).run();
            nested.results.forEach((result, i) => {
                if (result.success) return;
                const parentId = [...changes.keys()][i] as string;
                for (const child of this.childrenOfParent.get(parentId) ?? [])
                    child.errors.push(...result.errors);
            });
        }
    }

    private rollupValues(parent: ObjectDescribe, row: StoredRow): Map<string, ApexValue> {
        const changes = new Map<string, ApexValue>();
        for (const field of parent.fields.values()) {
            const rollup = field.rollup;
            if (!rollup) continue;
            const childObject = this.db.schema.require(rollup.childObject);
            const children = (
                this.db.store.table(childObject).lookup(rollup.foreignKey.toLowerCase(), row.id) ??
                []
            ).filter(
                (c) =>
                    !c.deleted &&
                    rollup.filters.every((f) => filterMatches(childObject, c, f, this.db)),
            );
            const value = aggregate(this.db, childObject, rollup, children, field);
            if (!sameValue(row.get(field.name.toLowerCase()), value))
                changes.set(field.name.toLowerCase(), value);
        }
        return changes;
    }

    /** Opportunity Amount, quantity and HasOpportunityLineItem from its products (Object Reference: Opportunity.Amount). */
    private opportunityTotals(row: StoredRow): Map<string, ApexValue> {
        const items = (
            this.db.store
                .table(this.db.schema.require('OpportunityLineItem'))
                .lookup('opportunityid', row.id) ?? []
        ).filter((i) => !i.deleted);
        const changes = new Map<string, ApexValue>();
        const has = items.length > 0;
        const total = items.reduce(
            (sum, i) => sum.add(decimalOf(i.get('totalprice'))?.v ?? 0),
            new D(0),
        );
        const quantity = items.reduce(
            (sum, i) => sum.add(decimalOf(i.get('quantity'))?.v ?? 0),
            new D(0),
        );
        const wanted = new Map<string, ApexValue>([
            ['hasopportunitylineitem', has],
            [
                'amount',
                has || row.get('hasopportunitylineitem') === true
                    ? new DecimalValue(total, 2)
                    : row.get('amount'),
            ],
            [
                'totalopportunityquantity',
                has ? new DecimalValue(quantity, 2) : row.get('totalopportunityquantity'),
            ],
        ]);
        if (has && row.get('pricebook2id') === null) {
            const entry = this.db.row(String(items[0]?.get('pricebookentryid') ?? ''));
            if (entry) wanted.set('pricebook2id', entry.get('pricebook2id'));
        }
        for (const [key, value] of wanted)
            if (!sameValue(row.get(key), value)) changes.set(key, value);
        return changes;
    }

    // ---- merge ----

    /**
     * merge (Apex Developer Guide: "Merging Records", "Triggers and Merge Statements"): the
     * losing records fire one before/after delete with MasterRecordId set, their children move
     * to the master without triggers, then the master is saved by a normal update.
     */
    private merge(): DmlOutcome {
        const master = this.request.mergeMaster;
        const duplicates = this.request.records;
        if (!master) throw systemException('DmlException', 'Merge failed: no master record');
        const object = this.objectOf(master);
        if (!['Account', 'Contact', 'Lead'].includes(object.name))
            throw systemException(
                'DmlException',
                `Merge failed: merge is not supported for ${object.name}`,
            );
        const fail = (statusCode: string, message: string): DmlOutcome => ({
            operation: 'merge',
            results: [
                { id: idOf(master), success: false, errors: [{ statusCode, message, fields: [] }] },
            ],
            allOrNoneFailed: this.request.allOrNone,
        });
        if (duplicates.length < 1 || duplicates.length > 2)
            return fail(
                'INVALID_OPERATION',
                'A single merge request must contain at least one and at most two records to merge',
            );
        const masterId = idOf(master);
        const masterRow = masterId ? this.db.row(masterId) : undefined;
        if (!masterRow || masterRow.deleted || masterRow.table.object !== object)
            return fail('ENTITY_IS_DELETED', 'entity is deleted');
        const losers: StoredRow[] = [];
        for (const duplicate of duplicates) {
            const id = idOf(duplicate);
            const row = id ? this.db.row(id) : undefined;
            if (!row || row.deleted || row.table.object !== object)
                return fail('ENTITY_IS_DELETED', 'entity is deleted');
            if (row === masterRow)
                return fail('INVALID_OPERATION', 'Cannot merge a record with itself');
            losers.push(row);
        }
        this.hooks.countRows?.(losers.length + 1);
        const previousUser = this.db.currentUserId;
        this.db.currentUserId = this.userId;
        const mark = this.db.store.mark();
        try {
            const rows: Row[] = losers.map((stored, index) => ({
                index,
                caller: duplicates[index] as SObjectValue,
                object,
                kind: 'delete',
                errors: [],
                stored,
                id: stored.id,
                values: new Map(),
                old: null,
                set: new Set(),
                system: new Set(),
                triggerOld: null,
            }));
            this.fireTrigger(
                'BEFORE_DELETE',
                object,
                rows,
                null,
                losers.map((r) => this.db.recordOf(r)),
            );
            const errors = rows.flatMap((r) => r.errors);
            const updated: string[] = [];
            if (errors.length === 0) {
                for (const loser of losers) {
                    for (const relation of object.childRelationships) {
                        const childObject = this.db.schema.require(relation.childObject);
                        const key = relation.field.toLowerCase();
                        for (const child of this.db.store
                            .table(childObject)
                            .lookup(key, loser.id) ?? []) {
                            if (child.deleted) continue;
                            this.db.store.update(child, new Map([[key, masterRow.id]]));
                            updated.push(child.id);
                        }
                    }
                    this.db.store.update(loser, new Map([['masterrecordid', masterRow.id]]));
                    this.deleteRow(loser, null);
                }
                this.fireTrigger(
                    'AFTER_DELETE',
                    object,
                    rows,
                    null,
                    losers.map((r) => this.db.recordOf(r)),
                );
            }
            const deleteErrors = rows.flatMap((r) => r.errors);
            let masterErrors: DmlError[] = deleteErrors;
            if (deleteErrors.length === 0) {
                const update = new DmlEngine(
                    this.db,
                    {
                        operation: 'update',
                        records: [master],
                        allOrNone: false,
                        access: this.request.access,
                    },
                    // The merge counted its rows already.
                    {
                        trigger: this.hooks.trigger,
                        ...(this.hooks.retry ? { retry: this.hooks.retry } : {}),
                    },
                ).run();
                masterErrors = update.results[0]?.errors ?? [];
            }
            if (masterErrors.length > 0) this.db.store.rollback(mark);
            this.db.store.release(mark);
            return {
                operation: 'merge',
                results: [
                    {
                        id: masterRow.id,
                        success: masterErrors.length === 0,
                        errors: masterErrors,
                        mergedRecordIds: masterErrors.length === 0 ? losers.map((r) => r.id) : [],
                        updatedRelatedIds: masterErrors.length === 0 ? [...new Set(updated)] : [],
                    },
                ],
                allOrNoneFailed: masterErrors.length > 0 && this.request.allOrNone,
            };
        } catch (e) {
            this.db.store.rollback(mark);
            this.db.store.release(mark);
            throw e;
        } finally {
            this.db.currentUserId = previousUser;
        }
    }

    // ---- results ----

    private outcome(
        rows: Row[],
        finalErrors: Map<number, DmlError[]>,
        allOrNoneFailed: boolean,
    ): DmlOutcome {
        const byIndex = new Map(rows.map((r) => [r.index, r]));
        const results: RowResult[] = this.request.records.map((record, i) => {
            const errors = finalErrors.get(i) ?? [];
            const row = byIndex.get(i);
            const success = !allOrNoneFailed && errors.length === 0 && row !== undefined;
            let id: string | null = row?.id ?? idOf(record);
            if (success && row && (row.kind === 'insert' || row.existingShare) && row.id) {
                // Only the new Id flows back to the caller's record (aer v0.0.83).
                record.fields.set('id', { name: 'Id', value: row.id });
            }
            // A failed insert has no Id, unless the caller gave one (getDmlId names it, aer v1.6).
            if (!success && (row?.kind === 'insert' || this.request.operation === 'insert'))
                id = idOf(record);
            const result: RowResult = {
                id,
                success,
                errors: allOrNoneFailed && errors.length === 0 ? [] : errors,
            };
            if (this.request.operation === 'upsert') result.created = row?.kind === 'insert';
            return result;
        });
        return { operation: this.request.operation, results, allOrNoneFailed };
    }
}

function idOf(record: SObjectValue): string | null {
    const value = record.fields.get('id')?.value ?? null;
    return typeof value === 'string' && value !== '' ? (normalizeId(value) ?? value) : null;
}

function live(rows: Row[]): Row[] {
    return rows.filter((r) => r.errors.length === 0);
}

/** Consecutive rows of one object, at most 200 (insert and update rows of an upsert may share a chunk). */
function chunksOf(rows: Row[]): Row[][] {
    const chunks: Row[][] = [];
    for (const row of rows) {
        const current = chunks[chunks.length - 1];
        const sameKind =
            current &&
            (current[0]?.kind === row.kind || (isSave(current[0]?.kind) && isSave(row.kind)));
        if (current && current[0]?.object === row.object && sameKind && current.length < CHUNK_SIZE)
            current.push(row);
        else chunks.push([row]);
    }
    return chunks;
}

function isSave(kind: Kind | undefined): boolean {
    return kind === 'insert' || kind === 'update';
}

/** Text as the platform stores it: trimmed (not text areas), blank as null (aer v1.6, v0.0.78). */
function normalizeText(field: FieldDescribe, value: ApexValue): ApexValue {
    if (typeof value !== 'string') return value;
    let text = TRIMMED_TYPES.has(field.type) ? value.trim() : value;
    // E-mail addresses are stored lower case (aer v1.6).
    if (field.type === 'EMAIL') text = text.toLowerCase();
    return text === '' ? null : text;
}

function filterMatches(
    object: ObjectDescribe,
    row: StoredRow,
    filter: { field: string; operation: string; value: string },
    db: LocalDatabase,
): boolean {
    const field = object.fields.get(filter.field.toLowerCase());
    if (!field)
        throw new UnsupportedError(
            `the roll-up filter on ${object.name}.${filter.field} (unknown field)`,
            undefined,
        );
    const value = db.fieldValue(row, field);
    const text = value === null ? '' : valueText(value);
    const wanted = filter.value.split(',').map((v) => v.trim().toLowerCase());
    switch (filter.operation) {
        case 'equals':
            return wanted.includes(text.toLowerCase());
        case 'notEqual':
            return !wanted.includes(text.toLowerCase());
        default:
            throw new UnsupportedError(
                `the roll-up filter operation ${filter.operation} on ${object.name}.${filter.field}`,
                undefined,
            );
    }
}

function aggregate(
    db: LocalDatabase,
    childObject: ObjectDescribe,
    rollup: RollupSummary,
    children: StoredRow[],
    target: FieldDescribe,
): ApexValue {
    if (rollup.operation === 'count') return new DecimalValue(new D(children.length), 0);
    const field = childObject.fields.get(
        (rollup.summarizedField ?? '').toLowerCase(),
    ) as FieldDescribe;
    const values = children.map((c) => db.fieldValue(c, field)).filter((v) => v !== null);
    if (rollup.operation === 'sum') {
        const sum = values.reduce<InstanceType<typeof D>>(
            (s, v) => s.add(decimalOf(v)?.v ?? 0),
            new D(0),
        );
        return new DecimalValue(sum.toDecimalPlaces(target.scale, D.ROUND_HALF_UP), target.scale);
    }
    if (values.length === 0) return null;
    let best = values[0] as ApexValue;
    for (const v of values.slice(1)) {
        const c = compareStored(v, best);
        if ((rollup.operation === 'max' && c > 0) || (rollup.operation === 'min' && c < 0))
            best = v;
    }
    if (best instanceof IntegerValue) return new DecimalValue(new D(best.v), target.scale);
    return best;
}

function compareStored(a: ApexValue, b: ApexValue): number {
    const da = decimalOf(a);
    const dbv = decimalOf(b);
    if (da && dbv) return da.v.cmp(dbv.v);
    if (a instanceof DatetimeValue && b instanceof DatetimeValue) return Math.sign(a.ms - b.ms);
    const ta = valueText(a);
    const tb = valueText(b);
    return ta < tb ? -1 : ta > tb ? 1 : 0;
}
