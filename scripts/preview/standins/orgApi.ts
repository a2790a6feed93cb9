// The preview's local org over its REST API (the preview server passes /services/… on as the
// preview user): what the page itself and the lightning/uiRecordApi stand-in read and write.
// Errors keep the API's shape: [{ message, errorCode, fields }] with the HTTP status.
export const API_BASE = '/services/data/v64.0';

export interface ApiProblem {
    message: string;
    errorCode: string;
    fields?: string[];
}

/** A refused REST call, with the API's problems. */
export class ApiError extends Error {
    constructor(
        readonly status: number,
        readonly problems: ApiProblem[],
    ) {
        super(problems.map((problem) => problem.message).join('; ') || `HTTP ${status}`);
        this.name = 'ApiError';
    }
}

export async function orgRequest<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${API_BASE}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
        throw new ApiError(
            response.status,
            Array.isArray(parsed) ? (parsed as ApiProblem[]) : [{ message: text, errorCode: '' }],
        );
    }
    return parsed as T;
}

export type ApiRecord = Record<string, unknown> & { Id: string };

/** Every row of a SOQL query, as the preview user. */
export async function queryRecords<T extends ApiRecord>(soql: string): Promise<T[]> {
    const result = await orgRequest<{ records: T[] }>(
        'GET',
        `/query?q=${encodeURIComponent(soql)}`,
    );
    return result.records;
}
