import getRollup from '@salesforce/apex/AccountRollupController.getRollup';
import AccountHierarchyRollup from 'c/accountHierarchyRollup';
import {
    expectAccessible,
    flushPromises,
    keystoneError,
    mount,
    navigateMock,
    removeAllComponents,
    shadowQuery,
    shadowQueryAll,
    textOf,
} from 'test-utils';
import type { TestWireAdapter } from 'test-utils';
import rollup from './data/rollup.json';

jest.mock(
    '@salesforce/apex/AccountRollupController.getRollup',
    () => jest.requireActual('test-utils').apexWireMock(),
    { virtual: true },
);

const adapter = getRollup as unknown as TestWireAdapter;

async function render(data: unknown): Promise<HTMLElement> {
    const element = mount('c-account-hierarchy-rollup', AccountHierarchyRollup, {
        recordId: '001000000000001AAA',
    });
    adapter.emit(data);
    await flushPromises();
    return element;
}

describe('c-account-hierarchy-rollup', () => {
    afterEach(() => {
        removeAllComponents();
        jest.clearAllMocks();
    });

    it('rolls the subsidiaries up, alone and with the account itself', async () => {
        const element = await render(rollup);
        expect(textOf(element, '[data-id="summary"]')).toBe(
            '3 subsidiaries below Acme Holding, up to five levels down.',
        );
        expect(textOf(element, '[data-figure="revenue"] [data-id="subsidiaries"]')).toBe(
            '1.1M (+10%)',
        );
        expect(textOf(element, '[data-figure="revenue"] [data-id="group"]')).toBe('1.6M (+6.7%)');
        expect(textOf(element, '[data-figure="nrr"] [data-id="subsidiaries"]')).toBe(
            'Not measured yet',
        );
        expect(textOf(element, '[data-figure="whitespace"] [data-id="group"]')).toBe('300K of 2M');
        expect(textOf(element, '[data-figure="coverage"] [data-id="subsidiaries"]')).toBe(
            '40% (8 of 20)',
        );
        const rows = shadowQueryAll(element, '[data-subsidiary]');
        expect(rows.map((row) => row.dataset.subsidiary)).toEqual([
            '001000000000002AAA',
            '001000000000003AAA',
            '001000000000004AAA',
        ]);
        expect(rows[1]?.querySelector('th')?.className).toContain('ks-depth-2');
        expect(rows[2]?.textContent).toContain('No plan');
        await expectAccessible(element);
    });

    it('opens a subsidiary', async () => {
        const element = await render(rollup);
        shadowQuery(element, '[data-subsidiary="001000000000003AAA"] lightning-button')?.click();
        expect(navigateMock).toHaveBeenCalledWith({
            type: 'standard__recordPage',
            attributes: {
                recordId: '001000000000003AAA',
                objectApiName: 'Account',
                actionName: 'view',
            },
        });
    });

    it('says in one line when the account has no subsidiaries', async () => {
        const element = await render({ ...rollup, subsidiaryCount: 0, subsidiaries: [] });
        expect(textOf(element, '[data-id="no-subsidiaries"]')).toBe(
            'This account has no subsidiaries you can see.',
        );
        expect(shadowQuery(element, '[data-id="figures"]')).toBeNull();
    });

    it('says why when the roll-up cannot be loaded', async () => {
        const element = mount('c-account-hierarchy-rollup', AccountHierarchyRollup, {
            recordId: '001000000000001AAA',
        });
        adapter.error(keystoneError('error', 'You cannot see this account hierarchy.').body);
        await flushPromises();
        expect(textOf(element, '[data-id="load-error"]')).toBe(
            'The hierarchy roll-up could not be loaded: You cannot see this account hierarchy.',
        );
        await expectAccessible(element);
    });
});
