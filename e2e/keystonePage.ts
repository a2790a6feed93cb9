// Shared pieces of the component flows: the account the flows open (a key account whose plan,
// whitespace and relationship map all have sample data), what the page should show for it —
// read from the preview's local org, where Keystone's Apex computed it — and a few locators.
// The org is the one the page talks to: runE2e.ts starts it and hands it over (usePreviewOrg)
// before any test runs. Tests read it as they run, since earlier tests write to it.
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { invokeAura } from '@keystone/local-org';
import { queryAll, soqlString } from '../scripts/org/connection.ts';
import type { PreviewOrg } from '../scripts/preview/org/previewOrg.ts';
import { LARGE_ACCOUNT_STAKEHOLDERS } from '../scripts/preview/org/previewPortfolio.ts';

/** A record of the org as the tests read it: its Id and its fields by API name. */
export interface OrgRecord {
    id: string;
    fields: Record<string, unknown>;
}

export interface AccountOption {
    id: string;
    name: string;
    isKeyAccount: boolean;
}

let previewOrg: PreviewOrg | undefined;

/** The org the preview serves: every expectation is read from it. */
export function usePreviewOrg(org: PreviewOrg): void {
    previewOrg = org;
}

function orgOf(): PreviewOrg {
    assert.ok(previewOrg, 'runE2e.ts starts the preview org before the tests');
    return previewOrg;
}

/** Rows of a query, as the org's administrator (who sees every record). */
export async function query(soql: string): Promise<OrgRecord[]> {
    const rows = await queryAll<Record<string, unknown> & { Id: string }>(orgOf().admin, soql);
    return rows.map((row) => {
        const fields: Record<string, unknown> = { ...row };
        delete fields.attributes;
        return { id: row.Id, fields };
    });
}

/** One account of the portfolio, as PortfolioController.getPortfolio answers it. */
export interface PortfolioRow {
    id: string;
    name: string;
    ownerId: string;
    tier: string | null;
    suggestedTier: string | null;
    hasPendingSuggestion: boolean;
}

/**
 * The portfolio the page should show: PortfolioController.getPortfolio run in the org as the
 * sales leader the portfolio page runs as (the server's rule of whose accounts these are).
 */
export async function leaderPortfolio(): Promise<{
    scopeLabel: string;
    accounts: PortfolioRow[];
    managers: { value: string; label: string }[];
}> {
    const org = orgOf();
    const response = invokeAura(
        org.org,
        'PortfolioController',
        'getPortfolio',
        JSON.stringify({ teamId: '' }),
        org.leaderUserId,
    );
    assert.equal(response.status, 200, `getPortfolio as the leader: ${String(response.body)}`);
    return Promise.resolve(JSON.parse(String(response.body)));
}

/** The key account manager the Account page runs as (owner of every sample account). */
export function previewUserId(): string {
    return orgOf().previewUserId;
}

export function quoted(id: string): string {
    return soqlString(id);
}

/** The accounts the preview user sees in the picker, by name. */
export async function accountOptions(): Promise<AccountOption[]> {
    const rows = await query(
        `SELECT Id, Name, IsKeyAccount__c FROM Account WHERE OwnerId = ${quoted(orgOf().previewUserId)} ORDER BY Name`,
    );
    return rows.map((row) => ({
        id: row.id,
        name: String(row.fields.Name),
        isKeyAccount: row.fields.IsKeyAccount__c === true,
    }));
}

export async function accountFields(accountId: string): Promise<Record<string, unknown>> {
    const [account] = await query(
        `SELECT Id, Name, KeyAccountTier__c, KeyAccountScore__c, KeyAccountSegment__c, IsKeyAccount__c FROM Account WHERE Id = ${quoted(accountId)}`,
    );
    assert.ok(account, `account ${accountId} is in the org`);
    return account.fields;
}

const PLAN_FIELDS = [
    'Name',
    'PeriodStart__c',
    'PeriodEnd__c',
    'RevenueTarget__c',
    'FinancialContext__c',
    'Completeness__c',
    'HealthScore__c',
    'HealthBand__c',
    'BuyingRolesFilled__c',
    'BuyingRolesRequired__c',
    'EngagedStakeholders__c',
    'RelevantStakeholders__c',
    'BuyingGroupSeats__c',
    'EmptySeats__c',
].join(', ');

export async function activePlanOf(accountId: string): Promise<OrgRecord | undefined> {
    const [plan] = await query(
        `SELECT Id, ${PLAN_FIELDS} FROM AccountPlan__c WHERE Account__c = ${quoted(accountId)} AND Status__c = 'Active'`,
    );
    return plan;
}

export async function planChildren(apiName: string, planId: string): Promise<OrgRecord[]> {
    const extra =
        apiName === 'AccountObjective__c'
            ? ', CurrentValue__c, DueDate__c, Status__c'
            : apiName === 'AccountRisk__c'
              ? ', Likelihood__c, Impact__c, Mitigation__c'
              : '';
    return query(
        `SELECT Id, Name, Description__c${extra} FROM ${apiName} WHERE AccountPlan__c = ${quoted(planId)} ORDER BY CreatedDate`,
    );
}

export async function cellsOf(accountId: string): Promise<OrgRecord[]> {
    return query(
        `SELECT Id, BusinessUnit__c, Product__c, Product__r.Name, Status__c, EstimatedValue__c, Opportunity__c FROM WhitespaceCell__c WHERE Account__c = ${quoted(accountId)}`,
    );
}

export async function stakeholdersOf(accountId: string): Promise<OrgRecord[]> {
    return query(
        `SELECT Id, Name, ReportsTo__c, Contact__c FROM Stakeholder__c WHERE Account__c = ${quoted(accountId)} ORDER BY CreatedDate, Id`,
    );
}

/** Contacts of the account that are not on its relationship map yet. */
export async function unmappedContactsOf(accountId: string): Promise<OrgRecord[]> {
    const mapped = new Set((await stakeholdersOf(accountId)).map((s) => s.fields.Contact__c));
    const contacts = await query(
        `SELECT Id FROM Contact WHERE AccountId = ${quoted(accountId)} AND LeftCompany__c = false`,
    );
    return contacts.filter((contact) => !mapped.has(contact.id));
}

let flowAccount: AccountOption | undefined;
let largeAccount: AccountOption | undefined;

/**
 * Finds the accounts the flows open, once, before any test writes: the first key account (by
 * name) with a plan, whitespace cells and people to add, and the 300-person account.
 */
export async function findFlowAccounts(): Promise<void> {
    for (const account of await accountOptions()) {
        const people = await stakeholdersOf(account.id);
        if (people.length === LARGE_ACCOUNT_STAKEHOLDERS) largeAccount ??= account;
        if (flowAccount || !account.isKeyAccount) continue;
        const plan = await activePlanOf(account.id);
        if (
            plan !== undefined &&
            typeof plan.fields.PeriodStart__c === 'string' &&
            typeof plan.fields.HealthScore__c === 'number' &&
            (await cellsOf(account.id)).length >= 4 &&
            people.length > 0 &&
            Number(plan.fields.BuyingRolesFilled__c) < Number(plan.fields.BuyingRolesRequired__c) &&
            (await unmappedContactsOf(account.id)).length > 0
        ) {
            flowAccount = account;
        }
    }
}

export function requireLargeAccount(): AccountOption {
    assert.ok(largeAccount, 'the sample data has the large account');
    return largeAccount;
}

export function requireFlowAccount(): AccountOption {
    assert.ok(flowAccount, 'the sample data has a key account with plan, whitespace and people');
    return flowAccount;
}

/** Another account, to re-mount the components (record pages get fresh instances). */
export async function otherAccountThan(accountId: string): Promise<AccountOption> {
    const other = (await accountOptions()).find((account) => account.id !== accountId);
    assert.ok(other, 'the sample data has a second account');
    return other;
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
export async function remountComponents(page: Page, account: AccountOption): Promise<void> {
    const otherAccount = await otherAccountThan(account.id);
    const accountName = account.name;
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
