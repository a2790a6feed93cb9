// Reads the save errors of Keystone's Apex controllers. They throw an AuraHandledException
// whose message is JSON (KeystoneUiErrors.cls): { kind, message, fieldErrors, detail }.
// Field errors are keyed by field API name, as @salesforce/schema imports name them, so a
// form looks its fields up with FIELD.fieldApiName and shows each message beside the field.
import { fieldErrorsOf, reduceErrors } from 'c/keystoneErrors';

export type SaveErrorKind = 'fieldErrors' | 'conflict' | 'error';

export interface SaveError {
    kind: SaveErrorKind;
    /** One message for the whole form (never empty). */
    message: string;
    /** Field API name → messages. */
    fieldErrors: Record<string, string[]>;
    /** The conflict's server version, when kind is 'conflict'. */
    detail: unknown;
}

interface KeystoneErrorJson {
    kind?: unknown;
    message?: unknown;
    fieldErrors?: unknown;
    detail?: unknown;
}

function messageOfBody(error: unknown): string | null {
    if (!error || typeof error !== 'object') return null;
    const body = (error as { body?: unknown }).body;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
    const message = (body as { message?: unknown }).message;
    return typeof message === 'string' ? message : null;
}

function parseJson(text: string | null): KeystoneErrorJson | null {
    if (!text || !text.trim().startsWith('{')) return null;
    try {
        const parsed: unknown = JSON.parse(text);
        return parsed && typeof parsed === 'object' ? (parsed as KeystoneErrorJson) : null;
    } catch {
        return null;
    }
}

function asFieldErrors(value: unknown): Record<string, { message: string }[]> {
    const result: Record<string, { message: string }[]> = {};
    if (!value || typeof value !== 'object') return result;
    for (const [field, messages] of Object.entries(value as Record<string, unknown>)) {
        if (Array.isArray(messages)) {
            result[field] = messages
                .filter((message): message is string => typeof message === 'string')
                .map((message) => ({ message }));
        }
    }
    return result;
}

function kindOf(value: unknown): SaveErrorKind {
    return value === 'conflict' || value === 'fieldErrors' ? value : 'error';
}

/** Any error a save can throw (Keystone JSON, LDS or Apex DML, JavaScript) as one shape. */
export function parseSaveError(error: unknown): SaveError {
    const json = parseJson(messageOfBody(error));
    if (json) {
        // The same shape LDS uses, so c/keystoneErrors reads the field errors.
        const normalised = { body: { fieldErrors: asFieldErrors(json.fieldErrors) } };
        const message = typeof json.message === 'string' && json.message ? json.message : '';
        return {
            kind: kindOf(json.kind),
            message: message || 'The change could not be saved.',
            fieldErrors: fieldErrorsOf(normalised),
            detail: json.detail ?? null,
        };
    }
    const fieldErrors = fieldErrorsOf(error);
    const messages = reduceErrors(error);
    return {
        kind: Object.keys(fieldErrors).length > 0 ? 'fieldErrors' : 'error',
        message: messages.length > 0 ? messages.join(' ') : 'The change could not be saved.',
        fieldErrors,
        detail: null,
    };
}

/** The first message of each field, for templates that show one line beside a field. */
export function firstMessages(fieldErrors: Record<string, string[]>): Record<string, string> {
    const result: Record<string, string> = {};
    for (const [field, messages] of Object.entries(fieldErrors)) {
        if (messages[0]) result[field] = messages[0];
    }
    return result;
}
