// The one error the engine throws. The message always starts with the path of the offending
// input field ("stakeholders[2].sentiment: ...") so a form can show it next to that field.
// The Apex twin is ScoringException; both sides produce the same message text, and the
// shared vectors check it (expectedError).

export class KeystoneScoringError extends Error {
    readonly fieldPath: string;

    constructor(fieldPath: string, problem: string) {
        super(`${fieldPath}: ${problem}`);
        this.name = 'KeystoneScoringError';
        this.fieldPath = fieldPath;
    }
}
