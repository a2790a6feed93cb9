// A new user's first run: `npm start` on a fresh clone, where nothing was ever built. The test
// copies the project's files as a clone has them (tracked and new files, nothing gitignored: no
// generated .js, no d3 static resource, no .preview-build), links the installed node_modules
// (a clone runs `npm ci` first; that is not build output), starts the preview there as
// `npm start` does, and opens a key account: the relationship map must draw, and no request
// the page makes may fail or answer 404.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PROJECT_ROOT } from '../scripts/lib/projectPaths.ts';
import type { E2eTest } from './harness.ts';
import { openTab, relationshipMap, requireFlowAccount } from './keystonePage.ts';

/** What `git clone` would check out of this working tree: tracked and untracked, not ignored. */
function cloneFiles(): string[] {
    const listed = spawnSync(
        'git',
        ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
        { cwd: PROJECT_ROOT, encoding: 'utf8' },
    );
    if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
    return listed.stdout.split('\0').filter((file) => file && existsSync(join(PROJECT_ROOT, file)));
}

function freshClone(): string {
    const root = mkdtempSync(join(tmpdir(), 'keystone-fresh-clone-'));
    for (const file of cloneFiles()) {
        mkdirSync(dirname(join(root, file)), { recursive: true });
        cpSync(join(PROJECT_ROOT, file), join(root, file));
    }
    symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
    return root;
}

/** Starts the preview as `npm start` does (scripts/preview/start.ts) and waits for its URL. */
function startPreview(root: string): Promise<{ child: ChildProcess; url: string; output: string }> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/preview/start.ts'], {
        cwd: root,
        env: { ...process.env, PORT: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
            reject(new Error(`the preview did not start within 240 s:\n${output}`));
        }, 240_000);
        const read = (chunk: Buffer): void => {
            output += chunk.toString();
            const match = /Keystone preview: (http:\/\/\S+)/.exec(output);
            if (match?.[1]) {
                clearTimeout(timer);
                resolve({ child, url: match[1], output });
            }
        };
        child.stdout?.on('data', read);
        child.stderr?.on('data', read);
        child.once('exit', (code) => {
            clearTimeout(timer);
            reject(new Error(`the preview exited (${code}) before serving:\n${output}`));
        });
    });
}

function stop(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
    });
}

export const freshCloneTests: E2eTest[] = [
    {
        name: 'npm start on a fresh clone serves a working relationship map',
        async run({ page, problems }) {
            const account = requireFlowAccount();
            const root = freshClone();
            let child: ChildProcess | undefined;
            try {
                const d3Resource = join(
                    root,
                    'force-app/main/relationship-map/staticresources/d3.js',
                );
                assert.ok(!existsSync(d3Resource), 'a clone has no d3 static resource yet');
                assert.ok(!existsSync(join(root, '.preview-build')), 'nor any preview build');
                const started = await startPreview(root);
                child = started.child;
                const timings = /preview: local org loaded.*/.exec(started.output)?.[0];
                assert.ok(timings, 'npm start prints how long the local org took');
                console.log(`     fresh clone: ${timings}`);

                const resources: { url: string; status: number }[] = [];
                page.on('response', (response) => {
                    if (new URL(response.url()).pathname.startsWith('/resource/')) {
                        resources.push({ url: response.url(), status: response.status() });
                    }
                });
                // The clone's org is a new one: the account is found by its name.
                await page.goto(started.url);
                await page.locator('c-key-account-badge [data-id="headline"]').waitFor();
                await page
                    .getByLabel('Account', { exact: true })
                    .selectOption({ label: account.name });
                await page.locator('[data-id="account-name"]', { hasText: account.name }).waitFor();
                await openTab(page, 'Relationship Map');
                const map = relationshipMap(page);
                await map.locator('[data-node-id]').first().waitFor({ timeout: 20_000 });
                assert.equal(
                    await map.locator('[data-id="chart-error"]').count(),
                    0,
                    'the map is drawn, not replaced by the table',
                );
                await page.waitForLoadState('networkidle');
                assert.ok(
                    resources.some(
                        (resource) =>
                            new URL(resource.url).pathname === '/resource/d3' &&
                            resource.status === 200,
                    ),
                    `the d3 static resource was served: ${JSON.stringify(resources)}`,
                );
                assert.ok(existsSync(d3Resource), "the preview's own build made the resource");
                assert.deepEqual(problems, [], 'no request failed and nothing answered 404');
            } finally {
                if (child) await stop(child);
                rmSync(root, { recursive: true, force: true });
            }
        },
    },
];
