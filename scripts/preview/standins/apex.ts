// Stand-in for the `@salesforce/apex` module: refreshApex re-runs the wire that produced a
// value (the object a wired property or method received) and resolves when it has re-emitted.
// The Apex methods themselves are standins/apexMethod.ts: calls into the preview's local org.

const refreshers = new WeakMap<object, () => Promise<void>>();

export function registerRefreshable(value: object, refresh: () => Promise<void>): void {
    refreshers.set(value, refresh);
}

export function unregisterRefreshable(value: object): void {
    refreshers.delete(value);
}

export function refreshApex(wiredValue: unknown): Promise<void> {
    const refresh =
        wiredValue && typeof wiredValue === 'object' ? refreshers.get(wiredValue) : undefined;
    return refresh ? refresh() : Promise.resolve();
}

/** Reads a field of an SObject an Apex method returned, by schema reference. */
export function getSObjectValue(
    sobject: Record<string, unknown> | undefined,
    field: { fieldApiName?: string } | string,
): unknown {
    if (!sobject) return undefined;
    const name =
        typeof field === 'string' ? field.slice(field.indexOf('.') + 1) : field.fieldApiName;
    let value: unknown = sobject;
    for (const part of (name ?? '').split('.')) {
        value =
            value && typeof value === 'object'
                ? (value as Record<string, unknown>)[part]
                : undefined;
    }
    return value;
}
