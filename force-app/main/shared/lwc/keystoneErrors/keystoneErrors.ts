// Turns the error shapes Lightning Data Service, Apex and JavaScript produce into messages a
// user can read, and keeps field-level errors apart so forms can show them beside the field.

interface FieldError {
    message?: string;
}

interface ErrorBody {
    message?: string;
    pageErrors?: { message?: string }[];
    fieldErrors?: Record<string, FieldError[]>;
    output?: {
        errors?: { message?: string }[];
        fieldErrors?: Record<string, FieldError[]>;
    };
}

interface PlatformError {
    body?: ErrorBody | ErrorBody[];
    message?: string;
    statusText?: string;
}

function bodiesOf(error: unknown): ErrorBody[] {
    if (!error || typeof error !== 'object') {
        return [];
    }
    const body = (error as PlatformError).body;
    if (Array.isArray(body)) {
        return body;
    }
    return body ? [body] : [];
}

function messagesOfBody(body: ErrorBody): string[] {
    const messages: string[] = [];
    for (const pageError of body.pageErrors ?? []) {
        if (pageError.message) messages.push(pageError.message);
    }
    for (const outputError of body.output?.errors ?? []) {
        if (outputError.message) messages.push(outputError.message);
    }
    if (messages.length === 0 && body.message) {
        messages.push(body.message);
    }
    return messages;
}

/** Every distinct human-readable message in one error or a list of errors. */
export function reduceErrors(errors: unknown): string[] {
    const list = Array.isArray(errors) ? errors : [errors];
    const messages: string[] = [];
    for (const error of list) {
        if (error === null || error === undefined) continue;
        if (typeof error === 'string') {
            messages.push(error);
            continue;
        }
        const bodies = bodiesOf(error);
        const fromBodies = bodies.flatMap(messagesOfBody);
        if (fromBodies.length > 0) {
            messages.push(...fromBodies);
        } else if (error instanceof Error || (error as PlatformError).message) {
            messages.push(String((error as PlatformError).message));
        } else if ((error as PlatformError).statusText) {
            messages.push(String((error as PlatformError).statusText));
        }
    }
    return [...new Set(messages)];
}

/** Field API name → messages, from the fieldErrors of an LDS or Apex DmlException error. */
export function fieldErrorsOf(error: unknown): Record<string, string[]> {
    const result: Record<string, string[]> = {};
    for (const body of bodiesOf(error)) {
        for (const fieldErrors of [body.fieldErrors, body.output?.fieldErrors]) {
            for (const [field, errorsOfField] of Object.entries(fieldErrors ?? {})) {
                const messages = errorsOfField
                    .map((fieldError) => fieldError.message)
                    .filter((message): message is string => Boolean(message));
                if (messages.length > 0) {
                    result[field] = [...(result[field] ?? []), ...messages];
                }
            }
        }
    }
    return result;
}
