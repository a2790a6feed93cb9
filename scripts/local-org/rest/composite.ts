// The resources that carry many records or requests in one call (REST API Developer Guide):
// sObject Collections (create, update, upsert, delete and retrieve up to 200 records; records
// of several objects run as chunks of consecutive records of one object, at most 10),
// sObject Tree (parents with their children, inserted level by level in one all-or-nothing
// transaction) and Composite (up to 25 subrequests with `@{ref.field}` references, all or
// none, or each on its own).
import type { SObjectValue } from '../interpreter/values.ts';
import type { ObjectDescribe } from '../schema/types.ts';
import type { ApiRequest, ApiResponse, Call } from './api.ts';
import { MAX_RECORDS, RolledBack, normalizedId, tooManyRecords } from './api.ts';
import { RestError, badRequest, notFound, restErrorOf, saveError } from './errors.ts';
import type { RestErrorItem, SaveError } from './errors.ts';
import { isJsonObject } from './records.ts';
import type { JsonRecord } from './records.ts';
import { ROLLED_BACK } from './saves.ts';
import type { RowOutcome, SaveOperation } from './saves.ts';

const MAX_CHUNKS = 10;
const MAX_SUBREQUESTS = 25;
const MAX_TREE_DEPTH = 5;

function saveResultJson(outcome: RowOutcome): JsonRecord {
    return {
        ...(outcome.id !== null ? { id: outcome.id } : {}),
        success: outcome.success,
        errors: outcome.errors.map(saveError),
        ...(outcome.created !== undefined ? { created: outcome.created } : {}),
    };
}

// ---------------------------------------------------------------------------- sObject Collections

/** Consecutive runs of one object (the platform's chunks). */
function chunksOf<T>(items: T[], objectOf: (item: T) => string): T[][] {
    const chunks: T[][] = [];
    let last: string | null = null;
    for (const item of items) {
        const name = objectOf(item).toLowerCase();
        if (name !== last) chunks.push([]);
        (chunks[chunks.length - 1] as T[]).push(item);
        last = name;
    }
    if (chunks.length > MAX_CHUNKS)
        throw badRequest(
            'INVALID_BATCH_REQUEST',
            `The request has ${chunks.length} chunks of records of one object; at most ${MAX_CHUNKS} are allowed`,
        );
    return chunks;
}

interface Pending {
    object: ObjectDescribe;
    record: SObjectValue;
}

/**
 * Saves the records chunk by chunk. With allOrNone, the first chunk that fails stops the
 * request: the whole of it is undone (earlier chunks too) and every other row is answered
 * ALL_OR_NONE_OPERATION_ROLLED_BACK.
 */
function saveChunks(
    call: Call,
    operation: SaveOperation,
    items: Pending[],
    allOrNone: boolean,
    externalIdField?: string,
): RowOutcome[] {
    const outcomes: RowOutcome[] = [];
    let failed = false;
    for (const chunk of chunksOf(items, (item) => item.object.name)) {
        const object = (chunk[0] as Pending).object;
        const records = chunk.map((item) => item.record);
        if (failed) {
            outcomes.push(
                ...records.map((record) =>
                    rolledBackRow(operation === 'insert' ? null : recordId(record)),
                ),
            );
            continue;
        }
        const saved = call.saver.save(operation, object, records, allOrNone, externalIdField);
        outcomes.push(...saved);
        failed = allOrNone && saved.some((outcome) => !outcome.success);
    }
    if (failed) {
        const answered = outcomes.map((outcome) =>
            outcome.success ? rolledBackRow(operation === 'insert' ? null : outcome.id) : outcome,
        );
        throw new RolledBack({ status: 200, body: answered.map(saveResultJson) });
    }
    return outcomes;
}

function recordId(record: SObjectValue): string | null {
    const id = record.fields.get('id')?.value;
    return typeof id === 'string' ? id : null;
}

function rolledBackRow(id: string | null): RowOutcome {
    return { id, success: false, errors: [ROLLED_BACK] };
}

function recordsOf(call: Call): { allOrNone: boolean; records: JsonRecord[] } {
    const body = call.jsonBody();
    const records = body.records;
    if (!Array.isArray(records) || !records.every(isJsonObject))
        throw badRequest('JSON_PARSER_ERROR', 'records must be a list of records');
    if (records.length > MAX_RECORDS) throw tooManyRecords();
    const allOrNone = call.context.allOrNone === true || body.allOrNone === true;
    return { allOrNone, records };
}

function typeOf(record: JsonRecord, index: number): string {
    const attributes = record.attributes;
    const type = isJsonObject(attributes) ? attributes.type : undefined;
    if (typeof type !== 'string')
        throw badRequest(
            'INVALID_TYPE',
            `Record ${index} has no attributes.type: every record must name its sObject type`,
        );
    return type;
}

export function collections(call: Call, rest: string[]): ApiResponse {
    const method = call.method;
    if (rest.length === 0) {
        call.allow('POST', 'PATCH', 'DELETE');
        if (method === 'DELETE') return deleteMany(call);
        const operation: SaveOperation = method === 'POST' ? 'insert' : 'update';
        const { allOrNone, records } = recordsOf(call);
        const items = records.map((json, index): Pending => {
            const object = call.codec.object(typeOf(json, index), 400);
            const { id, ...fields } = json as JsonRecord & { id?: unknown };
            const record = call.codec.fromJson(object, fields);
            if (operation === 'update' && id !== undefined && !record.fields.has('id'))
                record.fields.set('id', {
                    name: 'Id',
                    value: typeof id === 'string' ? (normalizedId(id) ?? id) : null,
                });
            return { object, record };
        });
        const outcomes = saveChunks(call, operation, items, allOrNone);
        return { status: 200, body: outcomes.map(saveResultJson) };
    }
    const object = call.describer.readable(rest[0] as string);
    if (rest.length === 1) {
        call.allow('GET', 'POST');
        const ids =
            method === 'GET'
                ? (call.request.query.get('ids') ?? '').split(',')
                : call.jsonBody().ids;
        const fields = method === 'GET' ? call.request.query.get('fields') : call.jsonBody().fields;
        if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string'))
            throw badRequest('JSON_PARSER_ERROR', 'ids must be a list of record Ids');
        if (ids.length > 2000) throw tooManyRecords();
        const fieldList = Array.isArray(fields)
            ? fields.join(',')
            : typeof fields === 'string'
              ? fields
              : null;
        if (!fieldList) throw badRequest('MISSING_ARGUMENT', 'fields: give the fields to return');
        return { status: 200, body: call.retrieveMany(object, ids as string[], fieldList) };
    }
    if (rest.length === 2) {
        call.since('compositeUpsert');
        call.allow('PATCH');
        const field = object.fields.get((rest[1] as string).toLowerCase());
        if (!field || !field.externalId)
            throw badRequest(
                'INVALID_FIELD',
                `${rest[1]} is not an external id field of ${object.name}`,
                [rest[1] as string],
            );
        const { allOrNone, records } = recordsOf(call);
        const items = records.map((json, index): Pending => {
            const attributes = json.attributes;
            if (
                isJsonObject(attributes) &&
                typeof attributes.type === 'string' &&
                attributes.type.toLowerCase() !== object.name.toLowerCase()
            )
                throw badRequest(
                    'INVALID_TYPE',
                    `Record ${index} is a ${attributes.type}; this upsert takes ${object.name} records only`,
                );
            return { object, record: call.codec.fromJson(object, json) };
        });
        const outcomes = saveChunks(call, 'upsert', items, allOrNone, field.name);
        return { status: 200, body: outcomes.map(saveResultJson) };
    }
    throw notFound();
}

function deleteMany(call: Call): ApiResponse {
    const ids = (call.request.query.get('ids') ?? '').split(',').filter((id) => id !== '');
    if (ids.length === 0)
        throw badRequest('MISSING_ARGUMENT', 'ids: give the Ids of the records to delete');
    if (ids.length > MAX_RECORDS) throw tooManyRecords();
    const allOrNone =
        call.context.allOrNone === true || call.request.query.get('allOrNone') === 'true';
    const schema = call.org.data.schema;
    const invalid: RowOutcome = {
        id: null,
        success: false,
        errors: [{ statusCode: 'MALFORMED_ID', message: 'malformed id', fields: [] }],
    };
    const items: (Pending | null)[] = ids.map((text) => {
        const id = normalizedId(text);
        const object = id ? schema.byKeyPrefix(id.slice(0, 3)) : undefined;
        return id && object ? { object, record: call.saver.idRecord(object, id) } : null;
    });
    if (allOrNone && items.some((item) => item === null)) {
        throw new RolledBack({
            status: 200,
            body: items.map((item, index) =>
                saveResultJson(
                    item === null
                        ? { ...invalid, id: ids[index] ?? null }
                        : { id: ids[index] ?? null, success: false, errors: [ROLLED_BACK] },
                ),
            ),
        });
    }
    const valid = items.filter((item): item is Pending => item !== null);
    const saved = saveChunks(call, 'delete', valid, allOrNone);
    let next = 0;
    return {
        status: 200,
        body: items.map((item, index) =>
            saveResultJson(
                item === null
                    ? { ...invalid, id: ids[index] ?? null }
                    : (saved[next++] as RowOutcome),
            ),
        ),
    };
}

// ---------------------------------------------------------------------------- sObject Tree

interface TreeNode {
    referenceId: string;
    object: ObjectDescribe;
    json: JsonRecord;
    /** The lookup field to the parent, and the parent node. */
    parent: { node: TreeNode; field: string } | null;
    record: SObjectValue | null;
    depth: number;
}

function treeFailure(results: { referenceId: string; errors: SaveError[] }[]): RolledBack {
    return new RolledBack({ status: 400, body: { hasErrors: true, results } });
}

/** POST composite/tree/X: every record, with its children, inserted or none. */
export function tree(call: Call, root: ObjectDescribe): ApiResponse {
    const body = call.jsonBody();
    const records = body.records;
    if (!Array.isArray(records) || records.length === 0 || !records.every(isJsonObject))
        throw badRequest('JSON_PARSER_ERROR', 'records must be a list of records');
    const nodes: TreeNode[] = [];
    const seen = new Set<string>();
    const collect = (
        json: JsonRecord,
        object: ObjectDescribe,
        parent: TreeNode['parent'],
        depth: number,
    ): void => {
        const attributes = json.attributes;
        const referenceId = isJsonObject(attributes) ? attributes.referenceId : undefined;
        const type = isJsonObject(attributes) ? attributes.type : undefined;
        if (typeof referenceId !== 'string' || referenceId === '')
            throw badRequest('INVALID_INPUT', 'Every record needs attributes.referenceId');
        if (seen.has(referenceId))
            throw treeFailure([
                {
                    referenceId,
                    errors: [
                        {
                            statusCode: 'INVALID_INPUT',
                            message: `Duplicate ReferenceId provided in the request: ${referenceId}`,
                            fields: [],
                        },
                    ],
                },
            ]);
        seen.add(referenceId);
        if (typeof type !== 'string' || type.toLowerCase() !== object.name.toLowerCase())
            throw treeFailure([
                {
                    referenceId,
                    errors: [
                        {
                            statusCode: 'INVALID_INPUT',
                            message: `attributes.type must be ${object.name}`,
                            fields: [],
                        },
                    ],
                },
            ]);
        if (depth > MAX_TREE_DEPTH)
            throw badRequest('INVALID_INPUT', `A tree has at most ${MAX_TREE_DEPTH} levels`);
        const fields: JsonRecord = {};
        const children: { relationship: string; records: unknown }[] = [];
        for (const [key, value] of Object.entries(json)) {
            const child = object.childRelationships.find(
                (c) => c.relationshipName?.toLowerCase() === key.toLowerCase(),
            );
            if (child && isJsonObject(value))
                children.push({ relationship: key, records: value.records });
            else fields[key] = value;
        }
        const node: TreeNode = { referenceId, object, json: fields, parent, record: null, depth };
        nodes.push(node);
        for (const { relationship, records: list } of children) {
            const child = object.childRelationships.find(
                (c) => c.relationshipName?.toLowerCase() === relationship.toLowerCase(),
            );
            if (!child || !Array.isArray(list) || !list.every(isJsonObject))
                throw badRequest(
                    'JSON_PARSER_ERROR',
                    `${relationship} must hold { records: [...] }`,
                );
            const childObject = call.codec.object(child.childObject, 400);
            for (const item of list)
                collect(item, childObject, { node, field: child.field }, depth + 1);
        }
    };
    for (const json of records) collect(json, root, null, 1);
    if (nodes.length > MAX_RECORDS) throw tooManyRecords();

    for (const node of nodes) {
        try {
            node.record = call.codec.fromJson(node.object, node.json);
        } catch (e) {
            if (!(e instanceof RestError)) throw e;
            throw treeFailure([
                { referenceId: node.referenceId, errors: e.errors.map(restToSave) },
            ]);
        }
    }
    // level by level; within a level, one statement per object
    const results: { referenceId: string; id: string }[] = [];
    for (let depth = 1; depth <= MAX_TREE_DEPTH; depth++) {
        const level = nodes.filter((node) => node.depth === depth);
        if (level.length === 0) break;
        for (const group of groupBy(level, (node) => node.object.name)) {
            for (const node of group) {
                if (!node.parent) continue;
                const parentId = node.parent.node.record?.fields.get('id')?.value ?? null;
                const field = node.object.fields.get(node.parent.field.toLowerCase());
                if (field)
                    node.record?.fields.set(field.name.toLowerCase(), {
                        name: field.name,
                        value: parentId,
                    });
            }
            const object = (group[0] as TreeNode).object;
            const outcomes = call.saver.save(
                'insert',
                object,
                group.map((node) => node.record as SObjectValue),
                true,
            );
            const failed = outcomes
                .map((outcome, index) => ({ outcome, node: group[index] as TreeNode }))
                .filter(({ outcome }) =>
                    outcome.errors.some((e) => e.statusCode !== ROLLED_BACK.statusCode),
                );
            if (failed.length > 0)
                throw treeFailure(
                    failed.map(({ outcome, node }) => ({
                        referenceId: node.referenceId,
                        errors: outcome.errors.map(saveError),
                    })),
                );
            group.forEach((node, index) =>
                results.push({ referenceId: node.referenceId, id: outcomes[index]?.id ?? '' }),
            );
        }
    }
    return { status: 201, body: { hasErrors: false, results } };
}

function restToSave(error: RestErrorItem): SaveError {
    return { statusCode: error.errorCode, message: error.message, fields: error.fields ?? [] };
}

function groupBy<T>(items: T[], key: (item: T) => string): T[][] {
    const groups = new Map<string, T[]>();
    for (const item of items) {
        const k = key(item);
        const group = groups.get(k) ?? [];
        group.push(item);
        groups.set(k, group);
    }
    return [...groups.values()];
}

// ---------------------------------------------------------------------------- Composite

interface Subrequest {
    method: string;
    url: string;
    referenceId: string;
    body?: unknown;
    httpHeaders?: Record<string, string>;
}

interface SubResult {
    body: unknown;
    httpHeaders: Record<string, string>;
    httpStatusCode: number;
    referenceId: string;
}

const HALTED_ROLLED_BACK: RestErrorItem = {
    errorCode: 'PROCESSING_HALTED',
    message:
        'The transaction was rolled back since another operation in the same transaction failed.',
};

const REFERENCE = /@\{([A-Za-z0-9_]+)((?:\.[A-Za-z0-9_]+|\[\d+\])*)\}/g;

/** `@{ref.records[0].Id}` against the bodies of earlier subrequests; null when it does not resolve. */
function resolveReference(
    results: Map<string, SubResult>,
    ref: string,
    path: string,
): string | null {
    const result = results.get(ref);
    if (!result || result.httpStatusCode >= 400) return null;
    let current: unknown = result.body;
    for (const step of path.match(/\.[A-Za-z0-9_]+|\[\d+\]/g) ?? []) {
        if (step.startsWith('.')) {
            if (!isJsonObject(current)) return null;
            current = current[step.slice(1)];
        } else {
            if (!Array.isArray(current)) return null;
            current = current[Number(step.slice(1, -1))];
        }
    }
    return current === undefined || current === null || typeof current === 'object'
        ? null
        : String(current);
}

function substitute(
    value: unknown,
    resolve: (ref: string, path: string, whole: string) => string,
): unknown {
    if (typeof value === 'string')
        return value.replace(REFERENCE, (whole, ref: string, path: string) =>
            resolve(ref, path, whole),
        );
    if (Array.isArray(value)) return value.map((v) => substitute(v, resolve));
    if (isJsonObject(value))
        return Object.fromEntries(
            Object.entries(value).map(([k, v]) => [k, substitute(v, resolve)]),
        );
    return value;
}

class UnresolvedReference extends Error {}

/** POST composite: subrequests in order, in this one request's transaction. */
export function compositeRequest(call: Call): ApiResponse {
    const body = call.jsonBody();
    const list = body.compositeRequest;
    if (!Array.isArray(list) || list.length === 0)
        throw badRequest('JSON_PARSER_ERROR', 'compositeRequest must be a list of subrequests');
    if (list.length > MAX_SUBREQUESTS)
        throw badRequest(
            'INVALID_BATCH_REQUEST',
            `A Composite request has at most ${MAX_SUBREQUESTS} subrequests`,
        );
    const allOrNone = body.allOrNone === true;
    const subrequests = list.map((item, index): Subrequest => {
        if (
            !isJsonObject(item) ||
            typeof item.method !== 'string' ||
            typeof item.url !== 'string' ||
            typeof item.referenceId !== 'string'
        )
            throw badRequest(
                'JSON_PARSER_ERROR',
                `Subrequest ${index} needs method, url and referenceId`,
            );
        return item as unknown as Subrequest;
    });
    const results = new Map<string, SubResult>();
    const answered: SubResult[] = [];
    let failed = false;
    const db = call.org.data.db;
    const tx = call.org.tx;
    for (const sub of subrequests) {
        const halted = (error: RestErrorItem): SubResult => ({
            body: [error],
            httpHeaders: {},
            httpStatusCode: 400,
            referenceId: sub.referenceId,
        });
        if (allOrNone && failed) {
            answered.push(halted(HALTED_ROLLED_BACK));
            continue;
        }
        let result: SubResult;
        try {
            const resolve = (ref: string, path: string, whole: string): string => {
                const value = resolveReference(results, ref, path);
                if (value === null)
                    throw new UnresolvedReference(
                        `Invalid reference specified. No value for ${whole.slice(2, -1)} found in ${ref}. Provided referenceId ${ref} may be missing, out of order or its subrequest may have failed.`,
                    );
                return value;
            };
            const url = substitute(sub.url, resolve) as string;
            const subBody = substitute(sub.body, resolve);
            result = runOne(call, allOrNone, sub, url, subBody, db, tx.queue);
        } catch (e) {
            if (!(e instanceof UnresolvedReference)) throw e;
            result = halted({ errorCode: 'PROCESSING_HALTED', message: e.message });
        }
        if (result.httpStatusCode >= 400) failed = true;
        results.set(sub.referenceId, result);
        answered.push(result);
    }
    const response = { status: 200, body: { compositeResponse: answered } };
    if (allOrNone && failed) {
        const rolledBack = answered.map((result) =>
            result.httpStatusCode >= 400
                ? result
                : { ...result, body: [HALTED_ROLLED_BACK], httpHeaders: {}, httpStatusCode: 400 },
        );
        throw new RolledBack({ status: 200, body: { compositeResponse: rolledBack } });
    }
    return response;
}

/** One subrequest; a failing one is undone on its own (its DML and the jobs it queued). */
function runOne(
    call: Call,
    allOrNone: boolean,
    sub: Subrequest,
    url: string,
    body: unknown,
    db: Call['org']['data']['db'],
    queue: unknown[],
): SubResult {
    const match = /^\/services\/data\/v(\d+\.\d)(\/[^?]*)?(?:\?(.*))?$/.exec(url);
    if (!match)
        return {
            body: [
                {
                    errorCode: 'NOT_FOUND',
                    message: `The subrequest URL must start with /services/data/vXX.X: ${url}`,
                },
            ],
            httpHeaders: {},
            httpStatusCode: 404,
            referenceId: sub.referenceId,
        };
    const request: ApiRequest = {
        method: sub.method.toUpperCase(),
        path: match[2] ?? '',
        version: match[1] as string,
        query: new URLSearchParams(match[3] ?? ''),
        headers: Object.fromEntries(
            Object.entries(sub.httpHeaders ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
        ),
        body,
        origin: call.request.origin,
    };
    const start = db.savepoint();
    const queued = queue.length;
    try {
        const response = call.runSubrequest(request, allOrNone);
        return {
            body: response.body ?? null,
            httpHeaders: response.headers ?? {},
            httpStatusCode: response.status,
            referenceId: sub.referenceId,
        };
    } catch (e) {
        db.rollback(start);
        queue.length = queued;
        const response = e instanceof RolledBack ? e.response : null;
        if (response)
            return {
                body: response.body ?? null,
                httpHeaders: response.headers ?? {},
                httpStatusCode: response.status,
                referenceId: sub.referenceId,
            };
        const error = restErrorOf(e);
        return {
            body: error.errors,
            httpHeaders: {},
            httpStatusCode: error.status,
            referenceId: sub.referenceId,
        };
    } finally {
        db.release(start);
    }
}
