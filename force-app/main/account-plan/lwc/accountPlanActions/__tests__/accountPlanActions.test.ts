import saveAction from '@salesforce/apex/AccountPlanController.saveAction';
import AccountPlanActions from 'c/accountPlanActions';
import {
    changeMessages,
    clickOn,
    clone,
    expectAccessible,
    flushPromises,
    keystoneError,
    mount,
    removeAllComponents,
    rowCells,
    shadowQuery,
    shadowQueryAll,
    textOf,
    typeInto,
} from 'test-utils';
import planFixture from '../../accountPlanEditor/__tests__/data/plan.json';

jest.mock(
    '@salesforce/apex/AccountPlanController.saveAction',
    () => jest.requireActual('test-utils').apexMethodMock(),
    { virtual: true },
);

const saveMock = saveAction as unknown as jest.Mock;
const PLAN = 'a01000000000001AAA';

async function renderActions(props: Record<string, unknown> = {}): Promise<HTMLElement> {
    const element = mount('c-account-plan-actions', AccountPlanActions, {
        records: clone(planFixture.actions),
        planId: PLAN,
        statusOptions: planFixture.picklists.actionStatus,
        people: clone(planFixture.people),
        objectives: clone(planFixture.objectives),
        today: '2026-11-26',
        ...props,
    });
    await flushPromises();
    return element;
}

function rowText(element: HTMLElement, id: string): string {
    return textOf(element, `[data-row="${id}"]`);
}

describe('c-account-plan-actions', () => {
    afterEach(() => {
        removeAllComponents();
        jest.clearAllMocks();
    });

    it('lists each action: subject and detail, owner, due date, status, the objective it serves', async () => {
        const element = await renderActions();
        expect(rowCells(element, 'a03000000000001AAA').slice(0, 5)).toEqual([
            'Run executive briefing / Agree the agenda with the CFO and bring the value report.',
            'Grace Hopper',
            'Dec 15, 2026',
            'Open',
            'Grow active users',
        ]);
        expect(rowText(element, 'a03000000000002AAA')).toContain('Completed May 28, 2026');
        expect(
            shadowQueryAll(element, '[data-id="overdue"]').map((badge) =>
                badge.closest('tr')?.getAttribute('data-row'),
            ),
        ).toEqual(['a03000000000003AAA']);
        await expectAccessible(element);
    });

    it('needs a subject, an owner and a due date, said beside each field', async () => {
        const element = await renderActions();
        await clickOn(element, '[data-id="add-action"]');
        await clickOn(element, '[data-id="save-action"]');
        expect(saveMock).not.toHaveBeenCalled();
        expect(textOf(element, '[data-error="name"]')).toBe('Say what needs doing.');
        expect(textOf(element, '[data-error="ownerId"]')).toBe('Choose who owns this action.');
        expect(textOf(element, '[data-error="dueDate"]')).toBe('Enter when this action is due.');
        await expectAccessible(element);
    });

    it('dates an action completed today, refuses a completion in the future, and saves', async () => {
        saveMock.mockResolvedValue('a03000000000009AAA');
        const element = await renderActions();
        const seen = changeMessages(element);
        await clickOn(element, '[data-id="add-action"]');
        await typeInto(element, 'name', 'Book the QBR');
        await typeInto(element, 'description', 'Agree the date with the sponsor.');
        await typeInto(element, 'ownerId', '005000000000002AAA');
        await typeInto(element, 'dueDate', '2026-12-01');
        await typeInto(element, 'status', 'Completed');
        expect(
            (shadowQuery(element, '[data-field="completedDate"]') as unknown as { value: string })
                .value,
        ).toBe('2026-11-26');
        await typeInto(element, 'completedDate', '2027-01-05');
        await clickOn(element, '[data-id="save-action"]');
        expect(textOf(element, '[data-error="completedDate"]')).toBe(
            'Completed date cannot be in the future.',
        );
        await typeInto(element, 'completedDate', '2026-11-20');
        await typeInto(element, 'objectiveId', 'a02000000000001AAA');
        await clickOn(element, '[data-id="save-action"]');
        expect(saveMock.mock.calls[0][0].action).toEqual({
            AccountPlan__c: PLAN,
            Name: 'Book the QBR',
            Description__c: 'Agree the date with the sponsor.',
            Owner__c: '005000000000002AAA',
            DueDate__c: '2026-12-01',
            Status__c: 'Completed',
            CompletedDate__c: '2026-11-20',
            Objective__c: 'a02000000000001AAA',
        });
        expect(seen).toEqual(['Book the QBR was saved.']);
    });

    it('clears the completion date of an action that is no longer completed', async () => {
        saveMock.mockResolvedValue('a03000000000002AAA');
        const element = await renderActions();
        await clickOn(element, '[data-row="a03000000000002AAA"] [data-action="edit"]');
        await typeInto(element, 'status', 'In Progress');
        expect(shadowQuery(element, '[data-field="completedDate"]')).toBeNull();
        await clickOn(element, '[data-id="save-action"]');
        expect(saveMock.mock.calls[0][0].action).toMatchObject({
            Id: 'a03000000000002AAA',
            Status__c: 'In Progress',
            CompletedDate__c: null,
        });
    });

    it('puts a server error beside its field and keeps the form', async () => {
        saveMock.mockRejectedValue(
            keystoneError('fieldErrors', 'Check the highlighted fields.', {
                Objective__c: ['Choose an objective of the same plan.'],
            }),
        );
        const element = await renderActions();
        await clickOn(element, '[data-action="edit"]');
        await clickOn(element, '[data-id="save-action"]');
        expect(textOf(element, '[data-error="objectiveId"]')).toBe(
            'Choose an objective of the same plan.',
        );
        expect(shadowQuery(element, '[data-id="action-form"]')).not.toBeNull();
    });
    it('moves the keyboard into a form as it opens', async () => {
        const focus = jest.spyOn(HTMLElement.prototype, 'focus');
        const element = await renderActions();
        await clickOn(element, '[data-id="add-action"]');
        expect(focus.mock.contexts).toEqual([shadowQuery(element, '[data-field="name"]')]);
        await clickOn(element, '[data-id="cancel"]');
        await clickOn(element, '[data-row="a03000000000002AAA"] [data-action="edit"]');
        expect(focus.mock.contexts).toHaveLength(2);
        expect(focus.mock.contexts[1]).toBe(shadowQuery(element, '[data-field="name"]'));
        focus.mockRestore();
    });

    it("clears a field's error as it is corrected and keeps the others", async () => {
        const element = await renderActions();
        await clickOn(element, '[data-id="add-action"]');
        await clickOn(element, '[data-id="save-action"]');
        expect(textOf(element, '[data-error="name"]')).toBe('Say what needs doing.');
        expect(textOf(element, '[data-error="ownerId"]')).toBe('Choose who owns this action.');
        await typeInto(element, 'name', 'Book the QBR');
        expect(shadowQuery(element, '[data-error="name"]')).toBeNull();
        expect(textOf(element, '[data-error="ownerId"]')).toBe('Choose who owns this action.');
        expect(saveMock).not.toHaveBeenCalled();
    });
});
