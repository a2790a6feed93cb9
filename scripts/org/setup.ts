// `npm run org:setup`: from nothing to a working Keystone scratch org, one step at a time with a
// progress line each (counts and elapsed time), and safe to run again: an existing scratch org
// is reused, a deploy of unchanged source changes nothing, an existing assignment is kept, the
// seed creates only what is missing and the jobs are scheduled only when they are not.
//
// Steps: Dev Hub → scratch org → build → deploy → permission sets → seed → jobs → doctor →
// login URL. The CLI does the org work (SfCli), jsforce the data (seed, doctor).
import type { SamplePortfolio } from '../data/sampleDataset.ts';
import type { OrgConnection } from './connection.ts';
import { soqlString } from './connection.ts';
import { SCHEDULE_JOBS_APEX, doctorExitCode, formatDoctor, runDoctor } from './doctor.ts';
import type { Expectations } from './doctor.ts';
import { KeystoneNotInstalledError } from './schemaNames.ts';
import { SeedRowError, SeedSetupError, seedPortfolio } from './seed.ts';
import { DeployFailedError, NoDevHubError, SfCommandFailed } from './sfCli.ts';
import type { OrgDisplayReturn, SfCli } from './sfCli.ts';

export const DEFINITION_FILE = 'config/project-scratch-def.json';
/** The package, then the org shape its Apex tests assume (Private accounts). */
export const DEPLOY_DIRS = ['force-app', 'config/test-org'];
export const SETUP_PERMISSION_SETS = ['KeystoneAdmin', 'KeystoneUser'];

/** Exit codes, one per failure mode, so a CI job can tell them apart. */
export const EXIT = {
    ok: 0,
    doctorFailed: 1,
    noDevHub: 2,
    deployFailed: 3,
    seedFailed: 4,
    cliFailed: 5,
} as const;

export interface SetupOptions {
    alias: string;
    devHub?: string;
    durationDays: number;
    /** Create the scratch org with the project's namespace (only once it is registered). */
    withNamespace: boolean;
    seed: boolean;
}

export interface SetupDeps {
    sf: SfCli;
    /** Runs the LWC build; returns how many components it built. */
    build: () => number;
    connect: (auth: OrgDisplayReturn) => OrgConnection;
    portfolio: () => SamplePortfolio;
    expectations: Expectations;
    log: (line: string) => void;
    clock?: () => number;
}

export interface SetupOutcome {
    exitCode: number;
    loginUrl?: string;
}

/** The Id of the user a connection acts as, from the username `sf org display` gave. */
export async function userIdOf(connection: OrgConnection, username: string): Promise<string> {
    const result = await connection.query<{ Id: string }>(
        `SELECT Id FROM User WHERE Username = ${soqlString(username)} LIMIT 1`,
    );
    const id = result.records[0]?.Id;
    if (!id) throw new Error(`No user ${username} in the org`);
    return id;
}

/** What KeystoneJobs.scheduleAll() printed (scripts/org/apex/scheduleJobs.apex). */
export function jobsOutcome(logs: string | undefined): {
    scheduled: string[];
    alreadyScheduled: string[];
} {
    const line = (logs ?? '').split('\n').find((entry) => entry.includes('KEYSTONE_JOBS '));
    if (!line) throw new Error('the schedule script printed no KEYSTONE_JOBS line');
    const parsed = JSON.parse(line.slice(line.indexOf('KEYSTONE_JOBS ') + 14)) as {
        scheduled?: string[];
        alreadyScheduled?: string[];
    };
    return { scheduled: parsed.scheduled ?? [], alreadyScheduled: parsed.alreadyScheduled ?? [] };
}

function exitCodeOf(error: unknown): number {
    if (error instanceof NoDevHubError) return EXIT.noDevHub;
    if (error instanceof DeployFailedError) return EXIT.deployFailed;
    if (
        error instanceof SeedRowError ||
        error instanceof SeedSetupError ||
        error instanceof KeystoneNotInstalledError
    ) {
        return EXIT.seedFailed;
    }
    return EXIT.cliFailed;
}

export async function runSetup(options: SetupOptions, deps: SetupDeps): Promise<SetupOutcome> {
    const clock = deps.clock ?? (() => performance.now());
    const steps = options.seed ? 9 : 8;
    let index = 0;
    let loginUrl: string | undefined;
    let doctorFailed = false;

    const step = async (name: string, work: () => Promise<string> | string): Promise<void> => {
        index += 1;
        const started = clock();
        const prefix = `[${index}/${steps}] ${name}`;
        try {
            const detail = await work();
            deps.log(`${prefix}: ${detail} (${((clock() - started) / 1000).toFixed(1)} s)`);
        } catch (error) {
            deps.log(`${prefix}: FAILED (${((clock() - started) / 1000).toFixed(1)} s)`);
            throw error;
        }
    };

    try {
        let existing = deps.sf.scratchOrg(options.alias);
        await step('Dev Hub', () => {
            if (existing) return `not needed: scratch org ${options.alias} exists`;
            const hub = deps.sf.devHub(options.devHub);
            return `${hub.alias ?? hub.username} (${hub.username})`;
        });
        await step('Scratch org', () => {
            if (existing) {
                return `${options.alias} reused (${existing.username}, expires ${existing.expirationDate ?? 'unknown'})`;
            }
            const hub = deps.sf.devHub(options.devHub);
            const created = deps.sf.createScratchOrg({
                alias: options.alias,
                definitionFile: DEFINITION_FILE,
                devHub: hub.alias ?? hub.username,
                durationDays: options.durationDays,
                withNamespace: options.withNamespace,
            });
            existing = deps.sf.scratchOrg(options.alias);
            return `${options.alias} created (${created.username ?? 'new user'}, ${options.durationDays} days${options.withNamespace ? '' : ', no namespace'})`;
        });
        await step('Build', () => `${deps.build()} components built from TypeScript`);
        await step('Deploy', () => {
            const result = deps.sf.deploy(DEPLOY_DIRS, options.alias);
            return `${result.numberComponentsDeployed ?? 0} of ${result.numberComponentsTotal ?? 0} components deployed (${DEPLOY_DIRS.join(', ')})`;
        });
        await step('Permission sets', () =>
            SETUP_PERMISSION_SETS.map(
                (name) => `${name} ${deps.sf.assignPermissionSet(name, options.alias)}`,
            ).join(', '),
        );
        const auth = deps.sf.displayOrg(options.alias);
        const connection = deps.connect(auth);
        if (options.seed) {
            await step('Seed', async () => {
                const report = await seedPortfolio(connection, {
                    portfolio: deps.portfolio(),
                    runningUserId: await userIdOf(connection, auth.username),
                    progress: (line) => deps.log(`      ${line}`),
                });
                return `${report.created.toLocaleString('en-US')} records created, ${report.existing.toLocaleString('en-US')} already there, ${report.updated} links set (${report.requests} API requests)`;
            });
        }
        await step('Jobs', () => {
            const outcome = jobsOutcome(deps.sf.runApex(SCHEDULE_JOBS_APEX, options.alias).logs);
            return [
                outcome.scheduled.length > 0 ? `scheduled ${outcome.scheduled.join(', ')}` : '',
                outcome.alreadyScheduled.length > 0
                    ? `already scheduled ${outcome.alreadyScheduled.join(', ')}`
                    : '',
            ]
                .filter(Boolean)
                .join('; ');
        });
        await step('Doctor', async () => {
            const lines = await runDoctor(connection, {
                expectations: deps.expectations,
                targetOrg: options.alias,
            });
            for (const line of formatDoctor(lines).split('\n')) deps.log(`      ${line}`);
            doctorFailed = doctorExitCode(lines) !== 0;
            const tally = (status: string): number =>
                lines.filter((line) => line.status === status).length;
            return `${tally('OK')} OK, ${tally('WARN')} WARN, ${tally('FAIL')} FAIL`;
        });
        await step('Login', () => {
            loginUrl = deps.sf.loginUrl(options.alias).url;
            return loginUrl;
        });
    } catch (error) {
        deps.log('');
        deps.log(error instanceof Error ? error.message : String(error));
        if (error instanceof SfCommandFailed && error.actions.length > 0) {
            for (const action of error.actions) deps.log(`  ${action}`);
        }
        return { exitCode: exitCodeOf(error) };
    }
    return {
        exitCode: doctorFailed ? EXIT.doctorFailed : EXIT.ok,
        ...(loginUrl ? { loginUrl } : {}),
    };
}
