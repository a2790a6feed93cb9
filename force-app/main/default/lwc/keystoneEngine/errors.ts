// The one error the engine throws. The message always starts with the path of the offending
// input field ("stakeholders[2].sentiment: ...") so a form can show it next to that field.
// The Apex twin is ScoringException; both sides produce the same message text, and the
// shared vectors check it (expectedError).

/**
 * A field path, or a function that builds it. Hot loops (200 activities per account) pass a
 * function so the path text is only built when there is an error to report.
 */
export type FieldPath = string | (() => string);

export function resolvePath(fieldPath: FieldPath): string {
  return typeof fieldPath === 'function' ? fieldPath() : fieldPath;
}

export class KeystoneScoringError extends Error {
  readonly fieldPath: string;

  constructor(fieldPath: FieldPath, problem: string) {
    const path = resolvePath(fieldPath);
    super(`${path}: ${problem}`);
    this.name = 'KeystoneScoringError';
    this.fieldPath = path;
  }
}
