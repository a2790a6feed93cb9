import WhitespaceAxisEditor from 'c/whitespaceAxisEditor';
import addRow from '@salesforce/apex/WhitespaceGridController.addRow';
import addColumn from '@salesforce/apex/WhitespaceGridController.addColumn';
import searchProducts from '@salesforce/apex/WhitespaceGridController.searchProducts';
import {
    clone,
    dialogOf,
    expectAccessible,
    flushPromises,
    keystoneError,
    mount,
    pressEscapeIn,
    recordEvents,
    removeAllComponents,
    shadowQuery,
    textOf,
} from 'test-utils';
import gridFixture from '../../whitespaceGrid/__tests__/data/grid.json';

jest.mock(
    '@salesforce/apex/WhitespaceGridController.addRow',
    () => jest.requireActual('test-utils').apexMethodMock(),
    { virtual: true },
);
jest.mock(
    '@salesforce/apex/WhitespaceGridController.addColumn',
    () => jest.requireActual('test-utils').apexMethodMock(),
    { virtual: true },
);
jest.mock(
    '@salesforce/apex/WhitespaceGridController.searchProducts',
    () => jest.requireActual('test-utils').apexMethodMock(),
    { virtual: true },
);

const addRowMock = addRow as unknown as jest.Mock;
const addColumnMock = addColumn as unknown as jest.Mock;
const searchProductsMock = searchProducts as unknown as jest.Mock;
const ACCOUNT_ID = '001000000000001AAA';
const SECURITY = {
    key: '01t000000000003AAA',
    productId: '01t000000000003AAA',
    name: 'Security',
    family: 'Software',
    productCode: 'SE',
    cellCount: 0,
};

async function renderEditor(mode: 'row' | 'column'): Promise<HTMLElement> {
    const element = mount('c-whitespace-axis-editor', WhitespaceAxisEditor, {
        mode,
        accountId: ACCOUNT_ID,
        rows: clone(gridFixture.rows),
        columns: clone(gridFixture.columns),
    });
    await flushPromises();
    return element;
}

function change(element: HTMLElement, dataId: string, value: unknown): void {
    const target = shadowQuery(element, `[data-id="${dataId}"]`);
    if (!target) throw new Error(`no ${dataId}`);
    target.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

function add(element: HTMLElement): void {
    shadowQuery(element, '[data-id="save-axis"]')?.click();
}

function added(element: HTMLElement): unknown[] {
    const seen: unknown[] = [];
    element.addEventListener('added', (event) => seen.push((event as CustomEvent).detail));
    return seen;
}

describe('c-whitespace-axis-editor', () => {
    afterEach(() => {
        removeAllComponents();
        jest.clearAllMocks();
    });

    it('adds a business unit across every product, after checking the name', async () => {
        const cells = [{ ...clone(gridFixture.cells[0]), id: 'a0C00000000000AAAA' }];
        addRowMock.mockResolvedValue(cells);
        const element = await renderEditor('row');
        const seen = added(element);
        expect(textOf(dialogOf(element), '.slds-modal__title')).toBe('Add a business unit');

        add(element);
        await flushPromises();
        expect(textOf(element, '[data-error="businessUnit"]')).toBe(
            'Enter the business unit, division or geography.',
        );
        change(element, 'row-label', ' emea ');
        await flushPromises();
        add(element);
        await flushPromises();
        expect(textOf(element, '[data-error="businessUnit"]')).toBe(
            'The grid already has a row named "emea".',
        );
        expect(addRowMock).not.toHaveBeenCalled();
        change(element, 'row-label', '\tEMEA\n');
        await flushPromises();
        add(element);
        await flushPromises();
        expect(textOf(element, '[data-error="businessUnit"]')).toBe(
            'The grid already has a row named "EMEA".',
        );
        expect(addRowMock).not.toHaveBeenCalled();

        change(element, 'row-label', '  APAC ');
        await flushPromises();
        add(element);
        await flushPromises();
        expect(addRowMock).toHaveBeenCalledWith({
            accountId: ACCOUNT_ID,
            businessUnit: 'APAC',
            productIds: ['01t000000000001AAA', '01t000000000002AAA'],
        });
        expect(seen).toEqual([{ cells, row: { key: 'apac', label: 'APAC', cellCount: 0 } }]);
        await expectAccessible(element);
    });

    it('puts a server error on the business unit beside it and stays open', async () => {
        addRowMock.mockRejectedValue(
            keystoneError('fieldErrors', 'Check the highlighted fields.', {
                BusinessUnit__c: ['That business unit is not allowed (server).'],
            }),
        );
        const element = await renderEditor('row');
        const seen = added(element);
        change(element, 'row-label', 'APAC');
        await flushPromises();
        add(element);
        await flushPromises();
        expect(textOf(element, '[data-error="businessUnit"]')).toBe(
            'That business unit is not allowed (server).',
        );
        expect(shadowQuery(element, '[data-id="form-error"]')).toBeNull();
        expect(seen).toEqual([]);
    });

    it('finds a product, adds it across every business unit, or says why not', async () => {
        searchProductsMock.mockResolvedValue([SECURITY]);
        addColumnMock.mockRejectedValueOnce(
            keystoneError('error', 'You cannot add products to this grid.'),
        );
        addColumnMock.mockResolvedValueOnce([]);
        const element = await renderEditor('column');
        const seen = added(element);
        add(element);
        await flushPromises();
        expect(textOf(element, '[data-error="product"]')).toBe('Choose a product.');

        change(element, 'product-search', 'Sec');
        await flushPromises();
        expect(searchProductsMock).toHaveBeenCalledWith({ searchText: 'Sec' });
        change(element, 'product-choice', SECURITY.key);
        await flushPromises();
        add(element);
        await flushPromises();
        expect(textOf(element, '[data-id="form-error"]')).toBe(
            'You cannot add products to this grid.',
        );
        add(element);
        await flushPromises();
        expect(addColumnMock).toHaveBeenLastCalledWith({
            accountId: ACCOUNT_ID,
            productId: SECURITY.key,
            businessUnits: ['Americas', 'EMEA'],
        });
        expect(seen).toEqual([{ cells: [], column: { ...SECURITY, cellCount: 0 } }]);
        await expectAccessible(element);
    });

    it('says when no product matches', async () => {
        searchProductsMock.mockResolvedValue([]);
        const element = await renderEditor('column');
        change(element, 'product-search', 'Zebra');
        await flushPromises();
        expect(textOf(element, '[role="status"]')).toContain('No active product matches');
    });
    it('keeps the keyboard inside its dialog: Tab wraps to the first field, Shift+Tab to the last button, Escape closes', async () => {
        const focus = jest.spyOn(HTMLElement.prototype, 'focus');
        const element = await renderEditor('row');
        const closed = recordEvents(element, 'close');
        const field = shadowQuery(element, '[data-id="row-label"]');
        expect(focus.mock.contexts).toEqual([field]);
        const dialog = dialogOf(element);
        shadowQuery(dialog, '[data-id="trap-start"]')?.dispatchEvent(new FocusEvent('focus'));
        expect(focus.mock.contexts[1]).toBe(shadowQuery(element, '[data-id="save-axis"]'));
        shadowQuery(dialog, '[data-id="trap-end"]')?.dispatchEvent(new FocusEvent('focus'));
        expect(focus.mock.contexts[2]).toBe(field);
        pressEscapeIn(element);
        expect(closed.map((event) => event.name)).toEqual(['close']);
        focus.mockRestore();
    });
});
