// Relationship map flow: fill an empty buying-role seat with a new contact created in the
// stakeholder modal, save, and see the person on the map and the coverage summary change — the
// coverage the recompute trigger stored on the plan.
import assert from 'node:assert/strict';
import type { E2eTest } from './harness.ts';
import { waitForText } from './harness.ts';
import {
    activePlanOf,
    chooseOption,
    openAccount,
    openTab,
    relationshipMap,
    requireFlowAccount,
    stakeholdersOf,
    textOf,
} from './keystonePage.ts';

export const stakeholderAddTests: E2eTest[] = [
    {
        name: 'adding a stakeholder puts the person on the map and changes coverage',
        async run({ page, baseUrl, problems }) {
            const account = requireFlowAccount();
            const plan = await activePlanOf(account.id);
            const filled = Number(plan?.fields.BuyingRolesFilled__c);
            const required = Number(plan?.fields.BuyingRolesRequired__c);
            const relevant = Number(plan?.fields.RelevantStakeholders__c);
            const toReengage = relevant - Number(plan?.fields.EngagedStakeholders__c);
            const people = (await stakeholdersOf(account.id)).length;

            await openAccount(page, baseUrl, account.id);
            await openTab(page, 'Relationship Map');
            const map = relationshipMap(page);
            const coverage = map.getByRole('region', { name: 'Coverage summary' });
            await waitForText(coverage.locator('[data-id="roles"]'), `${filled} of ${required}`);
            const seatsBefore = await textOf(coverage.locator('[data-id="seats"]'));
            const nodes = map.locator('[data-node-id]');
            await nodes.first().waitFor();
            await map.getByRole('button', { name: 'Show every team' }).click();
            await waitForText(map.locator('[data-id="canvas-status"]'), 'Every team is shown.');
            assert.equal(await nodes.count(), people);

            // An empty seat opens the modal with that buying role chosen.
            const seat = map
                .getByRole('region', { name: 'Empty seats' })
                .getByRole('button')
                .first();
            const role = ((await seat.textContent()) ?? '').trim().replace(/^Add /, '');
            await seat.click();
            const modal = map.getByRole('dialog');
            await modal.waitFor();
            await chooseOption(modal, 'Contact', 'Create a new contact…');
            await modal.getByLabel('First name').fill('Eleanor');
            await modal.getByLabel('Last name').fill('Quist');
            await modal.getByLabel('Title').fill('Chief Financial Officer');
            assert.match(
                (await modal.getByRole('combobox', { name: 'Buying role' }).textContent()) ?? '',
                new RegExp(role),
                `the ${role} seat is preselected`,
            );
            await modal.getByRole('button', { name: 'Save' }).click();
            await modal.waitFor({ state: 'detached' });

            await map.getByRole('button', { name: /Eleanor Quist/ }).waitFor();
            assert.equal(await nodes.count(), people + 1, 'the new person is on the map');
            await waitForText(
                coverage.locator('[data-id="roles"]'),
                `${filled + 1} of ${required}`,
            );
            // A new person takes a seat of the buying group but is not engaged yet: one more
            // person on the map to re-engage.
            const seatsText = await waitForText(
                coverage.locator('[data-id="seats"]'),
                `${toReengage + 1} ${toReengage + 1 === 1 ? 'person' : 'people'} on the map to re-engage`,
            );
            assert.notEqual(seatsText, seatsBefore);
            const after = await activePlanOf(account.id);
            assert.equal(
                Number(after?.fields.BuyingRolesFilled__c),
                filled + 1,
                'stored by the recompute',
            );
            assert.equal(Number(after?.fields.RelevantStakeholders__c), relevant + 1);
            assert.deepEqual(problems, []);
        },
    },
];
