// Runs every offline check in order and prints one line per check plus a closing summary.
// A check that fails does not stop the others: one run shows everything that is wrong.
// `npm test -- --only jest,lint` runs a subset by name.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT, listFilesRecursively } from '../lib/projectPaths.ts';
import { loadOrgSchema } from '../local-org/schema/index.ts';

interface Check {
    name: string;
    what: string;
    command: string[];
    /** A check whose subject does not exist yet is skipped and said so, never silently passed. */
    when?: () => string | null;
}

const bin = (name: string): string => join(PROJECT_ROOT, 'node_modules', '.bin', name);
const tsx = (script: string, ...args: string[]): string[] => [
    'node',
    '--import',
    'tsx',
    script,
    ...args,
];

/** The whole sample portfolio through jsforce into a local org: its own check (org-local). */
const ORG_LOCAL_TEST = 'scripts/org/localOrgPortfolio.test.ts';

function toolingTestFiles(): string[] {
    return listFilesRecursively(join(PROJECT_ROOT, 'scripts'))
        .filter((file) => file.endsWith('.test.ts') && !file.split('/').includes('node_modules'))
        .map((file) => join('scripts', file))
        .filter((file) => file !== ORG_LOCAL_TEST);
}

/**
 * Keystone's records share themselves with the account team through share objects
 * (AccountPlan__Share …); until the local org has the ones Keystone's Apex uses (its
 * record-sharing emulation), the seed stops at the first plan, so the check waits and says why.
 */
function missingShareObjects(): string | null {
    let schema: ReturnType<typeof loadOrgSchema>;
    try {
        schema = loadOrgSchema(PROJECT_ROOT);
    } catch {
        return null; // the check runs and shows what is wrong with the schema
    }
    const used = new Set<string>();
    for (const file of listFilesRecursively(join(PROJECT_ROOT, 'force-app'))) {
        if (!file.endsWith('.cls')) continue;
        const text = readFileSync(join(PROJECT_ROOT, 'force-app', file), 'utf8');
        for (const match of text.matchAll(/\b(\w+__Share)\b/g)) used.add(match[1] as string);
    }
    const missing = [...used].filter((share) => !schema.object(share)).sort();
    return missing.length === 0
        ? null
        : `waits for the local org's share objects (${missing.join(', ')}): Keystone's sharing code cannot run there before record sharing is emulated`;
}

const CHECKS: Check[] = [
    {
        name: 'build',
        what: 'TypeScript LWC → deployable .js',
        command: tsx('scripts/build/buildLwc.ts'),
    },
    {
        name: 'typecheck',
        what: 'tsc --noEmit, strict',
        command: [bin('tsc'), '--noEmit', '-p', 'tsconfig.json'],
    },
    {
        name: 'lint',
        what: 'ESLint (TypeScript + LWC rules)',
        command: [bin('eslint'), '--max-warnings', '0', '.'],
    },
    {
        name: 'format',
        what: 'Prettier; every Apex file must parse (prettier-plugin-apex)',
        command: [
            bin('prettier'),
            '--check',
            '--log-level',
            'warn',
            'force-app/**/*.{cls,trigger}',
            '**/*.{ts,json,md}',
        ],
    },
    {
        name: 'jest',
        what: 'component and engine tests (sfdx-lwc-jest)',
        command: [bin('sfdx-lwc-jest'), '--', '--ci'],
    },
    {
        name: 'tooling',
        what: 'tests of the gates, build and interpreter (node:test)',
        command: ['node', '--import', 'tsx', '--test', ...toolingTestFiles()],
    },
    {
        name: 'lwc-compile',
        what: 'platform LWC compiler on the deployed .js',
        command: tsx('scripts/gates/lwcPlatformCompile.ts'),
    },
    {
        name: 'apex-pmd',
        what: 'Code Analyzer PMD rules, priority 1-2 fail',
        command: tsx('scripts/gates/apexStaticAnalysis.ts'),
    },
    {
        name: 'apex-types',
        what: 'apex-ls semantic check',
        command: tsx('scripts/gates/apexTypeCheck.ts'),
    },
    {
        name: 'metadata-xml',
        what: 'every metadata XML file against the Metadata API types',
        // '.': every package directory of sfdx-project.json, the unpackaged test-org shape too.
        command: tsx('scripts/gates/metadataXml.ts', '.'),
        when: () =>
            existsSync(join(PROJECT_ROOT, 'scripts/gates/metadataXml.ts'))
                ? null
                : 'validator not present',
    },
    {
        name: 'metadata-xref',
        what: 'schema imports, Apex imports and Apex/SOQL field names exist',
        command: tsx('scripts/gates/metadataXref.ts'),
        when: () =>
            existsSync(join(PROJECT_ROOT, 'scripts/gates/metadataXref.ts'))
                ? null
                : 'cross-check not present',
    },
    {
        name: 'namespace',
        what: 'no unqualified custom API name where a namespace prefix would break it',
        command: tsx('scripts/gates/namespaceSafety.ts', '.'),
    },
    {
        name: 'apex-vectors',
        what: 'shared scoring vectors through the Apex calculators (fenced interpreter)',
        command: tsx('scripts/vectors/runVectors.ts'),
        when: () =>
            existsSync(join(PROJECT_ROOT, 'scripts/vectors/runVectors.ts'))
                ? null
                : 'interpreter not present',
    },
    {
        name: 'apex-tests',
        what: 'every Apex test class in the local org, with line coverage (passed in the local org)',
        command: tsx(
            'scripts/local-org/testing/cli.ts',
            '--known-failures',
            'scripts/test/apex-known-failures.json',
            // the data the @IsTest(SeeAllData=true) volume tests expect the org to hold
            '--seeders',
            'scripts/volume',
        ),
    },
    {
        name: 'apex-tests-namespaced',
        what: "every Apex test class again in namespace mode, as the package with sfdx-project.json's namespace (kstn__ names) sees it; the seeded volume tests are left out",
        command: tsx(
            'scripts/local-org/testing/cli.ts',
            '--namespace-from-project',
            '--known-failures',
            'scripts/test/apex-known-failures-namespaced.json',
            // the volume tests measure the recompute at 60,000 rows; the plain run has them
            '--exclude-class',
            'RecomputeVolume_Tests',
        ),
    },
    {
        name: 'org-local',
        what: 'the whole sample portfolio through jsforce into a local org, then a healthy org:doctor',
        command: ['node', '--import', 'tsx', '--test', ORG_LOCAL_TEST],
        when: missingShareObjects,
    },
    {
        name: 'e2e',
        what: 'local preview in headless Chromium',
        command: tsx('e2e/runE2e.ts'),
        when: () =>
            existsSync(join(PROJECT_ROOT, 'e2e/runE2e.ts')) ? null : 'no browser tests yet',
    },
];

interface Outcome {
    name: string;
    status: 'passed' | 'failed' | 'skipped';
    seconds: number;
    note: string;
}

function runCheck(check: Check): Outcome {
    const skipReason = check.when?.() ?? null;
    if (skipReason) {
        return { name: check.name, status: 'skipped', seconds: 0, note: skipReason };
    }
    console.log(`\n━━ ${check.name}: ${check.what}`);
    const started = performance.now();
    const [command, ...args] = check.command;
    const result = spawnSync(command ?? 'false', args, {
        cwd: PROJECT_ROOT,
        stdio: 'inherit',
        env: process.env,
    });
    const seconds = (performance.now() - started) / 1000;
    const passed = result.status === 0;
    return {
        name: check.name,
        status: passed ? 'passed' : 'failed',
        seconds,
        note: passed ? '' : `exit ${result.status ?? result.signal}`,
    };
}

function selectedChecks(argv: string[]): Check[] {
    const onlyIndex = argv.indexOf('--only');
    if (onlyIndex === -1) return CHECKS;
    const names = new Set((argv[onlyIndex + 1] ?? '').split(','));
    const unknown = [...names].filter((name) => !CHECKS.some((check) => check.name === name));
    if (unknown.length > 0) {
        throw new Error(
            `unknown check(s): ${unknown.join(', ')}; known: ${CHECKS.map((c) => c.name).join(', ')}`,
        );
    }
    return CHECKS.filter((check) => names.has(check.name));
}

const outcomes = selectedChecks(process.argv.slice(2)).map(runCheck);
console.log('\n━━ summary');
for (const outcome of outcomes) {
    const time = outcome.status === 'skipped' ? '' : ` (${outcome.seconds.toFixed(1)} s)`;
    const note = outcome.note ? ` — ${outcome.note}` : '';
    console.log(`${outcome.status.padEnd(7)} ${outcome.name}${time}${note}`);
}
const passed = outcomes.filter((outcome) => outcome.status === 'passed').length;
const failed = outcomes.filter((outcome) => outcome.status === 'failed').length;
const skipped = outcomes.filter((outcome) => outcome.status === 'skipped').length;
console.log(`checks: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 ? 1 : 0;
