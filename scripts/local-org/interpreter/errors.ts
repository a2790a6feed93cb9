// Errors raised by the interpreter itself (not Apex exceptions).
// An UnsupportedError is the "fence": a construct outside the supported subset.

export interface SourceLocation {
    file: string;
    line: number;
    column?: number;
}

export function formatLocation(loc: SourceLocation | undefined): string {
    if (!loc) return '<unknown location>';
    return `${loc.file}:${loc.line}`;
}

/** A construct outside the fenced subset. Never caught by Apex try/catch. */
export class UnsupportedError extends Error {
    readonly construct: string;
    readonly location: SourceLocation | undefined;
    constructor(construct: string, location: SourceLocation | undefined) {
        super(
            `apexInterpreter: ${construct} is outside the fenced subset at ${formatLocation(location)}`,
        );
        this.name = 'UnsupportedError';
        this.construct = construct;
        this.location = location;
    }
}

/** A load-time problem: syntax error, unknown class, unknown field... */
export class ApexLoadError extends Error {
    constructor(message: string, location?: SourceLocation) {
        super(
            location
                ? `apexInterpreter: ${message} at ${formatLocation(location)}`
                : `apexInterpreter: ${message}`,
        );
        this.name = 'ApexLoadError';
    }
}

/** An internal inconsistency (a bug or code the Apex compiler would reject). */
export class ApexInternalError extends Error {
    constructor(message: string, location?: SourceLocation) {
        super(
            location
                ? `apexInterpreter: ${message} at ${formatLocation(location)}`
                : `apexInterpreter: ${message}`,
        );
        this.name = 'ApexInternalError';
    }
}

/**
 * The location of the statement being executed, kept by the evaluator so that
 * built-in code can raise a fence error that names the file and line.
 */
export const currentLocation: { value: SourceLocation | undefined } = { value: undefined };

export function unsupported(construct: string): UnsupportedError {
    return new UnsupportedError(construct, currentLocation.value);
}
