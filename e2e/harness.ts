// A small test loop for the browser tests: each test gets a fresh page, everything the page
// reports as a problem (console errors, uncaught exceptions, failed requests) is collected, and
// a screenshot is saved for every test under artifacts/e2e/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';

export interface TestContext {
    page: Page;
    baseUrl: string;
    /** Problems the page reported so far: console errors, page errors, failed requests. */
    problems: string[];
    /** Saves artifacts/e2e/<name>.png now (the loop also saves one when the test ends). */
    screenshot(name: string): Promise<string>;
}

export interface E2eTest {
    name: string;
    run(context: TestContext): Promise<void>;
}

export interface TestOutcome {
    name: string;
    passed: boolean;
    milliseconds: number;
    error?: string;
    screenshots: string[];
}

function slug(text: string): string {
    return text
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '');
}

async function watchForProblems(page: Page, problems: string[]): Promise<void> {
    // An error event that is not an uncaught exception (a ResizeObserver loop, a failed
    // resource) never reaches 'pageerror', yet the page shows it to the user: report it too.
    await page.addInitScript(() => {
        window.addEventListener('error', (event) => {
            if (!event.error) console.error(`window error event: ${event.message}`);
        });
    });
    page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) =>
        problems.push(`request failed: ${request.url()} (${request.failure()?.errorText ?? ''})`),
    );
    page.on('response', (response) => {
        if (response.status() >= 400) {
            problems.push(`HTTP ${response.status()}: ${response.url()}`);
        }
    });
}

export async function runTests(
    tests: E2eTest[],
    browser: BrowserContext,
    baseUrl: string,
    artifactsDir: string,
): Promise<TestOutcome[]> {
    mkdirSync(artifactsDir, { recursive: true });
    const outcomes: TestOutcome[] = [];
    for (const test of tests) {
        const page = await browser.newPage();
        page.setDefaultTimeout(10_000);
        const problems: string[] = [];
        const screenshots: string[] = [];
        await watchForProblems(page, problems);
        const screenshot = async (name: string): Promise<string> => {
            const path = join(artifactsDir, `${slug(name)}.png`);
            await page.screenshot({ path, fullPage: true });
            screenshots.push(path);
            return path;
        };
        const started = performance.now();
        let error: string | undefined;
        try {
            await test.run({ page, baseUrl, problems, screenshot });
        } catch (caught) {
            error = caught instanceof Error ? (caught.stack ?? caught.message) : String(caught);
        }
        const milliseconds = performance.now() - started;
        try {
            await screenshot(error ? `${test.name} (failed)` : test.name);
        } catch (caught) {
            error ??= `screenshot failed: ${String(caught)}`;
        }
        await page.close();
        outcomes.push({ name: test.name, passed: !error, milliseconds, error, screenshots });
        const mark = error ? 'FAIL' : 'ok  ';
        console.log(`${mark} ${test.name} (${Math.round(milliseconds)} ms)`);
        if (error) console.log(error.replace(/^/gm, '     '));
    }
    return outcomes;
}

/** Waits until the locator's text contains `expected` (or matches it), then returns the text. */
export async function waitForText(
    locator: Locator,
    expected: string | RegExp,
    timeoutMs = 10_000,
): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
        if ((await locator.count()) > 0) {
            last = ((await locator.first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
            const matches =
                typeof expected === 'string' ? last.includes(expected) : expected.test(last);
            if (matches) return last;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`expected ${String(expected)} in ${locator.toString()}, last text: "${last}"`);
}
