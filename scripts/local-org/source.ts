// Finds the metadata of an SFDX project in source format. The metadata type of a folder comes
// from its name (`classes`, `triggers`, `objects` …), at any depth inside a package directory,
// so a project organised by feature (force-app/main/<feature>/classes …) is read as one package.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Folders that hold tests, fixtures or dependencies, never package metadata. */
const NOT_METADATA = new Set(['node_modules', '__tests__', '__mocks__', 'fixtures']);

/**
 * Every folder named `type` under root, sorted by path. A metadata folder is not searched
 * further for more of its own kind.
 */
export function metadataFolders(root: string, type: string): string[] {
    const found: string[] = [];
    const walk = (dir: string): void => {
        for (const name of readdirSync(dir).sort()) {
            if (name.startsWith('.') || NOT_METADATA.has(name)) continue;
            const path = join(dir, name);
            if (!statSync(path).isDirectory()) continue;
            if (name === type) found.push(path);
            else walk(path);
        }
    };
    if (existsSync(root)) {
        if (basename(root) === type) found.push(root);
        else walk(root);
    }
    return found;
}

/** Files directly inside every `type` folder under root whose names end with `suffix`, by name. */
export function metadataFiles(root: string, type: string, suffix: string): string[] {
    return metadataFolders(root, type)
        .flatMap((dir) =>
            readdirSync(dir)
                .filter((name) => name.endsWith(suffix))
                .map((name) => join(dir, name)),
        )
        .sort((a, b) => basename(a).localeCompare(basename(b)) || a.localeCompare(b));
}
