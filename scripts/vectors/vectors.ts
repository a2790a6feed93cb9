// The shared-vectors run: picks the classes ScoringVectorRunner needs, loads them once,
// runs every case and compares the outputs with the expected values.
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
    ApexUncaughtException,
    ListValue,
    MapValue,
    UnsupportedError,
    loadApexProgram,
    metadataFiles,
    metadataFolders,
    parseJsonToApex,
} from '@keystone/local-org';
import type { ApexValue } from '@keystone/local-org';
import { Decimal } from 'decimal.js';

export const RUNNER_CLASS = 'ScoringVectorRunner';

export interface VectorCase {
    name: string;
    kind: string;
    input: Record<string, unknown>;
    expected?: Record<string, unknown>;
    expectedError?: string;
}

export interface VectorRunOptions {
    /** The package (or any folder): classes and objects are read from every `classes` and `objects` folder inside it. */
    sourceDir: string;
    vectorsFile: string;
}

export interface VectorRunResult {
    passed: number;
    failed: number;
    messages: string[];
    loadMs: number;
    runMs: number;
    classFiles: string[];
}

function stripCommentsAndStrings(source: string): string {
    return source
        .replace(/\/\*[\s\S]*?\*\//g, ' ')
        .replace(/\/\/.*$/gm, ' ')
        .replace(/'(?:\\.|[^'\\])*'/g, "''");
}

/**
 * The class files the runner needs: ScoringVectorRunner and every class its code names,
 * transitively. Test classes (files containing @IsTest) are never loaded. Classes nothing
 * reaches (selectors with SOQL, controllers...) are not loaded, so they cannot break the run.
 */
export function selectClassFiles(sourceDir: string): string[] {
    const byName = new Map<string, { file: string; source: string }>();
    for (const file of metadataFiles(sourceDir, 'classes', '.cls')) {
        const source = readFileSync(file, 'utf8');
        if (/@istest\b/i.test(source)) continue;
        byName.set(basename(file, '.cls').toLowerCase(), { file, source });
    }
    const start = RUNNER_CLASS.toLowerCase();
    if (!byName.has(start)) {
        throw new Error(`apexInterpreter: ${RUNNER_CLASS}.cls not found under ${sourceDir}`);
    }
    const selected = new Set<string>([start]);
    const queue = [start];
    while (queue.length > 0) {
        const name = queue.pop() as string;
        const source = stripCommentsAndStrings(byName.get(name)?.source ?? '');
        for (const word of source.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []) {
            const key = word.toLowerCase();
            if (byName.has(key) && !selected.has(key)) {
                selected.add(key);
                queue.push(key);
            }
        }
    }
    return [...selected].sort().map((k) => (byName.get(k) as { file: string }).file);
}

function show(v: unknown): string {
    return v === undefined ? '<missing>' : JSON.stringify(v);
}

/** Differences between an expected value and the actual output ("" path is the root). */
export function compareValues(expected: unknown, actual: unknown, path: string): string[] {
    if (typeof expected === 'number') {
        const numeric =
            typeof actual === 'number' ||
            (typeof actual === 'string' && /^-?\d+(\.\d+)?$/.test(actual));
        if (numeric && new Decimal(String(expected)).eq(new Decimal(String(actual)))) return [];
        return [`field ${path} expected ${show(expected)} got ${show(actual)}`];
    }
    if (expected === null || typeof expected !== 'object') {
        return expected === actual
            ? []
            : [`field ${path} expected ${show(expected)} got ${show(actual)}`];
    }
    if (Array.isArray(expected)) {
        if (!Array.isArray(actual))
            return [`field ${path} expected ${show(expected)} got ${show(actual)}`];
        if (actual.length !== expected.length) {
            return [`field ${path} expected ${show(expected)} got ${show(actual)}`];
        }
        return expected.flatMap((e, i) => compareValues(e, actual[i], `${path}[${i}]`));
    }
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
        return [`field ${path} expected ${show(expected)} got ${show(actual)}`];
    }
    const actualObj = actual as Record<string, unknown>;
    return Object.entries(expected as Record<string, unknown>).flatMap(([k, e]) =>
        compareValues(e, actualObj[k], path === '' ? k : `${path}.${k}`),
    );
}

export function runVectors(options: VectorRunOptions): VectorRunResult {
    if (!existsSync(options.vectorsFile)) {
        throw new Error(`apexInterpreter: vectors file ${options.vectorsFile} not found`);
    }
    const loadStart = performance.now();
    const classFiles = selectClassFiles(options.sourceDir);
    const program = loadApexProgram({
        classFiles,
        objectsDirs: metadataFolders(options.sourceDir, 'objects'),
    });
    const violations = program.fenceViolations();
    const loadMs = performance.now() - loadStart;
    if (violations.length > 0) {
        return {
            passed: 0,
            failed: 1,
            messages: violations.map((v) => new UnsupportedError(v.construct, v.location).message),
            loadMs,
            runMs: 0,
            classFiles,
        };
    }
    const text = readFileSync(options.vectorsFile, 'utf8');
    const vectors = JSON.parse(text) as { version: number; cases: VectorCase[] };
    if (vectors.version !== 1 || !Array.isArray(vectors.cases)) {
        throw new Error(`apexInterpreter: ${options.vectorsFile} is not a version 1 vectors file`);
    }
    // the argument each case gets: read from the text so numbers keep their written form
    const apexCases = apexCasesOf(parseJsonToApex(text));
    const messages: string[] = [];
    let passed = 0;
    let failed = 0;
    const runStart = performance.now();
    vectors.cases.forEach((c, index) => {
        const problems = runCase(program, c, apexCases[index] ?? null);
        if (problems.length === 0) passed++;
        else {
            failed++;
            for (const p of problems) messages.push(`case "${c.name}": ${p}`);
        }
    });
    return { passed, failed, messages, loadMs, runMs: performance.now() - runStart, classFiles };
}

function apexCasesOf(document: ApexValue): ApexValue[] {
    const cases = document instanceof MapValue ? document.entries.get('s:cases')?.value : null;
    return cases instanceof ListValue ? cases.items : [];
}

function runCase(
    program: ReturnType<typeof loadApexProgram>,
    c: VectorCase,
    apexCase: ApexValue,
): string[] {
    let actual: unknown;
    try {
        actual = program.callStatic(RUNNER_CLASS, 'run', [apexCase]);
    } catch (e) {
        if (e instanceof ApexUncaughtException) {
            if (c.expectedError !== undefined) {
                return (e.apexMessage ?? '').includes(c.expectedError)
                    ? []
                    : [`expected an error containing ${show(c.expectedError)} got ${e.message}`];
            }
            return [`threw ${e.message}`];
        }
        return [`${(e as Error).message}`];
    }
    if (c.expectedError !== undefined) {
        return [`expected an error containing ${show(c.expectedError)} got ${show(actual)}`];
    }
    return compareValues(c.expected ?? {}, actual, '');
}
