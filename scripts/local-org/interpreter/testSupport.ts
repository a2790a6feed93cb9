// Helpers for the interpreter's own tests: compile Apex source text into a program.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadApexProgram } from '../index.ts';
import type { ApexProgram } from '../index.ts';

export const FIXTURE_OBJECTS = fileURLToPath(new URL('../fixtures/objects', import.meta.url));

let baseDir: string | null = null;
let counter = 0;

function freshDir(): string {
    if (baseDir === null) {
        const dir = mkdtempSync(join(tmpdir(), 'apex-interp-'));
        baseDir = dir;
        process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    }
    const dir = join(baseDir, String(++counter));
    mkdirSync(dir);
    return dir;
}

/** Loads the given class sources (name -> source) from a temporary folder. */
export function loadSources(
    sources: Record<string, string>,
    objectsDir = FIXTURE_OBJECTS,
): ApexProgram {
    const dir = freshDir();
    const files = Object.entries(sources).map(([name, source]) => {
        const file = join(dir, `${name}.cls`);
        writeFileSync(file, source);
        return file;
    });
    return loadApexProgram({ classFiles: files, objectsDirs: [objectsDir] });
}

/** Runs `body` as the body of a static method returning Object; `members` go into the class. */
export function evalApex(
    body: string,
    members = '',
    extraClasses: Record<string, string> = {},
): unknown {
    const program = loadSources({
        T: `public class T {\n${members}\npublic static Object run() {\n${body}\n}\n}`,
        ...extraClasses,
    });
    return program.callStatic('T', 'run', []);
}
