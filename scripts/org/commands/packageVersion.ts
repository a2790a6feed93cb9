// npm run package:version [-- --target-dev-hub <alias> --wait 60]
import { UsageError, parseFlags } from '../args.ts';
import { createPackageVersion, readProject } from '../packageVersion.ts';
import { SfCli } from '../sfCli.ts';
import { runBuild } from './build.ts';

const USAGE = `usage: npm run package:version -- [--target-dev-hub <alias>] [--wait 60]

Builds, then creates a managed (2GP) package version of Keystone with code coverage, on the Dev
Hub that owns the namespace in sfdx-project.json. The first run also creates the package.
Exit codes: 0 ok, 2 no Dev Hub, 5 the CLI refused (the message says why).`;

function main(argv: string[]): number {
    const { values } = parseFlags(argv, {
        values: { 'target-dev-hub': undefined, wait: '60' },
        switches: [],
        usage: USAGE,
    });
    const waitMinutes = Number(values.wait);
    if (!Number.isInteger(waitMinutes) || waitMinutes < 1)
        throw new UsageError('--wait takes minutes', USAGE);
    return createPackageVersion(
        { ...(values['target-dev-hub'] ? { devHub: values['target-dev-hub'] } : {}), waitMinutes },
        {
            sf: new SfCli(),
            build: runBuild,
            project: () => readProject(),
            log: (line) => console.log(line),
        },
    );
}

try {
    process.exitCode = main(process.argv.slice(2));
} catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = error instanceof UsageError ? 64 : 5;
}
