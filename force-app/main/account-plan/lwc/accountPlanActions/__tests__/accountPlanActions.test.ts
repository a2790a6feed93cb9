import saveAction from '@salesforce/apex/AccountPlanController.saveAction';
import AccountPlanActions from 'c/accountPlanActions';
import {
    clone,
    expectAccessible,
    flushPromises,
    keystoneError,
    mount,
    removeAllComponents,
    shadowQuery,
    shadowQueryAll,
    textOf,
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

async function type(element: HTMLElement, name: string, value: string): Promise<void> {
    shadowQuery(element, `[data-field="${name}"]`)?.dispatchEvent(
        new CustomEvent('change', { detail: { value } }),
    );
    await flushPromises();
}

async function click(element: HTMLElement, selector: string): Promise<void> {
    const target = shadowQuery(element, selector);
    if (!target) throw new Error(`nothing matches ${selector}`);
    target.click();
    await flushPromises();
}

/** A row's cells, each as its text; a cell's separate lines joined with " / ". */
function rowCells(element: HTMLElement, id: string): string[] {
    return shadowQueryAll(element, `[data-row="${id}"] > *`).map((cell) => {
        const lines = Array.from(cell.querySelectorAll(':scope > span'))
            .map((span) => span.textContent?.replace(/\s+/g, ' ').trim())
            .filter((line) => line);
        const own = Array.from(cell.childNodes)
            .filter((node) => node.nodeType === Node.TEXT_NODE)
            .map((node) => node.textContent?.trim())
            .filter((text) => text);
        return [...own, ...lines].join(' / ');
    });
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
        await click(element, '[data-id="add-action"]');
        await click(element, '[data-id="save-action"]');
        expect(saveMock).not.toHaveBeenCalled();
        expect(textOf(element, '[data-error="name"]')).toBe('Say what needs doing.');
        expect(textOf(element, '[data-error="ownerId"]')).toBe('Choose who owns this action.');
        expect(textOf(element, '[data-error="dueDate"]')).toBe('Enter when this action is due.');
        await expectAccessible(element);
    });

    it('dates an action completed today, refuses a completion in the future, and saves', async () => {
        saveMock.mockResolvedValue('a03000000000009AAA');
        const element = await renderActions();
        const seen: string[] = [];
        element.addEventListener('changed', (event) =>
            seen.push((event as CustomEvent<{ message: string }>).detail.message),
        );
        await click(element, '[data-id="add-action"]');
        await type(element, 'name', 'Book the QBR');
        await type(element, 'description', 'Agree the date with the sponsor.');
        await type(element, 'ownerId', '005000000000002AAA');
        await type(element, 'dueDate', '2026-12-01');
        await type(element, 'status', 'Completed');
        expect(
            (shadowQuery(element, '[data-field="completedDate"]') as unknown as { value: string })
                .value,
        ).toBe('2026-11-26');
        await type(element, 'completedDate', '2027-01-05');
        await click(element, '[data-id="save-action"]');
        expect(textOf(element, '[data-error="completedDate"]')).toBe(
            'Completed date cannot be in the future.',
        );
        await type(element, 'completedDate', '2026-11-20');
        await type(element, 'objectiveId', 'a02000000000001AAA');
        await click(element, '[data-id="save-action"]');
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
        await click(element, '[data-row="a03000000000002AAA"] [data-action="edit"]');
        await type(element, 'status', 'In Progress');
        expect(shadowQuery(element, '[data-field="completedDate"]')).toBeNull();
        await click(element, '[data-id="save-action"]');
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
        await click(element, '[data-action="edit"]');
        await click(element, '[data-id="save-action"]');
        expect(textOf(element, '[data-error="objectiveId"]')).toBe(
            'Choose an objective of the same plan.',
        );
        expect(shadowQuery(element, '[data-id="action-form"]')).not.toBeNull();
    });
});
