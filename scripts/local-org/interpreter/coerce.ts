// Assignment conversion for primitive targets: Integer -> Long -> Double -> Decimal widening,
// and a TypeException for a runtime value that does not fit (reachable through casts of Object).
import { unsupported } from './errors.ts';
import { systemException } from './exceptions.ts';
import { numKind, widenTo } from './numbers.ts';
import {
    DateValue,
    DatetimeValue,
    ListValue,
    MapValue,
    SetValue,
    isNumeric,
    runtimeTypeName,
} from './values.ts';
import type { ApexValue, TypeRef } from './values.ts';

const NUMERIC_RANK: Record<string, number> = { integer: 0, long: 1, double: 2, decimal: 3 };

export function invalidConversion(v: ApexValue, target: TypeRef) {
    return systemException(
        'TypeException',
        `Invalid conversion from runtime type ${runtimeTypeName(v)} to ${target.display}`,
    );
}

export function isPrimitiveTypeKey(key: string): boolean {
    return (
        key in NUMERIC_RANK ||
        key === 'string' ||
        key === 'id' ||
        key === 'boolean' ||
        key === 'date' ||
        key === 'datetime'
    );
}

/**
 * Converts a value for assignment to a variable of type `t`. Only primitive targets are
 * converted or checked here; other targets are checked by the evaluator on casts.
 */
export function coercePrimitive(v: ApexValue, t: TypeRef): ApexValue {
    if (v === null) return null;
    const key = t.key;
    const targetRank = NUMERIC_RANK[key];
    if (targetRank !== undefined) {
        if (!isNumeric(v)) throw invalidConversion(v, t);
        const fromRank = NUMERIC_RANK[numKind(v)] ?? 0;
        if (fromRank > targetRank) throw invalidConversion(v, t);
        return widenTo(v, numKind(v) === key ? numKind(v) : (key as 'long' | 'double' | 'decimal'));
    }
    switch (key) {
        case 'string':
            if (typeof v !== 'string') throw invalidConversion(v, t);
            return v;
        case 'id':
            if (typeof v !== 'string') throw invalidConversion(v, t);
            return toId(v);
        case 'boolean':
            if (typeof v !== 'boolean') throw invalidConversion(v, t);
            return v;
        case 'date':
            if (!(v instanceof DateValue)) throw invalidConversion(v, t);
            return v;
        case 'datetime':
            if (!(v instanceof DatetimeValue)) throw invalidConversion(v, t);
            return v;
        case 'list':
            if (!(v instanceof ListValue)) throw invalidConversion(v, t);
            return v;
        case 'set':
            if (!(v instanceof SetValue)) throw invalidConversion(v, t);
            return v;
        case 'map':
            if (!(v instanceof MapValue)) throw invalidConversion(v, t);
            return v;
        default:
            return v;
    }
}

const ID_SUFFIX_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

function idSuffix(id15: string): string {
    let suffix = '';
    for (let chunk = 0; chunk < 3; chunk++) {
        let bits = 0;
        for (let i = 0; i < 5; i++) {
            const c = id15.charAt(chunk * 5 + i);
            if (c >= 'A' && c <= 'Z') bits |= 1 << i;
        }
        suffix += ID_SUFFIX_CHARS.charAt(bits);
    }
    return suffix;
}

/**
 * String -> Id: the platform accepts 15- or 18-character record ids and always holds the
 * 18-character form; anything else throws System.StringException.
 */
/** Whether a String is a well-formed record Id (`'x' instanceof Id`). */
export function isValidId(text: string): boolean {
    if (!/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(text)) return false;
    const id15 = text.slice(0, 15);
    return text.length === 15 || text.toUpperCase() === (id15 + idSuffix(id15)).toUpperCase();
}

export function toId(text: string): string {
    if (!/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(text)) {
        throw systemException('StringException', `Invalid id: ${text}`);
    }
    const id15 = text.slice(0, 15);
    const id18 = id15 + idSuffix(id15);
    if (text.length === 18 && text.toUpperCase() !== id18.toUpperCase()) {
        throw unsupported(`the 18-character Id ${text} whose checksum does not match`);
    }
    return id18;
}
