// Browser tests of the local preview: builds it, starts its local org (Keystone's Apex over the
// seeded sample portfolio), serves it on a free port, runs every test in
// headless Chromium, saves screenshots to artifacts/e2e/, prints `e2e: N passed, N failed`, and
// exits non-zero on failure. The browser and the server are always closed.
//   npx tsx e2e/runE2e.ts [--grep text]   (--grep: only the tests whose name contains text)
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../scripts/lib/projectPaths.ts';
import { buildPreview } from '../scripts/preview/buildPreview.ts';
import { formatTimings, startPreviewOrg } from '../scripts/preview/org/previewOrg.ts';
import type { PreviewOrg } from '../scripts/preview/org/previewOrg.ts';
import { startPreviewServer } from '../scripts/preview/server.ts';
import type { PreviewServer } from '../scripts/preview/server.ts';
import { accountPageTests } from './accountPage.e2e.ts';
import { componentTests } from './components.e2e.ts';
import { freshCloneTests } from './freshClone.e2e.ts';
import { findFlowAccounts, usePreviewOrg } from './keystonePage.ts';
import { planEditTests } from './planEdit.e2e.ts';
import { portfolioTests } from './portfolio.e2e.ts';
import { stakeholderAddTests } from './stakeholderAdd.e2e.ts';
import { whitespaceEditTests } from './whitespaceEdit.e2e.ts';
import type { E2eBrowser } from './browser.ts';
import { CHROMIUM_PATH, launchBrowser } from './browser.ts';
import type { E2eTest } from './harness.ts';
import { runTests } from './harness.ts';

const ARTIFACTS_DIR = join(PROJECT_ROOT, 'artifacts', 'e2e');
const TESTS: E2eTest[] = [
    ...accountPageTests,
    ...componentTests,
    ...whitespaceEditTests,
    ...stakeholderAddTests,
    ...planEditTests,
    ...freshCloneTests,
    ...portfolioTests,
];

function selectedTests(): E2eTest[] {
    const index = process.argv.indexOf('--grep');
    const text = index > 0 ? (process.argv[index + 1] ?? '') : '';
    return text ? TESTS.filter((test) => test.name.includes(text)) : TESTS;
}

async function main(): Promise<number> {
    if (!existsSync(CHROMIUM_PATH)) {
        console.error(
            `e2e: no Chromium at ${CHROMIUM_PATH}; install it with ` +
                '`bash scripts/setup/ensureTools.sh --with-chromium` (apt-get install chromium).',
        );
        return 1;
    }
    const started = performance.now();
    const built = await buildPreview();
    console.log(`e2e: preview built in ${(built.milliseconds / 1000).toFixed(1)} s`);

    let server: PreviewServer | undefined;
    let browser: E2eBrowser | undefined;
    let org: PreviewOrg | undefined;
    const closeAll = async (): Promise<void> => {
        const [b, s, o] = [browser, server, org];
        browser = undefined;
        server = undefined;
        org = undefined;
        await Promise.allSettled([b?.close(), s?.close(), o?.close()]);
    };
    const onSignal = (signal: NodeJS.Signals): void => {
        void closeAll().then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);

    try {
        org = await startPreviewOrg();
        console.log(`e2e: ${formatTimings(org.timings).replace(/^preview: /, '')}`);
        usePreviewOrg(org);
        await findFlowAccounts();
        server = await startPreviewServer({
            port: 0,
            org: { url: org.url, token: org.previewToken, userId: org.previewUserId },
            portfolioOrg: { url: org.url, token: org.leaderToken, userId: org.leaderUserId },
        });
        browser = await launchBrowser();
        rmSync(ARTIFACTS_DIR, { recursive: true, force: true });
        const outcomes = await runTests(
            selectedTests(),
            browser.context,
            server.url,
            ARTIFACTS_DIR,
        );
        const passed = outcomes.filter((outcome) => outcome.passed).length;
        const failed = outcomes.length - passed;
        const seconds = (performance.now() - started) / 1000;
        console.log(`e2e: screenshots in ${ARTIFACTS_DIR.slice(PROJECT_ROOT.length + 1)}/`);
        console.log(`e2e: ${passed} passed, ${failed} failed (${seconds.toFixed(1)} s)`);
        return failed > 0 ? 1 : 0;
    } finally {
        await closeAll();
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
    }
}

main().then(
    (code) => {
        process.exitCode = code;
    },
    (error: unknown) => {
        console.error(error instanceof Error ? (error.stack ?? error.message) : error);
        console.log('e2e: 0 passed, 1 failed (the run did not complete)');
        process.exitCode = 1;
    },
);
