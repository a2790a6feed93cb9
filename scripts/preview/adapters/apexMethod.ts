// Builds the preview's stand-in for one @AuraEnabled Apex method. The result is what an
// `@salesforce/apex/Class.method` import is on the platform: a function that returns a promise
// (imperative calls) with a wire adapter attached (`@wire(method, params)`).
//
// Each Apex class the components import gets a file here, `adapters/<Class>.ts`, exporting
// its methods by name; the build fails naming the file when one is missing. Adapters read and
// write the shared in-memory data (scripts/preview/data/session.ts) and run the TypeScript
// scoring engine (c/keystoneEngine), as the Apex services do in the org.
//
// Kept from the platform: parameters and results cross a serialisation boundary (they are
// copies), wired data is read-only (frozen), a wire waits until no parameter is undefined,
// and a thrown error reaches the component in the Apex error shape
// ({ body: { message, exceptionType }, status }), which c/keystoneErrors reads.
import type { WireAdapter, WireDataCallback } from 'lwc';
import { registerRefreshable, unregisterRefreshable } from '../standins/apex.ts';

export type ApexParams = Record<string, unknown>;

export interface ApexErrorBody {
    message: string;
    exceptionType: string;
    isUserDefinedException: boolean;
    stackTrace: string | null;
    fieldErrors?: Record<string, { message: string; statusCode: string }[]>;
}

export interface ApexError {
    body: ApexErrorBody;
    status: number;
    statusText: string;
    ok: false;
}

/** Throw this from an adapter for the error an AuraHandledException (or a DML error) gives. */
export class ApexException extends Error {
    constructor(
        message: string,
        readonly exceptionType = 'System.AuraHandledException',
        readonly fieldErrors?: Record<string, string[]>,
    ) {
        super(message);
        this.name = 'ApexException';
    }
}

export function toApexError(error: unknown): ApexError {
    const isException = error instanceof ApexException;
    const message = error instanceof Error ? error.message : String(error);
    const body: ApexErrorBody = {
        message,
        exceptionType: isException ? error.exceptionType : 'System.UnexpectedException',
        isUserDefinedException: isException,
        stackTrace: null,
    };
    if (isException && error.fieldErrors) {
        body.fieldErrors = Object.fromEntries(
            Object.entries(error.fieldErrors).map(([field, messages]) => [
                field,
                messages.map((text) => ({
                    message: text,
                    statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
                })),
            ]),
        );
    }
    return { body, status: isException ? 400 : 500, statusText: 'Server Error', ok: false };
}

/** A copy as JSON would make it: what crossing the Apex boundary does to values. */
function serialised<T>(value: T): T {
    return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function deepFreeze<T>(value: T): T {
    if (value && typeof value === 'object' && !Object.isFrozen(value)) {
        Object.freeze(value);
        for (const child of Object.values(value)) deepFreeze(child);
    }
    return value;
}

export type ApexMethod<P extends ApexParams, R> = ((params?: P) => Promise<R>) & {
    adapter: new (dataCallback: WireDataCallback) => WireAdapter<P>;
    apexMethodName: string;
};

export function apexMethod<P extends ApexParams, R>(
    qualifiedName: string,
    implementation: (params: P) => R | Promise<R>,
): ApexMethod<P, R> {
    /**
     * A User Timing entry per call, "apex Class.method": the part of a page's time that stands
     * in for the server and the wire service, which the render benchmark reports apart from the
     * component's own render.
     */
    function recordSince(started: number): void {
        performance.measure(`apex ${qualifiedName}`, { start: started, end: performance.now() });
    }

    async function call(params?: P): Promise<R> {
        try {
            const result = await implementation(serialised(params ?? ({} as P)));
            return serialised(result);
        } catch (error) {
            throw toApexError(error);
        }
    }

    async function invoke(params?: P): Promise<R> {
        const started = performance.now();
        try {
            return await call(params);
        } finally {
            recordSince(started);
        }
    }

    class ApexWireAdapter implements WireAdapter<P> {
        private params: P | undefined;
        private connected = false;
        private lastValue: object | undefined;

        constructor(private readonly dataCallback: WireDataCallback) {}

        update(params: P): void {
            this.params = params;
            void this.run();
        }

        connect(): void {
            this.connected = true;
        }

        disconnect(): void {
            this.connected = false;
            if (this.lastValue) unregisterRefreshable(this.lastValue);
        }

        async run(): Promise<void> {
            const params = this.params;
            if (!params || Object.values(params).some((value) => value === undefined)) return;
            let value: { data: R | undefined; error: ApexError | undefined };
            const started = performance.now();
            try {
                value = { data: deepFreeze(await call(params)), error: undefined };
            } catch (error) {
                value = { data: undefined, error: deepFreeze(error as ApexError) };
            }
            recordSince(started);
            if (!this.connected || this.params !== params) return;
            if (this.lastValue) unregisterRefreshable(this.lastValue);
            this.lastValue = value;
            registerRefreshable(value, () => this.run());
            this.dataCallback(value);
        }
    }

    return Object.assign(invoke, { adapter: ApexWireAdapter, apexMethodName: qualifiedName });
}
