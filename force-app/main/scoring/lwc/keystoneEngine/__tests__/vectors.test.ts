// Runs every case of the shared scoring vectors against the TypeScript engine, the same
// cases ScoringVectors_Tests runs against the Apex calculators in an org (and the offline
// Apex interpreter runs in `npm test`). Also the static check that both runners read every
// input field the vectors define.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runVectorCase } from '../keystoneEngine';
import type { VectorCase } from '../keystoneEngine';

const DEFAULT_ROOT = join(__dirname, '..', '..', '..');
const VECTORS_PATH = join(DEFAULT_ROOT, 'staticresources', 'KeystoneScoringVectors.json');
const APEX_RUNNER_PATH = join(DEFAULT_ROOT, 'classes', 'ScoringVectorRunner.cls');
const ENGINE_DIR = join(__dirname, '..');

interface VectorsFile {
    version: number;
    cases: VectorCase[];
}

const vectors = JSON.parse(readFileSync(VECTORS_PATH, 'utf8')) as VectorsFile;

/**
 * Compares like the offline Apex interpreter and ScoringVectors_Tests do: numbers numerically,
 * strings/booleans/null exactly, arrays element-wise (same length), objects by expected keys.
 */
function differences(expected: unknown, actual: unknown, path: string): string[] {
    if (expected === null || typeof expected !== 'object') {
        if (typeof expected === 'number' && typeof actual === 'number') {
            return Math.abs(expected - actual) < 1e-9
                ? []
                : [`${path}: expected ${expected}, got ${actual}`];
        }
        return expected === actual
            ? []
            : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
    }
    if (Array.isArray(expected)) {
        if (!Array.isArray(actual) || actual.length !== expected.length) {
            return [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
        }
        return expected.flatMap((item, index) =>
            differences(item, actual[index], `${path}[${index}]`),
        );
    }
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
        return [`${path}: expected an object, got ${JSON.stringify(actual)}`];
    }
    return Object.entries(expected).flatMap(([key, value]) =>
        differences(value, (actual as Record<string, unknown>)[key], path ? `${path}.${key}` : key),
    );
}

describe('shared scoring vectors', () => {
    it('has the agreed shape and at least 60 cases with unique names', () => {
        expect(vectors.version).toBe(1);
        expect(vectors.cases.length).toBeGreaterThanOrEqual(60);
        const names = vectors.cases.map((vectorCase) => vectorCase.name);
        expect(new Set(names).size).toBe(names.length);
        for (const vectorCase of vectors.cases) {
            expect(typeof vectorCase.kind).toBe('string');
            expect(
                (vectorCase.expected === undefined) !== (vectorCase.expectedError === undefined),
            ).toBe(true);
        }
    });

    it.each(vectors.cases.map((vectorCase) => [vectorCase.name, vectorCase] as const))(
        '%s',
        (_name, vectorCase) => {
            if (vectorCase.expectedError !== undefined) {
                expect(() => runVectorCase(vectorCase)).toThrow(vectorCase.expectedError);
                return;
            }
            const actual = runVectorCase(vectorCase);
            expect(differences(vectorCase.expected, actual, '')).toEqual([]);
        },
    );
});

// ---------------------------------------------------------------- static check

/** Map-valued inputs whose keys are data (criterion keys, signal types, tiers, parts). */
const DYNAMIC_MAPS = [
    'values',
    'config.signals.scoreImpacts',
    'config.plan.cadenceDaysByTier',
    'config.health.weights',
];

function collectKeyPaths(value: unknown, path: string, into: Set<string>): void {
    if (Array.isArray(value)) {
        for (const item of value) collectKeyPaths(item, `${path}[]`, into);
        return;
    }
    if (value === null || typeof value !== 'object') return;
    if (DYNAMIC_MAPS.includes(path)) return;
    for (const [key, child] of Object.entries(value)) {
        const childPath = path ? `${path}.${key}` : key;
        into.add(childPath);
        collectKeyPaths(child, childPath, into);
    }
}

function lastSegment(path: string): string {
    return path.replace(/\[\]/g, '').split('.').pop() ?? path;
}

describe('both runners read every input field the vectors define', () => {
    const inputPaths = new Set<string>();
    for (const vectorCase of vectors.cases) {
        // A case that proves a misspelt setting is rejected defines a key nobody should read.
        if (vectorCase.expectedError?.includes('unknown setting')) continue;
        collectKeyPaths(vectorCase.input, '', inputPaths);
    }
    const fieldNames = [...new Set([...inputPaths].map(lastSegment))].sort();

    const engineSource = ['vectorRunner.ts', 'config.ts', 'health.ts']
        .map((file) => readFileSync(join(ENGINE_DIR, file), 'utf8'))
        .join('\n');
    const apexSource = readFileSync(APEX_RUNNER_PATH, 'utf8');

    it('found the input fields', () => {
        expect(fieldNames.length).toBeGreaterThan(40);
    });

    it.each(fieldNames)('%s is read by the TypeScript runner', (field) => {
        // Read as a quoted key (raw['contactId']), a raw factor (raw.openPipeline) or a config
        // property merged by name (tier1Min: ...).
        const quoted = engineSource.includes(`'${field}'`);
        const rawRead = engineSource.includes(`raw.${field}`);
        const property = new RegExp(`\\b${field}\\??:`).test(engineSource);
        expect({ field, read: quoted || rawRead || property }).toEqual({ field, read: true });
    });

    it.each(fieldNames)('%s is read by ScoringVectorRunner.cls', (field) => {
        expect({ field, read: apexSource.includes(`'${field}'`) }).toEqual({ field, read: true });
    });
});
