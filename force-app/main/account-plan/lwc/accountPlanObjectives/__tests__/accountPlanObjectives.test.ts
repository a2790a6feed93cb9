import saveObjective from '@salesforce/apex/AccountPlanController.saveObjective';
import deleteChild from '@salesforce/apex/AccountPlanController.deleteChild';
import AccountPlanObjectives from 'c/accountPlanObjectives';
import {
    changeMessages,
    clickOn,
    clone,
    expectAccessible,
    flushPromises,
    keystoneError,
    mount,
    removeAllComponents,
    shadowQuery,
    shadowQueryAll,
    textOf,
    typeInto,
} from 'test-utils';
import planFixture from '../../accountPlanEditor/__tests__/data/plan.json';

jest.mock(
    '@salesforce/apex/AccountPlanController.saveObjective',
    () => jest.requireActual('test-utils').apexMethodMock(),
    { virtual: true },
);
jest.mock(
    '@salesforce/apex/AccountPlanController.deleteChild',
    () => jest.requireActual('test-utils').apexMethodMock(),
    { virtual: true },
);

const saveMock = saveObjective as unknown as jest.Mock;
const deleteMock = deleteChild as unknown as jest.Mock;
const PLAN = 'a01000000000001AAA';

async function renderObjectives(props: Record<string, unknown> = {}): Promise<HTMLElement> {
    const element = mount('c-account-plan-objectives', AccountPlanObjectives, {
        records: clone(planFixture.objectives),
        planId: PLAN,
        statusOptions: planFixture.picklists.objectiveStatus,
        ...props,
    });
    await flushPromises();
    return element;
}

describe('c-account-plan-objectives', () => {
    afterEach(() => {
        removeAllComponents();
        jest.clearAllMocks();
    });

    it('lists each objective with its metric, where it stands against the target, due date and status', async () => {
        const element = await renderObjectives();
        const cells = shadowQueryAll(element, '[data-id="objectives"] tbody tr > *').map(
            (cell) =>
                Array.from(cell.querySelectorAll('span'))
                    .map((span) => span.textContent?.trim())
                    .join(' / ') || cell.textContent?.replace(/\s+/g, ' ').trim(),
        );
        expect(cells.slice(0, 5)).toEqual([
            'Grow active users / Every business unit live on the platform by the end of the plan.',
            'Active users',
            '320 of 500 (64%)',
            'Sep 30, 2026',
            'On Track',
        ]);
        await expectAccessible(element);
    });

    it('says what an objective needs before it saves, beside each field', async () => {
        const element = await renderObjectives();
        await clickOn(element, '[data-id="add-objective"]');
        await clickOn(element, '[data-id="save-objective"]');
        expect(saveMock).not.toHaveBeenCalled();
        expect(textOf(element, '[data-error="name"]')).toBe('Name the objective.');
        expect(textOf(element, '[data-error="metric"]')).toBe(
            'Say how this objective is measured.',
        );
        expect(textOf(element, '[data-error="targetValue"]')).toBe(
            'Enter the target value of the metric.',
        );
        expect(textOf(element, '[data-error="dueDate"]')).toBe(
            'Enter when the objective should be met.',
        );
        await expectAccessible(element);
    });

    it('saves a new objective with every field, and says so', async () => {
        saveMock.mockResolvedValue('a02000000000009AAA');
        const element = await renderObjectives();
        const seen = changeMessages(element);
        await clickOn(element, '[data-id="add-objective"]');
        await typeInto(element, 'name', 'Win the EMEA rollout');
        await typeInto(element, 'description', 'EMEA is the next region to go live.');
        await typeInto(element, 'metric', 'Business units live');
        await typeInto(element, 'targetValue', '4');
        await typeInto(element, 'currentValue', '1');
        await typeInto(element, 'dueDate', '2027-03-31');
        await typeInto(element, 'status', 'On Track');
        await clickOn(element, '[data-id="save-objective"]');
        expect(saveMock.mock.calls[0][0].objective).toEqual({
            AccountPlan__c: PLAN,
            Name: 'Win the EMEA rollout',
            Description__c: 'EMEA is the next region to go live.',
            Metric__c: 'Business units live',
            TargetValue__c: 4,
            CurrentValue__c: 1,
            DueDate__c: '2027-03-31',
            Status__c: 'On Track',
        });
        expect(seen).toEqual(['Win the EMEA rollout was saved.']);
        expect(shadowQuery(element, '[data-id="objective-form"]')).toBeNull();
    });

    it('edits an objective as saved, keeping what was typed when the server refuses', async () => {
        saveMock.mockRejectedValue(
            keystoneError('fieldErrors', 'Check the highlighted fields.', {
                TargetValue__c: ['Enter the target value of the metric (server).'],
            }),
        );
        const element = await renderObjectives();
        await clickOn(element, '[data-action="edit"]');
        expect(
            (shadowQuery(element, '[data-field="currentValue"]') as unknown as { value: string })
                .value,
        ).toBe('320');
        await typeInto(element, 'currentValue', '410');
        await clickOn(element, '[data-id="save-objective"]');
        expect(saveMock.mock.calls[0][0].objective).toMatchObject({
            Id: 'a02000000000001AAA',
            CurrentValue__c: 410,
        });
        expect(textOf(element, '[data-error="targetValue"]')).toBe(
            'Enter the target value of the metric (server).',
        );
        expect(textOf(element, '[data-id="form-error"]')).toContain('Nothing you typed was lost');
        expect(
            (shadowQuery(element, '[data-field="currentValue"]') as unknown as { value: string })
                .value,
        ).toBe('410');
    });

    it('removes an objective only after asking, and says why it could not', async () => {
        deleteMock.mockRejectedValueOnce(keystoneError('error', 'You cannot remove objectives.'));
        deleteMock.mockResolvedValueOnce(undefined);
        const element = await renderObjectives();
        const seen = changeMessages(element);
        await clickOn(element, '[data-action="remove"]');
        expect(deleteMock).not.toHaveBeenCalled();
        await clickOn(element, '[data-id="confirm-remove"]');
        expect(textOf(element, '[data-id="remove-error"]')).toBe(
            'Grow active users could not be removed: You cannot remove objectives.',
        );
        await clickOn(element, '[data-id="confirm-remove"]');
        expect(deleteMock).toHaveBeenLastCalledWith({ recordId: 'a02000000000001AAA' });
        expect(seen).toEqual(['Grow active users was removed.']);
    });

    it('says there are none yet, and offers no changes when read only', async () => {
        const element = await renderObjectives({ records: [], readOnly: true });
        expect(textOf(element, '[data-id="none"]')).toContain('No objectives yet');
        expect(
            (shadowQuery(element, '[data-id="add-objective"]') as unknown as { disabled: boolean })
                .disabled,
        ).toBe(true);
    });
});
