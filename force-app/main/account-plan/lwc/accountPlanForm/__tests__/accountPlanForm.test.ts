import AccountPlanForm from 'c/accountPlanForm';
import { planDraftOf } from 'c/accountPlanModel';
import type { SObjectRecord } from 'c/accountPlanModel';
import {
    clone,
    expectAccessible,
    flushPromises,
    mount,
    removeAllComponents,
    shadowQuery,
    textOf,
} from 'test-utils';
import planFixture from '../../accountPlanEditor/__tests__/data/plan.json';

const plan = planFixture.plan as SObjectRecord;

type Form = HTMLElement & { draft: ReturnType<typeof planDraftOf>; plan: SObjectRecord };

async function renderForm(props: Record<string, unknown> = {}): Promise<Form> {
    const element = mount<Form>('c-account-plan-form', AccountPlanForm, {
        draft: planDraftOf(clone(plan)),
        plan: clone(plan),
        statusOptions: planFixture.picklists.planStatus,
        ...props,
    });
    await flushPromises();
    return element;
}

function field(
    element: HTMLElement,
    name: string,
): HTMLElement & { value: string; readOnly: boolean } {
    const found = shadowQuery(element, `[data-field="${name}"]`);
    if (!found) throw new Error(`no field ${name}`);
    return found as HTMLElement & { value: string; readOnly: boolean };
}

describe('c-account-plan-form', () => {
    afterEach(removeAllComponents);

    it("shows the plan's fields and the live figures beside the targets", async () => {
        const element = await renderForm();
        expect(field(element, 'name').value).toBe('Initech FY27');
        expect(field(element, 'businessPriorities').value).toBe('Cut logistics cost by 10 %.');
        expect(field(element, 'revenueTarget').value).toBe('500000');
        expect(textOf(element, '[data-id="live-revenue"]')).toBe('$320,000');
        expect(textOf(element, '[data-id="open-pipeline"]')).toBe('$150,000');
        expect(textOf(element, '[data-id="revenue-gap"]')).toBe(
            '$180,000 to go to the revenue target.',
        );
        await expectAccessible(element);
    });

    it('reports every change, and says when the target is reached or missing', async () => {
        const element = await renderForm();
        const changes: unknown[] = [];
        element.addEventListener('fieldchange', (event) =>
            changes.push((event as CustomEvent).detail),
        );
        field(element, 'financialContext').dispatchEvent(
            new CustomEvent('change', { detail: { value: 'Budget set in April.' } }),
        );
        expect(changes).toEqual([{ key: 'financialContext', value: 'Budget set in April.' }]);

        element.draft = { ...planDraftOf(clone(plan)), revenueTarget: '300000' };
        await flushPromises();
        expect(textOf(element, '[data-id="revenue-gap"]')).toBe(
            'Revenue target reached, $20,000 above it.',
        );
        element.draft = { ...planDraftOf(clone(plan)), revenueTarget: '' };
        await flushPromises();
        expect(textOf(element, '[data-id="revenue-gap"]')).toBe(
            'Set a revenue target to see how far there is to go.',
        );
    });

    it('shows each error beside its field, and nothing is editable when read only', async () => {
        const element = await renderForm({
            errors: { periodEnd: 'Period end must be after the period start.' },
            readOnly: true,
        });
        expect(textOf(element, '[data-error="periodEnd"]')).toBe(
            'Period end must be after the period start.',
        );
        expect(field(element, 'name').readOnly).toBe(true);
        expect(field(element, 'competitiveLandscape').readOnly).toBe(true);
        await expectAccessible(element);
    });

    it('shows retention and the buying-group seats Keystone keeps, read only', async () => {
        const element = await renderForm();
        expect(field(element, 'buyingGroupSize').value).toBe('12');
        expect(textOf(element, '[data-id="nrr"]')).toBe('112.5% (Healthy)');
        expect(textOf(element, '[data-id="grr"]')).toBe('96%');
        expect(textOf(element, '[data-id="retention-base"]')).toBe('$250,000');
        expect(textOf(element, '[data-id="net-change"]')).toBe('$31,250 gained');
        expect(textOf(element, '[data-id="seats"]')).toBe('12 seats, 9 empty');
        // Figures, not inputs: nothing to type into.
        expect(shadowQuery(element, '[data-field="NetRevenueRetention__c"]')).toBeNull();
        await expectAccessible(element);
    });

    it('says why retention has no percentage, and a loss as a loss', async () => {
        const element = await renderForm({
            plan: {
                ...clone(plan),
                NetRevenueRetention__c: null,
                GrossRevenueRetention__c: null,
                RetentionBand__c: 'Not measured',
                RetentionBase__c: 400,
                RetentionNetChange__c: -1500,
                BuyingGroupSeats__c: 1,
                EmptySeats__c: null,
            },
        });
        expect(textOf(element, '[data-id="nrr"]')).toBe(
            'Not measured: too little recurring revenue a year ago for a percentage',
        );
        expect(textOf(element, '[data-id="grr"]')).toBe('Not measured yet');
        expect(textOf(element, '[data-id="net-change"]')).toBe('$1,500 lost');
        expect(textOf(element, '[data-id="seats"]')).toBe('1 seat');

        element.plan = { Id: plan.Id, RetentionNetChange__c: 0 };
        await flushPromises();
        expect(textOf(element, '[data-id="nrr"]')).toBe('Not measured yet');
        expect(textOf(element, '[data-id="net-change"]')).toBe('$0, no change');
        expect(textOf(element, '[data-id="seats"]')).toBe('Not counted yet');
    });

    it('shows the buying group size error beside it', async () => {
        const element = await renderForm({
            errors: { buyingGroupSize: 'Expected buying group size must be a whole number.' },
        });
        expect(textOf(element, '[data-error="buyingGroupSize"]')).toBe(
            'Expected buying group size must be a whole number.',
        );
    });
});
