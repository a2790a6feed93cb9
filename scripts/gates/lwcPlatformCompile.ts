// Gate: the .js we deploy is what the platform's own LWC compiler accepts.
// @lwc/sfdc-lwc-compiler is the compiler Salesforce runs on deploy (published to npm, marked
// "not for direct use"); compiling each bundle with type 'platform' reports the same
// diagnostics a deploy would (e.g. LWC1503 for `@api onclick`), without an org.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from '@lwc/sfdc-lwc-compiler';
import { buildLwc, writeComponentPaths } from '../build/buildLwc.ts';
import { PACKAGE_DIR, listFilesRecursively, listLwcBundles } from '../lib/projectPaths.ts';

export interface BundleProblem {
    bundle: string;
    message: string;
}

const DEPLOYED_EXTENSIONS = ['.js', '.html', '.css', '.svg'];

/** The files of a bundle as a deploy sends them: generated .js, templates, styles; no tests. */
export function deployedFiles(bundleDir: string): Record<string, string> {
    const files: Record<string, string> = {};
    for (const file of listFilesRecursively(bundleDir)) {
        const parts = file.split('/');
        if (parts.includes('__tests__') || parts.includes('__mocks__')) continue;
        if (!DEPLOYED_EXTENSIONS.some((extension) => file.endsWith(extension))) continue;
        files[file] = readFileSync(join(bundleDir, file), 'utf8');
    }
    return files;
}

export async function compileBundle(bundleDir: string, name: string): Promise<string[]> {
    const files = deployedFiles(bundleDir);
    if (!existsSync(join(bundleDir, `${name}.js`))) {
        return [`${name}.js is missing (run npm run build)`];
    }
    const output = await compile({
        bundle: { namespace: 'c', name, type: 'platform', files },
    });
    const diagnostics = [
        ...output.diagnostics,
        ...(output.results ?? []).flatMap((result) => result.diagnostics),
    ];
    // Level 0 is Fatal and 1 is Error in @lwc/errors; warnings (2) and logs (3) do not fail.
    const blocking = diagnostics.filter((diagnostic) => diagnostic.level <= 1);
    const messages = blocking.map((diagnostic) => {
        const where = diagnostic.filename ? `${diagnostic.filename}: ` : '';
        return `${where}${diagnostic.code ? `LWC${diagnostic.code} ` : ''}${diagnostic.message}`;
    });
    if (!output.success && messages.length === 0) {
        messages.push('the platform compiler reported failure without a diagnostic');
    }
    return messages;
}

export async function compileAllBundles(packageDir: string = PACKAGE_DIR): Promise<{
    bundles: number;
    problems: BundleProblem[];
}> {
    const bundles = listLwcBundles(packageDir);
    const problems: BundleProblem[] = [];
    for (const { name, dir } of bundles) {
        const messages = await compileBundle(dir, name);
        problems.push(...messages.map((message) => ({ bundle: name, message })));
    }
    return { bundles: bundles.length, problems };
}

if (import.meta.url === `file://${process.argv[1]}`) {
    const sourceDir = process.argv[2] ?? PACKAGE_DIR;
    if (sourceDir === PACKAGE_DIR) {
        writeComponentPaths();
        buildLwc(sourceDir);
    }
    const { bundles, problems } = await compileAllBundles(sourceDir);
    for (const problem of problems) {
        console.error(`lwc/${problem.bundle}: ${problem.message}`);
    }
    console.log(`lwc platform compile: ${bundles} bundles, ${problems.length} errors`);
    process.exitCode = problems.length > 0 ? 1 : 0;
}
