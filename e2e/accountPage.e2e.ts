// Browser tests of the Account page preview. What the page should show is computed here from the
// same sample dataset and scoring engine the page uses (scripts/preview/data), so a test fails
// when the component, the wire stand-in or the page shows something else.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { accountOptions, buildPreviewData } from '../scripts/preview/data/previewData.ts';
import { previewSeed } from '../scripts/preview/data/seed.ts';
import type { E2eTest } from './harness.ts';
import { waitForText } from './harness.ts';

const data = buildPreviewData(previewSeed());
const accounts = accountOptions(data.store);

function fieldsOf(accountId: string): Record<string, unknown> {
    const record = data.store.get(accountId);
    assert.ok(record, `account ${accountId} is in the sample data`);
    return record.fields;
}

const keyAccount = accounts.find(
    (account) => account.isKeyAccount && typeof fieldsOf(account.id).KeyAccountTier__c === 'string',
);
const otherAccount = accounts.find((account) => !account.isKeyAccount);

const badge = (page: Page) => page.locator('c-key-account-badge');
const picker = (page: Page) => page.getByLabel('Account', { exact: true });

async function openAccount(page: Page, baseUrl: string, accountId: string): Promise<void> {
    await page.goto(`${baseUrl}?recordId=${encodeURIComponent(accountId)}`);
    await badge(page).locator('[data-id="headline"]').waitFor();
}

export const accountPageTests: E2eTest[] = [
    {
        name: 'page loads with no console errors',
        async run({ page, baseUrl, problems }) {
            await page.goto(baseUrl);
            await badge(page).locator('[data-id="headline"]').waitFor();
            await page.waitForLoadState('networkidle');
            assert.equal(await picker(page).locator('option').count(), accounts.length);
            const title = await page.locator('[data-id="account-name"]').textContent();
            assert.ok(title?.trim(), 'the page header names the account');
            assert.ok(
                await page.locator('body.slds-scope').count(),
                'body carries slds-scope for SLDS',
            );
            assert.deepEqual(problems, [], 'the page reported no problems');
        },
    },
    {
        name: 'account picker switches accounts',
        async run({ page, baseUrl, problems }) {
            assert.ok(keyAccount && otherAccount, 'the sample data has key and other accounts');
            await openAccount(page, baseUrl, keyAccount.id);
            await waitForText(page.locator('[data-id="account-name"]'), keyAccount.name);

            await picker(page).selectOption({ label: otherAccount.name });
            await waitForText(page.locator('[data-id="account-name"]'), otherAccount.name);
            await waitForText(badge(page).locator('[data-id="headline"]'), 'Not a key account');
            assert.equal(await picker(page).inputValue(), otherAccount.id);
            assert.equal(new URL(page.url()).searchParams.get('recordId'), otherAccount.id);

            await picker(page).selectOption({ label: keyAccount.name });
            await waitForText(page.locator('[data-id="account-name"]'), keyAccount.name);
            await waitForText(badge(page).locator('[data-id="headline"]'), 'Key account');
            assert.deepEqual(problems, []);
        },
    },
    {
        name: 'key account badge shows tier, score and segment from the engine',
        async run({ page, baseUrl, problems }) {
            assert.ok(keyAccount, 'the sample data has a key account');
            const fields = fieldsOf(keyAccount.id);
            const tier = String(fields.KeyAccountTier__c);
            assert.match(tier, /^Tier [123]$/);
            const score = Number(fields.KeyAccountScore__c);
            assert.ok(score >= 0 && score <= 100, `score ${score} is on the 0..100 scale`);

            await openAccount(page, baseUrl, keyAccount.id);
            await waitForText(badge(page).locator('[data-id="headline"]'), `Key account · ${tier}`);
            await waitForText(
                badge(page).locator('[data-id="score"]'),
                `${Math.round(score)} / 100`,
            );
            const segment = fields.KeyAccountSegment__c;
            if (typeof segment === 'string' && segment) {
                await waitForText(badge(page).locator('[data-id="segment"]'), segment);
                assert.ok(
                    (
                        (await badge(page).locator('[data-id="playbook"]').textContent()) ?? ''
                    ).trim(),
                    'the segment playbook is shown',
                );
            }
            assert.equal(await badge(page).locator('[data-id="error"]').count(), 0);
            assert.deepEqual(problems, []);
        },
    },
    {
        name: 'badge shows the not-a-key-account state',
        async run({ page, baseUrl, problems }) {
            assert.ok(otherAccount, 'the sample data has an account that is not a key account');
            await openAccount(page, baseUrl, otherAccount.id);
            await waitForText(badge(page).locator('[data-id="headline"]'), 'Not a key account');
            assert.equal(
                await badge(page).locator('[data-id="segment"]').count(),
                0,
                'no segment for an account that is not a key account',
            );
            assert.deepEqual(problems, []);
        },
    },
];
