// Governor limits at the platform's numbers (Apex Developer Guide: "Execution Governors and
// Limits"), counted per transaction and readable through Limits.*. Exceeding one throws
// System.LimitException, which Apex code cannot catch.
import { ApexThrown, newException, systemExceptionClass } from '../interpreter/exceptions.ts';

export type LimitName =
    | 'queries'
    | 'queryRows'
    | 'dmlStatements'
    | 'dmlRows'
    | 'queueableJobs'
    | 'futureCalls'
    | 'callouts'
    | 'emailInvocations'
    | 'soslQueries'
    | 'aggregateQueries'
    | 'queryLocatorRows'
    | 'publishImmediateDml';

interface LimitSpec {
    sync: number;
    async: number;
    /** The LimitException message; N is the count that broke the limit. */
    message: (n: number) => string;
}

export const LIMITS: Record<LimitName, LimitSpec> = {
    queries: { sync: 100, async: 200, message: (n) => `Too many SOQL queries: ${n}` },
    queryRows: { sync: 50000, async: 50000, message: (n) => `Too many query rows: ${n}` },
    dmlStatements: { sync: 150, async: 150, message: (n) => `Too many DML statements: ${n}` },
    dmlRows: { sync: 10000, async: 10000, message: (n) => `Too many DML rows: ${n}` },
    queueableJobs: {
        sync: 50,
        async: 1,
        message: (n) => `Too many queueable jobs added to the queue: ${n}`,
    },
    futureCalls: { sync: 50, async: 0, message: (n) => `Too many future calls: ${n}` },
    callouts: { sync: 100, async: 100, message: (n) => `Too many callouts: ${n}` },
    emailInvocations: {
        sync: 10,
        async: 10,
        message: (n) => `Too many Email Invocations: ${n}`,
    },
    soslQueries: { sync: 20, async: 20, message: (n) => `Too many SOSL queries: ${n}` },
    aggregateQueries: {
        sync: 300,
        async: 300,
        message: (n) => `Too many aggregate queries: ${n}`,
    },
    queryLocatorRows: {
        sync: 10000,
        async: 10000,
        message: (n) => `Too many query locator rows: ${n}`,
    },
    publishImmediateDml: {
        sync: 150,
        async: 150,
        message: (n) => `Too many EventBus.publish calls: ${n}`,
    },
};

/** CPU time and heap: the platform's numbers, reported by Limits.getLimit* (not enforced). */
export const CPU_LIMIT_MS = { sync: 10000, async: 60000 };
export const HEAP_LIMIT_BYTES = { sync: 6000000, async: 12000000 };

/** A System.LimitException: Apex cannot catch it; it ends the transaction. */
export function limitException(message: string): ApexThrown {
    return new ApexThrown(newException(systemExceptionClass('LimitException'), message));
}

/** The counters of one limit context (a transaction, or the part after Test.startTest()). */
export class LimitCounters {
    private readonly used = new Map<LimitName, number>();
    readonly startedAt = performance.now();

    constructor(readonly async: boolean) {}

    get(name: LimitName): number {
        return this.used.get(name) ?? 0;
    }

    limit(name: LimitName): number {
        return this.async ? LIMITS[name].async : LIMITS[name].sync;
    }

    /** Counts `n` more; throws LimitException when the limit is exceeded. */
    add(name: LimitName, n = 1): void {
        const next = this.get(name) + n;
        this.used.set(name, next);
        if (next > this.limit(name)) throw limitException(LIMITS[name].message(next));
    }

    /** Puts a counter back (a partial-success retry starts again from the statement's start). */
    set(name: LimitName, value: number): void {
        this.used.set(name, value);
    }

    snapshot(): Map<LimitName, number> {
        return new Map(this.used);
    }

    restore(values: Map<LimitName, number>): void {
        this.used.clear();
        for (const [k, v] of values) this.used.set(k, v);
    }

    /** Milliseconds of JavaScript time since the context began (an approximation of CPU time). */
    cpuTimeMs(): number {
        return Math.round(performance.now() - this.startedAt);
    }
}
