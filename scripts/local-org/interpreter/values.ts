// Runtime representation of Apex values.
// Primitives map to JS: null, boolean, string (String and Id). Numbers, dates and
// objects are small classes so that each value knows its Apex type.
import type { Decimal } from 'decimal.js';

/** A reference to an Apex type, e.g. List<Decimal> or Outer.Inner. Keys are lower case. */
export interface TypeRef {
    key: string;
    display: string;
    args: TypeRef[];
}

export function typeRef(display: string, args: TypeRef[] = []): TypeRef {
    return { key: display.toLowerCase(), display, args };
}

export const OBJECT_TYPE: TypeRef = typeRef('Object');

/** What interpreter classes (user and built-in exception classes) look like to values. */
export interface ClassRef {
    key: string; // lower-case full name, e.g. "scoringexception" or "outer.inner"
    name: string; // display name
    superClass: ClassRef | null;
    interfaceKeys: string[];
    isEnum: boolean;
}

export class IntegerValue {
    constructor(readonly v: number) {}
}

export class LongValue {
    constructor(readonly v: bigint) {}
}

export class DoubleValue {
    constructor(readonly v: number) {}
}

/**
 * Decimal with an explicit scale (decimal.js drops trailing zeros).
 * `err` is null for exact values; otherwise an absolute error bound for a value
 * derived from a non-terminating division (see decimal.ts).
 */
export class DecimalValue {
    constructor(
        readonly v: Decimal,
        readonly scale: number,
        readonly err: Decimal | null = null,
    ) {}
}

/** A calendar date (no time zone). month is 1..12. */
export class DateValue {
    constructor(
        readonly year: number,
        readonly month: number,
        readonly day: number,
    ) {}
}

/** A Datetime as milliseconds since the epoch (the interpreter's user time zone is GMT). */
export class DatetimeValue {
    constructor(readonly ms: number) {}
}

export class ListValue {
    /**
     * Set on the list a SOQL expression returns, so that `Account a = [SELECT …]` and
     * `[SELECT …].Name` can convert it to its single row (QueryException otherwise).
     */
    fromQuery = false;
    constructor(
        readonly elementType: TypeRef,
        readonly items: ApexValue[],
    ) {}
}

export class SetValue {
    constructor(
        readonly elementType: TypeRef,
        readonly entries: Map<string, ApexValue>,
    ) {}
}

export interface MapEntry {
    key: ApexValue;
    value: ApexValue;
}

export class MapValue {
    constructor(
        readonly keyType: TypeRef,
        readonly valueType: TypeRef,
        readonly entries: Map<string, MapEntry>,
        /**
         * True for the describe maps (Schema.getGlobalDescribe, fields.getMap): their keys are
         * lower case and get/containsKey/put/remove ignore the case of the key asked for.
         */
        readonly ignoresKeyCase = false,
    ) {}
    /**
     * Called with every String key asked of or put into the map; throws to fence a lookup
     * (namespace mode: an unqualified custom name in a describe map).
     */
    keyCheck: ((key: string) => void) | null = null;
}

export interface SObjectField {
    name: string; // API name as declared in metadata
    value: ApexValue;
}

/** Schema knowledge about one SObject type. Field keys are lower case. */
export interface SObjectTypeInfo {
    name: string;
    fields: Map<string, string>; // lower-case name -> API name
    relationships: Map<string, { name: string; target: string | null }>; // lower-case __r / standard relationship name
}

/** An error added to a record by `addError` (or by the DML engine), as Database.Error reports it. */
export interface SObjectError {
    message: string;
    /** API names of the fields the error is shown on (empty for a record-level error). */
    fields: string[];
    statusCode: string;
}

export class SObjectValue {
    readonly fields = new Map<string, SObjectField>();
    /** Errors added with addError (trigger rows and in-memory records). */
    errors: SObjectError[] = [];
    /**
     * True for rows that came from SOQL: reading a field that was not selected throws
     * SObjectException (relationships not selected read as null).
     */
    queried = false;
    /**
     * Apex may not change this record: after-trigger rows ('Record is read-only') and custom
     * metadata records from getAll()/getInstance() (uncatchable). Null when it may.
     */
    readOnly: { message: string; uncatchable: boolean } | null = null;
    constructor(readonly type: SObjectTypeInfo) {}
}

export class InstanceValue {
    readonly fields = new Map<string, ApexValue>();
    /** Only used by exception instances. */
    message: string | null = null;
    cause: ApexValue = null;
    /** Exceptions: the Apex stack where the exception was created (innermost first). */
    stack: StackLine[] | null = null;
    /** Platform data of built-in exceptions (DmlException rows, QueryException fields …). */
    native: Record<string, unknown> | null = null;
    constructor(readonly cls: ClassRef) {}
}

/** One line of an Apex stack trace: `Class.Name.method: line N, column C`. */
export interface StackLine {
    label: string;
    line: number;
    column: number;
}

/**
 * A value of a platform type implemented in TypeScript (Schema tokens and describe results,
 * Database.SaveResult, Savepoint, System.Type …). The type object gives its methods.
 */
export interface NativeType {
    /** Display name, e.g. 'Schema.SObjectType'. */
    readonly name: string;
    /** Lower-case type keys (without 'System.'/'Schema.') this value is an instance of. */
    readonly typeKeys: readonly string[];
    method?(self: NativeValue, name: string, args: ApexValue[]): ApexValue | undefined;
    member?(self: NativeValue, name: string): ApexValue | undefined;
    toString?(self: NativeValue): string;
    equals?(a: NativeValue, b: NativeValue): boolean;
    /** A hashing key for Set elements and Map keys; without it the value is hashed by identity. */
    hashKey?(self: NativeValue): string;
}

let nativeIdentity = 0;

export class NativeValue {
    /** Identity for hashing values whose type has no hashKey. */
    readonly identity = ++nativeIdentity;
    constructor(
        readonly type: NativeType,
        readonly data: unknown,
    ) {}
}

export class EnumValue {
    constructor(
        readonly typeKey: string,
        readonly typeName: string,
        readonly name: string,
        readonly ordinal: number,
    ) {}
}

export type ApexValue =
    | null
    | boolean
    | string
    | IntegerValue
    | LongValue
    | DoubleValue
    | DecimalValue
    | DateValue
    | DatetimeValue
    | ListValue
    | SetValue
    | MapValue
    | SObjectValue
    | InstanceValue
    | EnumValue
    | NativeValue;

export function isNumeric(
    v: ApexValue,
): v is IntegerValue | LongValue | DoubleValue | DecimalValue {
    return (
        v instanceof IntegerValue ||
        v instanceof LongValue ||
        v instanceof DoubleValue ||
        v instanceof DecimalValue
    );
}

/** The Apex runtime type name of a value, as used in TypeException messages. */
export function runtimeTypeName(v: ApexValue): string {
    if (v === null) return 'null';
    if (typeof v === 'boolean') return 'Boolean';
    if (typeof v === 'string') return 'String';
    if (v instanceof IntegerValue) return 'Integer';
    if (v instanceof LongValue) return 'Long';
    if (v instanceof DoubleValue) return 'Double';
    if (v instanceof DecimalValue) return 'Decimal';
    if (v instanceof DateValue) return 'Date';
    if (v instanceof DatetimeValue) return 'Datetime';
    if (v instanceof ListValue) return `List<${v.elementType.display}>`;
    if (v instanceof SetValue) return `Set<${v.elementType.display}>`;
    if (v instanceof MapValue) return `Map<${v.keyType.display},${v.valueType.display}>`;
    if (v instanceof SObjectValue) return v.type.name;
    if (v instanceof InstanceValue) return v.cls.name;
    if (v instanceof NativeValue) return v.type.name;
    return v.typeName;
}
