// How SOQL compares and orders field values (SOQL and SOSL Reference: "Comparison
// Operators", "ORDER BY"): text case-insensitively, '' as null, Ids in their 18-character
// form, numbers exactly, picklists in value-set order when sorting.
import { systemException } from '../interpreter/exceptions.ts';
import {
    DateValue,
    DatetimeValue,
    DecimalValue,
    DoubleValue,
    IntegerValue,
    LongValue,
    SObjectValue,
} from '../interpreter/values.ts';
import type { ApexValue } from '../interpreter/values.ts';
import { compareDates } from '../interpreter/dates.ts';
import type { FieldDescribe } from '../schema/types.ts';
import { normalizeId } from '../database/ids.ts';
import { decimalOf } from '../database/values.ts';

export type ValueKind = 'text' | 'id' | 'number' | 'boolean' | 'date' | 'datetime' | 'other';

export function kindOf(field: FieldDescribe): ValueKind {
    switch (field.type) {
        case 'ID':
        case 'REFERENCE':
            return 'id';
        case 'CURRENCY':
        case 'DOUBLE':
        case 'PERCENT':
        case 'INTEGER':
        case 'LONG':
            return 'number';
        case 'BOOLEAN':
            return 'boolean';
        case 'DATE':
            return 'date';
        case 'DATETIME':
            return 'datetime';
        case 'BASE64':
        case 'TIME':
            return 'other';
        default:
            return 'text';
    }
}

/**
 * A comparison key for a value of a field of this kind: lower-cased text, 18-character Ids,
 * exact decimals, epoch days and milliseconds. Null for null and ''.
 */
export type Key = string | number | boolean | DecimalValue | null;

export function keyOf(kind: ValueKind, value: ApexValue, fieldName: string): Key {
    if (value === null) return null;
    switch (kind) {
        case 'text':
            if (typeof value === 'string') return value === '' ? null : value.toLowerCase();
            return textOf(value).toLowerCase();
        case 'id': {
            if (value instanceof SObjectValue) {
                const id = value.fields.get('id')?.value ?? null;
                return typeof id === 'string' ? id : null;
            }
            if (typeof value !== 'string')
                throw systemException('QueryException', `invalid ID field: ${textOf(value)}`);
            if (value === '') return null;
            const id = normalizeId(value);
            if (id === null) throw systemException('QueryException', `invalid ID field: ${value}`);
            return id;
        }
        case 'number': {
            const d = decimalOf(value);
            if (d === null)
                throw systemException(
                    'QueryException',
                    `value of filter criterion for field '${fieldName}' must be of type double and should not be enclosed in quotes`,
                );
            return d;
        }
        case 'boolean':
            if (typeof value !== 'boolean')
                throw systemException(
                    'QueryException',
                    `value of filter criterion for field '${fieldName}' must be of type boolean and should not be enclosed in quotes`,
                );
            return value;
        case 'date':
            if (value instanceof DateValue)
                return Date.UTC(value.year, value.month - 1, value.day) / 86400000;
            throw systemException(
                'QueryException',
                `value of filter criterion for field '${fieldName}' must be of type date and should not be enclosed in quotes`,
            );
        case 'datetime':
            if (value instanceof DatetimeValue) return Math.floor(value.ms / 1000) * 1000;
            throw systemException(
                'QueryException',
                `value of filter criterion for field '${fieldName}' must be of type dateTime and should not be enclosed in quotes`,
            );
        default:
            return textOf(value);
    }
}

/** The key of a value read from a stored row: Ids there are canonical, so no checksum work. */
export function rowKey(kind: ValueKind, value: ApexValue, fieldName: string): Key {
    if (kind === 'id' && typeof value === 'string' && value.length === 18) return value;
    return keyOf(kind, value, fieldName);
}

export function compareKeys(a: Key, b: Key): number {
    if (a instanceof DecimalValue && b instanceof DecimalValue) return a.v.cmp(b.v);
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
    const x = String(a);
    const y = String(b);
    return x < y ? -1 : x > y ? 1 : 0;
}

export function equalKeys(a: Key, b: Key): boolean {
    if (a === null || b === null) return a === b;
    return compareKeys(a, b) === 0;
}

function textOf(value: ApexValue): string {
    if (value === null) return '';
    if (typeof value === 'string') return value;
    if (typeof value === 'boolean') return String(value);
    if (value instanceof DecimalValue) return value.v.toFixed(value.scale);
    if (value instanceof IntegerValue || value instanceof DoubleValue) return String(value.v);
    if (value instanceof LongValue) return value.v.toString();
    if (value instanceof DateValue)
        return `${value.year}-${String(value.month).padStart(2, '0')}-${String(value.day).padStart(2, '0')}`;
    if (value instanceof DatetimeValue) return new Date(value.ms).toISOString();
    return String(value);
}

const COLLATOR = new Intl.Collator('en-US', { sensitivity: 'accent' });

/**
 * ORDER BY comparison of two values of one field (nulls handled by the caller): text by the
 * locale's case-insensitive collation, picklists by value-set position, others by value.
 */
export function orderValues(field: FieldDescribe | null, a: ApexValue, b: ApexValue): number {
    if (typeof a === 'string' && typeof b === 'string') {
        if (
            field &&
            (field.type === 'PICKLIST' || field.type === 'MULTIPICKLIST') &&
            field.picklistValues.length > 0
        ) {
            const ia = field.picklistValues.findIndex(
                (e) => e.value.toLowerCase() === a.toLowerCase(),
            );
            const ib = field.picklistValues.findIndex(
                (e) => e.value.toLowerCase() === b.toLowerCase(),
            );
            // Values outside the value set sort after it, by collation.
            if (ia >= 0 || ib >= 0) {
                if (ia < 0) return 1;
                if (ib < 0) return -1;
                return ia - ib;
            }
        }
        if (field && (field.type === 'ID' || field.type === 'REFERENCE'))
            return a < b ? -1 : a > b ? 1 : 0;
        return COLLATOR.compare(a, b);
    }
    if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
    if (a instanceof DateValue && b instanceof DateValue) return compareDates(a, b);
    if (a instanceof DatetimeValue && b instanceof DatetimeValue) return Math.sign(a.ms - b.ms);
    const da = decimalOf(a);
    const db = decimalOf(b);
    if (da && db) return da.v.cmp(db.v);
    return COLLATOR.compare(textOf(a), textOf(b));
}

/** A LIKE pattern as a regular expression: % any run, _ one character, backslash escapes them; case-insensitive. */
export function likePattern(pattern: string): RegExp {
    let source = '';
    for (let i = 0; i < pattern.length; i++) {
        const c = pattern[i] as string;
        if (
            c === '\\' &&
            i + 1 < pattern.length &&
            (pattern[i + 1] === '%' || pattern[i + 1] === '_' || pattern[i + 1] === '\\')
        ) {
            source += escapeRegex(pattern[i + 1] as string);
            i++;
        } else if (c === '%') source += '.*';
        else if (c === '_') source += '.';
        else source += escapeRegex(c);
    }
    return new RegExp(`^${source}$`, 'is');
}

function escapeRegex(c: string): string {
    return c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
