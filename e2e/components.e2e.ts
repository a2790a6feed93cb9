// Each Keystone component on the Account page renders the account's real sample data: the
// relationship map its people and coverage summary, the whitespace grid its business units ×
// products with totals, the plan editor the plan and its completeness, the health panel the
// score, band and parts. Expected figures are read from the preview's local org, where
// Keystone's triggers and recompute stored them.
import assert from 'node:assert/strict';
import type { E2eTest } from './harness.ts';
import { waitForText } from './harness.ts';
import {
    accountHealth,
    activePlanOf,
    cellsOf,
    openAccount,
    planChildren,
    openTab,
    planEditor,
    relationshipMap,
    requireFlowAccount,
    requireLargeAccount,
    stakeholdersOf,
    textOf,
    whitespaceGrid,
} from './keystonePage.ts';
import type { OrgRecord } from './keystonePage.ts';

/** How many managers are above a stakeholder on the map. */
function depthOf(id: string, people: OrgRecord[]): number {
    const byId = new Map(people.map((person) => [person.id, person]));
    let depth = 0;
    let current = byId.get(id)?.fields.ReportsTo__c;
    while (typeof current === 'string' && byId.has(current) && depth < people.length) {
        depth += 1;
        current = byId.get(current)?.fields.ReportsTo__c;
    }
    return depth;
}

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
        name: 'relationship map shows the people as cards and the coverage summary',
        async run({ page, baseUrl, problems, screenshot }) {
            const account = requireFlowAccount();
            const plan = await activePlanOf(account.id);
            await openAccount(page, baseUrl, account.id);
            await openTab(page, 'Relationship Map');
            const map = relationshipMap(page);
            const coverage = map.getByRole('region', { name: 'Coverage summary' });
            // Coverage of the buying group, as the recompute stored it on the plan.
            const engaged = Number(plan?.fields.EngagedStakeholders__c);
            const seats = Number(plan?.fields.BuyingGroupSeats__c);
            await waitForText(
                coverage.locator('[data-id="depth"]'),
                new RegExp(`: ${engaged} engaged of ${seats} seats? in the buying group`),
            );
            await waitForText(
                coverage.locator('[data-id="seats"]'),
                `${Number(plan?.fields.EmptySeats__c)} of ${seats}`,
            );
            const roles = `${Number(plan?.fields.BuyingRolesFilled__c)} of ${Number(plan?.fields.BuyingRolesRequired__c)}`;
            await waitForText(coverage.locator('[data-id="roles"]'), roles);
            assert.doesNotMatch(await textOf(coverage), /\b(\d+) of (\d+) with/);

            // Cards for the top levels; every team opens to show everyone, once each.
            const people = await stakeholdersOf(account.id);
            const cards = map.locator('[data-node-id]');
            await cards.first().waitFor();
            await screenshot('relationship map cards, as opened');
            await map.getByRole('button', { name: 'Show every team' }).click();
            await map.locator(`[data-node-id="${people[people.length - 1]?.id}"]`).waitFor();
            assert.equal(await cards.count(), people.length, 'one card per stakeholder');
            for (const person of people.slice(0, 3)) {
                const name = String(person.fields.Name);
                const personCard = map.getByRole('button', { name: new RegExp(`^${name}`) });
                await personCard.first().waitFor();
                assert.ok(
                    (await personCard.first().textContent())?.includes(name),
                    `${name}'s card shows the name`,
                );
            }
            // Readable at 100 %: no text on a card smaller than 12 px.
            const smallest = await cards.first().evaluate((host) => {
                const root = host.shadowRoot ?? host;
                const sizes = Array.from(root.querySelectorAll('p, span')).map((node) =>
                    parseFloat(getComputedStyle(node).fontSize),
                );
                return Math.min(...sizes);
            });
            assert.ok(smallest >= 12, `card text is at least 12 px (smallest ${smallest} px)`);
            assert.deepEqual(problems, []);
        },
    },
    {
        name: 'relationship map of a 300-person account opens readable and finds anyone',
        async run({ page, baseUrl, problems, screenshot }) {
            const account = requireLargeAccount();
            const people = await stakeholdersOf(account.id);
            assert.equal(people.length, 300);
            await openAccount(page, baseUrl, account.id);
            await openTab(page, 'Relationship Map');
            const map = relationshipMap(page);
            const cards = map.locator('[data-node-id]');
            await cards.first().waitFor();
            const shown = await cards.count();
            assert.ok(
                shown > 1 && shown <= 40,
                `the map opens with the top levels (${shown} cards)`,
            );
            await screenshot('relationship map of 300 people, as opened');

            // A collapsed team opens from the button under its manager (one in view: cards near
            // the view are in the page too).
            const frame = await map.locator('[data-id="map"]').boundingBox();
            let toggle = map.locator('button[aria-expanded="false"]').first();
            for (const candidate of await map.locator('button[aria-expanded="false"]').all()) {
                const box = await candidate.boundingBox();
                if (
                    frame &&
                    box &&
                    box.y > frame.y &&
                    box.y + box.height < frame.y + frame.height &&
                    box.x > frame.x &&
                    box.x + box.width < frame.x + frame.width
                ) {
                    toggle = candidate;
                    break;
                }
            }
            const managerId = (await toggle.getAttribute('data-toggle-id')) ?? '';
            const team = people.filter((person) => person.fields.ReportsTo__c === managerId);
            assert.ok(team.length > 0, 'the button belongs to a manager with a team');
            await toggle.click();
            await waitForText(map.locator('[data-id="canvas-status"]'), /^Showing the \d+/);
            for (const member of team) await map.locator(`[data-node-id="${member.id}"]`).waitFor();
            assert.equal(
                await map.locator(`[data-toggle-id="${managerId}"]`).getAttribute('aria-expanded'),
                'true',
            );
            await screenshot('relationship map of 300 people, a team opened');

            // Somebody deep in the organisation: search opens the teams above them.
            const deepest = people
                .map((person) => ({ person, depth: depthOf(person.id, people) }))
                .sort((a, b) => b.depth - a.depth)[0]?.person;
            const name = String(deepest?.fields.Name);
            await map.getByLabel('Find a person').fill(name);
            await map
                .getByRole('list', { name: 'People found' })
                .getByRole('button')
                .first()
                .click();
            const found = map.locator(`[data-node-id="${deepest?.id}"]`);
            await found.waitFor();
            assert.match((await found.getAttribute('class')) ?? '', /ks-map__card_found/);
            await screenshot('relationship map of 300 people, a person found');

            assert.deepEqual(problems, []);
        },
    },
    {
        name: 'whitespace grid shows business units × products and totals',
        async run({ page, baseUrl, problems }) {
            const account = requireFlowAccount();
            const cells = await cellsOf(account.id);
            const rows = new Set(cells.map((cell) => String(cell.fields.BusinessUnit__c)));
            const products = new Map(
                cells.map((cell) => [
                    String(cell.fields.Product__c),
                    String((cell.fields.Product__r as { Name?: string } | null)?.Name),
                ]),
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
            for (const name of products.values()) {
                await grid.getByRole('columnheader', { name: new RegExp(name) }).waitFor();
            }
            // The totals are the component's own arithmetic over the cells the Apex returned;
            // whitespaceEdit.e2e.ts checks they follow a saved cell.
            await waitForText(
                whitespaceGrid(page).locator('[data-id="total-identified"]'),
                /^\$[1-9][\d,]*$/,
            );
            await waitForText(
                whitespaceGrid(page).locator('[data-id="total-captured"]'),
                /^\$[\d,]+$/,
            );
            assert.match(
                await textOf(whitespaceGrid(page).locator('[data-id="capture-percent"]')),
                /^\d+(\.\d+)?% of what was identified$/,
            );
            // The grid is wider than the tab: it says so until it is scrolled to its end. It was
            // drawn before its tab was shown, so this also proves it measures itself once shown.
            const wider = await grid.evaluate((table) => {
                const wrapper = table.parentElement as HTMLElement;
                return wrapper.scrollWidth > wrapper.clientWidth + 1;
            });
            assert.ok(wider, 'the sample grid is wider than the tab at 1280 px');
            await waitForText(
                whitespaceGrid(page).locator('[data-id="more-columns"]'),
                'More products and the row totals to the right',
            );
            assert.deepEqual(problems, []);
        },
    },
    {
        name: 'plan editor shows the plan and its completeness',
        async run({ page, baseUrl, problems }) {
            const account = requireFlowAccount();
            const plan = await activePlanOf(account.id);
            assert.ok(plan);
            await openAccount(page, baseUrl, account.id);
            await openTab(page, 'Key Account Plan');
            const editor = planEditor(page);
            await waitForText(editor.locator('[data-id="title"]'), String(plan.fields.Name));
            await waitForText(
                editor.locator('[data-id="completeness"]'),
                `${Math.round(Number(plan.fields.Completeness__c))}% complete`,
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
        name: 'plan editor shows the complete plan: objectives, actions and risks in words',
        async run({ page, baseUrl, problems, screenshot }) {
            const account = requireFlowAccount();
            const plan = await activePlanOf(account.id);
            assert.ok(plan);
            const objectives = await planChildren('AccountObjective__c', plan.id);
            const actions = await planChildren('AccountAction__c', plan.id);
            const risks = await planChildren('AccountRisk__c', plan.id);
            assert.ok(
                objectives.length + actions.length + risks.length > 0,
                'the plan has children',
            );
            await openAccount(page, baseUrl, account.id);
            await openTab(page, 'Key Account Plan');
            const editor = planEditor(page);
            await waitForText(editor.locator('[data-id="dirty"]'), 'All changes saved');
            for (const [records, region] of [
                [objectives, 'Objectives'],
                [actions, 'Actions'],
                [risks, 'Risks'],
            ] as const) {
                const section = editor.getByRole('region', { name: region });
                for (const record of records) {
                    const name = String(record.fields.Name);
                    assert.ok(
                        name && name !== 'Action' && name !== 'Risk',
                        `${region}: a real name`,
                    );
                    await waitForText(section, name);
                    const description = record.fields.Description__c;
                    if (typeof description === 'string') await waitForText(section, description);
                }
            }
            for (const objective of objectives) {
                const current = objective.fields.CurrentValue__c;
                assert.equal(typeof current, 'number', 'every objective says where it stands');
                assert.ok(objective.fields.DueDate__c && objective.fields.Status__c);
            }
            for (const risk of risks) {
                assert.ok(
                    risk.fields.Likelihood__c && risk.fields.Impact__c && risk.fields.Mitigation__c,
                );
            }
            await screenshot('the complete plan');
            assert.deepEqual(problems, []);
        },
    },
    {
        name: 'health panel shows score, band and parts',
        async run({ page, baseUrl, problems }) {
            const account = requireFlowAccount();
            const plan = await activePlanOf(account.id);
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
