// Keystone's custom names as the org spells them. Deployed unpackaged (a scratch org for
// development) they are `AccountPlan__c`; installed from the managed package they carry its
// namespace, `kstn__AccountPlan__c`. The scripts write every name unqualified and let this
// resolve them once per org, from describeGlobal, so one script serves both.
import type { OrgConnection } from './connection.ts';

/** Keystone's own object: its presence says whether, and under which prefix, Keystone is there. */
export const MARKER_OBJECT = 'AccountPlan__c';

const CUSTOM_NAME = /(?<![A-Za-z0-9_])([A-Za-z][A-Za-z0-9_]*?)__(c|r|mdt)(?![A-Za-z0-9_])/g;

export class KeystoneNotInstalledError extends Error {
    constructor() {
        super(
            `Keystone is not in this org: no ${MARKER_OBJECT} object, with or without a namespace. ` +
                'Deploy it first (npm run org:setup) or install the package.',
        );
        this.name = 'KeystoneNotInstalledError';
    }
}

export class SchemaNames {
    /** The namespace prefix, or '' when Keystone is deployed unpackaged. */
    constructor(readonly namespace: string) {}

    static async detect(connection: OrgConnection): Promise<SchemaNames> {
        const { sobjects } = await connection.describeGlobal();
        const names = sobjects.map((sobject) => sobject.name);
        if (names.includes(MARKER_OBJECT)) return new SchemaNames('');
        const suffix = `__${MARKER_OBJECT}`;
        const prefixed = names.find((name) => name.endsWith(suffix));
        if (!prefixed) throw new KeystoneNotInstalledError();
        return new SchemaNames(prefixed.slice(0, -suffix.length));
    }

    /** `Stakeholder__c` → `kstn__Stakeholder__c`; standard and qualified names are kept. */
    qualify(name: string): string {
        if (!this.namespace) return name;
        return name.replace(CUSTOM_NAME, (match, stem: string) =>
            stem.includes('__') ? match : `${this.namespace}__${match}`,
        );
    }

    /** The inverse, for names the org returns (describe, query results). */
    unqualify(name: string): string {
        const prefix = `${this.namespace}__`;
        return this.namespace && name.startsWith(prefix) ? name.slice(prefix.length) : name;
    }

    /** Qualifies the names of a SOQL statement, leaving its quoted values alone. */
    soql(statement: string): string {
        return statement
            .split(/('(?:[^'\\]|\\.)*')/)
            .map((part) => (part.startsWith("'") ? part : this.qualify(part)))
            .join('');
    }

    /** A record with its field names qualified (values untouched). */
    record(fields: Record<string, unknown>): Record<string, unknown> {
        return Object.fromEntries(
            Object.entries(fields).map(([name, value]) => [this.qualify(name), value]),
        );
    }

    /** A value of a field of a query result, read by its unqualified name. */
    read(record: Record<string, unknown>, path: string): unknown {
        let current: unknown = record;
        for (const part of path.split('.')) {
            if (current === null || typeof current !== 'object') return undefined;
            current = (current as Record<string, unknown>)[this.qualify(part)];
        }
        return current;
    }
}
