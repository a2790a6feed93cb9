// npm run org:seed -- --target-org <alias> [--accounts 30]
import { generatePortfolio } from '../../data/sampleDataset.ts';
import { UsageError, parseFlags } from '../args.ts';
import { jsforceConnection } from '../connection.ts';
import { KeystoneNotInstalledError } from '../schemaNames.ts';
import { SeedRowError, SeedSetupError, seedPortfolio } from '../seed.ts';
import { userIdOf } from '../setup.ts';
import { SfCli } from '../sfCli.ts';

const USAGE = `usage: npm run org:seed -- --target-org <alias> [--accounts 30]

Loads the sample portfolio (scripts/data/sampleDataset.ts) into the org through jsforce, in
dependency order and with Keystone's triggers on. Run it again at will: it creates only what is
missing. Exit codes: 0 ok, 4 a row was rejected (row and field named) or the org lacks something
the seed needs, 5 the CLI could not reach the org.`;

async function main(argv: string[]): Promise<number> {
    const { values } = parseFlags(argv, {
        values: { 'target-org': undefined, accounts: '30' },
        switches: [],
        required: ['target-org'],
        usage: USAGE,
    });
    const accounts = Number(values.accounts);
    if (!Number.isInteger(accounts) || accounts < 1)
        throw new UsageError('--accounts takes a positive number', USAGE);
    const auth = new SfCli().displayOrg(values['target-org'] ?? '');
    const connection = jsforceConnection(auth);
    const started = performance.now();
    try {
        const report = await seedPortfolio(connection, {
            portfolio: generatePortfolio({ accounts }),
            runningUserId: await userIdOf(connection, auth.username),
            progress: (line) => console.log(line),
        });
        console.log(
            `seed: ${report.created.toLocaleString('en-US')} records created, ${report.existing.toLocaleString('en-US')} already there, ${report.updated} links set in ${auth.username}${report.namespace ? ` (namespace ${report.namespace})` : ''}; ${report.requests} API requests, ${((performance.now() - started) / 1000).toFixed(1)} s. The triggers recompute as the records arrive; npm run org:doctor shows the backlog.`,
        );
        return 0;
    } catch (error) {
        if (
            error instanceof SeedRowError ||
            error instanceof SeedSetupError ||
            error instanceof KeystoneNotInstalledError
        ) {
            console.error(error.message);
            return 4;
        }
        throw error;
    }
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
