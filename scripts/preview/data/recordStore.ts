// The preview's in-memory database: SObject-shaped records keyed by Salesforce-style ids, the
// one place the lightning/uiRecordApi stand-in and the Apex adapters read and write. Writes
// last for the browser session (a reload starts again from the sample dataset), and every
// write is announced to subscribers so wired components re-render, as Lightning Data Service
// does. Validators stand in for validation rules and reject a write with field-level errors in
// the shape the platform uses (body.output.fieldErrors), which c/keystoneErrors understands.

export type FieldValues = Record<string, unknown>;

export interface StoredRecord {
    id: string;
    apiName: string;
    fields: FieldValues;
    lastModifiedDate: string;
}

export interface RecordChange {
    kind: 'create' | 'update' | 'delete';
    record: StoredRecord;
}

/** What a validator reports: messages by field API name and/or for the whole record. */
export interface ValidationProblems {
    fieldErrors?: Record<string, string[]>;
    pageErrors?: string[];
}

export type Validator = (
    record: Readonly<FieldValues>,
    previous: Readonly<FieldValues> | null,
) => ValidationProblems | null;

interface ErrorBody {
    message: string;
    errorCode: string;
    output: {
        errors: { message: string; errorCode: string }[];
        fieldErrors: Record<string, { message: string; errorCode: string; field: string }[]>;
    };
}

/** A rejected read or write, shaped like the errors Lightning Data Service reports. */
export class RecordError extends Error {
    readonly status: number;
    readonly body: ErrorBody;

    constructor(
        message: string,
        errorCode: string,
        status: number,
        problems: ValidationProblems = {},
    ) {
        super(message);
        this.name = 'RecordError';
        this.status = status;
        const fieldErrors: ErrorBody['output']['fieldErrors'] = {};
        for (const [field, messages] of Object.entries(problems.fieldErrors ?? {})) {
            fieldErrors[field] = messages.map((text) => ({ message: text, errorCode, field }));
        }
        this.body = {
            message,
            errorCode,
            output: {
                errors: (problems.pageErrors ?? []).map((text) => ({ message: text, errorCode })),
                fieldErrors,
            },
        };
    }
}

/** Three-character key prefixes, so ids look like the org's (the sample dataset uses the same). */
export const KEY_PREFIXES: Record<string, string> = {
    Account: '001',
    Contact: '003',
    User: '005',
    Opportunity: '006',
    OpportunityLineItem: '00k',
    Task: '00T',
    Event: '00U',
    Product2: '01t',
    Stakeholder__c: 'a01',
    WhitespaceCell__c: 'a02',
    AccountPlan__c: 'a03',
    HealthSignal__c: 'a04',
    AccountObjective__c: 'a05',
    AccountAction__c: 'a06',
    AccountRisk__c: 'a07',
};

/** An 18-character id: key prefix, a base-36 sequence number padded to 12, a fixed suffix. */
export function makeRecordId(apiName: string, sequence: number): string {
    const prefix = KEY_PREFIXES[apiName] ?? 'a0Z';
    return `${prefix}${sequence.toString(36).padStart(12, '0')}AAA`;
}

/** Field API names per object, used to reject fields that do not exist. */
export type ObjectFields = Record<string, readonly string[]>;

const SYSTEM_FIELDS = ['Id', 'Name', 'OwnerId', 'CreatedDate', 'LastModifiedDate'];

function clone<T>(value: T): T {
    return structuredClone(value);
}

export class RecordStore {
    private readonly records = new Map<string, StoredRecord>();
    private readonly listeners = new Set<(change: RecordChange) => void>();
    private readonly validators = new Map<string, Validator[]>();
    private readonly sequences = new Map<string, number>();
    private readonly clock: () => Date;

    constructor(
        private readonly objectFields: ObjectFields = {},
        clock: () => Date = () => new Date(),
    ) {
        this.clock = clock;
    }

    /** Does the object have this field? Objects the store was not told about accept any field. */
    hasField(apiName: string, field: string): boolean {
        const fields = this.objectFields[apiName];
        return !fields || SYSTEM_FIELDS.includes(field) || fields.includes(field);
    }

    /**
     * Adds (or replaces) a record as is, for seeding: field names are checked, but no validator
     * runs and nobody is notified. Returns its id.
     */
    seed(apiName: string, fields: FieldValues): string {
        this.checkFields(apiName, fields);
        const id = typeof fields.Id === 'string' ? fields.Id : this.nextId(apiName);
        this.noteSequence(apiName, id);
        this.records.set(id, {
            id,
            apiName,
            fields: { ...clone(fields), Id: id },
            lastModifiedDate: this.clock().toISOString(),
        });
        return id;
    }

    get(id: string): StoredRecord | undefined {
        const record = this.records.get(id);
        return record ? clone(record) : undefined;
    }

    /** Records of one object, in insertion order, optionally filtered. */
    list(apiName: string, where?: (fields: Readonly<FieldValues>) => boolean): StoredRecord[] {
        const result: StoredRecord[] = [];
        for (const record of this.records.values()) {
            if (record.apiName === apiName && (!where || where(record.fields))) {
                result.push(clone(record));
            }
        }
        return result;
    }

    addValidator(apiName: string, validator: Validator): void {
        this.validators.set(apiName, [...(this.validators.get(apiName) ?? []), validator]);
    }

    create(apiName: string, fields: FieldValues): StoredRecord {
        this.checkFields(apiName, fields);
        this.validate(apiName, fields, null);
        const id = this.seed(apiName, { ...fields, Id: undefined });
        const record = this.records.get(id) as StoredRecord;
        this.emit({ kind: 'create', record });
        return clone(record);
    }

    update(id: string, changes: FieldValues): StoredRecord {
        const existing = this.records.get(id);
        if (!existing) {
            throw new RecordError('The requested resource does not exist', 'NOT_FOUND', 404);
        }
        const fields = { ...changes };
        delete fields.Id;
        this.checkFields(existing.apiName, fields);
        const next = { ...existing.fields, ...clone(fields) };
        this.validate(existing.apiName, next, existing.fields);
        const record: StoredRecord = {
            ...existing,
            fields: next,
            lastModifiedDate: this.clock().toISOString(),
        };
        this.records.set(id, record);
        this.emit({ kind: 'update', record });
        return clone(record);
    }

    delete(id: string): void {
        const existing = this.records.get(id);
        if (!existing) {
            throw new RecordError('The requested resource does not exist', 'NOT_FOUND', 404);
        }
        this.records.delete(id);
        this.emit({ kind: 'delete', record: existing });
    }

    subscribe(listener: (change: RecordChange) => void): () => void {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }

    private emit(change: RecordChange): void {
        const snapshot = clone(change);
        for (const listener of [...this.listeners]) listener(snapshot);
    }

    private checkFields(apiName: string, fields: FieldValues): void {
        const unknown = Object.keys(fields).filter(
            (field) => field !== 'Id' && !this.hasField(apiName, field),
        );
        if (unknown.length > 0) {
            throw new RecordError(
                `No such column '${unknown.join("', '")}' on entity '${apiName}'.`,
                'INVALID_FIELD',
                400,
            );
        }
    }

    private validate(apiName: string, next: FieldValues, previous: FieldValues | null): void {
        const fieldErrors: Record<string, string[]> = {};
        const pageErrors: string[] = [];
        for (const validator of this.validators.get(apiName) ?? []) {
            const problems = validator(next, previous);
            for (const [field, messages] of Object.entries(problems?.fieldErrors ?? {})) {
                fieldErrors[field] = [...(fieldErrors[field] ?? []), ...messages];
            }
            pageErrors.push(...(problems?.pageErrors ?? []));
        }
        if (Object.keys(fieldErrors).length > 0 || pageErrors.length > 0) {
            const first = pageErrors[0] ?? Object.values(fieldErrors)[0]?.[0] ?? 'Invalid data';
            throw new RecordError(first, 'FIELD_CUSTOM_VALIDATION_EXCEPTION', 400, {
                fieldErrors,
                pageErrors,
            });
        }
    }

    private nextId(apiName: string): string {
        const sequence = (this.sequences.get(apiName) ?? 0) + 1;
        this.sequences.set(apiName, sequence);
        return makeRecordId(apiName, sequence);
    }

    private noteSequence(apiName: string, id: string): void {
        const sequence = Number.parseInt(id.slice(3, 15), 36);
        if (Number.isFinite(sequence) && sequence > (this.sequences.get(apiName) ?? 0)) {
            this.sequences.set(apiName, sequence);
        }
    }
}
