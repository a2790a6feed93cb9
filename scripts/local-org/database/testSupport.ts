// Helpers for the data layer's own tests: the fixture project, a database over it with a
// fixed clock, records built like the interpreter builds them, DML and SOQL in one call.
import { fileURLToPath } from 'node:url';
import { decFromString } from '../interpreter/decimal.ts';
import { DateValue, DatetimeValue, IntegerValue } from '../interpreter/values.ts';
import type { ApexValue, DecimalValue, SObjectValue } from '../interpreter/values.ts';
import { loadOrgSchema } from '../schema/load.ts';
import type { OrgSchema } from '../schema/types.ts';
import { executeQuery } from '../soql/execute.ts';
import type { QueryResult } from '../soql/execute.ts';
import { LocalDatabase } from './database.ts';
import type { DmlHooks, DmlOperation, DmlOutcome, MixedDmlState, TriggerEvent } from './types.ts';
import { storedValue } from './values.ts';

export const FIXTURE_PROJECT = fileURLToPath(new URL('../fixtures/project', import.meta.url));
/** A project for record-level sharing: Private, Public Read Only, Read/Write and detail objects. */
export const SHARING_PROJECT = fileURLToPath(new URL('../fixtures/sharing', import.meta.url));
export const KEYSTONE_PROJECT = fileURLToPath(new URL('../../..', import.meta.url));

/** 2026-03-10 12:00 in Los Angeles (19:00 GMT). */
export const NOW = new Date('2026-03-10T19:00:00Z');

let fixtureSchema: OrgSchema | null = null;

export function fixtureSchemaOnce(): OrgSchema {
    fixtureSchema ??= loadOrgSchema(FIXTURE_PROJECT);
    return fixtureSchema;
}

export interface TestOrg {
    schema: OrgSchema;
    db: LocalDatabase;
    admin: string;
    /** Trigger calls seen by `hooks`, in order. */
    fired: { event: TriggerEvent; object: string; size: number }[];
    hooks: DmlHooks;
    /** Sets what the trigger hook does for an object and event. */
    onTrigger(
        object: string,
        event: TriggerEvent,
        handler: (
            newRecords: SObjectValue[] | null,
            oldRecords: SObjectValue[] | null,
        ) => ReturnType<DmlHooks['trigger']>,
    ): void;
    record(object: string, fields?: Record<string, ApexValue>): SObjectValue;
    dml(
        operation: DmlOperation,
        records: SObjectValue[],
        options?: {
            allOrNone?: boolean;
            userId?: string;
            mode?: 'system' | 'user';
            /** `with sharing` code: record-level sharing applies in system mode too. */
            sharing?: boolean;
            externalIdField?: string;
            mixedDml?: MixedDmlState;
        },
    ): DmlOutcome;
    insert(object: string, fields: Record<string, ApexValue>): string;
    query(
        soql: string,
        binds?: Record<string, ApexValue>,
        options?: {
            userId?: string;
            mode?: 'system' | 'user' | 'security_enforced';
            sharing?: boolean;
            timeZone?: string;
        },
    ): QueryResult;
    rows(
        soql: string,
        binds?: Record<string, ApexValue>,
        options?: {
            userId?: string;
            mode?: 'system' | 'user' | 'security_enforced';
            sharing?: boolean;
            timeZone?: string;
        },
    ): SObjectValue[];
}

export function openTestOrg(schema: OrgSchema = fixtureSchemaOnce(), now: Date = NOW): TestOrg {
    const db = new LocalDatabase(schema, { now: () => now });
    const admin = db.seed.adminUserId;
    const fired: TestOrg['fired'] = [];
    const handlers = new Map<
        string,
        (n: SObjectValue[] | null, o: SObjectValue[] | null) => ReturnType<DmlHooks['trigger']>
    >();
    const hooks: DmlHooks = {
        trigger(event, object, newRecords, oldRecords) {
            fired.push({ event, object, size: (newRecords ?? oldRecords ?? []).length });
            const handler = handlers.get(`${object.toLowerCase()}:${event}`);
            return handler ? handler(newRecords, oldRecords) : undefined;
        },
    };
    const org: TestOrg = {
        schema,
        db,
        admin,
        fired,
        hooks,
        onTrigger(object, event, handler) {
            handlers.set(`${object.toLowerCase()}:${event}`, handler);
        },
        record(object, fields = {}) {
            const describe = schema.require(object);
            const record = db.newRecord(describe);
            for (const [name, value] of Object.entries(fields)) {
                const field = describe.fields.get(name.toLowerCase());
                const rel = describe.relationships.get(name.toLowerCase());
                const apiName = field?.name ?? rel?.relationshipName ?? name;
                // Ids are held in 18 characters, as an assignment in Apex gives them.
                const typed =
                    field && field.apexType === 'Id' && typeof value === 'string' && value !== ''
                        ? storedValue(field, value)
                        : value;
                record.fields.set(name.toLowerCase(), { name: apiName, value: typed });
            }
            return record;
        },
        dml(operation, records, options = {}) {
            return db.dml(
                {
                    operation,
                    records,
                    allOrNone: options.allOrNone ?? true,
                    access: {
                        mode: options.mode ?? 'system',
                        userId: options.userId ?? admin,
                        sharing: options.sharing ?? false,
                    },
                    ...(options.externalIdField
                        ? { externalIdField: options.externalIdField }
                        : {}),
                    ...(options.mixedDml ? { mixedDml: options.mixedDml } : {}),
                },
                hooks,
            );
        },
        insert(object, fields) {
            const record = org.record(object, fields);
            const outcome = org.dml('insert', [record]);
            const result = outcome.results[0];
            if (!result?.success)
                throw new Error(`insert ${object} failed: ${JSON.stringify(result?.errors)}`);
            return result.id as string;
        },
        query(soql, binds = {}, options = {}) {
            const lower = new Map(Object.entries(binds).map(([k, v]) => [k.toLowerCase(), v]));
            const userId = options.userId ?? admin;
            return executeQuery(soql, {
                db,
                schema,
                bind(name) {
                    const key = name.toLowerCase();
                    if (!lower.has(key)) throw new Error(`no bind ${name}`);
                    return lower.get(key) ?? null;
                },
                access: {
                    mode: options.mode ?? 'system',
                    userId,
                    sharing: options.sharing ?? false,
                },
                user: { id: userId, timeZone: options.timeZone ?? db.userTimeZone(userId) },
            });
        },
        rows(soql, binds = {}, options = {}) {
            const result = org.query(soql, binds, options);
            if (result.kind === 'count') throw new Error('COUNT() query');
            return result.rows;
        },
    };
    return org;
}

export function dec(text: string): DecimalValue {
    const d = decFromString(text);
    if (!d) throw new Error(`not a number: ${text}`);
    return d;
}

export function int(n: number): IntegerValue {
    return new IntegerValue(n);
}

export function date(text: string): DateValue {
    const [y, m, d] = text.split('-').map(Number) as [number, number, number];
    return new DateValue(y, m, d);
}

export function datetime(iso: string): DatetimeValue {
    return new DatetimeValue(Date.parse(iso));
}

/** A field of a record, by API name. */
export function get(record: SObjectValue, field: string): ApexValue {
    return record.fields.get(field.toLowerCase())?.value ?? null;
}
