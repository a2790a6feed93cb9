// Browser tests of the Account page preview. What the page should show is read from the
// preview's local org — the values Keystone's Apex stored there — so a test fails when the
// component, the wire stand-in or the page shows something else.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { E2eTest } from './harness.ts';
import { waitForText } from './harness.ts';
import { accountFields, accountOptions } from './keystonePage.ts';
import type { AccountOption } from './keystonePage.ts';

async function keyAndOtherAccount(): Promise<{
    keyAccount: AccountOption;
    otherAccount: AccountOption;
}> {
    let keyAccount: AccountOption | undefined;
    for (const account of await accountOptions()) {
        if (
            account.isKeyAccount &&
            typeof (await accountFields(account.id)).KeyAccountTier__c === 'string'
        ) {
            keyAccount = account;
            break;
        }
    }
    const otherAccount = (await accountOptions()).find((account) => !account.isKeyAccount);
    assert.ok(keyAccount && otherAccount, 'the sample data has key and other accounts');
    return { keyAccount, otherAccount };
}

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
            const accounts = await accountOptions();
            assert.ok(accounts.length > 0, 'the preview user sees accounts');
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
            const { keyAccount, otherAccount } = await keyAndOtherAccount();
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
        name: 'key account badge shows the tier, score and segment the Apex stored',
        async run({ page, baseUrl, problems }) {
            const { keyAccount } = await keyAndOtherAccount();
            const fields = await accountFields(keyAccount.id);
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
            const { otherAccount } = await keyAndOtherAccount();
            await openAccount(page, baseUrl, otherAccount.id);
            await waitForText(badge(page).locator('[data-id="headline"]'), 'Not a key account');
            // The selection run segments candidates too: the badge shows what the Apex stored.
            const segment = (await accountFields(otherAccount.id)).KeyAccountSegment__c;
            if (typeof segment === 'string' && segment) {
                await waitForText(badge(page).locator('[data-id="segment"]'), segment);
            } else {
                assert.equal(await badge(page).locator('[data-id="segment"]').count(), 0);
            }
            assert.deepEqual(problems, []);
        },
    },
];
