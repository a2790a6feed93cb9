// Shared pieces of the component flows: the account the flows open (a key account whose plan,
// whitespace and relationship map all have sample data), what the page should show for it
// (computed from the same preview data the page builds), and a few locators.
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { totalWhitespace } from 'c/keystoneEngine';
import type { WhitespaceTotals } from 'c/keystoneEngine';
import { accountOptions, buildPreviewData } from '../scripts/preview/data/previewData.ts';
import type { StoredRecord } from '../scripts/preview/data/recordStore.ts';
import { LARGE_ACCOUNT_STAKEHOLDERS, previewSeed } from '../scripts/preview/data/seed.ts';

export const data = buildPreviewData(previewSeed());
const accounts = accountOptions(data.store);

export function activePlanOf(accountId: string): StoredRecord | undefined {
    return data.store.list(
        'AccountPlan__c',
        (fields) => fields.Account__c === accountId && fields.Status__c === 'Active',
    )[0];
}

export function cellsOf(accountId: string): StoredRecord[] {
    return data.store.list('WhitespaceCell__c', (fields) => fields.Account__c === accountId);
}

/** The engine's whitespace totals for the account's sample cells (what the grid shows). */
export function whitespaceTotalsOf(accountId: string): WhitespaceTotals {
    const input = data.scoringInput(accountId);
    return totalWhitespace(input.whitespaceCells ?? [], input.opportunities ?? []);
}

export function stakeholdersOf(accountId: string): StoredRecord[] {
    return data.store.list('Stakeholder__c', (fields) => fields.Account__c === accountId);
}

/** Contacts of the account that are not on its relationship map yet. */
export function unmappedContactsOf(accountId: string): StoredRecord[] {
    const mapped = new Set(stakeholdersOf(accountId).map((s) => s.fields.Contact__c));
    return data.store
        .list(
            'Contact',
            (fields) => fields.AccountId === accountId && fields.LeftCompany__c !== true,
        )
        .filter((contact) => !mapped.has(contact.id));
}

/** The first key account (by name) with a plan, whitespace cells and people to add. */
export const flowAccount = accounts.find((account) => {
    if (!account.isKeyAccount) return false;
    const plan = activePlanOf(account.id);
    return (
        plan !== undefined &&
        typeof plan.fields.PeriodStart__c === 'string' &&
        typeof plan.fields.HealthScore__c === 'number' &&
        cellsOf(account.id).length >= 4 &&
        stakeholdersOf(account.id).length > 0 &&
        Number(plan.fields.BuyingRolesFilled__c) < Number(plan.fields.BuyingRolesRequired__c) &&
        unmappedContactsOf(account.id).length > 0
    );
});

/** The preview's large account: 300 stakeholders. */
export const largeAccount = accounts.find(
    (account) => stakeholdersOf(account.id).length === LARGE_ACCOUNT_STAKEHOLDERS,
);

export function requireLargeAccount(): { id: string; name: string } {
    assert.ok(largeAccount, 'the sample data has the large account');
    return largeAccount;
}

/** Another account, to re-mount the components (record pages get fresh instances). */
export const otherAccount = accounts.find((account) => account.id !== flowAccount?.id);

export function requireFlowAccount(): { id: string; name: string } {
    assert.ok(flowAccount, 'the sample data has a key account with plan, whitespace and people');
    return flowAccount;
}

export const relationshipMap = (page: Page): Locator => page.locator('c-relationship-map');
export const whitespaceGrid = (page: Page): Locator => page.locator('c-whitespace-grid');
export const planEditor = (page: Page): Locator => page.locator('c-account-plan-editor');
export const accountHealth = (page: Page): Locator => page.locator('c-account-health');

export async function openAccount(page: Page, baseUrl: string, accountId: string): Promise<void> {
    await page.goto(`${baseUrl}?recordId=${encodeURIComponent(accountId)}`);
    await page.locator('c-key-account-badge [data-id="headline"]').waitFor();
}

export async function openTab(page: Page, name: string): Promise<void> {
    const tab = page.getByRole('tab', { name, exact: true });
    await tab.click();
    assert.equal(await tab.getAttribute('aria-selected'), 'true', `the ${name} tab is selected`);
}

/** Switches to another account and back: the components are mounted afresh from the store. */
export async function remountComponents(page: Page, accountName: string): Promise<void> {
    assert.ok(otherAccount, 'the sample data has a second account');
    const picker = page.getByLabel('Account', { exact: true });
    await picker.selectOption({ label: otherAccount.name });
    await page.locator('[data-id="account-name"]', { hasText: otherAccount.name }).waitFor();
    await picker.selectOption({ label: accountName });
    await page.locator('[data-id="account-name"]', { hasText: accountName }).waitFor();
}

/** Picks an option of a lightning-combobox found by its label. */
export async function chooseOption(scope: Locator, label: string, option: string): Promise<void> {
    await scope.getByRole('combobox', { name: label }).click();
    await scope.getByRole('option', { name: option, exact: true }).click();
}

/**
 * Replaces what an input holds by typing, as a user does: lightning-input's number formatter
 * swaps the shown text on focus, so Playwright's fill() would append to the old value.
 */
export async function typeInto(input: Locator, value: string): Promise<void> {
    await input.click();
    await input.press('ControlOrMeta+a');
    await input.press('Backspace');
    if (value) await input.pressSequentially(value);
    await input.blur();
}

/** The whitespace text of a locator, squeezed to single spaces. */
export async function textOf(locator: Locator): Promise<string> {
    return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

export const usd = new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: 'USD',
    maximumFractionDigits: 0,
});
