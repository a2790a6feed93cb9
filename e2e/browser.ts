// Headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core, with a fresh
// profile directory per run that is removed on close.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
];

export interface E2eBrowser {
    context: BrowserContext;
    close(): Promise<void>;
}

export async function launchBrowser(): Promise<E2eBrowser> {
    // Playwright passes the profile as --user-data-dir itself (it rejects it in args).
    const userDataDir = mkdtempSync(join(tmpdir(), 'keystone-e2e-profile-'));
    try {
        const context = await chromium.launchPersistentContext(userDataDir, {
            executablePath: CHROMIUM_PATH,
            headless: true,
            args: CHROMIUM_ARGS,
            viewport: { width: 1280, height: 900 },
        });
        return {
            context,
            close: async () => {
                try {
                    await context.close();
                } finally {
                    rmSync(userDataDir, { recursive: true, force: true });
                }
            },
        };
    } catch (error) {
        rmSync(userDataDir, { recursive: true, force: true });
        throw error;
    }
}
