// Browser tests of the portfolio page (/portfolio): the leaders' component over Keystone's Apex,
// run as the sample's sales leader. What the page should show is what
// PortfolioController.getPortfolio answers the leader in the same org; what a decision saved is
// read back from the org as its administrator. Each test that writes decides on an account no
// other test touches, so the tests stay independent in the one org of the run.
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import type { E2eTest } from './harness.ts';
import { waitForText } from './harness.ts';
import type { PortfolioRow } from './keystonePage.ts';
import {
    accountFields,
    chooseOption,
    leaderPortfolio,
    previewUserId,
    query,
    quoted,
    requireFlowAccount,
    requireLargeAccount,
} from './keystonePage.ts';

const portfolio = (page: Page): Locator => page.locator('c-keystone-portfolio');
const table = (page: Page): Locator => page.locator('c-portfolio-table');
const dialog = (page: Page): Locator => page.locator('c-tier-decision-dialog');
const row = (page: Page, accountId: string): Locator =>
    table(page).locator(`tr[data-row="${accountId}"]`);

async function openPortfolio(page: Page, baseUrl: string): Promise<void> {
    await page.goto(new URL('portfolio', baseUrl).toString());
    await table(page).locator('[data-id="shown"]').waitFor();
}

/** The ids of the table's rows, in page order. */
async function rowIds(page: Page): Promise<string[]> {
    return table(page)
        .locator('tr[data-row]')
        .evaluateAll((rows) => rows.map((element) => element.getAttribute('data-row') ?? ''));
}

/** Accounts the Account-page tests work on are left alone here. */
function untouchedByOtherTests(account: PortfolioRow): boolean {
    return account.id !== requireFlowAccount().id && account.id !== requireLargeAccount().id;
}

/** The n-th account (from the end) with a tier, for the override tests (one account each). */
async function tieredAccount(fromEnd: number): Promise<PortfolioRow> {
    const tiered = (await leaderPortfolio()).accounts.filter(
        (account) => account.tier !== null && untouchedByOtherTests(account),
    );
    const account = tiered[tiered.length - 1 - fromEnd];
    assert.ok(account, 'the portfolio has enough tiered accounts');
    return account;
}

async function tierChangesOf(accountId: string) {
    return query(
        'SELECT Id, FromTier__c, ToTier__c, SuggestedTier__c, Source__c, Reason__c FROM TierChange__c ' +
            `WHERE Account__c = ${quoted(accountId)} ORDER BY CreatedDate`,
    );
}

/** Opens the override dialog of an account and picks a tier other than its own. */
async function startOverride(page: Page, account: PortfolioRow): Promise<string> {
    const newTier = account.tier === 'Tier 3' ? 'Tier 2' : 'Tier 3';
    await row(page, account.id).locator('[data-action="override"]').click();
    await dialog(page).locator('[data-id="dialog"]').waitFor();
    await chooseOption(dialog(page), 'Decided tier', newTier);
    return newTier;
}

export const portfolioTests: E2eTest[] = [
    {
        name: 'portfolio: loads the leader’s key accounts with no console errors',
        async run({ page, baseUrl, problems }) {
            const expected = await leaderPortfolio();
            await openPortfolio(page, baseUrl);
            await page.waitForLoadState('networkidle');
            assert.match(expected.scopeLabel, /roles below yours/, 'the leader has a team below');
            await waitForText(portfolio(page).locator('[data-id="scope"]'), expected.scopeLabel);
            assert.deepEqual(
                await rowIds(page),
                expected.accounts.map((account) => account.id),
                'the table shows the accounts getPortfolio answers the leader, in its order',
            );
            const keyAccounts = await query(
                `SELECT Id FROM Account WHERE IsKeyAccount__c = true AND OwnerId = ${quoted(previewUserId())}`,
            );
            assert.ok(keyAccounts.length > 0, 'the sample has key accounts');
            const shown = new Set(await rowIds(page));
            for (const account of keyAccounts) {
                assert.ok(shown.has(account.id), `key account ${account.id} is in the portfolio`);
            }
            await waitForText(portfolio(page).locator('[data-id="last-run"]'), /SR-\d+/);
            assert.deepEqual(problems, [], 'the page reported no problems');
        },
    },
    {
        name: 'portfolio: filtering by tier and by manager narrows the table',
        async run({ page, baseUrl }) {
            const expected = await leaderPortfolio();
            await openPortfolio(page, baseUrl);
            const filters = portfolio(page).locator('c-portfolio-filters');

            await chooseOption(filters, 'Tier', 'Tier 1');
            const tierOne = expected.accounts.filter((account) => account.tier === 'Tier 1');
            assert.ok(tierOne.length > 0 && tierOne.length < expected.accounts.length);
            await waitForText(
                table(page).locator('[data-id="shown"]'),
                `of ${tierOne.length} accounts`,
            );
            assert.deepEqual(
                await rowIds(page),
                tierOne.map((account) => account.id),
            );

            await chooseOption(filters, 'Tier', 'All tiers');
            await waitForText(
                table(page).locator('[data-id="shown"]'),
                `of ${expected.accounts.length} accounts`,
            );
            const idle = expected.managers.find(
                (manager) =>
                    !expected.accounts.some((account) => account.ownerId === manager.value),
            );
            assert.ok(idle, 'the leader’s team has a manager without key accounts');
            await chooseOption(filters, 'Manager', idle.label);
            await table(page).locator('[data-id="no-accounts"]').waitFor();
            assert.deepEqual(await rowIds(page), []);
        },
    },
    {
        name: 'portfolio: accepting a suggested tier records it',
        async run({ page, baseUrl }) {
            const account = (await leaderPortfolio()).accounts.find(
                (candidate) => candidate.hasPendingSuggestion && untouchedByOtherTests(candidate),
            );
            assert.ok(account?.suggestedTier, 'the selection run left a suggestion to accept');
            await openPortfolio(page, baseUrl);
            await row(page, account.id).locator('[data-action="accept"]').click();
            await dialog(page).locator('[data-id="dialog"]').waitFor();
            await dialog(page).locator('[data-id="confirm"]').click();
            await waitForText(
                portfolio(page).locator('p[data-id="status"]'),
                'tier change recorded',
            );
            await dialog(page).waitFor({ state: 'detached' });

            assert.equal(
                (await accountFields(account.id)).KeyAccountTier__c,
                account.suggestedTier,
            );
            const changes = await tierChangesOf(account.id);
            assert.equal(changes.length, 1, 'one tier change recorded');
            const [change] = changes;
            assert.equal(change?.fields.Source__c, 'Selection Run');
            assert.equal(change?.fields.FromTier__c, account.tier);
            assert.equal(change?.fields.ToTier__c, account.suggestedTier);
            await waitForText(
                row(page, account.id).locator('[data-cell="tier"]'),
                account.suggestedTier,
            );
        },
    },
    {
        name: 'portfolio: an override without a reason shows the field error and saves nothing',
        async run({ page, baseUrl }) {
            const account = await tieredAccount(0);
            await openPortfolio(page, baseUrl);
            await startOverride(page, account);
            await dialog(page).locator('[data-id="confirm"]').click();
            const error = await waitForText(
                dialog(page).locator('[data-error-for="reason"]'),
                /reason/i,
            );
            assert.ok(error.length > 0, 'the reason field says what is missing');
            assert.ok(
                await dialog(page).locator('[data-id="dialog"]').isVisible(),
                'the dialog stays open with what was typed',
            );
            assert.equal((await accountFields(account.id)).KeyAccountTier__c, account.tier);
            assert.deepEqual(await tierChangesOf(account.id), [], 'no tier change recorded');
        },
    },
    {
        name: 'portfolio: an override with a reason saves the tier and the reason',
        async run({ page, baseUrl }) {
            const account = await tieredAccount(1);
            const reason = 'Board-level sponsor asked for a quarterly review cadence.';
            await openPortfolio(page, baseUrl);
            const newTier = await startOverride(page, account);
            await dialog(page).getByLabel('Reason for the override').fill(reason);
            await dialog(page).locator('[data-id="confirm"]').click();
            await dialog(page).waitFor({ state: 'detached' });

            assert.equal((await accountFields(account.id)).KeyAccountTier__c, newTier);
            const changes = await tierChangesOf(account.id);
            assert.equal(changes.length, 1, 'one tier change recorded');
            assert.equal(changes[0]?.fields.Source__c, 'Override');
            assert.equal(changes[0]?.fields.Reason__c, reason);
            assert.equal(changes[0]?.fields.ToTier__c, newTier);
        },
    },
    {
        name: 'portfolio: opening an account goes to its Account page',
        async run({ page, baseUrl, problems }) {
            const [account] = (await leaderPortfolio()).accounts;
            assert.ok(account, 'the portfolio has an account');
            await openPortfolio(page, baseUrl);
            await row(page, account.id).locator('[data-action="open"]').click();
            await page.waitForURL((url) => url.searchParams.get('recordId') === account.id);
            assert.equal(new URL(page.url()).pathname, '/');
            await waitForText(page.locator('[data-id="account-name"]'), account.name);
            await page.locator('c-key-account-badge [data-id="headline"]').waitFor();
            await page.locator('[data-id="portfolio-link"]').click();
            await page.waitForURL((url) => url.pathname === '/portfolio');
            await table(page).locator('[data-id="shown"]').waitFor();
            assert.deepEqual(problems, [], 'the page reported no problems');
        },
    },
];
