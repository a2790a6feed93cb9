// The LWC build the setup and package scripts run first: the same `npm run build` a developer
// runs (scripts/build/buildLwc.ts), in its own process.
import { spawnSync } from 'node:child_process';
import { PROJECT_ROOT } from '../../lib/projectPaths.ts';

/** Runs the build; returns how many component bundles it built. */
export function runBuild(): number {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build/buildLwc.ts'], {
        cwd: PROJECT_ROOT,
        encoding: 'utf8',
    });
    if (run.status !== 0) {
        throw new Error(`npm run build failed:\n${run.stderr || run.stdout}`);
    }
    const match = /in (\d+) bundles/.exec(run.stdout);
    return Number(match?.[1] ?? 0);
}
