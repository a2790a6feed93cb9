// Custom labels for `@salesforce/label/c.Name` imports, read from the project's
// labels/*.labels-meta.xml (the same files that deploy).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { LABELS_DIR } from './paths.ts';

interface LabelEntry {
    fullName?: unknown;
    value?: unknown;
}

/** Label full name → value, from every labels file in the directory. */
export function readCustomLabels(labelsDir: string = LABELS_DIR): Map<string, string> {
    const labels = new Map<string, string>();
    if (!existsSync(labelsDir)) return labels;
    const parser = new XMLParser({
        isArray: (name) => name === 'labels',
        parseTagValue: false,
        trimValues: false,
    });
    for (const file of readdirSync(labelsDir).sort()) {
        if (!file.endsWith('.labels-meta.xml')) continue;
        const parsed = parser.parse(readFileSync(join(labelsDir, file), 'utf8')) as {
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
