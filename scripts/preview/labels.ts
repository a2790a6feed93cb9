// Custom labels for `@salesforce/label/c.Name` imports, read from the project's
// labels/*.labels-meta.xml in any feature folder (the same files that deploy).
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { PACKAGE_DIR, metadataFiles } from '../lib/projectPaths.ts';

interface LabelEntry {
    fullName?: unknown;
    value?: unknown;
}

/** Label full name → value, from every labels file of the package. */
export function readCustomLabels(packageDir: string = PACKAGE_DIR): Map<string, string> {
    const labels = new Map<string, string>();
    const parser = new XMLParser({
        isArray: (name) => name === 'labels',
        parseTagValue: false,
        trimValues: false,
    });
    for (const file of metadataFiles('labels', '.labels-meta.xml', packageDir)) {
        const parsed = parser.parse(readFileSync(file, 'utf8')) as {
            CustomLabels?: { labels?: LabelEntry[] };
        };
        for (const entry of parsed.CustomLabels?.labels ?? []) {
            if (typeof entry.fullName === 'string') {
                labels.set(entry.fullName.trim(), String(entry.value ?? ''));
            }
        }
    }
    return labels;
}
