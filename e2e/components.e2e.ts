// Each Keystone component on the Account page renders the account's real sample data: the
// relationship map its people and coverage summary, the whitespace grid its business units ×
// products with totals, the plan editor the plan and its completeness, the health panel the
// score, band and parts. Expected figures come from the preview data the page builds.
import assert from 'node:assert/strict';
import type { E2eTest } from './harness.ts';
import { waitForText } from './harness.ts';
import {
    accountHealth,
    activePlanOf,
    cellsOf,
    data,
    openAccount,
    openTab,
    planEditor,
    relationshipMap,
    requireFlowAccount,
    stakeholdersOf,
    textOf,
    usd,
    whitespaceGrid,
    whitespaceTotalsOf,
} from './keystonePage.ts';

/** How lightning-input type="date" shows an ISO date in en-US: "Aug 2, 2026". */
export function shortDate(iso: string): string {
    return new Intl.DateTimeFormat('en-US', {
        month: 'short',
        day: 'numeric',
        year: 'numeric',
        timeZone: 'UTC',
    }).format(new Date(`${iso}T00:00:00Z`));
}

export const componentTests: E2eTest[] = [
    {
        name: 'relationship map shows the people and the coverage summary',
        async run({ page, baseUrl, problems }) {
            const account = requireFlowAccount();
            const plan = activePlanOf(account.id);
            await openAccount(page, baseUrl, account.id);
            await openTab(page, 'Relationship Map');
            const map = relationshipMap(page);
            const coverage = map.getByRole('region', { name: 'Coverage summary' });
            const engaged = Number(plan?.fields.EngagedStakeholders__c);
            const relevant = Number(plan?.fields.RelevantStakeholders__c);
            await waitForText(coverage.locator('[data-id="depth"]'), `(${engaged} of ${relevant}`);
            const roles = `${Number(plan?.fields.BuyingRolesFilled__c)} of ${Number(plan?.fields.BuyingRolesRequired__c)}`;
            await waitForText(coverage.locator('[data-id="roles"]'), roles);

            const people = stakeholdersOf(account.id);
            const nodes = map.locator('[data-node-id]');
            await nodes.first().waitFor();
            assert.equal(await nodes.count(), people.length, 'one node per stakeholder');
            for (const person of people.slice(0, 3)) {
                const name = String(person.fields.Name);
                await map
                    .getByRole('button', { name: new RegExp(name) })
                    .first()
                    .waitFor();
            }
            assert.deepEqual(problems, []);
        },
    },
    {
        name: 'whitespace grid shows business units × products and totals',
        async run({ page, baseUrl, problems }) {
            const account = requireFlowAccount();
            const cells = cellsOf(account.id);
            const rows = new Set(cells.map((cell) => String(cell.fields.BusinessUnit__c)));
            const products = new Set(cells.map((cell) => String(cell.fields.Product__c)));
            assert.ok(
                [...products].every((id) => data.store.get(id)?.apiName === 'Product2'),
                'every sample cell names a Product2',
            );
            await openAccount(page, baseUrl, account.id);
            await openTab(page, 'Whitespace');
            const grid = whitespaceGrid(page).getByRole('grid');
            await grid.waitFor();
            // Editable cells carry their row × column key (the totals are gridcells too).
            assert.equal(await grid.locator('td[data-key]').count(), rows.size * products.size);
            assert.equal(
                await grid.locator('tbody tr').count(),
                rows.size,
                'one row per business unit',
            );
            // Column headers: the row header, one per product, and the row total.
            assert.equal(await grid.locator('thead th').count(), products.size + 2);
            for (const productId of products) {
                const name = String(data.store.get(productId)?.fields.Name);
                await grid.getByRole('columnheader', { name: new RegExp(name) }).waitFor();
            }
            const totals = whitespaceTotalsOf(account.id);
            await waitForText(
                whitespaceGrid(page).locator('[data-id="total-identified"]'),
                usd.format(totals.identified),
            );
            await waitForText(
                whitespaceGrid(page).locator('[data-id="total-captured"]'),
                usd.format(totals.captured),
            );
            assert.match(
                await textOf(whitespaceGrid(page).locator('[data-id="capture-percent"]')),
                /^\d+(\.\d+)? ?%$/,
            );
            assert.deepEqual(problems, []);
        },
    },
    {
        name: 'plan editor shows the plan and its completeness',
        async run({ page, baseUrl, problems }) {
            const account = requireFlowAccount();
            const plan = activePlanOf(account.id);
            assert.ok(plan);
            await openAccount(page, baseUrl, account.id);
            await openTab(page, 'Key Account Plan');
            const editor = planEditor(page);
            await waitForText(editor.locator('[data-id="title"]'), String(plan.fields.Name));
            await waitForText(
                editor.locator('[data-id="completeness"]'),
                `${Math.round(Number(plan.fields.Completeness__c))} % complete`,
            );
            assert.equal(await editor.getByLabel('Plan name').inputValue(), plan.fields.Name);
            assert.equal(
                await editor.getByLabel('Period start').inputValue(),
                shortDate(String(plan.fields.PeriodStart__c)),
            );
            const revenueTarget = plan.fields.RevenueTarget__c;
            if (typeof revenueTarget === 'number') {
                const shown = await editor.getByLabel('Revenue target').inputValue();
                assert.equal(Number(shown.replace(/[^0-9.]/g, '')), revenueTarget);
            }
            assert.deepEqual(problems, []);
        },
    },
    {
        name: 'health panel shows score, band and parts',
        async run({ page, baseUrl, problems }) {
            const account = requireFlowAccount();
            const plan = activePlanOf(account.id);
            await openAccount(page, baseUrl, account.id);
            const health = accountHealth(page);
            const score = Math.round(Number(plan?.fields.HealthScore__c));
            await waitForText(health.locator('[data-id="score"]'), `${score} / 100`);
            await waitForText(
                health.locator('[data-id="band"]'),
                String(plan?.fields.HealthBand__c),
            );
            const parts = health.getByRole('region', { name: 'What makes up the score' });
            await waitForText(parts, 'Stakeholder coverage');
            assert.ok(
                (await parts.locator('[data-id="points"]').count()) >= 5,
                'the score is explained part by part',
            );
            assert.deepEqual(problems, []);
        },
    },
];
