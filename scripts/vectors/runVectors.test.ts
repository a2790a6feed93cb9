// Tests of the vectors runner on the fixture calculator (the real calculators live in force-app).
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { metadataFiles } from '@keystone/local-org';
import { PACKAGE_DIR } from '../lib/projectPaths.ts';
import { parseArgs, DEFAULTS } from './runVectors.ts';
import { compareValues, runVectors, selectClassFiles } from './vectors.ts';

const fixtures = fileURLToPath(new URL('./fixtures', import.meta.url));
const options = { sourceDir: fixtures, vectorsFile: join(fixtures, 'vectors.json') };

const tempDirs: string[] = [];
function tempDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'apex-vectors-'));
    tempDirs.push(dir);
    return dir;
}
after(() => {
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

test('runner: every fixture vector passes', () => {
    const result = runVectors(options);
    assert.deepEqual(result.messages, []);
    assert.equal(result.passed, 6);
    assert.equal(result.failed, 0);
});

test('runner: loads only classes reachable from ScoringVectorRunner, never @IsTest classes', () => {
    const files = selectClassFiles(options.sourceDir).map((f) => f.split('/').pop());
    assert.deepEqual(files, ['FixtureScoreCalculator.cls', 'ScoringVectorRunner.cls']);
});

test('runner: a one-character change to a calculator weight fails with the case name and field', () => {
    const dir = tempDir();
    cpSync(options.sourceDir, dir, { recursive: true });
    const file = join(dir, 'classes', 'FixtureScoreCalculator.cls');
    const source = readFileSync(file, 'utf8');
    const mutated = source.replace('REVENUE_WEIGHT = 0.40;', 'REVENUE_WEIGHT = 0.45;');
    assert.notEqual(mutated, source);
    writeFileSync(file, mutated);
    const result = runVectors({ ...options, sourceDir: dir });
    assert.ok(result.failed > 0);
    assert.ok(
        result.messages.includes(
            'case "selection: all criteria at 100 is tier 1 invest": field score expected 100 got 105',
        ),
        result.messages.join('\n'),
    );
});

test('runner: a flipped comparison fails with the differing field', () => {
    const dir = tempDir();
    cpSync(options.sourceDir, dir, { recursive: true });
    const file = join(dir, 'classes', 'ScoringVectorRunner.cls');
    const source = readFileSync(file, 'utf8');
    writeFileSync(file, source.replace('days <= 90', 'days >= 90'));
    const result = runVectors({ ...options, sourceDir: dir });
    assert.ok(
        result.messages.includes(
            'case "renewal: across a leap day": field approaching expected true got false',
        ),
        result.messages.join('\n'),
    );
});

test('runner: a calculator that reaches for SOQL fails the run with construct, file and line', () => {
    const dir = tempDir();
    cpSync(options.sourceDir, dir, { recursive: true });
    const file = join(dir, 'classes', 'FixtureScoreCalculator.cls');
    const source = readFileSync(file, 'utf8');
    writeFileSync(
        file,
        source.replace(
            'Result result = new Result();',
            'Result result = new Result();\n        List<Account> accounts = FixtureAccountSelector.byIds(new Set<Id>());',
        ),
    );
    const result = runVectors({ ...options, sourceDir: dir });
    assert.equal(result.failed, 1);
    assert.match(
        result.messages[0] ?? '',
        /^apexInterpreter: SOQL query is outside the fenced subset at .*FixtureAccountSelector\.cls:7$/,
    );
});

test('runner: expectedError must match the exception message', () => {
    const dir = tempDir();
    const vectors = JSON.parse(readFileSync(options.vectorsFile, 'utf8')) as {
        cases: Array<Record<string, unknown>>;
    };
    const errorCase = vectors.cases.find((c) => c.expectedError !== undefined) as Record<
        string,
        unknown
    >;
    errorCase.expectedError = 'must be positive';
    writeFileSync(join(dir, 'v.json'), JSON.stringify(vectors));
    const result = runVectors({ ...options, vectorsFile: join(dir, 'v.json') });
    assert.equal(result.failed, 1);
    assert.match(
        result.messages[0] ?? '',
        /expected an error containing "must be positive" got FixtureScoreCalculator\.ScoringException: revenueScore must be between 0 and 100/,
    );
});

test('runner: numbers compare numerically, nested objects by expected keys, arrays element-wise', () => {
    assert.deepEqual(compareValues({ a: 54 }, { a: 54.0, extra: 1 }, ''), []);
    assert.deepEqual(compareValues({ a: 54 }, { a: '54.00' }, ''), []);
    assert.deepEqual(compareValues({ a: { b: [1, 'x'] } }, { a: { b: [1, 'y'] } }, ''), [
        'field a.b[1] expected "x" got "y"',
    ]);
    assert.deepEqual(compareValues({ a: null }, {}, ''), ['field a expected null got <missing>']);
    assert.deepEqual(compareValues({ a: true }, { a: 'true' }, ''), [
        'field a expected true got "true"',
    ]);
});

test('runner CLI: defaults and overrides', () => {
    assert.deepEqual(parseArgs([]), DEFAULTS);
    assert.deepEqual(parseArgs(['--source', 's', '--vectors', 'v.json']), {
        sourceDir: 's',
        vectorsFile: 'v.json',
    });
    assert.throws(() => parseArgs(['--bogus', 'x']), /unknown option/);
});

const realVectors = DEFAULTS;
const realVectorsMissing = existsSync(realVectors.vectorsFile)
    ? false
    : `no shared vectors yet at ${realVectors.vectorsFile}`;

test(
    'runner: a one-character change to a real calculator weight fails the shared vectors with the case and field',
    { skip: realVectorsMissing },
    () => {
        const dir = tempDir();
        cpSync(PACKAGE_DIR, dir, { recursive: true });
        const [config] = metadataFiles(PACKAGE_DIR, 'classes', 'ScoringConfig.cls');
        assert.ok(config, 'ScoringConfig.cls not found in the package');
        const file = join(dir, relative(PACKAGE_DIR, config));
        const source = readFileSync(file, 'utf8');
        // the revenue criterion's weight, e.g. 40 -> 45: one character
        const mutated = source.replace(
            /(new SelectionCriterion\('revenue',\s*'[^']*',\s*\d*)\d/,
            (_whole, head: string) =>
                `${head}${source.includes("'revenue', 'Current revenue', 45") ? '0' : '5'}`,
        );
        assert.notEqual(mutated, source, 'the revenue weight was not found in ScoringConfig.cls');
        writeFileSync(file, mutated);
        const result = runVectors({ ...realVectors, sourceDir: dir });
        assert.ok(result.failed > 0, 'the mutated weight went unnoticed');
        assert.match(result.messages[0] ?? '', /^case ".+": field \S+ expected .+ got .+$/);
    },
);
