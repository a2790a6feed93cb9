// Small readers shared by the calculators. Two kinds of bad input, treated differently:
// - impossible input (not a number, a negative amount of money, a picklist value the org
//   cannot hold, a malformed date, a config that cannot be applied) is REJECTED with a
//   KeystoneScoringError naming the field path;
// - input that is merely out of range (a probability of 120, a rating of -5, a review date
//   after "now") is CLAMPED to the nearest meaningful value, and the result says so.
import { KeystoneScoringError } from './errors';

/** A number or null/undefined (= no value); anything else is rejected. */
export function optionalNumber(value: unknown, fieldPath: string): number | null {
    if (value === null || value === undefined) return null;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new KeystoneScoringError(fieldPath, 'must be a number');
    }
    return value;
}

export function requiredNumber(value: unknown, fieldPath: string): number {
    const result = optionalNumber(value, fieldPath);
    if (result === null) {
        throw new KeystoneScoringError(fieldPath, 'a number is required');
    }
    return result;
}

/** Money that cannot be negative (an amount, an estimated value): negative is rejected. */
export function optionalAmount(value: unknown, fieldPath: string): number {
    const result = optionalNumber(value, fieldPath);
    if (result !== null && result < 0) {
        throw new KeystoneScoringError(fieldPath, 'must not be negative');
    }
    return result ?? 0;
}

/** A picklist value: null means blank; a value outside the allowed list is rejected. */
export function optionalPicklist(
    value: unknown,
    allowed: readonly string[],
    fieldPath: string,
): string | null {
    if (value === null || value === undefined || value === '') return null;
    if (typeof value !== 'string' || !allowed.includes(value)) {
        throw new KeystoneScoringError(fieldPath, `unknown value '${String(value)}'`);
    }
    return value;
}

/** optionalAmount for list items in hot loops: the path is only built for an error. */
export function optionalAmountAt(
    value: unknown,
    list: string,
    index: number,
    field: string,
): number {
    if (typeof value === 'number' && value >= 0 && Number.isFinite(value)) return value;
    return optionalAmount(value, `${list}[${index}].${field}`);
}

/** optionalNumber for list items in hot loops: the path is only built for an error. */
export function optionalNumberAt(
    value: unknown,
    list: string,
    index: number,
    field: string,
): number | null {
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    return optionalNumber(value, `${list}[${index}].${field}`);
}

/** optionalPicklist for list items in hot loops: the path is only built for an error. */
export function optionalPicklistAt(
    value: unknown,
    allowed: readonly string[],
    list: string,
    index: number,
    field: string,
): string | null {
    if (value === null || value === undefined || value === '') return null;
    if (typeof value === 'string' && allowed.includes(value)) return value;
    return optionalPicklist(value, allowed, `${list}[${index}].${field}`);
}

export function optionalText(value: unknown): string | null {
    if (typeof value !== 'string') return null;
    // Trims like Apex String.trim() (Java): only characters up to U+0020, so a non-breaking
    // space is kept on both sides. Most values (ids, picklists) need no new string at all.
    let start = 0;
    let end = value.length;
    while (start < end && value.charCodeAt(start) <= 32) start += 1;
    while (end > start && value.charCodeAt(end - 1) <= 32) end -= 1;
    if (start === end) return null;
    return start === 0 && end === value.length ? value : value.slice(start, end);
}

export function isBlank(value: unknown): boolean {
    return optionalText(value) === null;
}

export function isTrue(value: unknown): boolean {
    return value === true;
}

/** A config number that must be at least `min`. */
export function configNumber(value: number, min: number, fieldPath: string): number {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
        throw new KeystoneScoringError(fieldPath, `must be a number of at least ${min}`);
    }
    return value;
}
