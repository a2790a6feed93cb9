import AccountPlanEditor from 'c/accountPlanEditor';
import { PLAN_ITEMS } from 'c/keystoneEngine';
import getPlan from '@salesforce/apex/AccountPlanController.getPlan';
import savePlan from '@salesforce/apex/AccountPlanController.savePlan';
import createPlan from '@salesforce/apex/AccountPlanController.createPlan';
import markReviewed from '@salesforce/apex/AccountPlanController.markReviewed';
import saveAction from '@salesforce/apex/AccountPlanController.saveAction';
import deleteChild from '@salesforce/apex/AccountPlanController.deleteChild';
import searchUsers from '@salesforce/apex/AccountPlanController.searchUsers';
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
import type { TestWireAdapter } from 'test-utils';
import planFixture from './data/plan.json';
import noPlanFixture from './data/noPlan.json';

jest.mock(
    '@salesforce/apex/AccountPlanController.getPlan',
    () => jest.requireActual('test-utils').apexWireMock(),
    { virtual: true },
);
jest.mock(
    '@salesforce/apex/AccountPlanController.savePlan',
    () => jest.requireActual('test-utils').apexMethodMock(),
    { virtual: true },
);
jest.mock(
    '@salesforce/apex/AccountPlanController.createPlan',
    () => jest.requireActual('test-utils').apexMethodMock(),
    { virtual: true },
);
jest.mock(
    '@salesforce/apex/AccountPlanController.markReviewed',
    () => jest.requireActual('test-utils').apexMethodMock(),
    { virtual: true },
);
jest.mock(
    '@salesforce/apex/AccountPlanController.saveObjective',
    () => jest.requireActual('test-utils').apexMethodMock(),
    { virtual: true },
);
jest.mock(
    '@salesforce/apex/AccountPlanController.saveAction',
    () => jest.requireActual('test-utils').apexMethodMock(),
    { virtual: true },
);
jest.mock(
    '@salesforce/apex/AccountPlanController.saveRisk',
    () => jest.requireActual('test-utils').apexMethodMock(),
    { virtual: true },
);
jest.mock(
    '@salesforce/apex/AccountPlanController.deleteChild',
    () => jest.requireActual('test-utils').apexMethodMock(),
    { virtual: true },
);
jest.mock(
    '@salesforce/apex/AccountPlanController.searchUsers',
    () => jest.requireActual('test-utils').apexMethodMock(),
    { virtual: true },
);

const planAdapter = getPlan as unknown as TestWireAdapter;
const savePlanMock = savePlan as unknown as jest.Mock;
const createPlanMock = createPlan as unknown as jest.Mock;
const markReviewedMock = markReviewed as unknown as jest.Mock;
const saveActionMock = saveAction as unknown as jest.Mock;
const deleteChildMock = deleteChild as unknown as jest.Mock;
const searchUsersMock = searchUsers as unknown as jest.Mock;

const ACCOUNT_ID = '001000000000001AAA';

async function mountEditor(data: unknown = planFixture): Promise<HTMLElement> {
    const element = mount('c-account-plan-editor', AccountPlanEditor, { recordId: ACCOUNT_ID });
    planAdapter.emit(clone(data));
    await flushPromises();
    return element;
}

/** `name`, or `<scope selector> name` for a field inside a child form. */
function field(element: HTMLElement, name: string): HTMLElement & { value: string } {
    const space = name.lastIndexOf(' ');
    const scope = space < 0 ? '' : `${name.slice(0, space)} `;
    const input = shadowQuery(element, `${scope}[data-field="${name.slice(space + 1)}"]`);
    if (!input) throw new Error(`no field ${name}`);
    return input as HTMLElement & { value: string };
}

async function type(element: HTMLElement, name: string, value: string): Promise<void> {
    field(element, name).dispatchEvent(new CustomEvent('change', { detail: { value } }));
    await flushPromises();
}

async function click(element: HTMLElement, selector: string): Promise<void> {
    const target = shadowQuery(element, selector);
    if (!target) throw new Error(`nothing matches ${selector}`);
    target.click();
    await flushPromises();
}

function conflictError(planChanges: Record<string, unknown>) {
    return keystoneError(
        'conflict',
        'Grace Hopper changed this plan after you opened it.',
        {},
        {
            plan: { ...clone(planFixture.plan), ...planChanges },
            lastModified: '2026-11-21T08:00:00.000Z',
            lastModifiedByName: 'Grace Hopper',
        },
    );
}

describe('c-account-plan-editor', () => {
    afterEach(() => {
        removeAllComponents();
        jest.clearAllMocks();
    });

    it('shows a loading status until the plan arrives', async () => {
        const element = mount('c-account-plan-editor', AccountPlanEditor, {
            recordId: ACCOUNT_ID,
        });
        await flushPromises();
        expect(textOf(element, '[role="status"]')).toContain('Loading');
        await expectAccessible(element);
    });

    it('renders every section, live figures read-only, completeness and what is missing', async () => {
        const element = await mountEditor();

        expect(textOf(element, '[data-id="title"]')).toBe('Initech FY27');
        expect(textOf(element, '[data-id="status"]')).toBe('Active');
        expect(field(element, 'businessPriorities').value).toBe('Cut logistics cost by 10 %.');
        expect(field(element, 'revenueTarget').value).toBe('500000');
        expect(textOf(element, '[data-id="live-revenue"]')).toBe('$320,000');
        expect(textOf(element, '[data-id="open-pipeline"]')).toBe('$150,000');
        expect(textOf(element, '[data-id="revenue-gap"]')).toBe(
            '$180,000 to go to the revenue target.',
        );
        // Filled: priorities, revenue target, objective, action, risk = 5 of 10.
        expect(textOf(element, '[data-id="completeness"]')).toBe('50 % complete');
        const missing = shadowQueryAll(element, '[data-id="missing"] li').map((li) =>
            li.textContent?.trim(),
        );
        const missingKeys = [
            'financialContext',
            'expansionTarget',
            'competitiveLandscape',
            'leadership',
            'deliveryTeam',
        ];
        expect(missing).toEqual(
            PLAN_ITEMS.filter((item) => missingKeys.includes(item.key)).map((item) => item.label),
        );
        expect(textOf(element, '[data-id="freshness"]')).toBe('Never reviewed');
        expect(textOf(element, '[data-id="review"]')).toContain('Reviewed every 30 days');
        expect(textOf(element, '[data-id="objectives"]')).toContain('Active users');
        expect(textOf(element, '[data-id="actions"]')).toContain('Grace Hopper');
        expect(textOf(element, '[data-id="risks"]')).toContain('Ada Lovelace');
        expect(textOf(element, '[data-id="dirty"]')).toBe('All changes saved');
        await expectAccessible(element);
    });

    it('updates completeness as the user types', async () => {
        const element = await mountEditor();
        await type(element, 'competitiveLandscape', 'Globex in EMEA, price-led.');
        await type(element, 'financialContext', 'Margins under pressure.');
        expect(textOf(element, '[data-id="completeness"]')).toBe('70 % complete');
        expect(textOf(element, '[data-id="dirty"]')).toBe('Unsaved changes');
    });

    it('keeps bad input, shows the message beside the field and does not save', async () => {
        const element = await mountEditor();
        await type(element, 'revenueTarget', '-5');
        await type(element, 'periodEnd', '2025-12-31');
        await click(element, '[data-id="save-plan"]');

        expect(savePlanMock).not.toHaveBeenCalled();
        expect(textOf(element, '[data-error="revenueTarget"]')).toBe(
            'Revenue target cannot be negative.',
        );
        expect(textOf(element, '[data-error="periodEnd"]')).toBe(
            'Period end must be after the period start.',
        );
        expect(field(element, 'revenueTarget').value).toBe('-5');
        expect(textOf(element, '[data-id="form-error"]')).toContain('Nothing you typed was lost');
        await expectAccessible(element);
    });

    it('shows a validation rule from the server beside its field and keeps the draft', async () => {
        savePlanMock.mockRejectedValue(
            keystoneError('fieldErrors', 'Check the highlighted fields.', {
                LastExecutiveReviewDate__c: ['Last executive review cannot be in the future.'],
            }),
        );
        const element = await mountEditor();
        await type(element, 'lastExecutiveReviewDate', '2099-01-01');
        await type(element, 'financialContext', 'Typed text that must survive.');
        await click(element, '[data-id="save-plan"]');

        expect(textOf(element, '[data-error="lastExecutiveReviewDate"]')).toBe(
            'Last executive review cannot be in the future.',
        );
        expect(field(element, 'financialContext').value).toBe('Typed text that must survive.');
        expect(textOf(element, '[data-id="dirty"]')).toBe('Unsaved changes');
    });

    it('saves the plan with the timestamp it loaded', async () => {
        savePlanMock.mockResolvedValue({
            recordId: 'a01000000000001AAA',
            lastModified: '2026-11-21T09:00:00.000Z',
        });
        const element = await mountEditor();
        const toasts: string[] = [];
        element.addEventListener('lightning__showtoast', (event) =>
            toasts.push((event as CustomEvent<{ title: string }>).detail.title),
        );
        await type(element, 'financialContext', 'EBITDA flat.');
        await type(element, 'expansionTarget', '75000');
        await click(element, '[data-id="save-plan"]');

        expect(savePlanMock).toHaveBeenCalledTimes(1);
        const { plan, lastModifiedSeen } = savePlanMock.mock.calls[0][0];
        expect(lastModifiedSeen).toBe('2026-11-20T10:00:00.000Z');
        expect(plan.Id).toBe('a01000000000001AAA');
        expect(plan.FinancialContext__c).toBe('EBITDA flat.');
        expect(plan.ExpansionTarget__c).toBe(75000);
        expect(plan.ExecutiveSponsor__c).toBeNull();
        expect(plan.LiveRevenue12Months__c).toBeUndefined();
        expect(toasts).toEqual(['Plan saved']);
        expect(textOf(element, '[data-id="dirty"]')).toBe('All changes saved');
    });

    it('lets the user choose when someone else changed the plan: keep mine', async () => {
        savePlanMock
            .mockRejectedValueOnce(conflictError({ BusinessPriorities__c: 'Their priorities' }))
            .mockResolvedValueOnce({
                recordId: 'a01000000000001AAA',
                lastModified: '2026-11-21T09:00:00.000Z',
            });
        const element = await mountEditor();
        await type(element, 'businessPriorities', 'My priorities');
        await click(element, '[data-id="save-plan"]');

        const conflict = textOf(element, '[data-id="conflict"]');
        expect(conflict).toContain('Grace Hopper saved this plan after you opened it');
        expect(conflict).toContain('Business priorities');
        expect(conflict).toContain('My priorities');
        expect(conflict).toContain('Their priorities');
        expect(savePlanMock).toHaveBeenCalledTimes(1);
        await expectAccessible(element);

        await click(element, '[data-id="keep-mine"]');
        expect(savePlanMock).toHaveBeenCalledTimes(2);
        expect(savePlanMock.mock.calls[1][0].lastModifiedSeen).toBe('2026-11-21T08:00:00.000Z');
        expect(savePlanMock.mock.calls[1][0].plan.BusinessPriorities__c).toBe('My priorities');
        expect(shadowQuery(element, '[data-id="conflict"]')).toBeNull();
    });

    it('lets the user take the other version instead', async () => {
        savePlanMock.mockRejectedValueOnce(
            conflictError({ BusinessPriorities__c: 'Their priorities', RevenueTarget__c: 600000 }),
        );
        const element = await mountEditor();
        await type(element, 'businessPriorities', 'My priorities');
        await click(element, '[data-id="save-plan"]');
        await click(element, '[data-id="take-theirs"]');

        expect(savePlanMock).toHaveBeenCalledTimes(1);
        expect(field(element, 'businessPriorities').value).toBe('Their priorities');
        expect(field(element, 'revenueTarget').value).toBe('600000');
        expect(textOf(element, '[data-id="dirty"]')).toBe('All changes saved');
    });

    it('saves without asking when only system figures changed meanwhile', async () => {
        savePlanMock
            .mockRejectedValueOnce(conflictError({ LiveRevenue12Months__c: 999 }))
            .mockResolvedValueOnce({
                recordId: 'a01000000000001AAA',
                lastModified: '2026-11-21T09:00:00.000Z',
            });
        const element = await mountEditor();
        await type(element, 'businessPriorities', 'My priorities');
        await click(element, '[data-id="save-plan"]');

        expect(savePlanMock).toHaveBeenCalledTimes(2);
        expect(savePlanMock.mock.calls[1][0].lastModifiedSeen).toBe('2026-11-21T08:00:00.000Z');
        expect(shadowQuery(element, '[data-id="conflict"]')).toBeNull();
    });

    it('marks the plan reviewed and shows it as current', async () => {
        const today = new Date();
        const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
        markReviewedMock.mockResolvedValue({
            lastReviewedDate: iso,
            nextReviewDate: '2099-01-01',
            cadenceDays: 30,
        });
        const element = await mountEditor();
        await click(element, '[data-id="mark-reviewed"]');

        expect(markReviewedMock).toHaveBeenCalledWith({ planId: 'a01000000000001AAA' });
        expect(textOf(element, '[data-id="freshness"]')).toBe('Current');
        expect(textOf(element, '[data-id="review"]')).toContain(`Last reviewed ${iso} (today)`);
    });

    it('says why a plan could not be marked reviewed', async () => {
        markReviewedMock.mockRejectedValue(
            keystoneError('error', 'You cannot mark the plan reviewed: you cannot edit it.'),
        );
        const element = await mountEditor();
        const messages: string[] = [];
        element.addEventListener('lightning__showtoast', (event) =>
            messages.push((event as CustomEvent<{ message: string }>).detail.message),
        );
        await click(element, '[data-id="mark-reviewed"]');
        expect(messages).toEqual(['You cannot mark the plan reviewed: you cannot edit it.']);
        expect(textOf(element, '[data-id="freshness"]')).toBe('Never reviewed');
    });

    it('adds an action: owner and due date are required, server errors stay beside fields', async () => {
        saveActionMock.mockRejectedValueOnce(
            keystoneError('fieldErrors', 'Check the highlighted fields.', {
                DueDate__c: ['Enter when this action is due (server).'],
            }),
        );
        saveActionMock.mockResolvedValueOnce('a03000000000009AAA');
        const element = await mountEditor();
        await click(element, '[data-id="add-action"]');
        expect(shadowQuery(element, '[data-id="action-form"]')).not.toBeNull();
        await type(element, '[data-id="action-form"] name', 'Book the QBR');
        await click(element, '[data-id="save-child"]');
        expect(saveActionMock).not.toHaveBeenCalled();
        expect(textOf(element, '[data-child-error="ownerId"]')).toBe(
            'Choose who owns this action.',
        );
        await expectAccessible(element);

        await type(element, '[data-id="action-form"] ownerId', '005000000000002AAA');
        await type(element, '[data-id="action-form"] dueDate', '2026-12-01');
        await click(element, '[data-id="save-child"]');
        expect(textOf(element, '[data-child-error="dueDate"]')).toBe(
            'Enter when this action is due (server).',
        );
        expect(field(element, '[data-id="action-form"] name').value).toBe('Book the QBR');

        await click(element, '[data-id="save-child"]');
        const sent = saveActionMock.mock.calls[1][0].action;
        expect(sent).toEqual({
            AccountPlan__c: 'a01000000000001AAA',
            Name: 'Book the QBR',
            Owner__c: '005000000000002AAA',
            DueDate__c: '2026-12-01',
            Status__c: 'Open',
        });
        expect(shadowQuery(element, '[data-id="action-form"]')).toBeNull();
    });

    it('removes a risk only after confirmation', async () => {
        deleteChildMock.mockResolvedValue(undefined);
        const element = await mountEditor();
        await click(element, '[data-id="risks"] [data-action="delete"]');
        expect(deleteChildMock).not.toHaveBeenCalled();
        expect(textOf(element, '[data-id="risks"]')).toContain('Remove?');
        await click(element, '[data-id="risks"] [data-action="confirm-delete"]');
        expect(deleteChildMock).toHaveBeenCalledWith({ recordId: 'a04000000000001AAA' });
    });

    it('finds people to add to the pickers', async () => {
        searchUsersMock.mockResolvedValue([
            { id: '005000000000003AAA', name: 'Katherine Johnson', title: 'CSM' },
        ]);
        const element = await mountEditor();
        const search = shadowQuery(element, '[data-id="people-search"]');
        search?.dispatchEvent(new CustomEvent('change', { detail: { value: 'Kat' } }));
        await flushPromises();
        expect(searchUsersMock).toHaveBeenCalledWith({ searchText: 'Kat' });
        const options = (
            field(element, 'customerSuccessManagerId') as unknown as {
                options: { value: string; label: string }[];
            }
        ).options;
        expect(options.map((option) => option.label)).toContain('Katherine Johnson (CSM)');
    });

    it('offers to start a plan when the account has none', async () => {
        createPlanMock.mockResolvedValue('a01000000000009AAA');
        const element = await mountEditor(noPlanFixture);
        expect(textOf(element, '[data-id="empty"]')).toContain('This account has no plan yet');
        expect(shadowQuery(element, '[data-id="save-plan"]')).toBeNull();
        await expectAccessible(element);
        await click(element, '[data-id="start-plan"]');
        expect(createPlanMock).toHaveBeenCalledWith({ accountId: ACCOUNT_ID });
    });

    it('shows what went wrong when the plan cannot be loaded', async () => {
        const element = mount('c-account-plan-editor', AccountPlanEditor, {
            recordId: ACCOUNT_ID,
        });
        // The controller throws Keystone's JSON error shape (KeystoneUiErrors).
        planAdapter.error(
            keystoneError('error', 'You do not have access to key account plans.').body,
        );
        await flushPromises();
        const shown = textOf(element, '[data-id="load-error"]');
        expect(shown).toContain('You do not have access to key account plans.');
        expect(shown).not.toContain('{');
        await expectAccessible(element);
    });
});
