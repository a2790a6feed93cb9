// Where things live in this SFDX project, in one place for every tool.
// The package is organised by feature (force-app/main/<feature>/classes, objects, lwc …): the
// metadata type comes from the folder name, as in source format, so every tool finds its files
// by folder name anywhere under the package directory rather than at one fixed path.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The package directory of sfdx-project.json. */
export const PACKAGE_DIR = join(PROJECT_ROOT, 'force-app');

/** Folders that hold tests, fixtures or dependencies, never package metadata. */
const NOT_METADATA = new Set(['node_modules', '__tests__', '__mocks__', 'fixtures']);

/**
 * Every folder named `type` (`classes`, `objects`, `lwc`, `staticresources` …) under the
 * package directory, sorted by path. A metadata folder is not searched further for more of
 * its own kind (an `lwc` bundle may not contain another `lwc` folder).
 */
export function metadataFolders(type: string, packageDir: string = PACKAGE_DIR): string[] {
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
    if (existsSync(packageDir)) walk(packageDir);
    return found;
}

/** Files directly inside every `type` folder whose names end with `suffix`, sorted by name. */
export function metadataFiles(
    type: string,
    suffix: string,
    packageDir: string = PACKAGE_DIR,
): string[] {
    return metadataFolders(type, packageDir)
        .flatMap((dir) =>
            readdirSync(dir)
                .filter((name) => name.endsWith(suffix))
                .map((name) => join(dir, name)),
        )
        .sort((a, b) => basename(a).localeCompare(basename(b)) || a.localeCompare(b));
}

export interface LwcBundle {
    name: string;
    dir: string;
}

/** The LWC bundles of every feature, sorted by name. Bundle names are global (`c/<name>`). */
export function listLwcBundles(packageDir: string = PACKAGE_DIR): LwcBundle[] {
    const bundles = metadataFolders('lwc', packageDir).flatMap((lwc) =>
        readdirSync(lwc)
            .filter((name) => !name.startsWith('.') && statSync(join(lwc, name)).isDirectory())
            .map((name) => ({ name, dir: join(lwc, name) })),
    );
    bundles.sort((a, b) => a.name.localeCompare(b.name));
    for (let i = 1; i < bundles.length; i++) {
        if (bundles[i]?.name === bundles[i - 1]?.name) {
            throw new Error(
                `two LWC bundles are named ${bundles[i]?.name}: ${bundles[i - 1]?.dir} and ${bundles[i]?.dir}`,
            );
        }
    }
    return bundles;
}

export interface ObjectFolder {
    /** API name of the object, e.g. AccountPlan__c or Account. */
    name: string;
    dir: string;
}

/**
 * The object folders of every feature. A standard object may appear in several features
 * (each adds its own fields), so one name can have several folders.
 */
export function listObjectFolders(packageDir: string = PACKAGE_DIR): ObjectFolder[] {
    return metadataFolders('objects', packageDir).flatMap((objects) =>
        readdirSync(objects)
            .filter((name) => !name.startsWith('.') && statSync(join(objects, name)).isDirectory())
            .map((name) => ({ name, dir: join(objects, name) })),
    );
}

/** The `staticresources` folder that declares the resource `name` (its `.resource-meta.xml`). */
export function staticResourceFolder(
    name: string,
    packageDir: string = PACKAGE_DIR,
): string | null {
    return (
        metadataFolders('staticresources', packageDir).find((dir) =>
            existsSync(join(dir, `${name}.resource-meta.xml`)),
        ) ?? null
    );
}

/** The file or folder of the static resource `name`, or null when it is not there (yet). */
export function staticResourcePath(name: string, packageDir: string = PACKAGE_DIR): string | null {
    const dir = staticResourceFolder(name, packageDir);
    if (!dir) return null;
    const entry = readdirSync(dir).find(
        (file) => (file === name || file.startsWith(`${name}.`)) && !file.endsWith('-meta.xml'),
    );
    return entry ? join(dir, entry) : null;
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
