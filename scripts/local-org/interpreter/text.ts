// String conversion (String.valueOf, concatenation) and the String methods calculators use.
import { unsupported } from './errors.ts';
import { systemException } from './exceptions.ts';
import { dateToString, datetimeToGmtString, datetimeToString } from './dates.ts';
import { decToString } from './decimal.ts';
import { javaDoubleToString } from './numbers.ts';
import {
    DateValue,
    DatetimeValue,
    DecimalValue,
    DoubleValue,
    EnumValue,
    IntegerValue,
    ListValue,
    LongValue,
    MapValue,
    NativeValue,
    SObjectValue,
    SetValue,
} from './values.ts';
import type { ApexValue, InstanceValue } from './values.ts';

/** String.valueOf(x) for a non-null primitive. */
export function valueToString(v: ApexValue): string {
    if (v === null) return 'null';
    if (typeof v === 'string') return v;
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (v instanceof IntegerValue) return String(v.v);
    if (v instanceof LongValue) return v.v.toString();
    if (v instanceof DoubleValue) return javaDoubleToString(v.v);
    if (v instanceof DecimalValue) return decToString(v);
    if (v instanceof DateValue) return dateToString(v);
    if (v instanceof DatetimeValue) return datetimeToString(v);
    if (v instanceof EnumValue) return v.name;
    if (v instanceof ListValue) return `(${v.items.map(concatString).join(', ')})`;
    if (v instanceof SetValue) return `{${[...v.entries.values()].map(concatString).join(', ')}}`;
    if (v instanceof MapValue) {
        const parts = [...v.entries.values()].map(
            (e) => `${concatString(e.key)}=${concatString(e.value)}`,
        );
        return `{${parts.join(', ')}}`;
    }
    if (v instanceof SObjectValue) {
        // the debug format: Account:{Name=Acme, Id=001…}, fields in the order they were set
        const parts = [...v.fields.values()].map((f) => `${f.name}=${sobjectFieldString(f.value)}`);
        return `${v.type.name}:{${parts.join(', ')}}`;
    }
    if (v instanceof NativeValue) {
        if (v.type.toString) return v.type.toString(v);
        throw unsupported(`converting a ${v.type.name} to a String`);
    }
    const custom = objectStrings.custom?.(v);
    if (custom !== undefined) return custom;
    if (
        v.cls.key === 'exception' ||
        v.cls.name.startsWith('System.') ||
        objectStrings.isException?.(v)
    )
        return `${v.cls.name}: ${v.message ?? 'null'}`;
    const parts = [...v.fields.entries()].map(([k, value]) => `${k}=${concatString(value)}`);
    return `${v.cls.name}:[${parts.join(', ')}]`;
}

function sobjectFieldString(v: ApexValue): string {
    if (v instanceof DateValue) return `${dateToString(v)} 00:00:00`;
    if (v instanceof DatetimeValue) return datetimeToGmtString(v);
    return concatString(v);
}

/** Hooks of the evaluator: a user class's toString() override, and whether a class is an exception. */
export const objectStrings: {
    custom: ((v: InstanceValue) => string | undefined) | null;
    isException: ((v: InstanceValue) => boolean) | null;
} = { custom: null, isException: null };

/** How a value prints inside `'text' + value`: null gives 'null', a Date gets ' 00:00:00'. */
export function concatString(v: ApexValue): string {
    if (v === null) return 'null';
    if (v instanceof DateValue) return `${dateToString(v)} 00:00:00`;
    return valueToString(v);
}

function javaRegex(pattern: string): RegExp {
    if (/\(\?[<!=]|\\[pPQEGZzAh]|\(\?[a-zA-Z]/.test(pattern)) {
        throw unsupported(`Java regular expression feature in '${pattern}'`);
    }
    return new RegExp(pattern, 'g');
}

/** Java String.split(regex): trailing empty strings are removed. */
export function splitJava(s: string, pattern: string, limit?: number): string[] {
    if (limit !== undefined && limit !== 0) throw unsupported('String.split with a limit');
    if (s === '') return [''];
    const parts = s.split(javaRegex(pattern));
    // Java drops a leading empty string produced by a zero-width match at index 0
    while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
    return parts;
}

/** Java-style compareTo: difference of the first differing UTF-16 code units, else of lengths. */
export function javaCompare(a: string, b: string): number {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
        const d = a.charCodeAt(i) - b.charCodeAt(i);
        if (d !== 0) return d;
    }
    return a.length - b.length;
}

export function isBlank(s: string | null): boolean {
    return s === null || s.trim() === '';
}

/** Java's trim(): removes characters <= U+0020 from both ends. */
export function javaTrim(s: string): string {
    let start = 0;
    let end = s.length;
    while (start < end && s.charCodeAt(start) <= 32) start++;
    while (end > start && s.charCodeAt(end - 1) <= 32) end--;
    return s.slice(start, end);
}

/**
 * String.format(template, List<Object>): {0}-style placeholders. Non-String arguments are
 * converted as String.valueOf converts them (String Class reference: "implicitly converted
 * to strings, respecting the toString() method overrides").
 */
export function formatString(template: string, args: ApexValue[]): string {
    if (template.includes("'")) {
        throw unsupported('String.format with a quote in the template (MessageFormat quoting)');
    }
    if (/\{\d+,/.test(template)) {
        throw unsupported('String.format with a format type in a placeholder ({0,number,…})');
    }
    return template.replace(/\{(\d+)\}/g, (whole, index: string) => {
        const i = Number(index);
        if (i >= args.length) return whole;
        const a = args[i] ?? null;
        return a === null ? 'null' : valueToString(a);
    });
}

function intArg(v: ApexValue, method: string): number {
    if (v instanceof IntegerValue) return v.v;
    throw unsupported(`String.${method} with a non-Integer argument`);
}

function strArg(v: ApexValue, method: string): string {
    if (v === null) throw systemException('NullPointerException', 'Argument cannot be null.');
    if (typeof v === 'string') return v;
    throw unsupported(`String.${method} with a non-String argument`);
}

function checkIndex(s: string, start: number, end: number): void {
    if (start < 0 || end > s.length || start > end) {
        throw systemException('StringException', `Ending position out of bounds: ${end}`);
    }
}

/** Instance methods on a non-null String. Returns undefined when the method is unknown. */
export function callStringMethod(
    s: string,
    name: string,
    args: ApexValue[],
): ApexValue | undefined {
    const a0 = args[0] ?? null;
    const a1 = args[1] ?? null;
    switch (name) {
        case 'length':
            return new IntegerValue(s.length);
        case 'tolowercase':
            return s.toLowerCase();
        case 'touppercase':
            return s.toUpperCase();
        case 'trim':
            return javaTrim(s);
        case 'normalizespace':
            return s.trim().replace(/\s+/g, ' ');
        case 'deletewhitespace':
            return s.replace(/\s+/g, '');
        case 'contains':
            return s.includes(strArg(a0, name));
        case 'containsignorecase':
            return s.toLowerCase().includes(strArg(a0, name).toLowerCase());
        case 'startswith':
            return s.startsWith(strArg(a0, name));
        case 'startswithignorecase':
            return s.toLowerCase().startsWith(strArg(a0, name).toLowerCase());
        case 'endswith':
            return s.endsWith(strArg(a0, name));
        case 'endswithignorecase':
            return s.toLowerCase().endsWith(strArg(a0, name).toLowerCase());
        case 'equals':
            return typeof a0 === 'string' && s === a0;
        case 'equalsignorecase':
            return typeof a0 === 'string' && s.toLowerCase() === a0.toLowerCase();
        case 'compareto':
            return new IntegerValue(javaCompare(s, strArg(a0, name)));
        case 'indexof':
            if (args.length === 1) return new IntegerValue(s.indexOf(strArg(a0, name)));
            return new IntegerValue(s.indexOf(strArg(a0, name), intArg(a1, name)));
        case 'lastindexof':
            return new IntegerValue(s.lastIndexOf(strArg(a0, name)));
        case 'substring': {
            const start = intArg(a0, name);
            const end = args.length > 1 ? intArg(a1, name) : s.length;
            checkIndex(s, start, end);
            return s.substring(start, end);
        }
        case 'left':
            return s.slice(0, Math.max(0, intArg(a0, name)));
        case 'right': {
            const n = Math.max(0, intArg(a0, name));
            return n >= s.length ? s : s.slice(s.length - n);
        }
        case 'leftpad':
        case 'rightpad': {
            const n = intArg(a0, name);
            const padWith = args.length > 1 ? strArg(a1, name) : ' ';
            return name === 'leftpad' ? s.padStart(n, padWith) : s.padEnd(n, padWith);
        }
        case 'replace':
            return s.split(strArg(a0, name)).join(strArg(a1, name));
        case 'replaceall': {
            const replacement = strArg(a1, name);
            if (/[$\\]/.test(replacement))
                throw unsupported('String.replaceAll with $ or \\ in the replacement');
            return s.replace(javaRegex(strArg(a0, name)), replacement);
        }
        case 'split':
            return new ListValue(
                { key: 'string', display: 'String', args: [] },
                splitJava(s, strArg(a0, name), args.length > 1 ? intArg(a1, name) : undefined),
            );
        case 'capitalize':
            return s.length === 0 ? s : s.charAt(0).toUpperCase() + s.slice(1);
        case 'uncapitalize':
            return s.length === 0 ? s : s.charAt(0).toLowerCase() + s.slice(1);
        case 'reverse':
            return [...s].reverse().join('');
        case 'repeat':
            return s.repeat(Math.max(0, intArg(a0, name)));
        case 'isblank':
            return isBlank(s);
        case 'isnotblank':
            return !isBlank(s);
        case 'isempty':
            return s.length === 0;
        case 'isnotempty':
            return s.length > 0;
        case 'isnumeric':
            return /^\p{Nd}+$/u.test(s);
        case 'isalpha':
            return /^\p{L}+$/u.test(s);
        case 'countmatches': {
            const sub = strArg(a0, name);
            return new IntegerValue(sub === '' ? 0 : s.split(sub).length - 1);
        }
        case 'remove':
            return s.split(strArg(a0, name)).join('');
        case 'removestart': {
            const p = strArg(a0, name);
            return p !== '' && s.startsWith(p) ? s.slice(p.length) : s;
        }
        case 'removeend': {
            const p = strArg(a0, name);
            return p !== '' && s.endsWith(p) ? s.slice(0, s.length - p.length) : s;
        }
        case 'substringbefore': {
            const i = s.indexOf(strArg(a0, name));
            return i < 0 ? s : s.slice(0, i);
        }
        case 'substringafter': {
            const sep = strArg(a0, name);
            const i = s.indexOf(sep);
            return i < 0 ? '' : s.slice(i + sep.length);
        }
        case 'abbreviate': {
            const max = intArg(a0, name);
            if (max < 4)
                throw systemException('StringException', 'Minimum abbreviation width is 4');
            return s.length <= max ? s : `${s.slice(0, max - 3)}...`;
        }
        case 'tostring':
        case 'valueof':
            return s;
        case 'hashcode':
            throw unsupported('String.hashCode');
        default:
            return undefined;
    }
}
