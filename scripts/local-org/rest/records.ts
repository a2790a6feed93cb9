// Records between the REST API's JSON and the local org's SObject values. In: a field's JSON
// value converted to its Apex type (a value of the wrong shape is a JSON_PARSER_ERROR, an
// unknown field INVALID_FIELD, both naming the field); a parent given by external id
// (`"Account": { "Ext__c": "A-1" }`) is kept as a parent record for the DML to resolve.
// Out: every record with its `attributes` (type and URL), dates as `YYYY-MM-DD`, date-times
// as `2026-03-10T19:00:00.000+0000`, parents as nested records and child sub-queries as
// `{ totalSize, done, records }`.
import { dateToString, parseDate, parseDatetime } from '../interpreter/dates.ts';
import { decFromString, decToPlainString } from '../interpreter/decimal.ts';
import { unsupported } from '../interpreter/errors.ts';
import { ApexThrown } from '../interpreter/exceptions.ts';
import {
    DateValue,
    DatetimeValue,
    DecimalValue,
    DoubleValue,
    IntegerValue,
    ListValue,
    LongValue,
    SObjectValue,
} from '../interpreter/values.ts';
import type { ApexValue } from '../interpreter/values.ts';
import { normalizeId } from '../database/ids.ts';
import type { FieldDescribe, ObjectDescribe, OrgSchema } from '../schema/types.ts';
import type { LocalOrg } from '../runtime/org.ts';
import { badRequest, notFound } from './errors.ts';

export type JsonRecord = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonRecord {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The REST URL of a record. */
export function recordUrl(version: string, object: string, id: string): string {
    return `/services/data/v${version}/sobjects/${object}/${id}`;
}

function parserError(field: FieldDescribe, value: unknown, what: string): never {
    throw badRequest(
        'JSON_PARSER_ERROR',
        `Cannot deserialize instance of ${what} from ${typeof value === 'string' ? 'VALUE_STRING' : 'JSON'} value ${JSON.stringify(value)} for field ${field.name}`,
        [field.name],
    );
}

/** A field's JSON value as the Apex value the data layer stores. */
export function fieldValueFromJson(field: FieldDescribe, value: unknown): ApexValue {
    if (value === null || value === undefined) return null;
    switch (field.apexType) {
        case 'Id': {
            if (value === '') return null;
            const id = typeof value === 'string' ? normalizeId(value) : null;
            if (id === null)
                throw badRequest(
                    'MALFORMED_ID',
                    `${field.label}: id value of incorrect type: ${String(value)}`,
                    [field.name],
                );
            return id;
        }
        case 'String':
            if (typeof value === 'string') return value;
            if (typeof value === 'number' || typeof value === 'boolean') return String(value);
            return parserError(field, value, 'string');
        case 'Boolean':
            if (typeof value === 'boolean') return value;
            if (value === 'true' || value === 'false') return value === 'true';
            return parserError(field, value, 'boolean');
        case 'Decimal': {
            const number = numberText(value);
            const decimal = number === null ? null : decFromString(number);
            return decimal ?? parserError(field, value, 'double');
        }
        case 'Double': {
            const number = numberText(value);
            return number === null
                ? parserError(field, value, 'double')
                : new DoubleValue(Number(number));
        }
        case 'Integer':
            if (typeof value === 'number' && Number.isInteger(value))
                return new IntegerValue(value);
            return parserError(field, value, 'int');
        case 'Long':
            if (typeof value === 'number' && Number.isSafeInteger(value))
                return new LongValue(BigInt(value));
            return parserError(field, value, 'long');
        case 'Date':
            if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value))
                return parserError(field, value, 'date');
            return apexParse(() => parseDate(value), field, value, 'date');
        case 'Datetime':
            if (typeof value !== 'string') return parserError(field, value, 'datetime');
            return apexParse(() => parseDatetime(value), field, value, 'datetime');
    }
    throw unsupported(`a ${field.type} field (${field.name}) in a REST request`);
}

function numberText(value: unknown): string | null {
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    if (typeof value === 'string' && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value.trim()))
        return value.trim();
    return null;
}

function apexParse<T>(parse: () => T, field: FieldDescribe, value: unknown, what: string): T {
    try {
        return parse();
    } catch (e) {
        if (e instanceof ApexThrown) return parserError(field, value, what);
        throw e;
    }
}

export class RecordCodec {
    constructor(
        private readonly org: LocalOrg,
        /** API version of the request, for record URLs. */
        readonly version: string,
    ) {}

    private get schema(): OrgSchema {
        return this.org.data.schema;
    }

    /** The object of a name in a URL or `attributes.type`, or INVALID_TYPE / NOT_FOUND. */
    object(name: string, status: 400 | 404 = 404): ObjectDescribe {
        const object = this.schema.object(name);
        if (!object || object.virtual || object.name.toLowerCase() !== name.toLowerCase()) {
            throw status === 404
                ? notFound()
                : badRequest('INVALID_TYPE', `sObject type '${name}' is not supported.`);
        }
        return object;
    }

    /**
     * A record of `object` from the request's JSON. `attributes` is read and dropped; an Id in
     * the body is kept (the DML decides whether it may be there).
     */
    fromJson(object: ObjectDescribe, json: JsonRecord): SObjectValue {
        const type = this.org.schemaApi.typeSchema(object);
        const record = new SObjectValue(type);
        for (const [key, value] of Object.entries(json)) {
            if (key === 'attributes') continue;
            const lower = key.toLowerCase();
            const field = object.fields.get(lower);
            if (field) {
                record.fields.set(lower, {
                    name: field.name,
                    value: fieldValueFromJson(field, value),
                });
                continue;
            }
            const lookup = object.relationships.get(lower);
            if (lookup && isJsonObject(value)) {
                record.fields.set(lower, {
                    name: lookup.relationshipName ?? key,
                    value: this.parentByExternalId(lookup, value),
                });
                continue;
            }
            throw badRequest(
                'INVALID_FIELD',
                `No such column '${key}' on sobject of type ${object.name}`,
                [key],
            );
        }
        return record;
    }

    /** `"Account": { "Ext__c": "A-1" }`: the parent named by one of its external-id fields. */
    private parentByExternalId(lookup: FieldDescribe, json: JsonRecord): SObjectValue {
        const attributes = json.attributes;
        const declared =
            isJsonObject(attributes) && typeof attributes.type === 'string'
                ? attributes.type
                : null;
        const targets = lookup.referenceTo;
        const target = declared ?? (targets.length === 1 ? targets[0] : null);
        if (!target || !targets.some((t) => t.toLowerCase() === target.toLowerCase()))
            throw badRequest(
                'INVALID_FIELD',
                `${lookup.relationshipName}: give the parent's type in attributes.type (one of ${targets.join(', ')})`,
                [lookup.name],
            );
        return this.fromJson(this.object(target, 400), json);
    }

    /** A record as the REST API returns it: `attributes` first, then its fields in order. */
    toJson(record: SObjectValue): JsonRecord {
        const name = record.type.name;
        const id = record.fields.get('id')?.value;
        const attributes: JsonRecord = { type: name };
        if (typeof id === 'string') attributes.url = recordUrl(this.version, name, id);
        const out: JsonRecord = { attributes };
        for (const field of record.fields.values()) out[field.name] = this.valueToJson(field.value);
        return out;
    }

    private valueToJson(value: ApexValue): unknown {
        if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
        if (value instanceof IntegerValue || value instanceof DoubleValue) return value.v;
        if (value instanceof LongValue) return Number(value.v);
        if (value instanceof DecimalValue) return Number(decToPlainString(value));
        if (value instanceof DateValue) return dateToString(value);
        if (value instanceof DatetimeValue) return restDatetime(value);
        if (value instanceof SObjectValue) return this.toJson(value);
        if (value instanceof ListValue) {
            const records = value.items
                .filter((item): item is SObjectValue => item instanceof SObjectValue)
                .map((item) => this.toJson(item));
            return { totalSize: records.length, done: true, records };
        }
        throw unsupported(`a value of type ${value.constructor.name} in a REST response`);
    }
}

/** `2026-03-10T19:00:00.000+0000`, the REST API's date-time form. */
export function restDatetime(value: DatetimeValue): string {
    return new Date(value.ms).toISOString().replace('Z', '+0000');
}
