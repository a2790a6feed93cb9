// `npm start`: starts the preview's local org (Keystone's Apex over the seeded sample portfolio,
// org/previewOrg.ts), builds the preview and serves it on http://127.0.0.1:$PORT/ (default 3000).
// It prints how long the org took to load and to seed.
//   --watch   rebuild when a component, stand-in, adapter or page file changes (reload the page)
// Ctrl-C (SIGINT) or SIGTERM closes the server and the watcher and exits.
import type { RollupWatcher } from 'rollup';
import { buildPreview, watchPreview } from './buildPreview.ts';
import { formatTimings, startPreviewOrg } from './org/previewOrg.ts';
import { startPreviewServer } from './server.ts';

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

    const org = await startPreviewOrg();
    console.log(formatTimings(org.timings));
    console.log(`preview: the page runs as ${org.previewUserName} (Keystone User)`);
    const built = await buildPreview();
    console.log(`preview: built in ${(built.milliseconds / 1000).toFixed(1)} s`);

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
    });
    console.log(`Keystone preview: ${server.url}${watchMode ? ' (watching for changes)' : ''}`);
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
