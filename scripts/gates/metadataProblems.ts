// Small helpers shared by the metadata gates (metadataXml.ts, metadataXref.ts):
// the Problem record, its `file:line: message` form, and a sorted recursive file walk.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface Problem {
    /** Path of the offending file (as given to the gate, usually relative to the cwd). */
    file: string;
    /** 1-based line, 0 when the problem concerns the file as a whole. */
    line: number;
    message: string;
}

export function formatProblem(p: Problem, base?: string): string {
    const file = base ? relative(base, p.file) || p.file : p.file;
    return `${file}:${p.line}: ${p.message}`;
}

export function sortProblems(problems: Problem[]): Problem[] {
    return problems.sort((a, b) =>
        a.file === b.file
            ? a.line - b.line || a.message.localeCompare(b.message)
            : a.file < b.file
              ? -1
              : 1,
    );
}

const SKIP_DIRS = new Set(['node_modules', '.git', '.sfdx', '.sf', '__tests__', '__mocks__']);

/** All files under `dir` (recursively, sorted), skipping VCS, tooling and test folders. */
export function walkFiles(dir: string): string[] {
    const out: string[] = [];
    const visit = (d: string): void => {
        let entries;
        try {
            entries = readdirSync(d, { withFileTypes: true });
        } catch {
            return;
        }
        entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        for (const e of entries) {
            const p = join(d, e.name);
            if (e.isDirectory()) {
                if (!SKIP_DIRS.has(e.name)) visit(p);
            } else if (e.isFile()) {
                out.push(p);
            }
        }
    };
    visit(dir);
    return out;
}

/** Maps a character offset to a 1-based line number. */
export class LineIndex {
    private readonly starts: number[] = [0];
    constructor(text: string) {
        for (let i = 0; i < text.length; i++)
            if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
    }
    lineOf(offset: number): number {
        let lo = 0;
        let hi = this.starts.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if ((this.starts[mid] ?? 0) <= offset) lo = mid;
            else hi = mid - 1;
        }
        return lo + 1;
    }
}

/** Package directories: from sfdx-project.json when `root` is a project, else `root` itself. */
export function sourceDirs(root: string): string[] {
    const project = join(root, 'sfdx-project.json');
    if (existsSync(project)) {
        try {
            const json = JSON.parse(readFileSync(project, 'utf8')) as {
                packageDirectories?: { path?: string }[];
            };
            const dirs = (json.packageDirectories ?? []).flatMap((d) =>
                d.path ? [join(root, d.path)] : [],
            );
            if (dirs.length > 0) return dirs;
        } catch {
            // fall through: treat root as a package directory
        }
    }
    return [root];
}
