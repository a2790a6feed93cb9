// Where things live in this SFDX project, in one place for every script.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_SOURCE_DIR = join(PROJECT_ROOT, 'force-app', 'main', 'default');

export function lwcDir(sourceDir: string = DEFAULT_SOURCE_DIR): string {
    return join(sourceDir, 'lwc');
}

/** Names of the LWC bundles (folders) under the lwc directory, sorted. */
export function listLwcBundles(sourceDir: string = DEFAULT_SOURCE_DIR): string[] {
    const dir = lwcDir(sourceDir);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
        .filter((name) => !name.startsWith('.') && statSync(join(dir, name)).isDirectory())
        .sort();
}

/** Every file under dir (recursively), as paths relative to dir, sorted. */
export function listFilesRecursively(dir: string, relativeTo: string = dir): string[] {
    if (!existsSync(dir)) return [];
    const files: string[] = [];
    for (const name of readdirSync(dir).sort()) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) {
            files.push(...listFilesRecursively(path, relativeTo));
        } else {
            files.push(path.slice(relativeTo.length + 1));
        }
    }
    return files;
}
