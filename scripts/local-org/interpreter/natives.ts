// Platform classes implemented in TypeScript (Database, Test, Limits, Schema …). The
// evaluator knows only this registry; the local org's runtime fills it. Without a runtime
// (the pure interpreter the vectors use) the platform names stay unknown, so using them
// fails loudly at the fence.
import type { ApexValue, NativeType, TypeRef } from './values.ts';
import { EnumValue } from './values.ts';

/** What a platform static method sees of its caller. */
export interface NativeCall {
    /** Lower-case name of the top-level class the call is written in. */
    readonly callerClass: string;
    /**
     * A variable as the calling code sees it (local, field or static): dynamic SOQL binds
     * (`Database.query('… WHERE Name = :name')`) read the caller's variables.
     */
    variable(name: string): ApexValue | undefined;
}

export interface NativeClass {
    /** Display name, e.g. 'Database' or 'System.TriggerOperation'. */
    readonly name: string;
    /** Static method; undefined means "no such method" (fence error naming it). */
    staticMethod?(name: string, args: ApexValue[], call: NativeCall): ApexValue | undefined;
    /** Static property or constant; undefined means "no such member". */
    staticMember?(name: string): ApexValue | undefined;
    /** `new X(args)`; undefined when the class cannot be constructed with these arguments. */
    construct?(args: ApexValue[], typeArgs: TypeRef[]): ApexValue | undefined;
    /** Platform enums: their constants in declaration order. */
    readonly enumConstants?: readonly string[];
    /** Platform interfaces a user class may implement. */
    readonly isInterface?: boolean;
}

/** Lower-case type key without the implicit `System.` / `Schema.` namespace. */
export function canonicalTypeKey(key: string): string {
    const k = key.toLowerCase();
    if (k.startsWith('system.')) return k.slice(7);
    if (k.startsWith('schema.')) return k.slice(7);
    return k;
}

export class NativeRegistry {
    private readonly classes = new Map<string, NativeClass>();
    private readonly namespaces = new Set<string>(['system', 'schema', 'database']);

    register(native: NativeClass): void {
        this.classes.set(canonicalTypeKey(native.name), native);
        const dot = native.name.lastIndexOf('.');
        if (dot > 0) this.namespaces.add(native.name.slice(0, dot).toLowerCase());
    }

    /** Finds a platform class by any spelling: 'Test', 'System.Test', 'schema.sobjecttype'. */
    find(name: string): NativeClass | undefined {
        return this.classes.get(canonicalTypeKey(name));
    }

    isNamespace(name: string): boolean {
        return this.namespaces.has(name.toLowerCase());
    }

    /** An enum constant of a platform enum. */
    enumValue(native: NativeClass, name: string): EnumValue | undefined {
        const constants = native.enumConstants ?? [];
        const index = constants.findIndex((c) => c.toLowerCase() === name.toLowerCase());
        if (index < 0) return undefined;
        return new EnumValue(
            canonicalTypeKey(native.name),
            native.name,
            constants[index] as string,
            index,
        );
    }
}

/** A platform enum as a native class: its constants (the evaluator adds values() and valueOf()). */
export function platformEnum(name: string, constants: readonly string[]): NativeClass {
    const key = canonicalTypeKey(name);
    const value = (c: string, i: number): EnumValue => new EnumValue(key, name, c, i);
    return {
        name,
        enumConstants: constants,
        staticMember(member) {
            const i = constants.findIndex((c) => c.toLowerCase() === member.toLowerCase());
            return i < 0 ? undefined : value(constants[i] as string, i);
        },
    };
}

/** A small helper for native types whose values are plain records. */
export function nativeType(
    name: string,
    spec: Omit<NativeType, 'name' | 'typeKeys'> & { typeKeys?: string[] },
): NativeType {
    return { name, typeKeys: spec.typeKeys ?? [canonicalTypeKey(name)], ...spec };
}
