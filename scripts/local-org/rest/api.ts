// The versioned REST API (/services/data/vXX.X/…) over a local org: resources, limits,
// describeGlobal and sObject describe, query and queryMore, sObject rows (create, retrieve,
// update, delete, upsert and retrieve by external id), sObject Collections, sObject Tree and
// Composite (composite.ts). Every handler runs inside one request of the local org
// (runtime/request.ts) as the session user: a handler that throws leaves nothing behind.
import { normalizeId } from '../database/ids.ts';
import { userTimeZone } from '../interpreter/dates.ts';
import { ListValue, typeRef } from '../interpreter/values.ts';
import type { SObjectValue } from '../interpreter/values.ts';
import type { QueryEnv } from '../runtime/dataLayer.ts';
import type { LocalOrg } from '../runtime/org.ts';
import type { FieldDescribe, ObjectDescribe } from '../schema/types.ts';
import { collections, compositeRequest, tree } from './composite.ts';
import { Describer } from './describe.ts';
import {
    RestError,
    badRequest,
    notFound,
    restError,
    rowErrors,
    statusOfRowErrors,
} from './errors.ts';
import { batchSizeOf } from './query.ts';
import type { QueryCursors } from './query.ts';
import { RecordCodec, fieldValueFromJson, isJsonObject, recordUrl } from './records.ts';
import type { JsonRecord } from './records.ts';
import { Saver } from './saves.ts';
import type { RowOutcome } from './saves.ts';

export interface ApiRequest {
    method: string;
    /** The path below /services/data/vXX.X ('' for the version's root), without the query string. */
    path: string;
    version: string;
    query: URLSearchParams;
    /** Lower-case header names. */
    headers: Record<string, string | undefined>;
    body: unknown;
    /** The server's http://host:port (for absolute URLs such as the identity URL). */
    origin: string;
}

export interface ApiResponse {
    status: number;
    /** JSON body; absent for 204. */
    body?: unknown;
    headers?: Record<string, string>;
}

/**
 * An answer whose request must leave nothing behind: an all-or-none failure that the API
 * reports with a body of results rather than as an error (sObject Collections, sObject Tree,
 * Composite). Thrown through the request, which rolls back, then sent as it is.
 */
export class RolledBack extends Error {
    constructor(readonly response: ApiResponse) {
        super(`request rolled back (${response.status})`);
        this.name = 'RolledBack';
    }
}

/** The most records a Collections or Tree request may carry. */
export const MAX_RECORDS = 200;

/** Resources of the API and the version they appeared in. */
const SINCE: Record<string, number> = {
    compositeSObjects: 42,
    compositeUpsert: 46,
    compositeTree: 42,
    composite: 42,
};

export function tooManyRecords(): RestError {
    return badRequest(
        'EXCEEDED_ID_LIMIT',
        `record limit reached. cannot submit more than ${MAX_RECORDS} records into this call`,
    );
}

/** What the REST API needs of the server around it. */
export interface ApiServices {
    cursors: QueryCursors;
    /** API requests made today and the org's daily allowance (Sforce-Limit-Info, limits). */
    apiUsage(): { used: number; max: number };
}

/** Where a request runs: on its own, or as a Composite subrequest (whose allOrNone wins). */
export interface CallContext {
    inComposite: boolean;
    allOrNone?: boolean;
}

export class RestApi {
    constructor(
        private readonly org: LocalOrg,
        private readonly services: ApiServices,
    ) {}

    /** Handles one request (or a Composite subrequest) as `userId`; throws RestError / RolledBack. */
    handle(
        request: ApiRequest,
        userId: string,
        context: CallContext = { inComposite: false },
    ): ApiResponse {
        return new Call(this.org, this.services, request, userId, context, (sub, allOrNone) =>
            this.handle(sub, userId, { inComposite: true, allOrNone }),
        ).route();
    }
}

/** One request: its user, codec and savers, and the routing of its path. */
export class Call {
    readonly codec: RecordCodec;
    readonly saver: Saver;
    readonly describer: Describer;
    private readonly segments: string[];

    constructor(
        readonly org: LocalOrg,
        private readonly services: ApiServices,
        readonly request: ApiRequest,
        readonly userId: string,
        readonly context: CallContext,
        /** Runs a Composite subrequest in this request's transaction. */
        readonly runSubrequest: (request: ApiRequest, allOrNone: boolean) => ApiResponse,
    ) {
        this.codec = new RecordCodec(org, request.version);
        this.saver = new Saver(org, userId);
        this.describer = new Describer(org, userId, request.version);
        this.segments = request.path
            .split('/')
            .filter((s) => s !== '')
            .map(decodeURIComponent);
    }

    get method(): string {
        return this.request.method.toUpperCase();
    }

    private get versionNumber(): number {
        return Number(this.request.version);
    }

    /** 404 for a resource the request's API version does not have yet. */
    since(resource: keyof typeof SINCE): void {
        if (this.versionNumber < (SINCE[resource] ?? 0)) throw notFound();
    }

    allow(...methods: string[]): void {
        if (!methods.includes(this.method))
            throw restError(
                405,
                'METHOD_NOT_ALLOWED',
                `HTTP Method '${this.method}' not allowed. Allowed are ${methods.join(',')}`,
            );
    }

    route(): ApiResponse {
        const [first, ...rest] = this.segments;
        switch (first) {
            case undefined:
                this.allow('GET');
                return { status: 200, body: this.resources() };
            case 'limits':
                this.allow('GET');
                return { status: 200, body: this.limits() };
            case 'sobjects':
                return this.sobjects(rest);
            case 'query':
            case 'queryAll':
                this.allow('GET');
                return { status: 200, body: this.query(first === 'queryAll', rest) };
            case 'composite':
                return this.composite(rest);
        }
        throw notFound();
    }

    private base(): string {
        return `/services/data/v${this.request.version}`;
    }

    /** SOQL the API runs for itself, as the session user (user mode) or the system. */
    queryEnv(mode: 'user' | 'system', binds: Record<string, unknown> = {}): QueryEnv {
        return {
            bind: (name) => {
                if (!(name in binds)) throw new Error(`local-org REST: no bind :${name}`);
                return binds[name] as ReturnType<QueryEnv['bind']>;
            },
            access: { mode, userId: this.userId },
            user: { id: this.userId, timeZone: userTimeZone.id },
        };
    }

    private resources(): JsonRecord {
        const base = this.base();
        return {
            identity: `${this.request.origin}/id/${this.org.organizationId}/${this.userId}`,
            sobjects: `${base}/sobjects`,
            query: `${base}/query`,
            queryAll: `${base}/queryAll`,
            composite: `${base}/composite`,
            limits: `${base}/limits`,
        };
    }

    private limits(): JsonRecord {
        const usage = this.services.apiUsage();
        const asyncRun = this.org.data.query(
            'SELECT COUNT() FROM AsyncApexJob',
            this.queryEnv('system'),
        );
        const asyncCount = asyncRun.kind === 'count' ? asyncRun.count : 0;
        return {
            DailyApiRequests: { Max: usage.max, Remaining: Math.max(0, usage.max - usage.used) },
            DailyAsyncApexExecutions: { Max: 250000, Remaining: Math.max(0, 250000 - asyncCount) },
        };
    }

    // ------------------------------------------------------------------------ query

    private query(scanAll: boolean, rest: string[]): JsonRecord {
        const cursors = this.services.cursors;
        if (rest.length === 1) {
            return {
                ...cursors.more(rest[0] as string, { userId: this.userId, codec: this.codec }),
            };
        }
        if (rest.length > 1) throw notFound();
        const soql = this.request.query.get('q');
        if (soql === null)
            throw badRequest('MALFORMED_QUERY', 'A query string has to be specified');
        return {
            ...cursors.query(soql, {
                userId: this.userId,
                codec: this.codec,
                batchSize: batchSizeOf(this.request.headers['sforce-query-options']),
                scanAll,
            }),
        };
    }

    // ------------------------------------------------------------------------ sObjects

    private sobjects(rest: string[]): ApiResponse {
        if (rest.length === 0) {
            this.allow('GET');
            return { status: 200, body: this.describer.global() };
        }
        const object = this.describer.readable(rest[0] as string);
        if (rest.length === 1) {
            this.allow('GET', 'POST');
            if (this.method === 'GET')
                return {
                    status: 200,
                    body: { objectDescribe: this.describer.summary(object), recentItems: [] },
                };
            return this.createOne(object);
        }
        if (rest.length === 2 && rest[1] === 'describe') {
            this.allow('GET');
            return { status: 200, body: this.describer.object(object) };
        }
        if (rest.length === 2) {
            this.allow('GET', 'PATCH', 'DELETE');
            const id = this.idIn(object, rest[1] as string);
            if (this.method === 'GET') return { status: 200, body: this.retrieve(object, id) };
            if (this.method === 'PATCH') return this.updateOne(object, id);
            return this.deleteOne(object, id);
        }
        if (rest.length === 3) {
            this.allow('GET', 'PATCH', 'DELETE');
            const field = this.keyField(object, rest[1] as string);
            const value = rest[2] as string;
            if (this.method === 'PATCH') return this.upsertOne(object, field, value);
            const id = this.idByKey(object, field, value);
            if (this.method === 'GET') return { status: 200, body: this.retrieve(object, id) };
            return this.deleteOne(object, id);
        }
        throw notFound();
    }

    /** An Id in the URL that names a record of `object`. */
    private idIn(object: ObjectDescribe, text: string): string {
        const id = normalizedId(text);
        if (!id || id.slice(0, 3) !== object.keyPrefix)
            throw restError(
                404,
                'NOT_FOUND',
                `Provided external ID field does not exist or is not accessible: ${text}`,
            );
        return id;
    }

    /** `sobjects/X/<field>/<value>`: the field must be Id or an external id the user can read. */
    private keyField(object: ObjectDescribe, name: string): FieldDescribe {
        const field = object.fields.get(name.toLowerCase());
        const usable = field && (field.type === 'ID' || field.externalId);
        if (
            !field ||
            !usable ||
            !this.org.data.security.canAccessField(this.userId, object.name, field.name, 'read')
        )
            throw restError(
                404,
                'NOT_FOUND',
                `Provided external ID field does not exist or is not accessible: ${name}`,
            );
        return field;
    }

    private idByKey(object: ObjectDescribe, field: FieldDescribe, value: string): string {
        const ids = this.idsWhere(object, field, value);
        if (ids.length === 0) throw notFound();
        if (ids.length > 1) throw new RolledBack(this.multipleChoices(object, ids));
        return ids[0] as string;
    }

    private idsWhere(object: ObjectDescribe, field: FieldDescribe, value: string): string[] {
        const result = this.org.data.query(
            `SELECT Id FROM ${object.name} WHERE ${field.name} = :value`,
            this.queryEnv('user', { value: fieldValueFromJson(field, value) }),
        );
        return result.kind === 'records'
            ? result.rows.map((row) => String(row.fields.get('id')?.value))
            : [];
    }

    private multipleChoices(object: ObjectDescribe, ids: string[]): ApiResponse {
        return {
            status: 300,
            body: ids.map((id) => recordUrl(this.request.version, object.name, id)),
        };
    }

    /** GET sobjects/X/id[?fields=a,b]: the record with the fields the user can read. */
    private retrieve(object: ObjectDescribe, id: string): JsonRecord {
        const rows = this.retrieveMany(object, [id], this.request.query.get('fields'));
        const row = rows[0];
        if (!row) throw notFound();
        return row;
    }

    /** Records by Id, in the order asked (null where there is none), as Collections retrieve returns them. */
    retrieveMany(
        object: ObjectDescribe,
        ids: string[],
        fieldList: string | null,
    ): (JsonRecord | null)[] {
        const security = this.org.data.security;
        const names = fieldList
            ? fieldList
                  .split(',')
                  .map((f) => f.trim())
                  .filter(Boolean)
            : [...object.fields.values()]
                  .filter((f) => security.canAccessField(this.userId, object.name, f.name, 'read'))
                  .filter(
                      (f) => this.org.data.schema.fencedField(object.name, f.name) === undefined,
                  )
                  .map((f) => f.name);
        const valid = ids.map((id) => normalizedId(id)).filter((id): id is string => id !== null);
        if (valid.length === 0) return ids.map(() => null);
        const result = this.org.data.query(
            `SELECT ${names.join(', ')} FROM ${object.name} WHERE Id IN :ids`,
            this.queryEnv('user', { ids: new ListValue(typeRef('Id'), valid) }),
        );
        const byId = new Map<string, SObjectValue>();
        if (result.kind === 'records')
            for (const row of result.rows) byId.set(String(row.fields.get('id')?.value), row);
        return ids.map((id) => {
            const row = byId.get(normalizedId(id) ?? '');
            return row ? this.codec.toJson(row) : null;
        });
    }

    /** The request's JSON object body. */
    jsonBody(): JsonRecord {
        const body = this.request.body;
        if (!isJsonObject(body))
            throw badRequest('JSON_PARSER_ERROR', 'The request body must be a JSON object');
        return body;
    }

    /** Errors of one row sent to a single-record resource: 400 (or 404) with the row's errors. */
    private oneRow(outcome: RowOutcome | undefined): RowOutcome {
        if (!outcome) throw badRequest('UNKNOWN_EXCEPTION', 'nothing was saved');
        if (!outcome.success)
            throw new RestError(statusOfRowErrors(outcome.errors), rowErrors(outcome.errors));
        return outcome;
    }

    private createOne(object: ObjectDescribe): ApiResponse {
        const record = this.codec.fromJson(object, this.jsonBody());
        const [outcome] = this.saver.save('insert', object, [record], true);
        const saved = this.oneRow(outcome);
        return {
            status: 201,
            body: { id: saved.id, success: true, errors: [] },
            headers: { Location: recordUrl(this.request.version, object.name, saved.id ?? '') },
        };
    }

    private updateOne(object: ObjectDescribe, id: string): ApiResponse {
        const body = this.jsonBody();
        const record = this.codec.fromJson(object, body);
        const given = record.fields.get('id')?.value;
        if (given !== undefined && given !== null && given !== id)
            throw badRequest(
                'INVALID_FIELD',
                `The Id in the body (${String(given)}) is not the record's Id in the URL`,
                ['Id'],
            );
        record.fields.set('id', { name: 'Id', value: id });
        this.oneRow(this.saver.save('update', object, [record], true)[0]);
        return { status: 204 };
    }

    private deleteOne(object: ObjectDescribe, id: string): ApiResponse {
        this.oneRow(this.saver.save('delete', object, [this.saver.idRecord(object, id)], true)[0]);
        return { status: 204 };
    }

    /** PATCH sobjects/X/<ExtId>/<value>: insert or update by external id (or by Id). */
    private upsertOne(object: ObjectDescribe, field: FieldDescribe, value: string): ApiResponse {
        const record = this.codec.fromJson(object, this.jsonBody());
        const key = fieldValueFromJson(field, value);
        const given = record.fields.get(field.name.toLowerCase())?.value;
        if (given !== undefined && given !== null && String(given) !== String(key))
            throw badRequest(
                'INVALID_FIELD',
                `${field.name} in the body (${String(given)}) differs from the value in the URL (${value})`,
                [field.name],
            );
        record.fields.set(field.name.toLowerCase(), { name: field.name, value: key });
        const byId = field.type === 'ID';
        const [outcome] = this.saver.save(
            'upsert',
            object,
            [record],
            true,
            byId ? undefined : field.name,
        );
        if (
            outcome &&
            !outcome.success &&
            outcome.errors[0]?.statusCode === 'DUPLICATE_EXTERNAL_ID'
        )
            throw new RolledBack(this.multipleChoices(object, this.idsWhere(object, field, value)));
        const saved = this.oneRow(outcome);
        const body = { id: saved.id, success: true, errors: [], created: saved.created === true };
        if (saved.created) return { status: 201, body };
        return this.versionNumber >= 46 ? { status: 200, body } : { status: 204 };
    }

    // ------------------------------------------------------------------------ composite/…

    private composite(rest: string[]): ApiResponse {
        const [kind, ...more] = rest;
        if (kind === 'sobjects') {
            this.since('compositeSObjects');
            return collections(this, more);
        }
        if (kind === 'tree') {
            this.since('compositeTree');
            this.allow('POST');
            if (more.length !== 1) throw notFound();
            return tree(this, this.describer.readable(more[0] as string));
        }
        if (kind === undefined) {
            this.since('composite');
            this.allow('POST');
            if (this.context.inComposite)
                throw badRequest(
                    'INVALID_API_INPUT',
                    'A Composite request cannot contain another Composite request',
                );
            return compositeRequest(this);
        }
        throw notFound();
    }
}

/** The 18-character form of an Id in a URL or body, or null when the text is not an Id. */
export function normalizedId(text: string): string | null {
    return /^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$/.test(text) ? normalizeId(text) : null;
}
