// `npm start`: starts the preview's local org (Keystone's Apex over the seeded sample portfolio,
// org/previewOrg.ts), builds the preview and serves it on http://127.0.0.1:$PORT/ (default 3000).
// The page is built in a child process while the org loads and seeds here (two cores, about half
// the wait); it prints how long the org took to load and to seed, and the whole start-up.
//   --watch   rebuild when a component, stand-in or page file changes (reload the page)
// Ctrl-C (SIGINT) or SIGTERM closes the server and the watcher and exits.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { RollupWatcher } from 'rollup';
import { watchPreview } from './buildPreview.ts';
import { formatTimings, startPreviewOrg } from './org/previewOrg.ts';
import { PREVIEW_DIR } from './paths.ts';
import { startPreviewServer } from './server.ts';

/** `buildPreview.ts` as its own process; resolves when it has written the bundle. */
function buildInChildProcess(): Promise<void> {
    const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(PREVIEW_DIR, 'buildPreview.ts')],
        { stdio: ['ignore', 'inherit', 'inherit'] },
    );
    return new Promise((resolve, reject) => {
        child.once('error', reject);
        child.once('exit', (code) =>
            code === 0 ? resolve() : reject(new Error(`preview: the build failed (exit ${code})`)),
        );
    });
}

function portFromEnvironment(): number {
    const text = process.env.PORT ?? '3000';
    const port = Number(text);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new Error(`PORT must be a port number (got ${JSON.stringify(text)})`);
    }
    return port;
}

async function main(): Promise<void> {
    const port = portFromEnvironment();
    const watchMode = process.argv.includes('--watch');

    const started = performance.now();
    const built = buildInChildProcess();
    // The child's failure is reported when it is awaited, after the org.
    built.catch(() => {});
    const org = await startPreviewOrg();
    console.log(formatTimings(org.timings));
    console.log(`preview: the page runs as ${org.previewUserName} (Keystone User)`);
    await built.catch(async (error: unknown) => {
        await org.close();
        throw error;
    });

    let watcher: RollupWatcher | undefined;
    if (watchMode) {
        let first = true;
        watcher = watchPreview({
            onBuilt: (milliseconds) => {
                if (first) {
                    first = false;
                    return;
                }
                console.log(
                    `preview: rebuilt in ${(milliseconds / 1000).toFixed(1)} s — reload the page`,
                );
            },
            onError: (error) => console.error(`preview: build failed\n${error.message}`),
        });
    }

    const server = await startPreviewServer({
        port,
        org: { url: org.url, token: org.previewToken, userId: org.previewUserId },
        portfolioOrg: { url: org.url, token: org.leaderToken, userId: org.leaderUserId },
    });
    console.log(
        `preview: started in ${((performance.now() - started) / 1000).toFixed(1)} s (org and build side by side)`,
    );
    console.log(`Keystone preview: ${server.url}${watchMode ? ' (watching for changes)' : ''}`);
    console.log(`Key account portfolio (as the sales leader): ${server.url}portfolio`);
    console.log('Press Ctrl-C to stop.');

    let stopping = false;
    const stop = async (signal: string): Promise<void> => {
        if (stopping) return;
        stopping = true;
        console.log(`\npreview: ${signal}, stopping`);
        await Promise.all([server.close(), watcher?.close(), org.close()]);
        process.exit(0);
    };
    process.on('SIGINT', () => void stop('SIGINT'));
    process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE') {
        console.error(
            `preview: port ${process.env.PORT ?? '3000'} is in use; stop what uses it or set PORT.`,
        );
    } else {
        console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    }
    process.exit(1);
});
