// The CLI steps of org:setup and package:version, fed the CLI's JSON output recorded from its
// documented result shapes (fixtures/cli/README.md names the type each file follows), with the
// data steps against the fake org. What only a real org proves is listed in scripts/org/README.md.
// Run: node --import tsx --test scripts/org/setup.test.ts
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generatePortfolio } from '../data/sampleDataset.ts';
import { parseFlags, UsageError } from './args.ts';
import { expectationsFromProject } from './doctor.ts';
import { createPackageVersion, installUrl } from './packageVersion.ts';
import { EXIT, jobsOutcome, runSetup } from './setup.ts';
import type { SetupOptions } from './setup.ts';
import {
    DeployFailedError,
    NoDevHubError,
    SfCli,
    SfCommandFailed,
    deployFailures,
} from './sfCli.ts';
import type { DeployResultJson } from './sfCli.ts';
import { FakeSf, fixture } from './testing/fakeSf.ts';
import type { FakeSfState } from './testing/fakeSf.ts';
import { freshOrg } from './testing/orgState.ts';

const expectations = expectationsFromProject();
const OPTIONS: SetupOptions = {
    alias: 'keystone',
    durationDays: 7,
    withNamespace: false,
    seed: true,
};

function recorded(name: string, status = 0): SfCli {
    return new SfCli(() => ({ status, stdout: fixture(name), stderr: '' }));
}

async function setup(state: Partial<FakeSfState> = {}, options: Partial<SetupOptions> = {}) {
    const org = freshOrg();
    const sf = new FakeSf(org, expectations, state);
    const log: string[] = [];
    let clock = 0;
    const run = (): ReturnType<typeof runSetup> =>
        runSetup(
            { ...OPTIONS, ...options },
            {
                sf: new SfCli(sf.runner),
                build: () => 9,
                connect: () => org,
                portfolio: () => generatePortfolio({ accounts: 4 }),
                expectations,
                log: (line) => log.push(line),
                clock: () => (clock += 1500),
            },
        );
    return { org, sf, log, run };
}

describe('the CLI steps read the recorded JSON', () => {
    it('finds the default Dev Hub and the scratch org by alias', () => {
        const sf = recorded('org-list');
        assert.equal(sf.devHub().alias, 'devhub');
        assert.equal(sf.devHub('devhub').username, 'admin@keystone-devhub.example.com');
        assert.equal(sf.scratchOrg('keystone')?.expirationDate, '2026-12-03');
        assert.equal(sf.scratchOrg('other'), null);
    });

    it('no Dev Hub is a clear NoDevHubError, from org list or from org create', () => {
        assert.throws(
            () => recorded('org-list-no-devhub').devHub(),
            (error: unknown) => {
                assert.ok(error instanceof NoDevHubError);
                assert.match(
                    error.message,
                    /No Dev Hub: you are logged in to no Dev Hub\.\n.*sf org login web --set-default-dev-hub/s,
                );
                return true;
            },
        );
        assert.throws(
            () => recorded('org-list').devHub('elsewhere'),
            /"elsewhere" is not a Dev Hub you are logged in to \(1 known: devhub\)/,
        );
        assert.throws(
            () =>
                recorded('org-create-scratch-no-devhub', 1).createScratchOrg({
                    alias: 'keystone',
                    definitionFile: 'config/project-scratch-def.json',
                    devHub: 'devhub',
                    durationDays: 7,
                    withNamespace: false,
                }),
            NoDevHubError,
        );
    });

    it('a failed deploy lists every component error with its file and line', () => {
        assert.throws(
            () => recorded('project-deploy-start-failed', 1).deploy(['force-app'], 'keystone'),
            (error: unknown) => {
                assert.ok(error instanceof DeployFailedError);
                assert.equal(
                    error.message,
                    'Deploy failed: 2 component errors\n' +
                        '  ApexClass AccountTeamSharing (force-app/main/sharing/classes/AccountTeamSharing.cls:42:9): Variable does not exist: teamz (42:9)\n' +
                        '  CustomField Activity.ExternalId__c (force-app/main/setup/objects/Activity/fields/ExternalId__c.field-meta.xml): Unique is not supported on this field',
                );
                return true;
            },
        );
        const successful = recorded('project-deploy-start').deploy(['force-app'], 'keystone');
        assert.equal(successful.numberComponentsDeployed, 412);
    });

    it('reads component failures from details when files carry none', () => {
        const result = JSON.parse(fixture('project-deploy-start-failed')) as {
            result: DeployResultJson;
        };
        delete result.result.files;
        assert.deepEqual(deployFailures(result.result)[0], {
            type: 'ApexClass',
            name: 'AccountTeamSharing',
            file: 'force-app/main/sharing/classes/AccountTeamSharing.cls',
            line: 42,
            column: 9,
            problem: 'Variable does not exist: teamz',
        });
    });

    it('an assignment that exists already is not an error', () => {
        assert.equal(
            recorded('org-assign-permset').assignPermissionSet('KeystoneAdmin', 'keystone'),
            'assigned',
        );
        assert.equal(
            recorded('org-assign-permset-duplicate', 1).assignPermissionSet(
                'KeystoneAdmin',
                'keystone',
            ),
            'already assigned',
        );
    });

    it('anonymous Apex: the jobs outcome from the debug log; a compile failure with its line', () => {
        const result = recorded('apex-run').runApex(
            'scripts/org/apex/scheduleJobs.apex',
            'keystone',
        );
        assert.deepEqual(jobsOutcome(result.logs), {
            scheduled: ['Keystone governance cadence', 'Keystone recompute sweep'],
            alreadyScheduled: [],
        });
        assert.throws(
            () => recorded('apex-run-compile-failure', 1).runApex('x.apex', 'keystone'),
            /sf apex run failed: executeCompileFailure: Invalid type: KeystoneJobs \(line 4, column 1\)/,
        );
    });

    it('output that is not JSON is reported with the exit and stderr', () => {
        const sf = new SfCli(() => ({ status: 127, stdout: '', stderr: 'cannot run sf: ENOENT' }));
        assert.throws(
            () => sf.orgList(),
            (error: unknown) => {
                assert.ok(error instanceof SfCommandFailed);
                assert.match(error.message, /NoJsonOutput: exit 127; cannot run sf: ENOENT/);
                return true;
            },
        );
    });

    it('passes --json and the flags the documented commands take', () => {
        const calls: string[][] = [];
        const sf = new SfCli((args) => {
            calls.push(args);
            return { status: 0, stdout: fixture('org-create-scratch'), stderr: '' };
        });
        sf.createScratchOrg({
            alias: 'k',
            definitionFile: 'config/project-scratch-def.json',
            devHub: 'hub',
            durationDays: 3,
            withNamespace: false,
        });
        assert.deepEqual(calls[0], [
            'org',
            'create',
            'scratch',
            '--definition-file',
            'config/project-scratch-def.json',
            '--alias',
            'k',
            '--target-dev-hub',
            'hub',
            '--duration-days',
            '3',
            '--wait',
            '15',
            '--no-namespace',
            '--json',
        ]);
    });
});

describe('org:setup', () => {
    it('goes from nothing to a checked org, one progress line per step', async () => {
        const { org, sf, log, run } = await setup();
        const outcome = await run();
        assert.equal(outcome.exitCode, EXIT.ok, log.join('\n'));
        assert.equal(
            outcome.loginUrl,
            'https://speed-energy-1234-dev-ed.scratch.my.salesforce.com/secur/frontdoor.jsp?otp=abc',
        );
        const steps = log.filter((line) => /^\[\d\/9\]/.test(line));
        assert.deepEqual(
            steps.map((line) => line.replace(/: .*/, '')),
            [
                '[1/9] Dev Hub',
                '[2/9] Scratch org',
                '[3/9] Build',
                '[4/9] Deploy',
                '[5/9] Permission sets',
                '[6/9] Seed',
                '[7/9] Jobs',
                '[8/9] Doctor',
                '[9/9] Login',
            ],
        );
        assert.ok(
            steps.every((line) => / \(\d+\.\d s\)$/.test(line)),
            'every step line ends with its time',
        );
        assert.match(
            steps[1] ?? '',
            /keystone created \(test-abc123@example\.com, 7 days, no namespace\)/,
        );
        assert.match(
            steps[3] ?? '',
            /412 of 412 components deployed \(force-app, config\/test-org\)/,
        );
        assert.match(steps[4] ?? '', /KeystoneAdmin assigned, KeystoneUser assigned/);
        assert.match(steps[5] ?? '', /^\[6\/9\] Seed: [\d,]+ records created, 0 already there/);
        assert.match(
            steps[6] ?? '',
            /scheduled Keystone governance cadence, Keystone health history retention, Keystone key-account selection, Keystone recompute sweep/,
        );
        assert.ok(
            log.some((line) => line.trim().startsWith('Contacts:')),
            'seed steps are shown',
        );
        assert.ok(sf.commands().includes('org create scratch'));
        assert.equal(org.rows('CronTrigger').length, 4);
    });

    it('runs again without creating anything twice', async () => {
        const { sf, log, run } = await setup();
        await run();
        const callsBefore = sf.commands().length;
        log.length = 0;
        const again = await run();
        assert.equal(again.exitCode, EXIT.ok, log.join('\n'));
        const second = sf.commands().slice(callsBefore);
        assert.ok(!second.includes('org create scratch'), 'the scratch org is reused');
        assert.match(
            log.find((line) => line.startsWith('[2/9]')) ?? '',
            /keystone reused \(test-abc123@example\.com, expires 2026-12-03\)/,
        );
        assert.match(
            log.find((line) => line.startsWith('[5/9]')) ?? '',
            /KeystoneAdmin already assigned, KeystoneUser already assigned/,
        );
        assert.match(
            log.find((line) => line.startsWith('[6/9]')) ?? '',
            /Seed: 0 records created, [\d,]+ already there/,
        );
        assert.match(
            log.find((line) => line.startsWith('[7/9]')) ?? '',
            /already scheduled Keystone governance cadence, Keystone health history retention, Keystone key-account selection, Keystone recompute sweep/,
        );
    });

    it('no Dev Hub: exit 2, the message says how to get one, nothing else runs', async () => {
        const { sf, log, run } = await setup({ devHub: false });
        const outcome = await run();
        assert.equal(outcome.exitCode, EXIT.noDevHub);
        assert.match(
            log.join('\n'),
            /\[1\/9\] Dev Hub: FAILED .*\n\nNo Dev Hub: you are logged in to no Dev Hub\./s,
        );
        assert.deepEqual(sf.commands(), ['org list', 'org list']);
    });

    it('a deploy error: exit 3 with each component, file and line', async () => {
        const { log, run } = await setup({ deployFails: true });
        const outcome = await run();
        assert.equal(outcome.exitCode, EXIT.deployFailed);
        assert.match(log.join('\n'), /\[4\/9\] Deploy: FAILED/);
        assert.match(
            log.join('\n'),
            /ApexClass AccountTeamSharing \(force-app\/main\/sharing\/classes\/AccountTeamSharing\.cls:42:9\): Variable does not exist/,
        );
    });

    it('a seed row rejected: exit 4 with the row and its field error', async () => {
        const { org, log, run } = await setup();
        org.rejectWhen((sobject, record) =>
            sobject === 'Opportunity' && record.Type === 'Renewal'
                ? {
                      statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
                      message: 'Renewals need a contract.',
                      fields: ['Type'],
                  }
                : null,
        );
        const outcome = await run();
        assert.equal(outcome.exitCode, EXIT.seedFailed);
        assert.match(log.join('\n'), /\[6\/9\] Seed: FAILED/);
        assert.match(
            log.join('\n'),
            /Opportunities: Opportunity row KS-\d+-opp-\S+ \(.+\) was rejected:\n {2}- Type: Renewals need a contract\. \[FIELD_CUSTOM_VALIDATION_EXCEPTION\]/,
        );
    });

    it('--no-seed skips the seed; the doctor then warns there is no key account', async () => {
        const { log, run } = await setup({}, { seed: false });
        const outcome = await run();
        assert.equal(outcome.exitCode, EXIT.ok);
        assert.ok(
            log.some((line) => line.startsWith('[5/8] Jobs') || line.startsWith('[6/8] Jobs')),
        );
        assert.ok(log.some((line) => /WARN +Records .*no key account yet/.test(line)));
    });

    it('a failing CLI step: exit 5 with the CLI message', async () => {
        const { log, run } = await setup({ apexFails: true });
        const outcome = await run();
        assert.equal(outcome.exitCode, EXIT.cliFailed);
        assert.match(
            log.join('\n'),
            /\[7\/9\] Jobs: FAILED[\s\S]*Invalid type: KeystoneJobs \(line 4, column 1\)/,
        );
    });
});

describe('package:version', () => {
    const project = () => ({
        namespace: 'kstn',
        packageAliases: {} as Record<string, string>,
        packageDirectories: [{ path: 'force-app', package: 'Keystone', default: true }],
    });

    it('creates the package on the first run, then a version, and prints the install URL', () => {
        const calls: string[] = [];
        const log: string[] = [];
        const answers: Record<string, string> = {
            'org list': fixture('org-list'),
            'package create': fixture('package-create'),
            'package version create': fixture('package-version-create'),
        };
        const sf = new SfCli((args) => {
            const command = args
                .filter((arg) => !arg.startsWith('-'))
                .slice(0, 3)
                .join(' ')
                .replace(/ Keystone$/, '');
            const key = Object.keys(answers).find((name) => command.startsWith(name)) ?? '';
            calls.push(key);
            return { status: 0, stdout: answers[key] ?? '', stderr: '' };
        });
        const code = createPackageVersion(
            { waitMinutes: 60 },
            { sf, build: () => 9, project, log: (line) => log.push(line) },
        );
        assert.equal(code, 0, log.join('\n'));
        assert.deepEqual(calls, ['org list', 'package create', 'package version create']);
        assert.match(log.join('\n'), /placeholder namespace/);
        assert.match(
            log.join('\n'),
            /Package Keystone created \(0Ho000000000001CAA\).*commit that change/,
        );
        assert.match(
            log.join('\n'),
            /Version 0\.1\.0\.1 \(04t000000000001AAA\), code coverage 87 %\./,
        );
        assert.ok(log.includes(`Install: ${installUrl('04t000000000001AAA')}`));
    });

    it('without a Dev Hub: exit 2 and how to get one', () => {
        const log: string[] = [];
        const code = createPackageVersion(
            { waitMinutes: 60 },
            {
                sf: recorded('org-list-no-devhub'),
                build: () => 9,
                project,
                log: (line) => log.push(line),
            },
        );
        assert.equal(code, 2);
        assert.match(log.join('\n'), /No Dev Hub: .*sf org login web --set-default-dev-hub/s);
    });

    it('a refused version: exit 5 with the reasons', () => {
        const log: string[] = [];
        const sf = new SfCli((args) =>
            args[0] === 'org'
                ? { status: 0, stdout: fixture('org-list'), stderr: '' }
                : { status: 1, stdout: fixture('package-version-create-error'), stderr: '' },
        );
        const code = createPackageVersion(
            { waitMinutes: 60 },
            {
                sf,
                build: () => 9,
                project: () => ({
                    ...project(),
                    packageAliases: { Keystone: '0Ho000000000001CAA' },
                }),
                log: (line) => log.push(line),
            },
        );
        assert.equal(code, 5);
        assert.match(log.join('\n'), /Code coverage is 71%/);
    });
});

describe('flags', () => {
    const spec = {
        values: { 'target-org': undefined, accounts: '30' },
        switches: ['no-seed'],
        required: ['target-org'],
        usage: 'usage: x',
    };
    it('reads values, defaults and switches', () => {
        const parsed = parseFlags(['--target-org', 'k', '--no-seed', '--accounts=5'], spec);
        assert.deepEqual(parsed.values, { accounts: '5', 'target-org': 'k' });
        assert.ok(parsed.switches.has('no-seed'));
    });
    it('refuses unknown flags, missing values and missing required flags', () => {
        assert.throws(() => parseFlags(['--target-org', 'k', '--tagret'], spec), UsageError);
        assert.throws(() => parseFlags(['--target-org'], spec), /--target-org needs a value/);
        assert.throws(() => parseFlags([], spec), /--target-org is required\n\nusage: x/);
    });
});
