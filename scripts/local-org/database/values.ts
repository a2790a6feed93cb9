// Field values as the store keeps them: Apex values of the field's type, numbers at the
// field's scale, datetimes at whole seconds. Conversions from loader input (plain JS) and
// comparisons used by the DML engine and SOQL.
import { D, decFromString } from '../interpreter/decimal.ts';
import { compareDates, parseDate, parseDatetime } from '../interpreter/dates.ts';
import {
    DateValue,
    DatetimeValue,
    DecimalValue,
    DoubleValue,
    IntegerValue,
    LongValue,
    isNumeric,
} from '../interpreter/values.ts';
import type { ApexValue } from '../interpreter/values.ts';
import type { FieldDescribe } from '../schema/types.ts';
import { normalizeId } from './ids.ts';
import { wholeSecond } from './clock.ts';

/** A value that cannot be stored in the field (the message names why). */
export class FieldValueError extends Error {
    constructor(
        readonly statusCode: string,
        message: string,
    ) {
        super(message);
    }
}

export function decimalOf(v: ApexValue): DecimalValue | null {
    if (v === null) return null;
    if (v instanceof DecimalValue) return v;
    if (v instanceof IntegerValue || v instanceof DoubleValue) {
        const d = decFromString(String(v.v));
        return d ? new DecimalValue(d.v, v instanceof IntegerValue ? 0 : d.scale) : null;
    }
    if (v instanceof LongValue) return new DecimalValue(new D(v.v.toString()), 0);
    return null;
}

function numberText(d: DecimalValue): string {
    return d.v.toFixed(d.scale);
}

/**
 * Converts a value to what the field stores: numbers rounded half-up to the field's scale
 * (as the platform does on save), datetimes truncated to the second, Ids in 18 characters,
 * '' as null. Throws FieldValueError for a value of the wrong type.
 */
export function storedValue(field: FieldDescribe, value: ApexValue): ApexValue {
    if (value === null) return null;
    switch (field.apexType) {
        case 'String':
            if (typeof value !== 'string') throw wrongType(field, value);
            return value === '' ? null : value;
        case 'Id': {
            if (typeof value !== 'string') throw wrongType(field, value);
            if (value === '') return null;
            const id = normalizeId(value);
            if (id === null)
                throw new FieldValueError(
                    'MALFORMED_ID',
                    `${field.label}: id value of incorrect type: ${value}`,
                );
            return id;
        }
        case 'Boolean':
            if (typeof value !== 'boolean') throw wrongType(field, value);
            return value;
        case 'Integer':
            if (value instanceof IntegerValue) return value;
            if (isNumeric(value)) {
                const d = decimalOf(value) as DecimalValue;
                if (!d.v.isInteger()) throw wrongType(field, value);
                return new IntegerValue(d.v.toNumber());
            }
            throw wrongType(field, value);
        case 'Long':
            if (value instanceof LongValue) return value;
            if (value instanceof IntegerValue) return new LongValue(BigInt(value.v));
            throw wrongType(field, value);
        case 'Decimal':
        case 'Double': {
            const d = decimalOf(value);
            if (d === null) throw wrongType(field, value);
            return atScale(field, d);
        }
        case 'Date':
            if (value instanceof DateValue) return value;
            throw wrongType(field, value);
        case 'Datetime':
            if (value instanceof DatetimeValue) return new DatetimeValue(wholeSecond(value.ms));
            throw wrongType(field, value);
        default:
            return value;
    }
}

function wrongType(field: FieldDescribe, value: ApexValue): FieldValueError {
    return new FieldValueError(
        'INVALID_TYPE_ON_FIELD_IN_RECORD',
        `${field.label}: value not of required type: ${valueText(value)}`,
    );
}

/** A number at the field's scale; too many digits before the point is NUMBER_OUTSIDE_VALID_RANGE. */
export function atScale(field: FieldDescribe, d: DecimalValue): DecimalValue {
    const scale = field.scale;
    const rounded = new DecimalValue(d.v.toDecimalPlaces(scale, D.ROUND_HALF_UP), scale);
    if (field.precision > 0) {
        const integerDigits = rounded.v.abs().truncated().toFixed(0).replace(/^0$/, '').length;
        if (integerDigits > field.precision - scale) {
            throw new FieldValueError(
                'NUMBER_OUTSIDE_VALID_RANGE',
                `${field.label}: value outside of valid range on numeric field: ${numberText(d)}`,
            );
        }
    }
    return rounded;
}

/** Loader input (plain JS or Apex values) → the field's stored value. */
export function fromLoaderValue(field: FieldDescribe, raw: unknown): ApexValue {
    if (raw === null || raw === undefined) return null;
    if (typeof raw === 'object' && !(raw instanceof Date))
        return storedValue(field, raw as ApexValue);
    switch (field.apexType) {
        case 'String':
        case 'Id':
            return storedValue(field, String(raw));
        case 'Boolean':
            if (typeof raw === 'boolean') return raw;
            break;
        case 'Integer':
            if (typeof raw === 'number' && Number.isInteger(raw)) return new IntegerValue(raw);
            break;
        case 'Decimal':
        case 'Double':
            if (typeof raw === 'number' || typeof raw === 'string') {
                const d = decFromString(String(raw));
                if (d) return atScale(field, d);
            }
            break;
        case 'Date':
            if (typeof raw === 'string') return parseDate(raw);
            if (raw instanceof Date)
                return new DateValue(raw.getUTCFullYear(), raw.getUTCMonth() + 1, raw.getUTCDate());
            break;
        case 'Datetime':
            if (typeof raw === 'string')
                return new DatetimeValue(wholeSecond(parseDatetime(raw).ms));
            if (raw instanceof Date) return new DatetimeValue(wholeSecond(raw.getTime()));
            if (typeof raw === 'number') return new DatetimeValue(wholeSecond(raw));
            break;
        default:
            break;
    }
    throw new FieldValueError(
        'INVALID_TYPE_ON_FIELD_IN_RECORD',
        `${field.label}: value not of required type: ${String(raw)}`,
    );
}

/** Equality of two stored values of one field (strings case-sensitively: a change of case is a change). */
export function sameValue(a: ApexValue, b: ApexValue): boolean {
    if (a === b) return true;
    if (a === null || b === null) return false;
    if (
        typeof a === 'string' ||
        typeof b === 'string' ||
        typeof a === 'boolean' ||
        typeof b === 'boolean'
    )
        return a === b;
    if (isNumeric(a) && isNumeric(b)) {
        const da = decimalOf(a) as DecimalValue;
        const db = decimalOf(b) as DecimalValue;
        return da.v.eq(db.v);
    }
    if (a instanceof DateValue && b instanceof DateValue) return compareDates(a, b) === 0;
    if (a instanceof DatetimeValue && b instanceof DatetimeValue) return a.ms === b.ms;
    return false;
}

/** Text of a value in platform messages. */
export function valueText(v: ApexValue): string {
    if (v === null) return 'null';
    if (typeof v === 'string') return v;
    if (typeof v === 'boolean') return String(v);
    if (v instanceof DecimalValue) return v.v.toFixed(v.scale);
    if (v instanceof IntegerValue || v instanceof DoubleValue) return String(v.v);
    if (v instanceof LongValue) return v.v.toString();
    if (v instanceof DateValue)
        return `${String(v.year).padStart(4, '0')}-${String(v.month).padStart(2, '0')}-${String(v.day).padStart(2, '0')}`;
    if (v instanceof DatetimeValue) return new Date(v.ms).toISOString();
    return String(v);
}
