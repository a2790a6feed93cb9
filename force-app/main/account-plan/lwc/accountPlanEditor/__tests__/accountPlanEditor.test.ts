import AccountPlanEditor from 'c/accountPlanEditor';
import { PLAN_ITEMS } from 'c/keystoneEngine';
import getPlan from '@salesforce/apex/AccountPlanController.getPlan';
import savePlan from '@salesforce/apex/AccountPlanController.savePlan';
import createPlan from '@salesforce/apex/AccountPlanController.createPlan';
import markReviewed from '@salesforce/apex/AccountPlanController.markReviewed';
import {
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
    '@salesforce/apex/AccountPlanController.saveRisk',
    () => jest.requireActual('test-utils').apexMethodMock(),
    { virtual: true },
);

const planAdapter = getPlan as unknown as TestWireAdapter;
const savePlanMock = savePlan as unknown as jest.Mock;
const createPlanMock = createPlan as unknown as jest.Mock;
const markReviewedMock = markReviewed as unknown as jest.Mock;

const ACCOUNT_ID = '001000000000001AAA';

async function mountEditor(data: unknown = planFixture): Promise<HTMLElement> {
    const element = mount('c-account-plan-editor', AccountPlanEditor, { recordId: ACCOUNT_ID });
    planAdapter.emit(clone(data));
    await flushPromises();
    return element;
}

/** A part of the editor: its host element. */
function part(element: HTMLElement, dataId: string): HTMLElement {
    const found = shadowQuery(element, `[data-id="${dataId}"]`);
    if (!found) throw new Error(`${dataId} is not rendered`);
    return found;
}

/** Something inside a part's own template. */
function inPart(element: HTMLElement, dataId: string, selector: string): HTMLElement | null {
    return part(element, dataId).shadowRoot?.querySelector<HTMLElement>(selector) ?? null;
}

function partText(element: HTMLElement, dataId: string, selector: string): string {
    return inPart(element, dataId, selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

/** A field of the plan form. */
function field(element: HTMLElement, name: string): HTMLElement & { value: string } {
    const input = inPart(element, 'plan-form', `[data-field="${name}"]`);
    if (!input) throw new Error(`no field ${name}`);
    return input as HTMLElement & { value: string };
}

async function type(element: HTMLElement, name: string, value: string): Promise<void> {
    field(element, name).dispatchEvent(new CustomEvent('change', { detail: { value } }));
    await flushPromises();
}

function toastsOf(element: HTMLElement): { title: string; message: string }[] {
    const toasts: { title: string; message: string }[] = [];
    element.addEventListener('lightning__showtoast', (event) =>
        toasts.push((event as CustomEvent<{ title: string; message: string }>).detail),
    );
    return toasts;
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

    it('renders the plan, its parts, completeness and what is missing', async () => {
        const element = await mountEditor();

        expect(textOf(element, '[data-id="title"]')).toBe('Initech FY27');
        expect(textOf(element, '[data-id="status"]')).toBe('Active');
        expect(field(element, 'businessPriorities').value).toBe('Cut logistics cost by 10 %.');
        expect(field(element, 'revenueTarget').value).toBe('500000');
        expect(partText(element, 'plan-form', '[data-id="revenue-gap"]')).toBe(
            '$180,000 to go to the revenue target.',
        );
        // Filled: priorities, revenue target, objective, action, risk = 5 of 10.
        expect(textOf(element, '[data-id="completeness"]')).toBe('50% complete');
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
        expect(textOf(element, '[data-id="review"]')).toBe(
            'Not reviewed yet. Reviewed every 30 days.',
        );
        expect(partText(element, 'objectives-part', '[data-id="objectives"]')).toContain(
            'Grow active users',
        );
        expect(partText(element, 'actions-part', '[data-id="actions"]')).toContain('Grace Hopper');
        expect(partText(element, 'risks-part', '[data-id="risks"]')).toContain('Ada Lovelace');
        const team = part(element, 'team') as HTMLElement & { people: { name: string }[] };
        expect(team.people.map((person) => person.name)).toEqual(['Ada Lovelace', 'Grace Hopper']);
        expect(textOf(element, '[data-id="dirty"]')).toBe('All changes saved');
        await expectAccessible(element);
    });

    it('updates completeness as the user types', async () => {
        const element = await mountEditor();
        await type(element, 'competitiveLandscape', 'Globex in EMEA, price-led.');
        await type(element, 'financialContext', 'Margins under pressure.');
        expect(textOf(element, '[data-id="completeness"]')).toBe('70% complete');
        expect(textOf(element, '[data-id="dirty"]')).toBe('Unsaved changes');
    });

    it('keeps bad input, shows the message beside the field and does not save', async () => {
        const element = await mountEditor();
        await type(element, 'revenueTarget', '-5');
        await type(element, 'periodEnd', '2025-12-31');
        await clickOn(element, '[data-id="save-plan"]');

        expect(savePlanMock).not.toHaveBeenCalled();
        expect(partText(element, 'plan-form', '[data-error="revenueTarget"]')).toBe(
            'Revenue target cannot be negative.',
        );
        expect(partText(element, 'plan-form', '[data-error="periodEnd"]')).toBe(
            'Period end must be after the period start.',
        );
        expect(field(element, 'revenueTarget').value).toBe('-5');
        expect(textOf(element, '[data-id="form-error"]')).toContain('Nothing you typed was lost');
        await expectAccessible(element);
    });

    it('takes the expected buying group as whole people from 1 to 100, blank for the default', async () => {
        savePlanMock.mockResolvedValue({
            recordId: 'a01000000000001AAA',
            lastModified: '2026-11-21T09:00:00.000Z',
        });
        const element = await mountEditor();
        expect(field(element, 'buyingGroupSize').value).toBe('12');
        const rule =
            "Expected buying group size must be a whole number of people from 1 to 100. Leave it blank to use the default for the account's tier and segment.";
        for (const bad of ['0', '101', '2.5', 'twelve']) {
            await type(element, 'buyingGroupSize', bad);
            await clickOn(element, '[data-id="save-plan"]');
            expect(savePlanMock).not.toHaveBeenCalled();
            expect(partText(element, 'plan-form', '[data-error="buyingGroupSize"]')).toBe(rule);
            expect(field(element, 'buyingGroupSize').value).toBe(bad);
        }

        await type(element, 'buyingGroupSize', '100');
        await clickOn(element, '[data-id="save-plan"]');
        expect(inPart(element, 'plan-form', '[data-error="buyingGroupSize"]')).toBeNull();
        expect(savePlanMock.mock.calls[0][0].plan.BuyingGroupSize__c).toBe(100);

        await type(element, 'buyingGroupSize', '');
        await clickOn(element, '[data-id="save-plan"]');
        expect(savePlanMock.mock.calls[1][0].plan.BuyingGroupSize__c).toBeNull();
    });

    it('puts the server rule on the buying group size beside the field', async () => {
        savePlanMock.mockRejectedValue(
            keystoneError('fieldErrors', 'Check the highlighted fields.', {
                BuyingGroupSize__c: ['Expected buying group size must be a whole number.'],
            }),
        );
        const element = await mountEditor();
        await type(element, 'buyingGroupSize', '8');
        await clickOn(element, '[data-id="save-plan"]');
        expect(partText(element, 'plan-form', '[data-error="buyingGroupSize"]')).toBe(
            'Expected buying group size must be a whole number.',
        );
        expect(field(element, 'buyingGroupSize').value).toBe('8');
    });

    it('puts a team error beside the team picker', async () => {
        const element = await mountEditor();
        const team = part(element, 'team');
        team.dispatchEvent(
            new CustomEvent('fieldchange', { detail: { key: 'keyAccountManagerId', value: '' } }),
        );
        await flushPromises();
        await clickOn(element, '[data-id="save-plan"]');
        expect(partText(element, 'team', '[data-error="keyAccountManagerId"]')).toBe(
            'Choose the key account manager before you activate the plan.',
        );
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
        await clickOn(element, '[data-id="save-plan"]');

        expect(partText(element, 'plan-form', '[data-error="lastExecutiveReviewDate"]')).toBe(
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
        const toasts = toastsOf(element);
        await type(element, 'financialContext', 'EBITDA flat.');
        await type(element, 'expansionTarget', '75000');
        await clickOn(element, '[data-id="save-plan"]');

        expect(savePlanMock).toHaveBeenCalledTimes(1);
        const { plan, lastModifiedSeen } = savePlanMock.mock.calls[0][0];
        expect(lastModifiedSeen).toBe('2026-11-20T10:00:00.000Z');
        expect(plan.Id).toBe('a01000000000001AAA');
        expect(plan.FinancialContext__c).toBe('EBITDA flat.');
        expect(plan.ExpansionTarget__c).toBe(75000);
        expect(plan.ExecutiveSponsor__c).toBeNull();
        expect(plan.LiveRevenue12Months__c).toBeUndefined();
        expect(toasts.map((toast) => toast.title)).toEqual(['The plan was saved.']);
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
        await clickOn(element, '[data-id="save-plan"]');

        const conflict = textOf(element, '[data-id="conflict"]');
        expect(conflict).toContain('Grace Hopper saved this plan after you opened it');
        expect(conflict).toContain('Business priorities');
        expect(conflict).toContain('My priorities');
        expect(conflict).toContain('Their priorities');
        expect(savePlanMock).toHaveBeenCalledTimes(1);
        await expectAccessible(element);

        await clickOn(element, '[data-id="keep-mine"]');
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
        await clickOn(element, '[data-id="save-plan"]');
        await clickOn(element, '[data-id="take-theirs"]');

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
        await clickOn(element, '[data-id="save-plan"]');

        expect(savePlanMock).toHaveBeenCalledTimes(2);
        expect(savePlanMock.mock.calls[1][0].lastModifiedSeen).toBe('2026-11-21T08:00:00.000Z');
        expect(shadowQuery(element, '[data-id="conflict"]')).toBeNull();
    });

    it('marks the plan as reviewed and shows it up to date', async () => {
        const today = new Date();
        const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
        markReviewedMock.mockResolvedValue({
            lastReviewedDate: iso,
            nextReviewDate: '2099-01-01',
            cadenceDays: 30,
        });
        const element = await mountEditor();
        const toasts = toastsOf(element);
        await clickOn(element, '[data-id="mark-reviewed"]');

        expect(markReviewedMock).toHaveBeenCalledWith({ planId: 'a01000000000001AAA' });
        expect(textOf(element, '[data-id="freshness"]')).toBe('Up to date');
        expect(textOf(element, '[data-id="review"]')).toMatch(
            /^Last reviewed [A-Z][a-z]{2} \d{1,2}, \d{4}, today\. Reviewed every 30 days; the next review is due by/,
        );
        expect(toasts[0]).toEqual({
            title: 'The plan is marked as reviewed.',
            message: 'The next review is due by Jan 1, 2099.',
            variant: 'success',
        });
    });

    it('says why a plan could not be marked as reviewed', async () => {
        markReviewedMock.mockRejectedValue(
            keystoneError('error', 'You cannot mark the plan reviewed: you cannot edit it.'),
        );
        const element = await mountEditor();
        const toasts = toastsOf(element);
        await clickOn(element, '[data-id="mark-reviewed"]');
        expect(toasts.map((toast) => toast.message)).toEqual([
            'You cannot mark the plan reviewed: you cannot edit it.',
        ]);
        expect(textOf(element, '[data-id="freshness"]')).toBe('Never reviewed');
    });

    it('says when an objective, action or risk changed, and offers people found by name', async () => {
        const element = await mountEditor();
        const toasts = toastsOf(element);
        part(element, 'risks-part').dispatchEvent(
            new CustomEvent('changed', { detail: { message: 'Budget freeze was removed.' } }),
        );
        expect(toasts.map((toast) => toast.title)).toEqual(['Budget freeze was removed.']);

        part(element, 'team').dispatchEvent(
            new CustomEvent('peoplefound', {
                detail: { people: [{ id: '005000000000003AAA', name: 'Katherine Johnson' }] },
            }),
        );
        await flushPromises();
        const actions = part(element, 'actions-part') as HTMLElement & {
            people: { name: string }[];
        };
        expect(actions.people.map((person) => person.name)).toContain('Katherine Johnson');
    });

    it('offers to start a plan when the account has none', async () => {
        createPlanMock.mockResolvedValue('a01000000000009AAA');
        const element = await mountEditor(noPlanFixture);
        expect(textOf(element, '[data-id="empty"]')).toContain('This account has no plan yet');
        expect(shadowQuery(element, '[data-id="save-plan"]')).toBeNull();
        await expectAccessible(element);
        await clickOn(element, '[data-id="start-plan"]');
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
