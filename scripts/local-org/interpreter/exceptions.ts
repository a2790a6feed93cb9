// Apex exceptions: the built-in System exception classes and the JS error that
// carries a thrown Apex exception through the interpreter.
import { InstanceValue } from './values.ts';
import type { ClassRef, StackLine } from './values.ts';

function builtinClass(name: string, superClass: ClassRef | null): ClassRef {
    return { key: name.toLowerCase(), name, superClass, interfaceKeys: [], isEnum: false };
}

/** System.Exception, the root every Apex exception extends. */
export const EXCEPTION_CLASS = builtinClass('Exception', null);

const SYSTEM_EXCEPTION_NAMES = [
    'NullPointerException',
    'MathException',
    'ListException',
    'TypeException',
    'StringException',
    'SObjectException',
    'AssertException',
    'FinalException',
    'NoSuchElementException',
    'IllegalArgumentException',
    'InvalidParameterValueException',
    'JSONException',
    'QueryException',
    'DmlException',
    'LimitException',
    'AsyncException',
    'AuraHandledException',
    'CalloutException',
    'EmailException',
    'HandledException',
    'NoAccessException',
    'NoDataFoundException',
    'RequiredFeatureMissingException',
    'SearchException',
    'SecurityException',
    'SerializationException',
    'UnexpectedException',
    'XmlException',
] as const;

export type SystemExceptionName = (typeof SYSTEM_EXCEPTION_NAMES)[number];

const SYSTEM_EXCEPTIONS = new Map<string, ClassRef>();
for (const name of SYSTEM_EXCEPTION_NAMES) {
    SYSTEM_EXCEPTIONS.set(name.toLowerCase(), builtinClass(`System.${name}`, EXCEPTION_CLASS));
}

/** Finds a built-in exception class by "Exception", "MathException" or "System.MathException". */
export function findBuiltinExceptionClass(name: string): ClassRef | undefined {
    let key = name.toLowerCase();
    if (key === 'exception' || key === 'system.exception') return EXCEPTION_CLASS;
    if (key.startsWith('system.')) key = key.slice('system.'.length);
    return SYSTEM_EXCEPTIONS.get(key);
}

/** A thrown Apex exception travelling up the JS stack. */
export class ApexThrown extends Error {
    readonly exception: InstanceValue;
    constructor(exception: InstanceValue) {
        // Apex exceptions are control flow here: skip the costly JS stack capture
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 0;
        super(`${exception.cls.name}: ${exception.message ?? ''}`);
        Error.stackTraceLimit = limit;
        this.exception = exception;
        this.name = 'ApexThrown';
    }
}

/** Where new exceptions take their Apex stack from (set by the evaluator that runs the code). */
export const stackSource: { capture: (() => StackLine[]) | null } = { capture: null };

export function newException(cls: ClassRef, message: string | null): InstanceValue {
    const e = new InstanceValue(cls);
    e.message = message;
    e.stack = stackSource.capture ? stackSource.capture() : null;
    return e;
}

/** Builds a System exception to throw from built-in code. */
export function systemExceptionClass(name: SystemExceptionName): ClassRef {
    const cls = SYSTEM_EXCEPTIONS.get(name.toLowerCase());
    if (!cls) throw new Error(`unknown system exception ${name}`);
    return cls;
}

export function systemException(
    name: SystemExceptionName,
    message: string,
    native: Record<string, unknown> | null = null,
): ApexThrown {
    const e = newException(systemExceptionClass(name), message);
    e.native = native;
    return new ApexThrown(e);
}

export function npe(): ApexThrown {
    return systemException('NullPointerException', 'Attempt to de-reference a null object');
}

export function isSubclassOf(cls: ClassRef, ancestorKey: string): boolean {
    let c: ClassRef | null = cls;
    while (c) {
        if (c.key === ancestorKey) return true;
        c = c.superClass;
    }
    return false;
}
