// List, Set and Map methods. Sets and Maps keep insertion order (as Apex does for
// primitive keys); element conversion applies the numeric widening of the element type.
import { unsupported } from './errors.ts';
import { systemException } from './exceptions.ts';
import { coercePrimitive } from './coerce.ts';
import { compareDates } from './dates.ts';
import { keyOf, valuesEqual } from './equality.ts';
import { compareNumbers } from './numbers.ts';
import { javaCompare } from './text.ts';
import {
    DateValue,
    DatetimeValue,
    EnumValue,
    InstanceValue,
    IntegerValue,
    ListValue,
    MapValue,
    SetValue,
    isNumeric,
} from './values.ts';
import type { ApexValue, TypeRef } from './values.ts';

export type UserComparator = (a: InstanceValue, b: InstanceValue) => number;

function intArg(v: ApexValue): number {
    if (v instanceof IntegerValue) return v.v;
    if (v === null) throw systemException('NullPointerException', 'Argument cannot be null.');
    throw unsupported('a collection index that is not an Integer');
}

function iterableItems(v: ApexValue): ApexValue[] {
    if (v === null) throw systemException('NullPointerException', 'Argument cannot be null.');
    if (v instanceof ListValue) return v.items;
    if (v instanceof SetValue) return [...v.entries.values()];
    throw unsupported('addAll/containsAll with an argument that is not a List or Set');
}

function outOfBounds(i: number) {
    return systemException('ListException', `List index out of bounds: ${i}`);
}

export function listGet(list: ListValue, index: number): ApexValue {
    if (index < 0 || index >= list.items.length) throw outOfBounds(index);
    return list.items[index] ?? null;
}

export function listSet(list: ListValue, index: number, value: ApexValue): void {
    if (index < 0 || index >= list.items.length) throw outOfBounds(index);
    list.items[index] = coercePrimitive(value, list.elementType);
}

export function newList(elementType: TypeRef, items: ApexValue[]): ListValue {
    return new ListValue(
        elementType,
        items.map((x) => coercePrimitive(x, elementType)),
    );
}

export function newSet(elementType: TypeRef, items: ApexValue[]): SetValue {
    const set = new SetValue(elementType, new Map());
    for (const x of items) {
        const v = coercePrimitive(x, elementType);
        set.entries.set(keyOf(v), v);
    }
    return set;
}

/** The entry key of a map key: Apex map keys are exact, except in the describe maps. */
function mapKeyHash(map: MapValue, key: ApexValue): string {
    const k = coercePrimitive(key, map.keyType);
    if (map.keyCheck && typeof k === 'string') map.keyCheck(k);
    return keyOf(map.ignoresKeyCase && typeof k === 'string' ? k.toLowerCase() : k);
}

export function mapPut(map: MapValue, key: ApexValue, value: ApexValue): ApexValue {
    const k = coercePrimitive(key, map.keyType);
    const hash = mapKeyHash(map, k);
    const previous = map.entries.get(hash);
    map.entries.set(hash, {
        key: previous ? previous.key : k,
        value: coercePrimitive(value, map.valueType),
    });
    return previous ? previous.value : null;
}

function compareForSort(a: ApexValue, b: ApexValue, userCompare: UserComparator): number {
    if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
    if (isNumeric(a) && isNumeric(b)) return compareNumbers(a, b);
    if (typeof a === 'string' && typeof b === 'string') return javaCompare(a, b);
    if (a instanceof DateValue && b instanceof DateValue) return compareDates(a, b);
    if (a instanceof DatetimeValue && b instanceof DatetimeValue) return Math.sign(a.ms - b.ms);
    if (a instanceof EnumValue && b instanceof EnumValue) return a.ordinal - b.ordinal;
    if (a instanceof InstanceValue && b instanceof InstanceValue) return userCompare(a, b);
    throw unsupported(
        'List.sort on elements that are not numbers, Strings, Dates, enums or Comparable objects',
    );
}

export function sortList(list: ListValue, userCompare: UserComparator): void {
    list.items.sort((a, b) => compareForSort(a, b, userCompare));
    for (let i = 1; i < list.items.length; i++) {
        const prev = list.items[i - 1] ?? null;
        const cur = list.items[i] ?? null;
        if (typeof prev === 'string' && typeof cur === 'string') {
            if (
                javaCompare(prev.toLowerCase(), cur.toLowerCase()) > 0 ||
                (prev !== cur && prev.toLowerCase() === cur.toLowerCase())
            ) {
                throw unsupported('List.sort of Strings whose order depends on letter case');
            }
        }
    }
}

export function callListMethod(
    list: ListValue,
    name: string,
    args: ApexValue[],
    userCompare: UserComparator,
): ApexValue | undefined {
    const a0 = args[0] ?? null;
    const a1 = args[1] ?? null;
    switch (name) {
        case 'add':
            if (args.length === 2) {
                const i = intArg(a0);
                if (i < 0 || i > list.items.length) throw outOfBounds(i);
                list.items.splice(i, 0, coercePrimitive(a1, list.elementType));
                return null;
            }
            list.items.push(coercePrimitive(a0, list.elementType));
            return null;
        case 'addall':
            for (const x of [...iterableItems(a0)])
                list.items.push(coercePrimitive(x, list.elementType));
            return null;
        case 'get':
            return listGet(list, intArg(a0));
        case 'set':
            listSet(list, intArg(a0), a1);
            return null;
        case 'size':
            return new IntegerValue(list.items.length);
        case 'isempty':
            return list.items.length === 0;
        case 'contains':
            return list.items.some((x) => valuesEqual(x, a0, false));
        case 'indexof':
            return new IntegerValue(list.items.findIndex((x) => valuesEqual(x, a0, false)));
        case 'remove': {
            const i = intArg(a0);
            if (i < 0 || i >= list.items.length) throw outOfBounds(i);
            const [removed] = list.items.splice(i, 1);
            return removed ?? null;
        }
        case 'clear':
            list.items.length = 0;
            return null;
        case 'sort':
            if (args.length > 0) throw unsupported('List.sort with a Comparator');
            sortList(list, userCompare);
            return null;
        case 'clone':
            return new ListValue(list.elementType, [...list.items]);
        case 'equals':
            return valuesEqual(list, a0, false);
        default:
            return undefined;
    }
}

export function callSetMethod(
    set: SetValue,
    name: string,
    args: ApexValue[],
): ApexValue | undefined {
    const a0 = args[0] ?? null;
    switch (name) {
        case 'add': {
            const v = coercePrimitive(a0, set.elementType);
            const k = keyOf(v);
            if (set.entries.has(k)) return false;
            set.entries.set(k, v);
            return true;
        }
        case 'addall': {
            let changed = false;
            for (const x of [...iterableItems(a0)]) {
                const v = coercePrimitive(x, set.elementType);
                const k = keyOf(v);
                if (!set.entries.has(k)) {
                    set.entries.set(k, v);
                    changed = true;
                }
            }
            return changed;
        }
        case 'contains':
            return set.entries.has(keyOf(coercePrimitive(a0, set.elementType)));
        case 'containsall':
            return iterableItems(a0).every((x) =>
                set.entries.has(keyOf(coercePrimitive(x, set.elementType))),
            );
        case 'remove':
            return set.entries.delete(keyOf(coercePrimitive(a0, set.elementType)));
        case 'removeall': {
            let changed = false;
            for (const x of iterableItems(a0)) {
                if (set.entries.delete(keyOf(coercePrimitive(x, set.elementType)))) changed = true;
            }
            return changed;
        }
        case 'retainall': {
            const keep = new Set(
                iterableItems(a0).map((x) => keyOf(coercePrimitive(x, set.elementType))),
            );
            let changed = false;
            for (const k of [...set.entries.keys()]) {
                if (!keep.has(k)) {
                    set.entries.delete(k);
                    changed = true;
                }
            }
            return changed;
        }
        case 'size':
            return new IntegerValue(set.entries.size);
        case 'isempty':
            return set.entries.size === 0;
        case 'clear':
            set.entries.clear();
            return null;
        case 'clone':
            return new SetValue(set.elementType, new Map(set.entries));
        case 'equals':
            return valuesEqual(set, a0, false);
        default:
            return undefined;
    }
}

export function callMapMethod(
    map: MapValue,
    name: string,
    args: ApexValue[],
): ApexValue | undefined {
    const a0 = args[0] ?? null;
    switch (name) {
        case 'put':
            return mapPut(map, a0, args[1] ?? null);
        case 'get':
            return map.entries.get(mapKeyHash(map, a0))?.value ?? null;
        case 'containskey':
            return map.entries.has(mapKeyHash(map, a0));
        case 'remove': {
            const k = mapKeyHash(map, a0);
            const previous = map.entries.get(k);
            map.entries.delete(k);
            return previous ? previous.value : null;
        }
        case 'keyset':
            return new SetValue(
                map.keyType,
                new Map([...map.entries].map(([k, e]) => [k, e.key] as [string, ApexValue])),
            );
        case 'values':
            return new ListValue(
                map.valueType,
                [...map.entries.values()].map((e) => e.value),
            );
        case 'size':
            return new IntegerValue(map.entries.size);
        case 'isempty':
            return map.entries.size === 0;
        case 'clear':
            map.entries.clear();
            return null;
        case 'putall': {
            if (!(a0 instanceof MapValue))
                throw unsupported('Map.putAll with an argument that is not a Map');
            for (const e of a0.entries.values()) mapPut(map, e.key, e.value);
            return null;
        }
        case 'clone':
            return new MapValue(
                map.keyType,
                map.valueType,
                new Map(map.entries),
                map.ignoresKeyCase,
            );
        case 'equals':
            return valuesEqual(map, a0, false);
        default:
            return undefined;
    }
}
