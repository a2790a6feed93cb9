// Namespace mode: the project's metadata as a managed package (or namespaced scratch org) with
// the namespace prefix `ns` sees it. Records and the schema keep their unqualified names inside
// the local org; this class says how a name looks from outside (getName(), JSON keys, global
// describe keys) and which strings a package's Apex may pass unqualified. Each rule names its
// Salesforce doc page in the local org's README ("Namespace mode").
import { UnsupportedError } from '../interpreter/errors.ts';

/** A custom API name: Foo__c, Foo__r, Foo__mdt, Foo__Share, Foo__e. */
const CUSTOM_SUFFIX = /__(c|r|mdt|share|e)$/i;

export class PackageNamespace {
    private readonly lowerPrefix: string;

    constructor(readonly prefix: string) {
        if (!/^[A-Za-z][A-Za-z0-9]{0,14}$/.test(prefix))
            throw new Error(
                `namespace mode: '${prefix}' is not a namespace prefix (1–15 letters and digits)`,
            );
        this.lowerPrefix = `${prefix.toLowerCase()}__`;
    }

    /** A custom name with no namespace of its own (`Foo__c`, not `kstn__Foo__c`). */
    isUnqualifiedCustom(name: string): boolean {
        if (!CUSTOM_SUFFIX.test(name)) return false;
        const stem = name.replace(CUSTOM_SUFFIX, '');
        return !stem.includes('__');
    }

    /** `kstn__Anything` → `Anything`: the name without this package's prefix, when it has it. */
    withoutPrefix(name: string): string {
        return name.toLowerCase().startsWith(this.lowerPrefix)
            ? name.slice(this.lowerPrefix.length)
            : name;
    }

    /** `kstn__Foo__c` → `Foo__c`; any other name unchanged. Keeps a `Schema.` prefix. */
    localName(name: string): string {
        const schemaPrefix = /^schema\./i.exec(name)?.[0] ?? '';
        const bare = name.slice(schemaPrefix.length);
        const rest = this.withoutPrefix(bare);
        return rest !== bare && this.isUnqualifiedCustom(rest) ? schemaPrefix + rest : name;
    }

    /** `Foo__c` → `kstn__Foo__c` for a custom name of the package; standard names unchanged. */
    qualify(name: string): string {
        return this.isUnqualifiedCustom(name) ? `${this.prefix}__${name}` : name;
    }

    /**
     * The fence: a construct whose behaviour with an unqualified name the docs do not settle,
     * or where the platform's answer breaks the code (a null from the global describe). Never
     * catchable by Apex, so a test cannot swallow it.
     */
    fence(construct: string, name: string, why: string): UnsupportedError {
        return new UnsupportedError(
            `namespace mode (${this.prefix}): ${construct} names '${name}' without the namespace; ${why}. ` +
                `Use a Schema token (Foo__c.SObjectType, Foo__c.Field__c) or its getDescribe().getName()`,
            undefined,
        );
    }
}

/**
 * An object's field or relationship map (lower-case keys, unqualified) that also answers to the
 * qualified name: code may write `kstn__Foo__c` where `Foo__c` would do (Apex Developer Guide:
 * "Namespace Prefix"). Iteration still sees each field once.
 */
export class NamespacedNameMap<V> extends Map<string, V> {
    constructor(
        private readonly namespace: PackageNamespace,
        entries: Iterable<[string, V]>,
    ) {
        super(entries);
    }
    override get(key: string): V | undefined {
        return super.get(key) ?? super.get(this.namespace.localName(key).toLowerCase());
    }
    override has(key: string): boolean {
        return super.has(key) || super.has(this.namespace.localName(key).toLowerCase());
    }
}
