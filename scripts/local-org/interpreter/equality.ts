// Equality and hashing keys.
// - `==` on Strings ignores case; collection lookups (contains, indexOf, Set, Map keys)
//   and assertEquals are case-sensitive.
// - Numbers compare numerically across Integer/Long/Double/Decimal.
// - SObjects, Lists, Sets and Maps compare by content; user objects by equals() or identity.
import { unsupported } from './errors.ts';
import { epochDay } from './dates.ts';
import { compareNumbers } from './numbers.ts';
import {
    DateValue,
    DatetimeValue,
    DecimalValue,
    DoubleValue,
    EnumValue,
    InstanceValue,
    IntegerValue,
    ListValue,
    LongValue,
    MapValue,
    NativeValue,
    SObjectValue,
    SetValue,
    isNumeric,
} from './values.ts';
import type { ApexValue } from './values.ts';

export function valuesEqual(a: ApexValue, b: ApexValue, ignoreStringCase: boolean): boolean {
    if (a === null || b === null) return a === b;
    if (typeof a === 'string' || typeof b === 'string') {
        if (typeof a !== 'string' || typeof b !== 'string') return false;
        return ignoreStringCase ? a.toLowerCase() === b.toLowerCase() : a === b;
    }
    if (typeof a === 'boolean' || typeof b === 'boolean') return a === b;
    if (isNumeric(a) || isNumeric(b)) {
        if (!isNumeric(a) || !isNumeric(b)) return false;
        return compareNumbers(a, b) === 0;
    }
    if (a instanceof DateValue && b instanceof DateValue) return epochDay(a) === epochDay(b);
    if (a instanceof DatetimeValue && b instanceof DatetimeValue) return a.ms === b.ms;
    if (a instanceof EnumValue && b instanceof EnumValue) {
        return a.typeKey === b.typeKey && a.name === b.name;
    }
    if (a instanceof ListValue && b instanceof ListValue) {
        if (a.items.length !== b.items.length) return false;
        return a.items.every((x, i) => valuesEqual(x, b.items[i] ?? null, false));
    }
    if (a instanceof SetValue && b instanceof SetValue) {
        if (a.entries.size !== b.entries.size) return false;
        for (const k of a.entries.keys()) if (!b.entries.has(k)) return false;
        return true;
    }
    if (a instanceof MapValue && b instanceof MapValue) {
        if (a.entries.size !== b.entries.size) return false;
        for (const [k, e] of a.entries) {
            const other = b.entries.get(k);
            if (!other || !valuesEqual(e.value, other.value, false)) return false;
        }
        return true;
    }
    if (a instanceof SObjectValue && b instanceof SObjectValue) {
        if (a.type.name !== b.type.name) return false;
        const keys = new Set([...a.fields.keys(), ...b.fields.keys()]);
        for (const k of keys) {
            if (
                !valuesEqual(a.fields.get(k)?.value ?? null, b.fields.get(k)?.value ?? null, false)
            ) {
                return false;
            }
        }
        return true;
    }
    if (a instanceof NativeValue && b instanceof NativeValue) {
        if (a.type !== b.type) return false;
        return a.type.equals ? a.type.equals(a, b) : a === b;
    }
    if (a instanceof InstanceValue || b instanceof InstanceValue) return a === b;
    return false;
}

/** A hashing key for Set elements and Map keys. */
export function keyOf(v: ApexValue): string {
    if (v === null) return 'n';
    if (typeof v === 'boolean') return v ? 'b:1' : 'b:0';
    if (typeof v === 'string') return `s:${v}`;
    if (v instanceof IntegerValue) return `i:${v.v}`;
    if (v instanceof LongValue) return `l:${v.v}`;
    if (v instanceof DateValue) return `d:${epochDay(v)}`;
    if (v instanceof DatetimeValue) return `t:${v.ms}`;
    if (v instanceof EnumValue) return `e:${v.typeKey}.${v.name}`;
    if (v instanceof DecimalValue || v instanceof DoubleValue) {
        throw unsupported(
            'a Decimal or Double as a Set element or Map key (hash depends on scale)',
        );
    }
    if (v instanceof NativeValue)
        return v.type.hashKey ? `x:${v.type.name}:${v.type.hashKey(v)}` : `x#${v.identity}`;
    if (v instanceof SObjectValue) {
        // SObjects hash by their field values (a record changed after it was added is lost, as on the platform)
        const parts = [...v.fields.entries()]
            .filter(
                ([, f]) => !(f.value instanceof SObjectValue) && !(f.value instanceof ListValue),
            )
            .map(
                ([k, f]) =>
                    `${k}=${f.value instanceof DecimalValue ? `m:${f.value.v.toString()}` : keyOf(f.value)}`,
            );
        return `o:${v.type.name.toLowerCase()}{${parts.join(',')}}`;
    }
    if (v instanceof InstanceValue) return `u#${identityOf(v)}`;
    throw unsupported('a collection as a Set element or Map key');
}

const identities = new WeakMap<object, number>();
let nextIdentity = 0;

/** Objects of user classes hash by identity (equals/hashCode overrides are not consulted). */
function identityOf(v: object): number {
    let id = identities.get(v);
    if (id === undefined) {
        id = ++nextIdentity;
        identities.set(v, id);
    }
    return id;
}
