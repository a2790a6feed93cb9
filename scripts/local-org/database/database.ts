// LocalDatabase: the in-memory org's records. It owns the store, the Ids, the clock, the
// formulas, the seed rows every org starts with, and hands records to the runtime as
// SObjectValues. DML goes through the engine in dml.ts; SOQL reads through soql/.
import { UnsupportedError } from '../interpreter/errors.ts';
import { SObjectValue } from '../interpreter/values.ts';
import type { ApexValue, SObjectTypeInfo } from '../interpreter/values.ts';
import type { FieldDescribe, ObjectDescribe, OrgSchema } from '../schema/types.ts';
import { wholeSecond } from './clock.ts';
import { DmlEngine } from './dml.ts';
import { Formulas } from './formulas.ts';
import { makeId, normalizeId } from './ids.ts';
import { seedOrg } from './seed.ts';
import { ownerRowsForLoad } from './sharingRows.ts';
import type { SeedIds } from './seed.ts';
import { applyDerivedFields, applyInsertDefaults } from './standardRules.ts';
import { Store } from './store.ts';
import type { Mark, StoredRow } from './store.ts';
import type { DmlHooks, DmlOutcome, DmlRequest, RecordAccessLevel } from './types.ts';
import { DatetimeValue } from '../interpreter/values.ts';
import { FieldValueError, fromLoaderValue } from './values.ts';

export interface DatabaseOptions {
    /** The org's clock ("now"); datetimes are stored at whole seconds. */
    now(): Date | number;
    /** First Id sequence number (Ids are deterministic from it). */
    idSeed?: number;
    /** The org's default time zone (Organization and the seeded admin); America/Los_Angeles by default. */
    timeZone?: string;
    /** The runtime's type descriptions for the SObjectValues the database builds (a thin one otherwise). */
    typeInfo?: (object: ObjectDescribe) => SObjectTypeInfo;
}

/** Where the store can go back to (Database.setSavepoint). */
export interface Savepoint {
    readonly mark: Mark;
}

/** The whole database state at a point (for test isolation): restoring it is a rollback. */
export interface DatabaseSnapshot {
    readonly mark: Mark;
    readonly idSequence: number;
    readonly rowSequence: number;
    readonly autoNumbers: Map<string, number>;
    readonly lastStamp: number;
}

/** What the database asks of the security model (security/ implements it). */
export interface SecurityAccess {
    hasCustomPermission(userId: string, name: string): boolean;
    hasUserPermission(userId: string, name: string): boolean;
    canAccessObject(
        userId: string,
        object: string,
        access: 'read' | 'create' | 'edit' | 'delete',
    ): boolean;
    canAccessField(userId: string, object: string, field: string, access: 'read' | 'edit'): boolean;
    /** UserRecordAccess columns (HasReadAccess, HasEditAccess …) of a user on a record. */
    recordAccess(userId: string, recordId: string): Record<string, boolean | string>;
    /** Record-level access through sharing (MaxAccessLevel before object permissions). */
    recordLevel(userId: string, row: StoredRow): RecordAccessLevel;
    /** A test for the rows of an object the user may read through sharing; null when all are. */
    readFilter(userId: string, object: ObjectDescribe): ((row: StoredRow) => boolean) | null;
}

export class LocalDatabase {
    readonly store = new Store();
    readonly formulas: Formulas;
    private idSequence: number;
    private autoNumbers = new Map<string, number>();
    private lastStamp = 0;
    private readonly typeInfos = new Map<string, SObjectTypeInfo>();
    /** The user formulas and defaults run as, when the caller does not say (runAs sets it). */
    currentUserId: string;
    /** The security model (set by loadSecurity); user-mode checks need it. */
    security: SecurityAccess | null = null;
    readonly seed: SeedIds;
    /** Static resource bodies: record Id → file (the runtime makes the Blob). */
    readonly staticResourceFiles = new Map<string, string>();
    /**
     * Test data isolation: rows inserted at or after this sequence number are the test's own;
     * SOQL hides older rows of objects that are not visible in tests. Null: no isolation.
     */
    isolationFromSeq: number | null = null;

    constructor(
        readonly schema: OrgSchema,
        readonly options: DatabaseOptions,
    ) {
        this.idSequence = options.idSeed ?? 1;
        this.formulas = new Formulas(this);
        this.currentUserId = '';
        this.seed = seedOrg(this, options.timeZone ?? 'America/Los_Angeles');
        this.currentUserId = this.seed.adminUserId;
    }

    get organizationId(): string {
        return this.seed?.organizationId ?? '';
    }

    // ---- clock and Ids ----

    nowMs(): number {
        const now = this.options.now();
        return wholeSecond(typeof now === 'number' ? now : now.getTime());
    }

    /**
     * The timestamp of a write: the clock, but never before an earlier write's stamp, so that
     * audit fields never go backwards.
     */
    stamp(): number {
        this.lastStamp = Math.max(this.nowMs(), this.lastStamp);
        return this.lastStamp;
    }

    /** A stamp strictly after `previous` (LastModifiedDate advances on every update). */
    stampAfter(previous: number): number {
        const stamp = Math.max(this.stamp(), previous + 1000);
        this.lastStamp = Math.max(this.lastStamp, stamp);
        return stamp;
    }

    newId(object: ObjectDescribe): string {
        if (!object.keyPrefix)
            throw new UnsupportedError(
                `records of ${object.name} (it has no key prefix)`,
                undefined,
            );
        return makeId(object.keyPrefix, this.idSequence++);
    }

    nextAutoNumber(object: ObjectDescribe, field: FieldDescribe): string {
        const key = `${object.name}.${field.name}`.toLowerCase();
        const n = this.autoNumbers.get(key) ?? field.autoNumberStart ?? 1;
        this.autoNumbers.set(key, n + 1);
        return formatAutoNumber(
            field.autoNumberFormat ?? '{0}',
            n,
            this.nowMs(),
            this.userTimeZone(this.currentUserId),
        );
    }

    // ---- users ----

    userTimeZone(userId: string): string {
        const user = this.row(userId);
        const tz = user?.get('timezonesidkey');
        if (typeof tz === 'string') return tz;
        const org = this.row(this.organizationId);
        const orgTz = org?.get('timezonesidkey');
        return typeof orgTz === 'string' ? orgTz : (this.options.timeZone ?? 'America/Los_Angeles');
    }

    hasCustomPermission(userId: string, name: string): boolean {
        return this.security ? this.security.hasCustomPermission(userId, name) : false;
    }

    // ---- standard value sets (rows of OpportunityStage, TaskStatus, TaskPriority) ----

    opportunityStage(name: string):
        | {
              isClosed: boolean;
              isWon: boolean;
              defaultProbability: ApexValue;
              forecastCategory: ApexValue;
              forecastCategoryName: ApexValue;
          }
        | undefined {
        const row = this.valueSetRow('OpportunityStage', name);
        if (!row) return undefined;
        return {
            isClosed: row.get('isclosed') === true,
            isWon: row.get('iswon') === true,
            defaultProbability: row.get('defaultprobability'),
            forecastCategory: row.get('forecastcategory'),
            forecastCategoryName: row.get('forecastcategoryname'),
        };
    }

    taskStatusClosed(name: string): boolean {
        return this.valueSetRow('TaskStatus', name)?.get('isclosed') === true;
    }

    taskPriorityHigh(name: string): boolean {
        return this.valueSetRow('TaskPriority', name)?.get('ishighpriority') === true;
    }

    private valueSetRow(object: string, apiName: string): StoredRow | undefined {
        const wanted = apiName.toLowerCase();
        for (const row of this.store.table(this.schema.require(object)).rows.values()) {
            const name = row.get('apiname');
            if (typeof name === 'string' && name.toLowerCase() === wanted) return row;
        }
        return undefined;
    }

    // ---- rows ----

    /** A row by 15- or 18-character Id (live or in the recycle bin). */
    row(id: string): StoredRow | undefined {
        const exact = this.store.byId.get(id);
        if (exact) return exact;
        const normal = normalizeId(id);
        return normal ? this.store.byId.get(normal) : undefined;
    }

    table(objectName: string) {
        return this.store.table(this.schema.require(objectName));
    }

    /** A stored value (IsDeleted comes from the recycle-bin flag). */
    storedValue(row: StoredRow, field: string): ApexValue {
        if (field === 'isdeleted') return row.deleted;
        if (field === 'id') return row.id;
        return row.values.get(field) ?? null;
    }

    /** A field's value on a row, formula fields computed. */
    fieldValue(row: StoredRow, field: FieldDescribe): ApexValue {
        if (field.formula !== undefined) {
            return this.formulas.computeField(
                row.table.object,
                field,
                (f) => this.storedValue(row, f),
                row.id,
            );
        }
        return this.storedValue(row, field.name.toLowerCase());
    }

    // ---- records for the runtime ----

    typeInfo(object: ObjectDescribe): SObjectTypeInfo {
        const key = object.name.toLowerCase();
        let info = this.typeInfos.get(key);
        if (!info) {
            info = this.options.typeInfo
                ? this.options.typeInfo(object)
                : thinTypeInfo(object, this.schema);
            this.typeInfos.set(key, info);
        }
        return info;
    }

    newRecord(object: ObjectDescribe): SObjectValue {
        return new SObjectValue(this.typeInfo(object));
    }

    /** A record with every stored field and formula field of the row (trigger rows, getAll()). */
    recordOf(row: StoredRow): SObjectValue {
        const object = row.table.object;
        const record = this.newRecord(object);
        for (const field of object.fields.values()) {
            const key = field.name.toLowerCase();
            const value = this.fieldValue(row, field);
            if (
                value !== null ||
                row.values.has(key) ||
                field.formula !== undefined ||
                key === 'isdeleted'
            )
                record.fields.set(key, { name: field.name, value });
        }
        return record;
    }

    /** Custom metadata records of a type (getAll / getInstance), in DeveloperName order. */
    customMetadata(type: string): SObjectValue[] {
        const object = this.schema.require(type);
        if (!object.isCustomMetadata)
            throw new UnsupportedError(`${type} is not a custom metadata type`, undefined);
        return this.store
            .table(object)
            .scan()
            .sort((a, b) =>
                String(a.get('developername')).localeCompare(String(b.get('developername'))),
            )
            .map((row) => this.recordOf(row));
    }

    // ---- bulk load ----

    /**
     * Loads rows straight into the store, outside any transaction: no triggers, no validation
     * rules, no system validation beyond field types; defaults, derived standard fields and
     * system fields are applied.
     * Values are plain JS (numbers, strings, booleans, Date or ISO text for dates) or Apex
     * values, keyed by field API name. Returns the new Ids in order.
     */
    loadRecords(
        objectName: string,
        rows: Record<string, unknown>[],
        options: { userId?: string } = {},
    ): string[] {
        const object = this.schema.require(objectName);
        if (object.virtual)
            throw new UnsupportedError(
                `loading rows into the virtual object ${object.name}`,
                undefined,
            );
        const userId = options.userId ?? this.currentUserId;
        const table = this.store.table(object);
        const ids: string[] = [];
        const stamp = new DatetimeValue(this.stamp());
        for (const [i, input] of rows.entries()) {
            const values = new Map<string, ApexValue>();
            for (const [name, raw] of Object.entries(input)) {
                const field = object.fields.get(name.toLowerCase());
                if (!field) throw new LoadError(object.name, i, `unknown field ${name}`);
                if (field.type === 'ID')
                    throw new LoadError(
                        object.name,
                        i,
                        'an Id cannot be loaded: the database assigns Ids (use the returned ones)',
                    );
                try {
                    values.set(field.name.toLowerCase(), fromLoaderValue(field, raw));
                } catch (e) {
                    if (e instanceof FieldValueError)
                        throw new LoadError(object.name, i, e.message);
                    throw e;
                }
            }
            applyInsertDefaults(this, object, values, new Set(values.keys()), userId);
            applyDerivedFields(this, object, values, null);
            const id = this.newId(object);
            for (const field of object.fields.values()) {
                if (
                    field.audit &&
                    field.type === 'DATETIME' &&
                    !values.has(field.name.toLowerCase())
                )
                    values.set(field.name.toLowerCase(), stamp);
                if (
                    field.audit &&
                    field.type === 'REFERENCE' &&
                    !values.has(field.name.toLowerCase())
                )
                    values.set(field.name.toLowerCase(), userId);
                if (field.autoNumber && !values.has(field.name.toLowerCase()))
                    values.set(field.name.toLowerCase(), this.nextAutoNumber(object, field));
            }
            if (object.nameField === 'Name' && object.custom && !values.get('name'))
                values.set('name', id.slice(0, 15));
            this.store.insert(object, id, values);
            ids.push(id);
        }
        void table;
        ownerRowsForLoad(this, object, ids);
        return ids;
    }

    // ---- transactions and isolation ----

    savepoint(): Savepoint {
        return { mark: this.store.mark() };
    }

    rollback(savepoint: Savepoint): void {
        this.store.rollback(savepoint.mark);
    }

    isOpen(savepoint: Savepoint): boolean {
        return this.store.isOpen(savepoint.mark);
    }

    /** Forgets a savepoint (the changes since it stay). */
    release(savepoint: Savepoint): void {
        this.store.release(savepoint.mark);
    }

    snapshot(): DatabaseSnapshot {
        return {
            mark: this.store.mark(),
            idSequence: this.idSequence,
            rowSequence: this.store.sequence,
            autoNumbers: new Map(this.autoNumbers),
            lastStamp: this.lastStamp,
        };
    }

    /** Back to the snapshot (it stays usable: restore it again after the next test). */
    restore(snapshot: DatabaseSnapshot): void {
        this.store.rollback(snapshot.mark);
        this.idSequence = snapshot.idSequence;
        this.store.sequence = snapshot.rowSequence;
        this.autoNumbers = new Map(snapshot.autoNumbers);
        this.lastStamp = snapshot.lastStamp;
    }

    /** Drops a snapshot that will not be restored again. */
    discard(snapshot: DatabaseSnapshot): void {
        this.store.release(snapshot.mark);
    }

    /** From now on SOQL sees only rows written after this point, plus setup and metadata objects. */
    beginTestIsolation(): void {
        this.isolationFromSeq = this.store.sequence;
    }

    endTestIsolation(): void {
        this.isolationFromSeq = null;
    }

    /** Whether test data isolation hides this row. */
    hiddenByIsolation(row: StoredRow): boolean {
        return (
            this.isolationFromSeq !== null &&
            row.seq < this.isolationFromSeq &&
            !row.table.object.visibleInTests
        );
    }

    // ---- DML ----

    dml(request: DmlRequest, hooks: DmlHooks): DmlOutcome {
        return new DmlEngine(this, request, hooks).run();
    }
}

export class LoadError extends Error {
    constructor(object: string, index: number, message: string) {
        super(`local-org: loadRecords(${object}) row ${index}: ${message}`);
        this.name = 'LoadError';
    }
}

function thinTypeInfo(object: ObjectDescribe, schema: OrgSchema): SObjectTypeInfo {
    const fields = new Map<string, string>();
    const relationships = new Map<string, { name: string; target: string | null }>();
    for (const field of object.fields.values()) fields.set(field.name.toLowerCase(), field.name);
    for (const [key, field] of object.relationships) {
        const target = field.referenceTo.length === 1 ? (field.referenceTo[0] as string) : null;
        relationships.set(key, { name: field.relationshipName as string, target });
    }
    void schema;
    return { name: object.name, fields, relationships };
}

/** `HS-{000000}` → HS-000042; `{YYYY}`, `{YY}`, `{MM}`, `{DD}` take the date (Help: Auto-Number Field Formats). */
function formatAutoNumber(format: string, n: number, nowMs: number, timeZone: string): string {
    if (!/\{(YYYY|YY|MM|DD)\}/.test(format))
        return format.replace(/\{(0+)\}/g, (_m, zeros: string) =>
            String(n).padStart(zeros.length, '0'),
        );
    const parts = new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
    })
        .format(new Date(nowMs))
        .split('-');
    return format.replace(/\{(0+|YYYY|YY|MM|DD)\}/g, (_m, token: string) => {
        switch (token) {
            case 'YYYY':
                return parts[0] as string;
            case 'YY':
                return (parts[0] as string).slice(2);
            case 'MM':
                return parts[1] as string;
            case 'DD':
                return parts[2] as string;
            default:
                return String(n).padStart(token.length, '0');
        }
    });
}
