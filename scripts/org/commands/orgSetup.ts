// npm run org:setup [-- --alias keystone --target-dev-hub <alias> --duration-days 7
//                      --with-namespace --no-seed]
import { generatePortfolio } from '../../data/sampleDataset.ts';
import { UsageError, parseFlags } from '../args.ts';
import { jsforceConnection } from '../connection.ts';
import { expectationsFromProject } from '../doctor.ts';
import { runSetup } from '../setup.ts';
import { SfCli } from '../sfCli.ts';
import { runBuild } from './build.ts';

const USAGE = `usage: npm run org:setup -- [--alias keystone] [--target-dev-hub <alias>] [--duration-days 7] [--with-namespace] [--no-seed]

Creates (or reuses) a scratch org, builds, deploys Keystone and the test-org shape, assigns
Keystone Admin and Keystone User, seeds the sample portfolio, schedules the jobs, checks the org
and prints the login URL. --with-namespace only once the namespace in sfdx-project.json is
registered and linked to the Dev Hub. Exit codes: 0 ok, 1 the doctor found a FAIL, 2 no Dev Hub,
3 deploy failed, 4 a seed row was rejected, 5 another CLI step failed.`;

async function main(argv: string[]): Promise<number> {
    const { values, switches } = parseFlags(argv, {
        values: { alias: 'keystone', 'target-dev-hub': undefined, 'duration-days': '7' },
        switches: ['with-namespace', 'no-seed'],
        usage: USAGE,
    });
    const durationDays = Number(values['duration-days']);
    if (!Number.isInteger(durationDays) || durationDays < 1 || durationDays > 30) {
        throw new UsageError('--duration-days takes 1 to 30', USAGE);
    }
    const outcome = await runSetup(
        {
            alias: values.alias ?? 'keystone',
            ...(values['target-dev-hub'] ? { devHub: values['target-dev-hub'] } : {}),
            durationDays,
            withNamespace: switches.has('with-namespace'),
            seed: !switches.has('no-seed'),
        },
        {
            sf: new SfCli(),
            build: runBuild,
            connect: jsforceConnection,
            portfolio: () => generatePortfolio(),
            expectations: expectationsFromProject(),
            log: (line) => console.log(line),
        },
    );
    if (outcome.loginUrl) console.log(`\nOpen Keystone: ${outcome.loginUrl}`);
    return outcome.exitCode;
}

main(process.argv.slice(2)).then(
    (code) => {
        process.exitCode = code;
    },
    (error: unknown) => {
        console.error(error instanceof Error ? error.message : String(error));
        process.exitCode = error instanceof UsageError ? 64 : 5;
    },
);
