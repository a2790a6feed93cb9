// Errors in the REST API's shape: an HTTP status and a JSON array of
// { message, errorCode, fields } (REST API Developer Guide: "Status Codes and Error Responses").
// Save results of sObject Collections and sObject Tree carry the same errors with `statusCode`
// instead of `errorCode`, as the platform writes them.
import { UnsupportedError } from '../interpreter/errors.ts';
import { ApexThrown } from '../interpreter/exceptions.ts';
import type { DmlError } from '../database/types.ts';

export interface RestErrorItem {
    message: string;
    errorCode: string;
    fields?: string[];
}

/** Refuses a request; thrown inside a request it also rolls back what the request wrote. */
export class RestError extends Error {
    constructor(
        readonly status: number,
        readonly errors: RestErrorItem[],
    ) {
        super(errors.map((e) => `${e.errorCode}: ${e.message}`).join('; '));
        this.name = 'RestError';
    }
}

export function restError(
    status: number,
    errorCode: string,
    message: string,
    fields?: string[],
): RestError {
    return new RestError(status, [{ message, errorCode, ...(fields ? { fields } : {}) }]);
}

export const notFound = (): RestError =>
    restError(404, 'NOT_FOUND', 'The requested resource does not exist');

export const badRequest = (errorCode: string, message: string, fields?: string[]): RestError =>
    restError(400, errorCode, message, fields);

/** A save error as sObject Collections and sObject Tree report it. */
export interface SaveError {
    statusCode: string;
    message: string;
    fields: string[];
}

export function saveError(error: DmlError): SaveError {
    return { statusCode: error.statusCode, message: error.message, fields: [...error.fields] };
}

/** The single-record form (POST/PATCH/DELETE on sobjects/…) of a row's errors. */
export function rowErrors(errors: DmlError[]): RestErrorItem[] {
    return errors.map((e) => ({
        message: e.message,
        errorCode: e.statusCode,
        fields: [...e.fields],
    }));
}

/** Whole-row status codes that mean "no such record" (404) rather than a bad request. */
const NOT_FOUND_CODES = new Set(['ENTITY_IS_DELETED', 'INVALID_CROSS_REFERENCE_KEY']);

export function statusOfRowErrors(errors: DmlError[]): number {
    const first = errors[0];
    return first && NOT_FOUND_CODES.has(first.statusCode) && first.fields.length === 0 ? 404 : 400;
}

/**
 * What the client sees of an error escaping a handler: an Apex exception (a trigger's, a
 * statement-level DML or query error) as the API reports it, a construct outside the local
 * org's subset as 501 naming it. Anything else is a bug in the local org and is rethrown.
 */
export function restErrorOf(e: unknown): RestError {
    if (e instanceof RestError) return e;
    if (e instanceof UnsupportedError)
        return restError(
            501,
            'LOCAL_ORG_UNSUPPORTED',
            `The local org does not emulate this: ${e.message}`,
        );
    if (e instanceof ApexThrown) {
        const ex = e.exception;
        const message = ex.message ?? ex.cls.name;
        switch (ex.cls.name) {
            case 'System.QueryException':
                return badRequest(queryErrorCode(message), message);
            case 'System.SecurityException':
            case 'System.NoAccessException':
                return restError(403, 'INSUFFICIENT_ACCESS', message);
            default:
                return badRequest('APEX_ERROR', `${ex.cls.name}: ${message}`);
        }
    }
    throw e;
}

function queryErrorCode(message: string): string {
    if (
        message.startsWith('No such column') ||
        message.startsWith("Didn't understand relationship")
    )
        return 'INVALID_FIELD';
    if (message.startsWith('sObject type')) return 'INVALID_TYPE';
    return 'MALFORMED_QUERY';
}
