// Stand-in for lightning/uiRecordApi (Lightning Data Service), which lightning-base-components
// does not ship. It reads and writes the preview's in-memory record store (scripts/preview/data)
// and keeps the platform's shapes: getRecord emits { data, error } with a RecordRepresentation
// (fields as { value, displayValue }), re-emits when the record changes, and errors look like
// LDS errors (body.message, body.output.fieldErrors). Not modelled: layouts, modes, record
// types, child relationships, spanning (Owner.Name) fields, and sharing/FLS.
import type { WireAdapter, WireDataCallback } from 'lwc';
import { RecordError } from '../data/recordStore.ts';
import type { StoredRecord } from '../data/recordStore.ts';
import { previewStore } from '../data/session.ts';

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
    lastModifiedDate: string;
    childRelationships: Record<string, never>;
    recordTypeId: string | null;
}

interface GetRecordConfig {
    recordId?: string;
    fields?: FieldReference[];
    optionalFields?: FieldReference[];
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

function toRepresentation(record: StoredRecord, fieldNames: string[]): RecordRepresentation {
    const fields: Record<string, FieldValue> = {};
    for (const name of fieldNames) {
        const value = record.fields[name] ?? null;
        fields[name] = { value, displayValue: displayValueOf(value) };
    }
    return {
        id: record.id,
        apiName: record.apiName,
        fields,
        lastModifiedDate: record.lastModifiedDate,
        childRelationships: {},
        recordTypeId: null,
    };
}

function allFieldNames(record: StoredRecord): string[] {
    return Object.keys(record.fields);
}

/** The record with the requested fields, or the error LDS would report. */
export function readRecord(config: GetRecordConfig): RecordRepresentation {
    const recordId = config.recordId ?? '';
    const record = previewStore.get(recordId);
    if (!record) {
        throw new RecordError('The requested resource does not exist', 'NOT_FOUND', 404);
    }
    const names = new Set<string>();
    for (const field of config.fields ?? []) {
        const [objectApiName, fieldApiName] = splitField(field);
        if (
            objectApiName !== record.apiName ||
            !previewStore.hasField(objectApiName, fieldApiName)
        ) {
            throw new RecordError(
                `No such column '${fieldApiName}' on entity '${objectApiName}'.`,
                'INVALID_FIELD',
                400,
            );
        }
        names.add(fieldApiName);
    }
    for (const field of config.optionalFields ?? []) {
        const [objectApiName, fieldApiName] = splitField(field);
        if (
            objectApiName === record.apiName &&
            previewStore.hasField(objectApiName, fieldApiName)
        ) {
            names.add(fieldApiName);
        }
    }
    return toRepresentation(record, [...names]);
}

/** Wire adapter: emits the record, then again whenever it changes in the store. */
export class getRecord implements WireAdapter<GetRecordConfig> {
    private config: GetRecordConfig | undefined;
    private unsubscribe: (() => void) | undefined;
    private connected = false;

    constructor(private readonly dataCallback: WireDataCallback) {}

    update(config: GetRecordConfig): void {
        this.config = config;
        this.emit();
    }

    connect(): void {
        this.connected = true;
        this.unsubscribe = previewStore.subscribe((change) => {
            if (this.config?.recordId && change.record.id === this.config.recordId) this.emit();
        });
        refreshTargets.add(this);
    }

    disconnect(): void {
        this.connected = false;
        this.unsubscribe?.();
        refreshTargets.delete(this);
    }

    /** Re-reads the record (used by notifyRecordUpdateAvailable and RefreshEvent). */
    refresh(recordId?: string): void {
        if (!recordId || recordId === this.config?.recordId) this.emit();
    }

    private emit(): void {
        const config = this.config;
        // LDS waits until every reactive parameter has a value.
        if (!config?.recordId) return;
        // Asynchronous like the platform, so components see a loading state first.
        queueMicrotask(() => {
            if (!this.connected || this.config !== config) return;
            try {
                this.dataCallback({ data: readRecord(config), error: undefined });
            } catch (error) {
                this.dataCallback({ data: undefined, error });
            }
        });
    }
}

const refreshTargets = new Set<getRecord>();

/** Every connected getRecord wire re-reads its record (lightning/refresh uses this too). */
export function refreshAllRecords(): void {
    for (const target of refreshTargets) target.refresh();
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

function settle<T>(work: () => T): Promise<T> {
    return new Promise((resolve, reject) => {
        queueMicrotask(() => {
            try {
                resolve(work());
            } catch (error) {
                reject(error);
            }
        });
    });
}

export function updateRecord(recordInput: {
    fields: Record<string, unknown>;
}): Promise<RecordRepresentation> {
    return settle(() => {
        const { Id: id, ...changes } = recordInput.fields;
        if (typeof id !== 'string' || !id) {
            throw new RecordError('updateRecord needs fields.Id', 'MISSING_ARGUMENT', 400);
        }
        const record = previewStore.update(id, changes);
        return toRepresentation(record, allFieldNames(record));
    });
}

export function createRecord(recordInput: {
    apiName: string;
    fields: Record<string, unknown>;
}): Promise<RecordRepresentation> {
    return settle(() => {
        const record = previewStore.create(recordInput.apiName, recordInput.fields);
        return toRepresentation(record, allFieldNames(record));
    });
}

export function deleteRecord(recordId: string): Promise<void> {
    return settle(() => previewStore.delete(recordId));
}

export function notifyRecordUpdateAvailable(items: { recordId: string }[]): Promise<void> {
    return settle(() => {
        for (const target of refreshTargets) {
            for (const item of items) target.refresh(item.recordId);
        }
    });
}

/** @deprecated on the platform; kept because older components still call it. */
export function getRecordNotifyChange(items: { recordId: string }[]): void {
    void notifyRecordUpdateAvailable(items);
}
