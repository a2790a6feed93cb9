// The Java side of the Apex gates: PMD 7 and the apex-ls type checker both ship as jars inside
// @salesforce/code-analyzer-pmd-engine (pinned in package.json: the jar layout is internal to
// that package). Java 17 runs them; nothing is downloaded.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../lib/projectPaths.ts';

export const JAVA_LIB = join(
    PROJECT_ROOT,
    'node_modules',
    '@salesforce',
    'code-analyzer-pmd-engine',
    'dist',
    'java-lib',
);

export interface JavaRun {
    status: number;
    stdout: string;
    stderr: string;
}

export function assertJavaAvailable(): void {
    const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
    if (probe.error || probe.status !== 0) {
        throw new Error(
            'Java 17 is needed for the Apex gates (PMD, apex-ls, prettier-plugin-apex) and was not found on PATH. ' +
                'Install it with `apt-get install -y openjdk-17-jre-headless`.',
        );
    }
    if (!existsSync(JAVA_LIB)) {
        throw new Error(`${JAVA_LIB} is missing: run npm ci.`);
    }
}

export function runJava(args: string[], options: { cwd?: string } = {}): JavaRun {
    assertJavaAvailable();
    const result = spawnSync('java', ['-cp', `${JAVA_LIB}/*`, ...args], {
        cwd: options.cwd ?? PROJECT_ROOT,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
    });
    if (result.error) throw result.error;
    return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}
