// npm run org:doctor -- --target-org <alias>
import { UsageError, parseFlags } from '../args.ts';
import { jsforceConnection } from '../connection.ts';
import { doctorExitCode, expectationsFromProject, formatDoctor, runDoctor } from '../doctor.ts';
import { SfCli } from '../sfCli.ts';

const USAGE = `usage: npm run org:doctor -- --target-org <alias>

Checks an org with Keystone in it: permission sets assigned, jobs scheduled, Custom Metadata
present, triggers active, recompute backlog and errors, record counts. Prints OK / WARN / FAIL
with the fix; exits 1 when a line is FAIL.`;

async function main(argv: string[]): Promise<number> {
    const { values } = parseFlags(argv, {
        values: { 'target-org': undefined },
        switches: [],
        required: ['target-org'],
        usage: USAGE,
    });
    const targetOrg = values['target-org'] ?? '';
    const connection = jsforceConnection(new SfCli().displayOrg(targetOrg));
    const lines = await runDoctor(connection, {
        expectations: expectationsFromProject(),
        targetOrg,
    });
    console.log(formatDoctor(lines));
    return doctorExitCode(lines);
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
