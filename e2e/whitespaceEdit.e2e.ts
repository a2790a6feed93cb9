// Whitespace flow: click a cell, change its status and estimated value in the dialog, save, and
// see the cell and the grid's totals change by what was saved, and the saved values in the org.
import assert from 'node:assert/strict';
import type { E2eTest } from './harness.ts';
import { waitForText } from './harness.ts';
import {
    cellsOf,
    chooseOption,
    openAccount,
    query,
    quoted,
    openTab,
    requireFlowAccount,
    textOf,
    typeInto,
    usd,
    whitespaceGrid,
} from './keystonePage.ts';

function dollars(text: string): number {
    return Number(text.replace(/[^0-9.-]/g, ''));
}

export const whitespaceEditTests: E2eTest[] = [
    {
        name: 'whitespace cell edit updates the cell and the totals',
        async run({ page, baseUrl, problems }) {
            const account = requireFlowAccount();
            const target = (await cellsOf(account.id)).find(
                (cell) => cell.fields.Status__c === 'Whitespace' && !cell.fields.Opportunity__c,
            );
            assert.ok(target, 'the account has an open whitespace cell');
            const businessUnit = String(target.fields.BusinessUnit__c);
            const product = String((target.fields.Product__r as { Name?: string } | null)?.Name);
            const newValue = 777000;

            await openAccount(page, baseUrl, account.id);
            await openTab(page, 'Whitespace');
            const grid = whitespaceGrid(page);
            const identifiedBefore = dollars(
                await waitForText(grid.locator('[data-id="total-identified"]'), /^\$[1-9]/),
            );
            const weightedBefore = await textOf(grid.locator('[data-id="total-weighted"]'));
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
                identifiedBefore - Number(target.fields.EstimatedValue__c ?? 0) + newValue;
            await waitForText(grid.locator('[data-id="total-identified"]'), usd.format(identified));
            const weighted = await textOf(grid.locator('[data-id="total-weighted"]'));
            assert.notEqual(weighted, weightedBefore, 'the weighted total moved');
            const [stored] = await query(
                `SELECT Status__c, EstimatedValue__c FROM WhitespaceCell__c WHERE Id = ${quoted(target.id)}`,
            );
            assert.equal(stored?.fields.Status__c, 'In Pipeline', 'the org holds the saved cell');
            assert.equal(stored?.fields.EstimatedValue__c, newValue);
            assert.deepEqual(problems, []);
        },
    },
];

function escape(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
