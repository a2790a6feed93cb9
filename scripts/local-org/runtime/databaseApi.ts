// SOQL and DML in Apex over the data layer: inline and dynamic queries (binds evaluated as
// Apex), DML statements and Database.* with their result classes, DmlException with its
// getDml* methods, savepoints, and the Trigger context with the real triggers fired in
// chunks through the data layer's DmlHooks.
import { readFileSync } from 'node:fs';
import type { ExpressionContext, QueryContext } from '@apexdevtools/apex-parser';
import type { ClassInfo } from '../interpreter/classes.ts';
import { isValidId, toId } from '../interpreter/coerce.ts';
import { mapPut } from '../interpreter/collections.ts';
import { userTimeZone } from '../interpreter/dates.ts';
import { unsupported } from '../interpreter/errors.ts';
import {
    ApexThrown,
    newException,
    npe,
    systemException,
    systemExceptionClass,
} from '../interpreter/exceptions.ts';
import type { DmlOperation, DmlStatement } from '../interpreter/interpreter.ts';
import { nativeType } from '../interpreter/natives.ts';
import type { NativeCall } from '../interpreter/natives.ts';
import { storeField } from '../interpreter/sobjects.ts';
import {
    EnumValue,
    IntegerValue,
    ListValue,
    MapValue,
    NativeValue,
    SObjectValue,
    SetValue,
    typeRef,
} from '../interpreter/values.ts';
import type { ApexValue, NativeType, InstanceValue } from '../interpreter/values.ts';
import type { DmlError, DmlHooks, DmlOutcome, RowResult, TriggerEvent } from '../database/types.ts';
import type { ObjectDescribe } from '../schema/types.ts';
import type { QueryEnv, QueryResult } from './dataLayer.ts';
import { statusCode, triggerOperation } from './enums.ts';
import type { LocalOrg } from './org.ts';
import type { TriggerFrame } from './transaction.ts';

const STRING = typeRef('String');

/** One failed row of a DmlException (getDmlMessage(i) …). */
interface DmlRow {
    index: number;
    id: string | null;
    object: string;
    statusCode: string;
    message: string;
    fields: string[];
}

const OPERATION_NAMES: Record<DmlOperation, string> = {
    insert: 'Insert',
    update: 'Update',
    upsert: 'Upsert',
    delete: 'Delete',
    undelete: 'Undelete',
    merge: 'Merge',
};

/** 'BEFORE_INSERT' → 'before insert' (as trigger declarations name events). */
function eventDeclaration(event: TriggerEvent): string {
    return event.toLowerCase().replace('_', ' ');
}

/** 'AFTER_UPDATE' → 'AfterUpdate' (as trigger failure messages name events). */
function eventLabel(event: TriggerEvent): string {
    return event
        .toLowerCase()
        .split('_')
        .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
        .join('');
}

export class DatabaseApi {
    readonly saveResultType: NativeType;
    readonly errorType: NativeType;
    private readonly savepointType: NativeType;
    readonly queryLocatorType: NativeType;
    private readonly dmlOptionsType: NativeType;

    constructor(private readonly org: LocalOrg) {
        const result = (self: NativeValue): RowResult & { object: string; kind: string } =>
            self.data as RowResult & { object: string; kind: string };
        this.saveResultType = nativeType('Database.SaveResult', {
            typeKeys: [
                'database.saveresult',
                'database.upsertresult',
                'database.deleteresult',
                'database.undeleteresult',
                'database.mergeresult',
            ],
            method: (self, name) => {
                const r = result(self);
                switch (name) {
                    case 'issuccess':
                        return r.success;
                    case 'getid':
                        return r.id;
                    case 'geterrors':
                        if (r.kind === 'undelete' && r.success) return null;
                        return this.errorList(r.errors);
                    case 'iscreated':
                        return r.created === true;
                    case 'getmergedrecordids':
                        return new ListValue(typeRef('Id'), [...(r.mergedRecordIds ?? [])]);
                    case 'getupdatedrelatedids':
                        return new ListValue(typeRef('Id'), [...(r.updatedRelatedIds ?? [])]);
                }
                return undefined;
            },
            toString: (self) => {
                const r = result(self);
                return `Database.${r.kind === 'insert' || r.kind === 'update' ? 'Save' : r.kind.charAt(0).toUpperCase() + r.kind.slice(1)}Result[getId=${r.id};isSuccess=${r.success}]`;
            },
        });
        this.errorType = nativeType('Database.Error', {
            method: (self, name) => {
                const e = self.data as DmlError;
                switch (name) {
                    case 'getmessage':
                        return e.message;
                    case 'getstatuscode':
                        return statusCode(e.statusCode);
                    case 'getfields':
                        return new ListValue(
                            STRING,
                            this.errorFieldNames('Database.Error.getFields()', e.fields),
                        );
                }
                return undefined;
            },
            toString: (self) => {
                const e = self.data as DmlError;
                return `Database.Error[getFields=(${e.fields.join(', ')});getMessage=${e.message};getStatusCode=${e.statusCode};]`;
            },
        });
        this.savepointType = nativeType('System.Savepoint', {});
        this.queryLocatorType = nativeType('Database.QueryLocator', {
            method: (self, name) => {
                const locator = self.data as { query: string; rows: SObjectValue[] };
                if (name === 'getquery') return locator.query;
                if (name === 'iterator') throw unsupported('QueryLocator.iterator()');
                return undefined;
            },
        });
        this.dmlOptionsType = nativeType('Database.DMLOptions', {
            member: (self, name) => {
                const options = self.data as Record<string, ApexValue>;
                return options[name] ?? null;
            },
        });
        this.register();
    }

    // ---------------------------------------------------------------- SOQL

    private queryEnv(
        bind: (name: string, ctx?: unknown) => ApexValue,
        mode: 'system' | 'user',
    ): QueryEnv {
        const userId = this.org.runningUserId();
        return {
            bind,
            access: { mode, userId, sharing: this.org.interpreter.sharingEnforced === true },
            user: { id: userId, timeZone: userTimeZone.id },
        };
    }

    /** An inline [SELECT …]: binds are Apex expressions evaluated in the caller's frame. */
    inlineQuery(query: QueryContext, evalBind: (e: ExpressionContext) => ApexValue): ApexValue {
        const objectName = query.fromNameList().fieldName(0)?.getText() ?? '';
        const object = this.org.data.schema.object(objectName);
        const counted = !object?.isCustomMetadata;
        if (counted) this.org.tx.limits.add('queries');
        const result = this.org.located(() =>
            this.org.data.query(
                query,
                this.queryEnv((name, ctx) => {
                    if (ctx) return evalBind(ctx as ExpressionContext);
                    throw unsupported(`the SOQL bind :${name} without its expression`);
                }, 'system'),
            ),
        );
        return this.toApex(result, object, counted);
    }

    /** Database.query & co: binds name the caller's variables (or the given map). */
    dynamicQuery(
        soql: string,
        variable: (name: string) => ApexValue | undefined,
        mode: 'system' | 'user',
    ): { result: QueryResult; object: ObjectDescribe | undefined; counted: boolean } {
        const objectName = /\bfrom\s+([A-Za-z0-9_]+)/i.exec(soql)?.[1] ?? '';
        const object = this.org.data.schema.object(objectName);
        const counted = !object?.isCustomMetadata;
        if (counted) this.org.tx.limits.add('queries');
        const result = this.org.located(() =>
            this.org.data.query(
                soql,
                this.queryEnv((name) => {
                    const v = variable(name);
                    if (v === undefined)
                        throw systemException('QueryException', `Variable does not exist: ${name}`);
                    return v;
                }, mode),
            ),
        );
        return { result, object, counted };
    }

    toApex(result: QueryResult, object: ObjectDescribe | undefined, counted: boolean): ApexValue {
        const limits = this.org.tx.limits;
        if (result.kind === 'count') {
            // a COUNT() that returns an Integer costs one query row, whatever it counts (SOQL and
            // SOSL Reference, COUNT(): "counted as one query row"; Winter '20 release notes)
            if (counted) limits.add('queryRows', result.rowCount);
            return new IntegerValue(result.count);
        }
        if (counted) limits.add('queryRows', result.rowCount);
        const elementType =
            result.kind === 'aggregate'
                ? typeRef('AggregateResult')
                : typeRef((object ?? this.org.data.schema.require(result.object)).name);
        if (elementType.key === 'staticresource') this.attachBodies(result.rows);
        const list = new ListValue(elementType, result.rows);
        list.fromQuery = true;
        return list;
    }

    /** StaticResource.Body is a Blob of the resource's file. */
    private attachBodies(rows: SObjectValue[]): void {
        for (const row of rows) {
            const body = row.fields.get('body');
            const id = row.fields.get('id')?.value;
            if (!body || typeof id !== 'string') continue;
            const file = this.org.data.db.staticResourceFile(id);
            body.value = file ? this.org.blobOf(readFileSync(file)) : null;
        }
    }

    // ---------------------------------------------------------------- DML

    /** A DML statement (`insert records;`): all or none, DmlException on failure. */
    statement(s: DmlStatement): void {
        if (s.operation === 'merge') {
            this.merge(s.value, s.mergeDuplicates, true, s.access === 'user' ? 'user' : 'system');
            return;
        }
        const records = this.recordsOf(s.value, s.operation);
        const outcome = this.perform(
            s.operation,
            records,
            true,
            s.access === 'user' ? 'user' : 'system',
            s.externalIdField,
        );
        if (outcome) this.throwIfFailed(s.operation, records, outcome);
    }

    /** The records a DML value stands for: an SObject, a List<SObject>, or (delete/undelete) Ids. */
    private recordsOf(value: ApexValue, operation: DmlOperation): SObjectValue[] {
        if (value === null) throw npe();
        const items = value instanceof ListValue ? value.items : [value];
        return items.map((item) => {
            if (item instanceof SObjectValue) return item;
            if (
                typeof item === 'string' &&
                (operation === 'delete' || operation === 'undelete') &&
                isValidId(item)
            ) {
                return this.recordWithId(toId(item));
            }
            if (item === null) throw npe();
            throw unsupported(`DML ${operation} of something other than SObjects`);
        });
    }

    private recordWithId(id: string): SObjectValue {
        const object = this.org.data.db.objectOfId(id);
        if (!object) throw systemException('DmlException', `invalid id: ${id}`);
        const type = this.org.schemaApi.typeSchema(object);
        const record = new SObjectValue(type);
        const info = type.fieldInfo.get('id');
        if (info) storeField(record, info, id);
        return record;
    }

    /**
     * Runs one DML operation through the data layer, counting the statement (rows are counted
     * by the hooks). Empty lists are not sent and not counted.
     */
    perform(
        operation: DmlOperation,
        records: SObjectValue[],
        allOrNone: boolean,
        mode: 'system' | 'user',
        externalIdField: string | null = null,
        mergeMaster?: SObjectValue,
    ): DmlOutcome | null {
        if (records.length === 0) return null;
        const tx = this.org.tx;
        tx.limits.add('dmlStatements');
        // a partial-success retry starts again from here (its triggers count again, and the
        // jobs the rolled-back attempt queued are gone with its AsyncApexJob rows)
        const atStart = tx.limits.snapshot();
        const queuedAtStart = tx.queue.length;
        const outcome = this.org.located(() =>
            this.org.data.db.dml(
                {
                    operation,
                    records,
                    allOrNone,
                    ...(externalIdField ? { externalIdField } : {}),
                    ...(mergeMaster ? { mergeMaster } : {}),
                    access: {
                        mode,
                        userId: tx.userId,
                        sharing: this.org.interpreter.sharingEnforced === true,
                    },
                    mixedDml: tx.mixed,
                },
                this.hooks(() => {
                    tx.limits.restore(atStart);
                    tx.queue.length = queuedAtStart;
                }),
            ),
        );
        if (records.some((r) => r.type.name.toLowerCase() === 'user')) this.org.forgetUsers();
        return outcome;
    }

    private throwIfFailed(
        operation: DmlOperation,
        records: SObjectValue[],
        outcome: DmlOutcome,
    ): void {
        if (!outcome.allOrNoneFailed) return;
        throw this.dmlException(operation, records, outcome.results);
    }

    /** The platform's DmlException for failed rows (message of the first failure). */
    dmlException(
        operation: DmlOperation,
        records: SObjectValue[],
        results: RowResult[],
    ): ApexThrown {
        const rows: DmlRow[] = [];
        // rows that were fine but rolled back with the statement carry no error of their own
        const anyErrors = results.some((r) => r.errors.length > 0);
        results.forEach((r, index) => {
            if (r.success || (anyErrors && r.errors.length === 0)) return;
            const first = r.errors[0] ?? {
                statusCode: 'UNKNOWN_EXCEPTION',
                message: 'unknown',
                fields: [],
            };
            rows.push({
                index,
                id: r.id,
                object: records[index]?.type.name ?? '',
                statusCode: first.statusCode,
                message: first.message,
                fields: first.fields,
            });
        });
        const first = rows[0];
        if (!first) return systemException('DmlException', `${OPERATION_NAMES[operation]} failed.`);
        const withId = first.id && operation !== 'insert' ? ` with id ${first.id}` : '';
        const message = `${OPERATION_NAMES[operation]} failed. First exception on row ${first.index}${withId}; first error: ${first.statusCode}, ${first.message}: [${first.fields.join(', ')}]`;
        return systemException('DmlException', message, { dml: rows });
    }

    /** The hooks the data layer calls: triggers, the DML row limit, partial-success retries. */
    hooks(onRetry: () => void): DmlHooks {
        return {
            trigger: (event, objectName, newRecords, oldRecords) =>
                this.fireTriggers(event, objectName, newRecords, oldRecords),
            countRows: (n) => this.org.tx.limits.add('dmlRows', n),
            retry: () => onRetry(),
        };
    }

    private fireTriggers(
        event: TriggerEvent,
        objectName: string,
        newRecords: SObjectValue[] | null,
        oldRecords: SObjectValue[] | null,
    ): { failure: { message: string; statusCode: string } } | undefined {
        const object = this.org.data.schema.require(objectName);
        const declared = eventDeclaration(event);
        const triggers = (this.org.triggersByObject.get(object.name.toLowerCase()) ?? []).filter(
            (t) => t.trigger?.events.includes(declared),
        );
        if (triggers.length === 0) return undefined;
        const type = typeRef(object.name);
        const frame: TriggerFrame = {
            operation: event,
            objectName: object.name,
            newList: newRecords ? new ListValue(type, newRecords) : null,
            oldList: oldRecords ? new ListValue(type, oldRecords) : null,
            newMap: newRecords && event !== 'BEFORE_INSERT' ? this.idMap(type, newRecords) : null,
            oldMap: oldRecords ? this.idMap(type, oldRecords) : null,
            size: (newRecords ?? oldRecords ?? []).length,
        };
        const tx = this.org.tx;
        tx.triggers.push(frame);
        // after triggers see the saved rows: Apex may read them, not change them
        const after = event.startsWith('AFTER');
        const rows = after ? [...(newRecords ?? []), ...(oldRecords ?? [])] : (oldRecords ?? []);
        for (const r of rows) r.readOnly = { message: 'Record is read-only', uncatchable: false };
        let current: ClassInfo | null = null;
        try {
            for (const trigger of triggers) {
                current = trigger;
                this.org.interpreter.runTrigger(trigger);
            }
            return undefined;
        } catch (e) {
            if (!(e instanceof ApexThrown) || !isCatchable(e)) throw e;
            const ex = e.exception;
            const stack: string[] = [];
            for (const line of ex.stack ?? []) {
                stack.push(`${line.label}: line ${line.line}, column ${line.column}`);
                if (line.label === `Trigger.${current?.name}`) break;
            }
            const message = `${current?.name}: execution of ${eventLabel(event)}\n\ncaused by: ${ex.cls.name}: ${ex.message ?? 'null'}\n\n${stack.join('\n')}`;
            return { failure: { message, statusCode: 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY' } };
        } finally {
            tx.triggers.pop();
            for (const r of rows) r.readOnly = null;
        }
    }

    private idMap(type: ReturnType<typeof typeRef>, records: SObjectValue[]): MapValue {
        const map = new MapValue(typeRef('Id'), type, new Map());
        for (const r of records) {
            const id = r.fields.get('id')?.value ?? null;
            if (id !== null) mapPut(map, id, r);
        }
        return map;
    }

    // ---------------------------------------------------------------- Database.*

    private register(): void {
        const natives = this.org.natives;
        natives.register({
            name: 'Database',
            staticMethod: (name, args, call) => this.databaseMethod(name, args, call),
        });
        natives.register({ name: 'Database.SaveResult' });
        natives.register({ name: 'Database.UpsertResult' });
        natives.register({ name: 'Database.DeleteResult' });
        natives.register({ name: 'Database.UndeleteResult' });
        natives.register({ name: 'Database.MergeResult' });
        natives.register({ name: 'Database.Error' });
        natives.register({ name: 'Database.QueryLocator' });
        natives.register({ name: 'System.Savepoint' });
        natives.register({
            name: 'Database.DMLOptions',
            construct: () =>
                new NativeValue(this.dmlOptionsType, {
                    optallornone: null,
                    allowfieldtruncation: false,
                }),
        });
        natives.register({
            name: 'AggregateResult',
        });
        // Trigger.new, Trigger.old … of the trigger chunk running now
        natives.register({
            name: 'System.Trigger',
            staticMember: (name) => {
                const frame = this.org.hasTransaction ? this.org.tx.trigger : null;
                const op = frame?.operation ?? '';
                switch (name.toLowerCase()) {
                    case 'isexecuting':
                        return frame !== null;
                    case 'new':
                        return frame?.newList ?? null;
                    case 'old':
                        return frame?.oldList ?? null;
                    case 'newmap':
                        return frame?.newMap ?? null;
                    case 'oldmap':
                        return frame?.oldMap ?? null;
                    case 'operationtype':
                        return frame ? triggerOperation(op) : null;
                    case 'size':
                        return frame ? new IntegerValue(frame.size) : null;
                    case 'isbefore':
                        return op.startsWith('BEFORE');
                    case 'isafter':
                        return op.startsWith('AFTER');
                    case 'isinsert':
                        return op.endsWith('_INSERT');
                    case 'isupdate':
                        return op.endsWith('_UPDATE');
                    case 'isdelete':
                        return op.endsWith('_DELETE');
                    case 'isundelete':
                        return op.endsWith('_UNDELETE');
                }
                return undefined;
            },
        });
    }

    private databaseMethod(
        name: string,
        args: ApexValue[],
        call: NativeCall,
    ): ApexValue | undefined {
        switch (name) {
            case 'insert':
            case 'update':
            case 'upsert':
            case 'delete':
            case 'undelete':
                return this.databaseDml(name, args);
            case 'merge':
                return this.databaseMerge(args);
            case 'setsavepoint':
                return this.setSavepoint();
            case 'rollback':
                this.rollback(args[0] ?? null);
                return null;
            case 'releasesavepoint':
                return null;
            case 'query': {
                const soql = this.soqlArg(args[0] ?? null);
                const { result, object, counted } = this.dynamicQuery(
                    soql,
                    (n) => call.variable(n),
                    this.modeArg(args[1] ?? null),
                );
                return this.toApex(result, object, counted);
            }
            case 'querywithbinds': {
                const soql = this.soqlArg(args[0] ?? null);
                const binds = this.bindMap(args[1] ?? null);
                const { result, object, counted } = this.dynamicQuery(
                    soql,
                    (n) => binds.get(n.toLowerCase()),
                    this.modeArg(args[2] ?? null),
                );
                return this.toApex(result, object, counted);
            }
            case 'countquery':
            case 'countquerywithbinds': {
                const soql = this.soqlArg(args[0] ?? null);
                const binds = name === 'countquerywithbinds' ? this.bindMap(args[1] ?? null) : null;
                const { result, object, counted } = this.dynamicQuery(
                    soql,
                    (n) => (binds ? binds.get(n.toLowerCase()) : call.variable(n)),
                    this.modeArg(args[binds ? 2 : 1] ?? null),
                );
                if (result.kind !== 'count')
                    throw systemException(
                        'QueryException',
                        'countQuery needs SELECT COUNT() FROM …',
                    );
                return this.toApex(result, object, counted);
            }
            case 'getquerylocator':
            case 'getquerylocatorwithbinds':
                return this.queryLocator(name, args, call);
            case 'executebatch':
                return this.org.async.executeBatch(args[0] ?? null, args[1] ?? null);
            case 'emptyrecyclebin':
            case 'convertlead':
            case 'getdeleted':
            case 'getupdated':
            case 'getasyncdeleteresult':
            case 'getasyncsaveresult':
                throw unsupported(`Database.${name}`);
        }
        return undefined;
    }

    private soqlArg(v: ApexValue): string {
        if (v === null) throw npe();
        if (typeof v !== 'string') throw unsupported('Database.query with a non-String query');
        return v;
    }

    private modeArg(v: ApexValue): 'system' | 'user' {
        if (v instanceof EnumValue && v.typeKey === 'accesslevel')
            return v.name === 'USER_MODE' ? 'user' : 'system';
        return 'system';
    }

    private bindMap(v: ApexValue): Map<string, ApexValue> {
        if (!(v instanceof MapValue)) throw npe();
        const out = new Map<string, ApexValue>();
        for (const e of v.entries.values()) out.set(String(e.key).toLowerCase(), e.value);
        return out;
    }

    private queryLocator(name: string, args: ApexValue[], call: NativeCall): NativeValue {
        const a0 = args[0] ?? null;
        if (a0 instanceof ListValue) {
            // Database.getQueryLocator([SELECT …]): the inline query already ran
            return new NativeValue(this.queryLocatorType, {
                query: '',
                rows: a0.items as SObjectValue[],
                object: a0.elementType.display,
            });
        }
        const soql = this.soqlArg(a0);
        const binds = name === 'getquerylocatorwithbinds' ? this.bindMap(args[1] ?? null) : null;
        const { result, object } = this.dynamicQuery(
            soql,
            (n) => (binds ? binds.get(n.toLowerCase()) : call.variable(n)),
            this.modeArg(args[binds ? 2 : 1] ?? null),
        );
        if (result.kind !== 'records') throw unsupported('a QueryLocator of an aggregate query');
        return new NativeValue(this.queryLocatorType, {
            query: soql,
            rows: result.rows,
            object: object?.name ?? result.object,
        });
    }

    /** Database.insert(records [, allOrNone | DMLOptions] [, AccessLevel]) and the others. */
    private databaseDml(name: DmlOperation, args: ApexValue[]): ApexValue {
        const target = args[0] ?? null;
        let allOrNone = true;
        let mode: 'system' | 'user' = 'system';
        let externalIdField: string | null = null;
        let rest = args.slice(1);
        if (name === 'upsert' && rest[0] !== undefined && !(typeof rest[0] === 'boolean')) {
            const field = this.org.schemaApi.fieldOf(rest[0] ?? null);
            if (field) {
                externalIdField = field.field.name;
                rest = rest.slice(1);
            } else if (rest[0] === null) rest = rest.slice(1);
        }
        for (const a of rest) {
            if (typeof a === 'boolean') allOrNone = a;
            else if (a instanceof EnumValue && a.typeKey === 'accesslevel')
                mode = a.name === 'USER_MODE' ? 'user' : 'system';
            else if (a instanceof NativeValue && a.type === this.dmlOptionsType) {
                const opt = (a.data as Record<string, ApexValue>).optallornone;
                allOrNone = opt === true;
            } else if (a !== null) throw unsupported(`Database.${name} with this argument`);
        }
        const single = !(target instanceof ListValue);
        const records = this.recordsOf(target, name);
        const outcome = this.perform(name, records, allOrNone, mode, externalIdField);
        const results = outcome?.results ?? [];
        if (outcome) this.throwIfFailed(name, records, outcome);
        const values = results.map(
            (r, i) =>
                new NativeValue(this.saveResultType, {
                    ...r,
                    kind: name,
                    object: records[i]?.type.name ?? '',
                }),
        );
        if (single) return values[0] ?? null;
        const typeName =
            name === 'insert' || name === 'update'
                ? 'Database.SaveResult'
                : `Database.${name.charAt(0).toUpperCase()}${name.slice(1)}Result`;
        return new ListValue(typeRef(typeName), values);
    }

    private databaseMerge(args: ApexValue[]): ApexValue {
        const [master = null, duplicates = null, a2 = null] = args;
        const mode = a2 instanceof EnumValue ? this.modeArg(a2) : this.modeArg(args[3] ?? null);
        const allOrNone = typeof a2 === 'boolean' ? a2 : true;
        const results = this.merge(master, duplicates, allOrNone, mode);
        const values = results.map(
            (r) => new NativeValue(this.saveResultType, { ...r, kind: 'merge' }),
        );
        return duplicates instanceof ListValue
            ? new ListValue(typeRef('Database.MergeResult'), values)
            : (values[0] ?? null);
    }

    private merge(
        master: ApexValue,
        duplicates: ApexValue,
        allOrNone: boolean,
        mode: 'system' | 'user',
    ): RowResult[] {
        if (!(master instanceof SObjectValue)) throw npe();
        const records = this.recordsOf(duplicates, 'delete');
        const outcome = this.perform('merge', records, allOrNone, mode, null, master);
        if (outcome) this.throwIfFailed('merge', [master, ...records], outcome);
        return outcome?.results ?? [];
    }

    // ---------------------------------------------------------------- savepoints

    private setSavepoint(): NativeValue {
        const tx = this.org.tx;
        tx.limits.add('dmlStatements');
        const savepoint = this.org.data.db.savepoint();
        tx.savepoints.push(savepoint);
        return new NativeValue(this.savepointType, { savepoint, queued: tx.queue.length });
    }

    private rollback(sp: ApexValue): void {
        if (sp === null) throw npe();
        if (!(sp instanceof NativeValue) || sp.type !== this.savepointType)
            throw unsupported('Database.rollback with something other than a Savepoint');
        const tx = this.org.tx;
        const { savepoint, queued } = sp.data as { savepoint: unknown; queued: number };
        const index = tx.savepoints.indexOf(savepoint);
        if (index < 0)
            throw systemException('TypeException', 'Savepoint does not exist in this context');
        tx.limits.add('dmlStatements');
        this.org.data.db.rollback(savepoint);
        // savepoints set after this one are gone; async work queued after it is discarded
        tx.savepoints.splice(index + 1);
        tx.queue.splice(queued);
        this.org.forgetUsers();
    }

    // ---------------------------------------------------------------- results and exceptions

    /**
     * The field names of a DML error. Namespace mode: whether they carry the namespace is not
     * documented (Apex Reference, DmlException and Database.Error), so a custom field among them
     * is fenced; getDmlFields() gives tokens, whose getDescribe().getName() is settled.
     */
    private errorFieldNames(construct: string, fields: readonly string[]): string[] {
        const namespace = this.org.data.schema.namespace;
        const custom = fields.find((f) => namespace?.isUnqualifiedCustom(f));
        if (namespace && custom)
            throw namespace.fence(
                construct,
                custom,
                'whether the names carry the namespace is not documented',
            );
        return [...fields];
    }

    errorList(errors: DmlError[]): ListValue {
        return new ListValue(
            typeRef('Database.Error'),
            errors.map((e) => new NativeValue(this.errorType, e)),
        );
    }

    /** DmlException.getDml* and QueryException.getInaccessibleFields. */
    exceptionMethod(e: InstanceValue, method: string, args: ApexValue[]): ApexValue | undefined {
        const rows = (e.native?.dml as DmlRow[] | undefined) ?? null;
        const index = args[0] instanceof IntegerValue ? args[0].v : 0;
        const row = (): DmlRow => {
            const r = rows?.[index];
            if (!r) throw systemException('ListException', `List index out of bounds: ${index}`);
            return r;
        };
        switch (method) {
            case 'getnumdml':
                return new IntegerValue(rows?.length ?? 0);
            case 'getdmltype':
                return statusCode(row().statusCode);
            case 'getdmlmessage':
                return row().message;
            case 'getdmlfieldnames':
                return new ListValue(
                    STRING,
                    this.errorFieldNames('DmlException.getDmlFieldNames()', row().fields),
                );
            case 'getdmlfields': {
                const r = row();
                const object = this.org.data.schema.object(r.object);
                return new ListValue(
                    typeRef('Schema.SObjectField'),
                    r.fields.flatMap((f) => {
                        const field = object?.fields.get(f.toLowerCase());
                        return object && field
                            ? [this.org.schemaApi.fieldToken(object, field)]
                            : [];
                    }),
                );
            }
            case 'getdmlid':
                return row().id;
            case 'getdmlindex':
                return new IntegerValue(row().index);
            case 'getinaccessiblefields': {
                const map = new MapValue(STRING, typeRef('Set<String>'), new Map());
                const fields =
                    (e.native?.inaccessibleFields as Record<string, string[]> | undefined) ?? {};
                for (const [object, names] of Object.entries(fields)) {
                    const set = new SetValue(STRING, new Map());
                    for (const n of names) set.entries.set(`s:${n}`, n);
                    mapPut(map, object, set);
                }
                return map;
            }
        }
        return undefined;
    }
}

function isCatchable(e: ApexThrown): boolean {
    const key = e.exception.cls.key;
    return (
        key !== 'system.assertexception' &&
        key !== 'system.limitexception' &&
        e.exception.native?.uncatchable !== true
    );
}

/** A DmlException thrown by the runtime itself (e.g. an invalid argument). */
export function dmlError(message: string): ApexThrown {
    return new ApexThrown(newException(systemExceptionClass('DmlException'), message));
}
