// Plan flow: edit the plan, save, and see the edit persist when the editor is mounted again;
// then type an invalid value (a negative revenue target, a period end before its start) and see
// each rejected with a message at the field while the typed text stays in the field.
import assert from 'node:assert/strict';
import type { E2eTest } from './harness.ts';
import { waitForText } from './harness.ts';
import type { Locator } from 'playwright-core';
import {
    activePlanOf,
    chooseOption,
    openAccount,
    openTab,
    planEditor,
    remountComponents,
    requireFlowAccount,
    textOf,
    typeInto,
} from './keystonePage.ts';

/** The first person the Owner picker offers (after "Nobody yet"). */
async function firstOwnerLabel(form: Locator): Promise<string> {
    await form.getByRole('combobox', { name: 'Owner' }).click();
    const options = form.getByRole('option');
    const label = ((await options.nth(1).textContent()) ?? '').trim();
    await form.getByRole('combobox', { name: 'Owner' }).press('Escape');
    return label;
}

const NEW_CONTEXT = 'Fiscal year ends in June; budget set in April (edited in the e2e test)';
const NEW_TARGET = 4321000;

export const planEditTests: E2eTest[] = [
    {
        name: 'an action added to the plan is saved with its subject, owner and due date',
        async run({ page, baseUrl, problems }) {
            const account = requireFlowAccount();
            await openAccount(page, baseUrl, account.id);
            await openTab(page, 'Key Account Plan');
            const editor = planEditor(page);
            await waitForText(editor.locator('[data-id="dirty"]'), 'All changes saved');
            const actions = editor.getByRole('region', { name: 'Actions' });
            await actions.getByRole('button', { name: 'Add action' }).click();
            const form = actions.locator('[data-id="action-form"]');
            await form.getByRole('button', { name: 'Save action' }).click();
            await waitForText(form.locator('[data-error="name"]'), 'Say what needs doing.');
            await form.getByLabel('Subject').fill('Invite the CFO to the customer advisory board');
            await form.getByLabel('What needs doing').fill('Send the invitation with the agenda.');
            await chooseOption(form, 'Owner', await firstOwnerLabel(form));
            await typeInto(form.getByLabel('Due date'), 'Mar 31, 2027');
            await form.getByRole('button', { name: 'Save action' }).click();
            await form.waitFor({ state: 'detached' });
            await waitForText(actions, 'Invite the CFO to the customer advisory board');
            await waitForText(actions, 'Send the invitation with the agenda.');
            await waitForText(actions, 'Mar 31, 2027');
            assert.deepEqual(problems, []);
        },
    },
    {
        name: 'a saved plan edit persists when the editor is mounted again',
        async run({ page, baseUrl, problems }) {
            const account = requireFlowAccount();
            assert.ok(await activePlanOf(account.id), 'the account has an active plan');
            await openAccount(page, baseUrl, account.id);
            await openTab(page, 'Key Account Plan');
            let editor = planEditor(page);
            await waitForText(editor.locator('[data-id="dirty"]'), 'All changes saved');

            await editor.getByLabel('Financial context').fill(NEW_CONTEXT);
            await typeInto(editor.getByLabel('Revenue target'), String(NEW_TARGET));
            await waitForText(editor.locator('[data-id="dirty"]'), 'Unsaved changes');
            await editor.getByRole('button', { name: 'Save plan' }).click();
            await waitForText(editor.locator('[data-id="dirty"]'), 'All changes saved');
            assert.equal(await editor.locator('[data-id="form-error"]').count(), 0);

            // Saved in the org, and a fresh editor reads it back from there.
            const saved = await activePlanOf(account.id);
            assert.equal(saved?.fields.FinancialContext__c, NEW_CONTEXT);
            assert.equal(Number(saved?.fields.RevenueTarget__c), NEW_TARGET);
            await remountComponents(page, account);
            await openTab(page, 'Key Account Plan');
            editor = planEditor(page);
            await waitForText(editor.locator('[data-id="dirty"]'), 'All changes saved');
            assert.equal(await editor.getByLabel('Financial context').inputValue(), NEW_CONTEXT);
            const target = await editor.getByLabel('Revenue target').inputValue();
            assert.equal(Number(target.replace(/[^0-9.-]/g, '')), NEW_TARGET);
            assert.deepEqual(problems, []);
        },
    },
    {
        name: 'invalid plan values are rejected at the field and the typed text is kept',
        async run({ page, baseUrl, problems }) {
            const account = requireFlowAccount();
            await openAccount(page, baseUrl, account.id);
            await openTab(page, 'Key Account Plan');
            const editor = planEditor(page);
            await waitForText(editor.locator('[data-id="dirty"]'), 'All changes saved');

            const revenue = editor.getByLabel('Revenue target');
            await typeInto(revenue, '-5000');
            const periodEnd = editor.getByLabel('Period end');
            const periodStart = await editor.getByLabel('Period start').inputValue();
            await typeInto(periodEnd, 'Jan 1, 2020');
            await editor.getByRole('button', { name: 'Save plan' }).click();

            await waitForText(
                editor.locator('[data-error="revenueTarget"]'),
                'Revenue target cannot be negative.',
            );
            await waitForText(
                editor.locator('[data-error="periodEnd"]'),
                'Period end must be after the period start.',
            );
            assert.match(await revenue.inputValue(), /-\$?5,?000/, 'the typed target is kept');
            assert.equal(await periodEnd.inputValue(), 'Jan 1, 2020', 'the typed end is kept');
            assert.equal(await editor.getByLabel('Period start').inputValue(), periodStart);
            await waitForText(editor.locator('[data-id="dirty"]'), 'Unsaved changes');
            assert.ok(await textOf(editor.locator('[data-id="form-error"]')), 'the form says why');
            assert.deepEqual(problems, []);
        },
    },
];
