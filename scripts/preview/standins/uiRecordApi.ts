// Stand-in for lightning/uiRecordApi (Lightning Data Service), which lightning-base-components
// does not ship. It reads and writes the preview's local org through its REST API as the preview
// user (standins/orgApi.ts), so a write fires the real triggers and validation rules, and a read
// sees what the Apex stored, within the user's object, field and record access. It keeps the
// platform's shapes: getRecord emits { data, error } with a RecordRepresentation (fields as
// { value, displayValue }), re-reads on notifyRecordUpdateAvailable, RefreshEvent and this
// module's own writes, and errors look like LDS errors (body.message,
// body.output.fieldErrors). Not modelled: layouts, modes, record types, child relationships,
// spanning (Owner.Name) fields.
import type { WireAdapter, WireDataCallback } from 'lwc';
import { ApiError, orgRequest } from './orgApi.ts';
import type { ApiRecord } from './orgApi.ts';

type SchemaReference = { objectApiName: string; fieldApiName?: string };
type FieldReference = SchemaReference | string;

export interface FieldValue {
    value: unknown;
    displayValue: string | null;
}

export interface RecordRepresentation {
    id: string;
    apiName: string;
    fields: Record<string, FieldValue>;
    lastModifiedDate: string | null;
    childRelationships: Record<string, never>;
    recordTypeId: string | null;
}

interface GetRecordConfig {
    recordId?: string;
    fields?: FieldReference[];
    optionalFields?: FieldReference[];
}

interface LdsErrorBody {
    message: string;
    errorCode: string;
    output: {
        errors: { message: string; errorCode: string }[];
        fieldErrors: Record<string, { message: string; errorCode: string; field: string }[]>;
    };
}

/** A refused read or write, shaped like the errors Lightning Data Service reports. */
export class RecordError extends Error {
    readonly body: LdsErrorBody;
    constructor(
        readonly status: number,
        problems: { message: string; errorCode: string; fields?: string[] }[],
    ) {
        const first = problems[0] ?? { message: `HTTP ${status}`, errorCode: 'UNKNOWN' };
        super(first.message);
        this.name = 'RecordError';
        const fieldErrors: LdsErrorBody['output']['fieldErrors'] = {};
        const errors: LdsErrorBody['output']['errors'] = [];
        for (const problem of problems) {
            if (problem.fields && problem.fields.length > 0) {
                for (const field of problem.fields) {
                    (fieldErrors[field] ??= []).push({
                        message: problem.message,
                        errorCode: problem.errorCode,
                        field,
                    });
                }
            } else {
                errors.push({ message: problem.message, errorCode: problem.errorCode });
            }
        }
        this.body = {
            message: first.message,
            errorCode: first.errorCode,
            output: { errors, fieldErrors },
        };
    }
}

async function lds<T>(work: () => Promise<T>): Promise<T> {
    try {
        return await work();
    } catch (error) {
        if (error instanceof ApiError) throw new RecordError(error.status, error.problems);
        throw error;
    }
}

const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

function displayValueOf(value: unknown): string | null {
    if (typeof value === 'number') return numberFormat.format(value);
    if (typeof value === 'string') return value;
    return null;
}

/** 'Account.Name' or { objectApiName, fieldApiName } → ['Account', 'Name']. */
function splitField(field: FieldReference): [string, string] {
    if (typeof field === 'string') {
        const dot = field.indexOf('.');
        return [field.slice(0, dot), field.slice(dot + 1)];
    }
    return [field.objectApiName, field.fieldApiName ?? ''];
}

/** The fields the preview user can read, per object (the describe is per user). */
const readableFields = new Map<string, Promise<Set<string>>>();

function readableFieldsOf(objectApiName: string): Promise<Set<string>> {
    let fields = readableFields.get(objectApiName);
    if (!fields) {
        fields = orgRequest<{ fields: { name: string }[] }>(
            'GET',
            `/sobjects/${objectApiName}/describe`,
        ).then((describe) => new Set(describe.fields.map((field) => field.name)));
        readableFields.set(objectApiName, fields);
    }
    return fields;
}

function toRepresentation(
    apiName: string,
    record: ApiRecord,
    fieldNames: string[],
): RecordRepresentation {
    const fields: Record<string, FieldValue> = {};
    for (const name of fieldNames) {
        const value = record[name] ?? null;
        fields[name] = { value, displayValue: displayValueOf(value) };
    }
    return {
        id: record.Id,
        apiName,
        fields,
        lastModifiedDate:
            typeof record.LastModifiedDate === 'string' ? record.LastModifiedDate : null,
        childRelationships: {},
        recordTypeId: null,
    };
}

/** The record with the requested fields, or the error LDS would report. */
export async function readRecord(config: GetRecordConfig): Promise<RecordRepresentation> {
    const recordId = config.recordId ?? '';
    const references = [...(config.fields ?? []), ...(config.optionalFields ?? [])];
    const [apiName] = splitField(references[0] ?? '.');
    if (!apiName) {
        throw new RecordError(400, [
            { message: 'getRecord needs fields or optionalFields', errorCode: 'MISSING_ARGUMENT' },
        ]);
    }
    const names = new Set((config.fields ?? []).map((field) => splitField(field)[1]));
    const readable = await lds(() => readableFieldsOf(apiName));
    for (const field of config.optionalFields ?? []) {
        const [objectApiName, fieldApiName] = splitField(field);
        if (objectApiName === apiName && readable.has(fieldApiName)) names.add(fieldApiName);
    }
    const record = await lds(() =>
        orgRequest<ApiRecord>(
            'GET',
            `/sobjects/${apiName}/${encodeURIComponent(recordId)}?fields=${[...names, 'LastModifiedDate'].join(',')}`,
        ),
    );
    return toRepresentation(apiName, record, [...names]);
}

/** Wire adapter: emits the record, then again whenever it is refreshed. */
export class getRecord implements WireAdapter<GetRecordConfig> {
    private config: GetRecordConfig | undefined;
    private connected = false;

    constructor(private readonly dataCallback: WireDataCallback) {}

    update(config: GetRecordConfig): void {
        this.config = config;
        void this.emit();
    }

    connect(): void {
        this.connected = true;
        refreshTargets.add(this);
    }

    disconnect(): void {
        this.connected = false;
        refreshTargets.delete(this);
    }

    /** Re-reads the record (used by notifyRecordUpdateAvailable and RefreshEvent). */
    refresh(recordId?: string): Promise<void> {
        return !recordId || recordId === this.config?.recordId ? this.emit() : Promise.resolve();
    }

    private async emit(): Promise<void> {
        const config = this.config;
        // LDS waits until every reactive parameter has a value.
        if (!config?.recordId) return;
        let value: { data: RecordRepresentation | undefined; error: unknown };
        try {
            value = { data: await readRecord(config), error: undefined };
        } catch (error) {
            value = { data: undefined, error };
        }
        if (this.connected && this.config === config) this.dataCallback(value);
    }
}

const refreshTargets = new Set<getRecord>();

/** Every connected getRecord wire re-reads its record (lightning/refresh uses this too). */
export function refreshAllRecords(): Promise<void> {
    return Promise.all([...refreshTargets].map((target) => target.refresh())).then(() => undefined);
}

function refreshRecord(recordId: string): Promise<void> {
    return Promise.all([...refreshTargets].map((target) => target.refresh(recordId))).then(
        () => undefined,
    );
}

export function getFieldValue(
    record: RecordRepresentation | undefined,
    field: FieldReference,
): unknown {
    if (!record) return undefined;
    const [, fieldApiName] = splitField(field);
    return record.fields[fieldApiName]?.value;
}

export function getFieldDisplayValue(
    record: RecordRepresentation | undefined,
    field: FieldReference,
): string | null | undefined {
    if (!record) return undefined;
    const [, fieldApiName] = splitField(field);
    const entry = record.fields[fieldApiName];
    return entry ? (entry.displayValue ?? null) : undefined;
}

/** The object of a record Id, by its key prefix, from the org's describe. */
async function objectOfId(recordId: string): Promise<string> {
    const global = await orgRequest<{ sobjects: { name: string; keyPrefix: string | null }[] }>(
        'GET',
        '/sobjects',
    );
    const found = global.sobjects.find((sobject) => sobject.keyPrefix === recordId.slice(0, 3));
    if (!found) {
        throw new RecordError(404, [
            { message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' },
        ]);
    }
    return found.name;
}

export async function updateRecord(recordInput: {
    fields: Record<string, unknown>;
}): Promise<RecordRepresentation> {
    const { Id: id, ...changes } = recordInput.fields;
    if (typeof id !== 'string' || !id) {
        throw new RecordError(400, [
            { message: 'updateRecord needs fields.Id', errorCode: 'MISSING_ARGUMENT' },
        ]);
    }
    const apiName = await lds(() => objectOfId(id));
    await lds(() => orgRequest('PATCH', `/sobjects/${apiName}/${id}`, changes));
    await refreshRecord(id);
    return readRecord({
        recordId: id,
        fields: Object.keys(changes).map((fieldApiName) => ({
            objectApiName: apiName,
            fieldApiName,
        })),
    });
}

export async function createRecord(recordInput: {
    apiName: string;
    fields: Record<string, unknown>;
}): Promise<RecordRepresentation> {
    const created = await lds(() =>
        orgRequest<{ id: string }>('POST', `/sobjects/${recordInput.apiName}`, recordInput.fields),
    );
    return readRecord({
        recordId: created.id,
        fields: Object.keys(recordInput.fields).map((fieldApiName) => ({
            objectApiName: recordInput.apiName,
            fieldApiName,
        })),
    });
}

export async function deleteRecord(recordId: string): Promise<void> {
    const apiName = await lds(() => objectOfId(recordId));
    await lds(() => orgRequest('DELETE', `/sobjects/${apiName}/${recordId}`));
}

export function notifyRecordUpdateAvailable(items: { recordId: string }[]): Promise<void> {
    return Promise.all(items.map((item) => refreshRecord(item.recordId))).then(() => undefined);
}

/** @deprecated on the platform; kept because older components still call it. */
export function getRecordNotifyChange(items: { recordId: string }[]): void {
    void notifyRecordUpdateAvailable(items);
}
