// Whitespace flow: click a cell, change its status and estimated value in the dialog, save, and
// see the cell and the grid's totals change.
import assert from 'node:assert/strict';
import type { E2eTest } from './harness.ts';
import { waitForText } from './harness.ts';
import {
    cellsOf,
    chooseOption,
    data,
    openAccount,
    openTab,
    requireFlowAccount,
    textOf,
    typeInto,
    usd,
    whitespaceGrid,
    whitespaceTotalsOf,
} from './keystonePage.ts';

export const whitespaceEditTests: E2eTest[] = [
    {
        name: 'whitespace cell edit updates the cell and the totals',
        async run({ page, baseUrl, problems }) {
            const account = requireFlowAccount();
            const target = cellsOf(account.id).find(
                (cell) => cell.fields.Status__c === 'Whitespace' && !cell.fields.Opportunity__c,
            );
            assert.ok(target, 'the account has an open whitespace cell');
            const businessUnit = String(target.fields.BusinessUnit__c);
            const product = String(data.store.get(String(target.fields.Product__c))?.fields.Name);
            const before = whitespaceTotalsOf(account.id);
            const newValue = 777000;

            await openAccount(page, baseUrl, account.id);
            await openTab(page, 'Whitespace');
            const grid = whitespaceGrid(page);
            await waitForText(
                grid.locator('[data-id="total-identified"]'),
                usd.format(before.identified),
            );
            const cell = grid.getByRole('gridcell', {
                name: new RegExp(`^${escape(businessUnit)}, ${escape(product)}: Whitespace`),
            });
            await cell.click();

            const dialog = grid.getByRole('dialog');
            await dialog.waitFor();
            await chooseOption(dialog, 'Status', 'In Pipeline');
            await typeInto(dialog.getByLabel('Estimated value'), String(newValue));
            await typeInto(dialog.getByLabel('Probability'), '50');
            await dialog.getByRole('button', { name: 'Save' }).click();
            await dialog.waitFor({ state: 'detached' });

            const saved = grid.getByRole('gridcell', {
                name: new RegExp(`^${escape(businessUnit)}, ${escape(product)}: In Pipeline`),
            });
            await waitForText(saved, '777K');
            assert.match(await textOf(saved), /^In pipeline/);
            const identified =
                before.identified - Number(target.fields.EstimatedValue__c) + newValue;
            await waitForText(grid.locator('[data-id="total-identified"]'), usd.format(identified));
            const weighted = await textOf(grid.locator('[data-id="total-weighted"]'));
            assert.notEqual(weighted, usd.format(before.weighted), 'the weighted total moved');
            assert.deepEqual(problems, []);
        },
    },
];

function escape(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
