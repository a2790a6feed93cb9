// Public API of the local org: the bare Apex interpreter (loadApexProgram, used by the scoring
// vectors) and the local org (LocalOrg, the test runner, Aura and invocable calls). See README.md.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { ApexLoadError, currentLocation, formatLocation } from './interpreter/errors.ts';
import type { SourceLocation } from './interpreter/errors.ts';
import { ApexThrown } from './interpreter/exceptions.ts';
import { loadClassFile } from './interpreter/classes.ts';
import type { FenceViolation, ClassInfo } from './interpreter/classes.ts';
import { D, decFromString } from './interpreter/decimal.ts';
import { dateToString, datetimeToIso } from './interpreter/dates.ts';
import { Interpreter } from './interpreter/interpreter.ts';
import { loadSObjectSchema } from './interpreter/sobjects.ts';
import { valueToString } from './interpreter/text.ts';
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
    OBJECT_TYPE,
    SObjectValue,
    SetValue,
    typeRef,
} from './interpreter/values.ts';
import type { ApexValue } from './interpreter/values.ts';

export type { ApexValue } from './interpreter/values.ts';
export { ListValue, MapValue } from './interpreter/values.ts';
export { parseJsonToApex } from './interpreter/jsonText.ts';
export type { FenceViolation } from './interpreter/classes.ts';
export { UnsupportedError, ApexLoadError } from './interpreter/errors.ts';

export interface ApexProgram {
    /** Calls a static method; args are JS values (converted with fromJson) or ApexValues; the result is converted with toJson. */
    callStatic(className: string, methodName: string, args: unknown[]): unknown;
    /** Constructs that are outside the fenced subset, found when the classes were loaded. */
    fenceViolations(className?: string): FenceViolation[];
    /** Names of the top-level classes loaded. */
    classNames(): string[];
}

/** An Apex exception that escaped callStatic. */
export class ApexUncaughtException extends Error {
    constructor(
        readonly typeName: string,
        readonly apexMessage: string | null,
        readonly location: SourceLocation | undefined,
    ) {
        super(`${typeName}: ${apexMessage ?? 'null'} (thrown at ${formatLocation(location)})`);
        this.name = 'ApexUncaughtException';
    }
}

const STRING_TYPE = typeRef('String');

/** Like JSON.deserializeUntyped: objects -> Map<String,Object>, arrays -> List<Object>, integers -> Integer (Long beyond 32 bits), other numbers -> Decimal. */
export function fromJson(value: unknown): ApexValue {
    if (value === null || value === undefined) return null;
    if (typeof value === 'boolean' || typeof value === 'string') return value;
    if (typeof value === 'number') {
        if (!Number.isFinite(value))
            throw new ApexLoadError(`fromJson: non-finite number ${value}`);
        if (Number.isInteger(value)) {
            if (value >= -2147483648 && value <= 2147483647) return new IntegerValue(value);
            if (Number.isSafeInteger(value)) return new LongValue(BigInt(value));
        }
        const d = decFromString(String(value));
        if (!d) throw new ApexLoadError(`fromJson: cannot read number ${value}`);
        return d;
    }
    if (typeof value === 'bigint') return new LongValue(value);
    if (Array.isArray(value)) return new ListValue(OBJECT_TYPE, value.map(fromJson));
    if (isApexValue(value)) return value;
    if (typeof value === 'object') {
        const map = new MapValue(STRING_TYPE, OBJECT_TYPE, new Map());
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
            map.entries.set(`s:${k}`, { key: k, value: fromJson(v) });
        }
        return map;
    }
    throw new ApexLoadError(`fromJson: unsupported JS value of type ${typeof value}`);
}

function isApexValue(v: unknown): v is ApexValue {
    return (
        v instanceof IntegerValue ||
        v instanceof LongValue ||
        v instanceof DoubleValue ||
        v instanceof DecimalValue ||
        v instanceof DateValue ||
        v instanceof DatetimeValue ||
        v instanceof ListValue ||
        v instanceof SetValue ||
        v instanceof MapValue ||
        v instanceof SObjectValue ||
        v instanceof InstanceValue ||
        v instanceof EnumValue
    );
}

/**
 * Apex value -> plain JSON-able JS value. A Decimal becomes a number when the number
 * round-trips exactly, otherwise its plain string (e.g. more than ~15 significant digits);
 * a Long beyond 2^53 becomes a string.
 */
export function toJson(value: ApexValue): unknown {
    if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
    if (value instanceof IntegerValue || value instanceof DoubleValue) return value.v;
    if (value instanceof LongValue) {
        const n = Number(value.v);
        return Number.isSafeInteger(n) ? n : value.v.toString();
    }
    if (value instanceof DecimalValue) {
        const text = valueToString(value);
        const n = Number(text);
        return new D(String(n)).eq(value.v) ? n : text;
    }
    if (value instanceof DateValue) return dateToString(value);
    if (value instanceof DatetimeValue) return datetimeToIso(value);
    if (value instanceof EnumValue) return value.name;
    if (value instanceof ListValue) return value.items.map(toJson);
    if (value instanceof SetValue) return [...value.entries.values()].map(toJson);
    if (value instanceof MapValue) {
        const out: Record<string, unknown> = {};
        for (const e of value.entries.values())
            out[e.key === null ? 'null' : valueToString(e.key)] = toJson(e.value);
        return out;
    }
    if (value instanceof SObjectValue) {
        const out: Record<string, unknown> = {};
        for (const f of value.fields.values()) out[f.name] = toJson(f.value);
        return out;
    }
    if (value instanceof NativeValue) return valueToString(value);
    const out: Record<string, unknown> = {};
    if (value.message !== null) out.message = value.message;
    for (const [k, v] of value.fields) out[k] = toJson(v);
    return out;
}

export function loadApexProgram(options: {
    classFiles: string[];
    /** `objects` folders (one per feature); an object's fields may be spread over several. */
    objectsDirs: string[];
}): ApexProgram {
    const interpreter = new Interpreter(loadSObjectSchema(options.objectsDirs));
    const topLevel: ClassInfo[] = [];
    for (const file of options.classFiles) {
        const shown = relative(process.cwd(), file) || file;
        const source = readFileSync(file, 'utf8');
        topLevel.push(loadClassFile(shown, source, (c) => interpreter.register(c)));
    }
    interpreter.link();

    return {
        callStatic(className: string, methodName: string, args: unknown[]): unknown {
            const cls = interpreter.findClass(className, null);
            if (!cls) throw new ApexLoadError(`unknown class ${className}`);
            const apexArgs = args.map((a) => fromJson(a));
            try {
                return toJson(interpreter.callStatic(cls, methodName, apexArgs));
            } catch (e) {
                if (e instanceof ApexThrown) {
                    throw new ApexUncaughtException(
                        e.exception.cls.name,
                        e.exception.message,
                        currentLocation.value,
                    );
                }
                throw e;
            }
        },
        fenceViolations(className?: string): FenceViolation[] {
            const wanted = className?.toLowerCase();
            return topLevel
                .filter((c) => wanted === undefined || c.key === wanted)
                .flatMap((c) => c.violations);
        },
        classNames(): string[] {
            return topLevel.map((c) => c.name);
        },
    };
}

export { metadataFiles, metadataFolders } from './source.ts';

export { LocalOrg, DEFAULT_NOW } from './runtime/org.ts';
export type { LocalOrgOptions } from './runtime/org.ts';
export { invokeAura, invokeInvocable } from './runtime/aura.ts';
export type { AuraResponse } from './runtime/aura.ts';
export { runAsRequest } from './runtime/request.ts';
export { startLocalOrgServer } from './rest/server.ts';
export type { LocalOrgServer, LocalOrgServerOptions, ServerRoute } from './rest/server.ts';
export { runApexTests, testClasses } from './testing/runner.ts';
export type {
    BulkLoader,
    RunOptions,
    Seeder,
    TestResult,
    TestRunResult,
} from './testing/runner.ts';
export { coverageOf, PLATFORM_MINIMUM, PROJECT_GOAL } from './testing/coverage.ts';
export type { CoverageReport, UnitCoverage } from './testing/coverage.ts';
