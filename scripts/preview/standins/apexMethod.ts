// What an `@salesforce/apex/Class.method` import is in the preview: a function that returns a
// promise (imperative calls) with a wire adapter attached (`@wire(method, params)`), as on the
// platform. The call goes to the preview server (POST /aura/apex/Class.method with the named
// arguments as JSON), which runs the real @AuraEnabled method in the preview's local org as the
// preview user (scripts/preview/org/previewOrg.ts): the Apex is the only implementation.
//
// Kept from the platform: parameters and results cross a serialisation boundary, wired data is
// read-only (frozen), a wire waits until no parameter is undefined, and an Apex exception
// reaches the component in the Apex error shape ({ body: { message, exceptionType, ... },
// status }), which c/keystoneErrors reads. A construct the local org cannot run is not an Apex
// error: the call fails with the local org's message naming it, and the page shows it.
import type { WireAdapter, WireDataCallback } from 'lwc';
import { registerRefreshable, unregisterRefreshable } from './apex.ts';

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

/** The body an Apex exception reaches the client with (runtime/aura.ts in the local org). */
function isApexErrorBody(value: unknown): value is ApexErrorBody {
    return (
        typeof value === 'object' &&
        value !== null &&
        typeof (value as ApexErrorBody).message === 'string' &&
        typeof (value as ApexErrorBody).exceptionType === 'string'
    );
}

/** The local org refused the call itself (no such method, a construct it cannot run). */
export class LocalOrgError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'LocalOrgError';
    }
}

async function callServer(qualifiedName: string, params: ApexParams): Promise<unknown> {
    const response = await fetch(`/aura/apex/${qualifiedName}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(params),
    });
    const text = await response.text();
    const body: unknown = text ? JSON.parse(text) : null;
    if (response.ok) return body;
    if (response.status === 500 && isApexErrorBody(body)) {
        const error: ApexError = { body, status: 500, statusText: 'Server Error', ok: false };
        throw error;
    }
    const problems = Array.isArray(body) ? (body as { message?: string }[]) : [];
    throw new LocalOrgError(
        `${qualifiedName}: the local org answered ${response.status}: ${
            problems.map((problem) => problem.message).join('; ') || text
        }`,
    );
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

export function apexMethod<P extends ApexParams, R>(qualifiedName: string): ApexMethod<P, R> {
    /**
     * A User Timing entry per call, "apex Class.method": the part of a page's time that stands
     * in for the server and the wire service, which the render benchmark reports apart from the
     * component's own render.
     */
    function recordSince(started: number): void {
        performance.measure(`apex ${qualifiedName}`, { start: started, end: performance.now() });
    }

    async function call(params?: P): Promise<R> {
        return (await callServer(qualifiedName, params ?? {})) as R;
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
                if (error instanceof LocalOrgError) throw error;
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
