import WhitespaceGrid from 'c/whitespaceGrid';
import getWhitespace from '@salesforce/apex/WhitespaceGridController.getWhitespace';
import saveCell from '@salesforce/apex/WhitespaceGridController.saveCell';
import addRow from '@salesforce/apex/WhitespaceGridController.addRow';
import addColumn from '@salesforce/apex/WhitespaceGridController.addColumn';
import searchProducts from '@salesforce/apex/WhitespaceGridController.searchProducts';
import searchUsers from '@salesforce/apex/WhitespaceGridController.searchUsers';
import createOpportunityFromCell from '@salesforce/apex/WhitespaceGridController.createOpportunityFromCell';
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
import gridFixture from './data/grid.json';
import emptyGridFixture from './data/emptyGrid.json';

const mockNavigate = jest.fn();

jest.mock('lightning/navigation', () => {
    const Navigate = Symbol('Navigate');
    const GenerateUrl = Symbol('GenerateUrl');
    const NavigationMixin = (Base: new () => object) =>
        class extends Base {
            [Navigate](pageReference: unknown): void {
                mockNavigate(pageReference);
            }
        };
    NavigationMixin.Navigate = Navigate;
    NavigationMixin.GenerateUrl = GenerateUrl;
    return { NavigationMixin };
});

jest.mock(
    '@salesforce/apex/WhitespaceGridController.getWhitespace',
    () => jest.requireActual('test-utils').apexWireMock(),
    { virtual: true },
);
jest.mock(
    '@salesforce/apex/WhitespaceGridController.saveCell',
    () => jest.requireActual('test-utils').apexMethodMock(),
    { virtual: true },
);
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
jest.mock(
    '@salesforce/apex/WhitespaceGridController.searchUsers',
    () => jest.requireActual('test-utils').apexMethodMock(),
    { virtual: true },
);
jest.mock(
    '@salesforce/apex/WhitespaceGridController.createOpportunityFromCell',
    () => jest.requireActual('test-utils').apexMethodMock(),
    { virtual: true },
);

const gridAdapter = getWhitespace as unknown as TestWireAdapter;
const saveCellMock = saveCell as unknown as jest.Mock;
const addRowMock = addRow as unknown as jest.Mock;
const addColumnMock = addColumn as unknown as jest.Mock;
const searchProductsMock = searchProducts as unknown as jest.Mock;
const createOpportunityMock = createOpportunityFromCell as unknown as jest.Mock;
const searchUsersMock = searchUsers as unknown as jest.Mock;

const ACCOUNT_ID = '001000000000001AAA';
const ANALYTICS = '01t000000000001AAA';

type Fixture = typeof gridFixture;

async function mountGrid(data: unknown = gridFixture): Promise<HTMLElement> {
    const element = mount('c-whitespace-grid', WhitespaceGrid, { recordId: ACCOUNT_ID });
    gridAdapter.emit(clone(data));
    await flushPromises();
    return element;
}

function cellElement(element: HTMLElement, rowKey: string, columnKey: string): HTMLElement {
    const cell = shadowQuery(element, `td[data-key="${rowKey}|${columnKey}"]`);
    if (!cell) throw new Error(`no cell ${rowKey}|${columnKey}`);
    return cell;
}

function change(target: Element | null, value: unknown): void {
    if (!target) throw new Error('no input');
    target.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

function click(element: HTMLElement, selector: string): void {
    const target = shadowQuery(element, selector);
    if (!target) throw new Error(`nothing matches ${selector}`);
    target.click();
}

async function openCell(
    element: HTMLElement,
    rowKey: string,
    columnKey: string,
): Promise<HTMLElement> {
    cellElement(element, rowKey, columnKey).click();
    await flushPromises();
    const dialog = shadowQuery(element, '[data-id="dialog"]');
    if (!dialog) throw new Error('the dialog did not open');
    return dialog;
}

function savedCell(overrides: Partial<Fixture['cells'][number]> & Record<string, unknown>) {
    return { ...clone(gridFixture.cells[0]), ...overrides };
}

describe('c-whitespace-grid', () => {
    afterEach(() => {
        removeAllComponents();
        jest.clearAllMocks();
    });

    it('shows a loading status until the grid arrives', async () => {
        const element = mount('c-whitespace-grid', WhitespaceGrid, { recordId: ACCOUNT_ID });
        await flushPromises();
        expect(textOf(element, '[role="status"]')).toContain('Loading');
        await expectAccessible(element);
    });

    it('renders business units by products with status text, heat and engine totals', async () => {
        const element = await mountGrid();

        const headers = shadowQueryAll(element, 'thead th').map((th) =>
            th.textContent?.replace(/\s+/g, ' ').trim(),
        );
        expect(headers[1]).toContain('Analytics');
        expect(headers[2]).toContain('Support');
        const rowHeaders = shadowQueryAll(element, 'tbody th').map((th) => th.textContent?.trim());
        expect(rowHeaders).toEqual(['Americas', 'EMEA']);

        const whitespace = cellElement(element, 'emea', ANALYTICS);
        expect(whitespace.textContent).toContain('Whitespace');
        expect(whitespace.textContent).toContain('100K');
        expect(whitespace.className).toContain('ks-heat_4');
        expect(whitespace.getAttribute('aria-label')).toContain('EMEA, Analytics: Whitespace');
        expect(cellElement(element, 'americas', ANALYTICS).className).toContain('ks-heat_1');
        expect(cellElement(element, 'americas', '01t000000000002AAA').textContent).toContain(
            'Not mapped',
        );

        // identified = 100,000 + 20,000 open + 50,000 captured; weighted = 40,000 + 2,000.
        expect(textOf(element, '[data-id="total-identified"]')).toBe('$170,000');
        expect(textOf(element, '[data-id="total-weighted"]')).toBe('$42,000');
        expect(textOf(element, '[data-id="total-captured"]')).toBe('$50,000');
        expect(textOf(element, '[data-id="capture-percent"]')).toBe('29.4 %');
        const rowTotals = shadowQueryAll(element, '[data-id="row-total"]').map((td) =>
            td.textContent?.replace(/\s+/g, ' ').trim(),
        );
        expect(rowTotals[1]).toContain('$150,000');
        expect(textOf(element, '[data-id="legend"]')).toContain('Competitor');
        await expectAccessible(element);
    });

    it('moves the tab stop with the arrow keys and edits the focused cell with Enter', async () => {
        const element = await mountGrid();
        const grid = shadowQuery(element, '[data-id="grid"]');
        const first = cellElement(element, 'americas', ANALYTICS);
        expect(first.getAttribute('tabindex')).toBe('0');

        first.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
        await flushPromises();
        const below = cellElement(element, 'emea', ANALYTICS);
        expect(below.getAttribute('tabindex')).toBe('0');
        expect(first.getAttribute('tabindex')).toBe('-1');

        below.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
        await flushPromises();
        const right = cellElement(element, 'emea', '01t000000000002AAA');
        expect(right.getAttribute('tabindex')).toBe('0');

        right.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
        await flushPromises();
        expect(grid).not.toBeNull();
        expect(textOf(element, '.slds-modal__title')).toBe('EMEA × Support');
        expect(
            (shadowQuery(element, '[data-field="status"]') as unknown as { value: string }).value,
        ).toBe('Owned');
        expect(textOf(element, '[data-id="linked-opportunity"]')).toContain('Closed Won');
        await expectAccessible(element);

        shadowQuery(element, '[data-id="dialog"]')?.dispatchEvent(
            new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }),
        );
        await flushPromises();
        expect(shadowQuery(element, '[data-id="dialog"]')).toBeNull();
    });

    it('rejects bad input beside the field, keeps what was typed and does not save', async () => {
        const element = await mountGrid();
        await openCell(element, 'emea', ANALYTICS);

        change(shadowQuery(element, '[data-field="probability"]'), '150');
        change(shadowQuery(element, '[data-field="estimatedValue"]'), '-5');
        change(shadowQuery(element, '[data-field="status"]'), 'Competitor');
        await flushPromises();
        click(element, '[data-id="save-cell"]');
        await flushPromises();

        expect(saveCellMock).not.toHaveBeenCalled();
        expect(textOf(element, '[data-error="probability"]')).toBe(
            'Enter a probability from 0 to 100.',
        );
        expect(textOf(element, '[data-error="estimatedValue"]')).toBe(
            'Estimated value cannot be negative.',
        );
        expect(textOf(element, '[data-error="competitor"]')).toContain('Name the competitor');
        expect(
            (shadowQuery(element, '[data-field="probability"]') as unknown as { value: string })
                .value,
        ).toBe('150');
        await expectAccessible(element);
    });

    it('shows a server validation error beside its field and keeps the draft', async () => {
        saveCellMock.mockRejectedValue(
            keystoneError('fieldErrors', 'Check the highlighted fields.', {
                Competitor__c: ['Name the competitor (server).'],
            }),
        );
        const element = await mountGrid();
        await openCell(element, 'emea', ANALYTICS);
        change(shadowQuery(element, '[data-field="competitor"]'), 'Initech');
        change(shadowQuery(element, '[data-field="estimatedValue"]'), '125000');
        await flushPromises();
        click(element, '[data-id="save-cell"]');
        await flushPromises();

        expect(saveCellMock).toHaveBeenCalledTimes(1);
        const sent = saveCellMock.mock.calls[0][0].cell;
        expect(sent.Id).toBe('a0C000000000001AAA');
        expect(sent.EstimatedValue__c).toBe(125000);
        expect(textOf(element, '[data-error="competitor"]')).toBe('Name the competitor (server).');
        expect(textOf(element, '[data-id="form-error"]')).toContain('Nothing you typed was lost');
        expect(
            (shadowQuery(element, '[data-field="estimatedValue"]') as unknown as { value: string })
                .value,
        ).toBe('125000');
        await expectAccessible(element);
    });

    it('offers the account team as owners and finds anyone else by name', async () => {
        searchUsersMock.mockResolvedValue([
            { id: '005000000000009AAA', name: 'Katherine Johnson' },
        ]);
        saveCellMock.mockResolvedValue(savedCell({ ownerId: '005000000000009AAA' }));
        const element = await mountGrid();
        await openCell(element, 'emea', ANALYTICS);
        const owner = shadowQuery(element, '[data-field="ownerId"]') as unknown as {
            value: string;
            options: { value: string; label: string }[];
        };
        expect(owner.value).toBe('005000000000001AAA');
        expect(owner.options.map((option) => option.label)).toEqual([
            'No owner',
            'Ada Lovelace',
            'Grace Hopper',
            'Me',
        ]);

        change(shadowQuery(element, '[data-id="owner-search"]'), 'Kat');
        await flushPromises();
        expect(searchUsersMock).toHaveBeenCalledWith({ searchText: 'Kat' });
        const updated = shadowQuery(element, '[data-field="ownerId"]') as unknown as {
            options: { value: string; label: string }[];
        };
        expect(updated.options.map((option) => option.label)).toContain('Katherine Johnson');
        change(shadowQuery(element, '[data-field="ownerId"]'), '005000000000009AAA');
        await flushPromises();
        click(element, '[data-id="save-cell"]');
        await flushPromises();
        expect(saveCellMock.mock.calls[0][0].cell.Owner__c).toBe('005000000000009AAA');
        await expectAccessible(element);
    });

    it('saves a cell, closes the dialog, toasts and shows the new value', async () => {
        saveCellMock.mockResolvedValue(savedCell({ estimatedValue: 250000, probability: 60 }));
        const element = await mountGrid();
        const toasts: string[] = [];
        element.addEventListener('lightning__showtoast', (event) =>
            toasts.push((event as CustomEvent<{ title: string }>).detail.title),
        );
        await openCell(element, 'emea', ANALYTICS);
        change(shadowQuery(element, '[data-field="estimatedValue"]'), '250000');
        change(shadowQuery(element, '[data-field="probability"]'), '60');
        await flushPromises();
        click(element, '[data-id="save-cell"]');
        await flushPromises();

        expect(shadowQuery(element, '[data-id="dialog"]')).toBeNull();
        expect(toasts).toEqual(['Saved']);
        expect(cellElement(element, 'emea', ANALYTICS).textContent).toContain('250K');
        // weighted = 250,000 × 60 % + 20,000 × 10 %
        expect(textOf(element, '[data-id="total-weighted"]')).toBe('$152,000');
    });

    it('creates a missing cell with its account, business unit and product', async () => {
        saveCellMock.mockResolvedValue(
            savedCell({
                id: 'a0C000000000009AAA',
                rowKey: 'americas',
                businessUnit: 'Americas',
                productId: '01t000000000002AAA',
                productName: 'Support',
                estimatedValue: 5000,
            }),
        );
        const element = await mountGrid();
        await openCell(element, 'americas', '01t000000000002AAA');
        change(shadowQuery(element, '[data-field="estimatedValue"]'), '5000');
        await flushPromises();
        click(element, '[data-id="save-cell"]');
        await flushPromises();

        const sent = saveCellMock.mock.calls[0][0].cell;
        expect(sent.Id).toBeUndefined();
        expect(sent.Account__c).toBe(ACCOUNT_ID);
        expect(sent.BusinessUnit__c).toBe('Americas');
        expect(sent.Product__c).toBe('01t000000000002AAA');
        expect(cellElement(element, 'americas', '01t000000000002AAA').textContent).toContain(
            'Whitespace',
        );
    });

    it('filters by status: hidden statuses leave the totals and rows', async () => {
        const element = await mountGrid();
        change(shadowQuery(element, '[data-id="status-filter"]'), ['Owned', 'Competitor']);
        await flushPromises();

        expect(textOf(element, '[data-id="total-identified"]')).toBe('$70,000');
        expect(cellElement(element, 'emea', ANALYTICS).className).toContain('ks-cell_filtered');
        expect(shadowQuery(element, '[data-id="show-all"]')).not.toBeNull();
        click(element, '[data-id="show-all"]');
        await flushPromises();
        expect(textOf(element, '[data-id="total-identified"]')).toBe('$170,000');
        await expectAccessible(element);
    });

    it('adds a business unit across every column', async () => {
        addRowMock.mockResolvedValue([
            savedCell({ id: 'a0C00000000000AAAA', rowKey: 'apac', businessUnit: 'APAC' }),
        ]);
        const element = await mountGrid();
        click(element, '[data-id="add-row"]');
        await flushPromises();
        click(element, '[data-id="save-row"]');
        await flushPromises();
        expect(textOf(element, '[data-error="businessUnit"]')).toContain('Enter the business unit');
        expect(addRowMock).not.toHaveBeenCalled();

        change(shadowQuery(element, '[data-id="row-label"]'), ' emea ');
        await flushPromises();
        click(element, '[data-id="save-row"]');
        await flushPromises();
        expect(textOf(element, '[data-error="businessUnit"]')).toContain('already has a row');

        change(shadowQuery(element, '[data-id="row-label"]'), '  APAC ');
        await flushPromises();
        click(element, '[data-id="save-row"]');
        await flushPromises();
        expect(addRowMock).toHaveBeenCalledWith({
            accountId: ACCOUNT_ID,
            businessUnit: 'APAC',
            productIds: [ANALYTICS, '01t000000000002AAA'],
        });
        const rowHeaders = shadowQueryAll(element, 'tbody th').map((th) => th.textContent?.trim());
        expect(rowHeaders).toContain('APAC');
    });

    it('shows why a new row or column was not saved and keeps the dialog open', async () => {
        addRowMock.mockRejectedValue(
            keystoneError('fieldErrors', 'Check the highlighted fields.', {
                BusinessUnit__c: ['That business unit is not allowed (server).'],
            }),
        );
        addColumnMock.mockRejectedValue(
            keystoneError('error', 'You cannot add products to this grid.'),
        );
        searchProductsMock.mockResolvedValue([
            {
                key: '01t000000000003AAA',
                productId: '01t000000000003AAA',
                name: 'Security',
                family: 'Software',
                productCode: 'SE',
                cellCount: 0,
            },
        ]);
        const element = await mountGrid();

        click(element, '[data-id="add-row"]');
        await flushPromises();
        change(shadowQuery(element, '[data-id="row-label"]'), 'APAC');
        await flushPromises();
        click(element, '[data-id="save-row"]');
        await flushPromises();
        expect(textOf(element, '[data-error="businessUnit"]')).toBe(
            'That business unit is not allowed (server).',
        );
        expect(shadowQuery(element, '[data-id="form-error"]')).toBeNull();
        expect(shadowQuery(element, '[data-id="save-row"]')).not.toBeNull();
        click(element, '[data-id="cancel"]');
        await flushPromises();

        click(element, '[data-id="add-column"]');
        await flushPromises();
        change(shadowQuery(element, '[data-id="product-search"]'), 'Sec');
        await flushPromises();
        change(shadowQuery(element, '[data-id="product-choice"]'), '01t000000000003AAA');
        await flushPromises();
        click(element, '[data-id="save-column"]');
        await flushPromises();
        expect(textOf(element, '[data-id="form-error"]')).toBe(
            'You cannot add products to this grid.',
        );
        expect(shadowQuery(element, '[data-error="product"]')).toBeNull();
        expect(shadowQuery(element, '[data-id="save-column"]')).not.toBeNull();
        await expectAccessible(element);
    });

    it('keeps a row added to an empty grid on screen until a product is added', async () => {
        addRowMock.mockResolvedValue([]);
        addColumnMock.mockResolvedValue([
            savedCell({ id: 'a0C00000000000BAAA', rowKey: 'apac', businessUnit: 'APAC' }),
        ]);
        searchProductsMock.mockResolvedValue([
            {
                key: ANALYTICS,
                productId: ANALYTICS,
                name: 'Analytics',
                family: 'Software',
                productCode: 'AN',
                cellCount: 0,
            },
        ]);
        const element = await mountGrid(emptyGridFixture);
        expect(textOf(element, '[data-id="empty"]')).toContain('No whitespace mapped yet');
        await expectAccessible(element);

        click(element, '[data-id="add-row"]');
        await flushPromises();
        change(shadowQuery(element, '[data-id="row-label"]'), 'APAC');
        await flushPromises();
        click(element, '[data-id="save-row"]');
        await flushPromises();
        expect(shadowQuery(element, '[data-id="empty"]')).toBeNull();
        expect(textOf(element, 'tbody th')).toContain('not saved until a product is added');

        click(element, '[data-id="add-column"]');
        await flushPromises();
        change(shadowQuery(element, '[data-id="product-search"]'), 'Ana');
        await flushPromises();
        expect(searchProductsMock).toHaveBeenCalledWith({ searchText: 'Ana' });
        change(shadowQuery(element, '[data-id="product-choice"]'), ANALYTICS);
        await flushPromises();
        click(element, '[data-id="save-column"]');
        await flushPromises();

        expect(addColumnMock).toHaveBeenCalledWith({
            accountId: ACCOUNT_ID,
            productId: ANALYTICS,
            businessUnits: ['APAC'],
        });
        expect(textOf(element, 'tbody th')).toBe('APAC');
        expect(cellElement(element, 'apac', ANALYTICS).textContent).toContain('Whitespace');
    });

    it('creates an opportunity from a cell, prefilled, and navigates to it', async () => {
        createOpportunityMock.mockResolvedValue('006000000000009AAA');
        const element = await mountGrid();
        await openCell(element, 'emea', ANALYTICS);
        click(element, '[data-id="start-opportunity"]');
        await flushPromises();
        expect(
            (shadowQuery(element, '[data-field="name"]') as unknown as { value: string }).value,
        ).toBe('Globex – Analytics (EMEA)');
        expect(
            (shadowQuery(element, '[data-field="closeDate"]') as unknown as { value: string })
                .value,
        ).toBe('2030-06-30');
        await expectAccessible(element);
        click(element, '[data-id="create-opportunity"]');
        await flushPromises();

        expect(createOpportunityMock).toHaveBeenCalledWith({
            cellId: 'a0C000000000001AAA',
            name: 'Globex – Analytics (EMEA)',
            amount: 100000,
            closeDate: '2030-06-30',
        });
        expect(mockNavigate).toHaveBeenCalledWith({
            type: 'standard__recordPage',
            attributes: {
                recordId: '006000000000009AAA',
                objectApiName: 'Opportunity',
                actionName: 'view',
            },
        });
    });

    it('says why an opportunity could not be created and keeps the dialog open', async () => {
        createOpportunityMock.mockRejectedValue(
            keystoneError('error', 'No open opportunity stage is available to you.'),
        );
        const element = await mountGrid();
        await openCell(element, 'emea', ANALYTICS);
        click(element, '[data-id="start-opportunity"]');
        await flushPromises();
        click(element, '[data-id="create-opportunity"]');
        await flushPromises();
        expect(textOf(element, '[data-id="form-error"]')).toBe(
            'No open opportunity stage is available to you.',
        );
        expect(mockNavigate).not.toHaveBeenCalled();
    });

    it('shows what went wrong when the grid cannot be loaded', async () => {
        const element = mount('c-whitespace-grid', WhitespaceGrid, { recordId: ACCOUNT_ID });
        // The controller throws Keystone's JSON error shape (KeystoneUiErrors).
        gridAdapter.error(
            keystoneError('error', 'You do not have access to whitespace cells.').body,
        );
        await flushPromises();
        const shown = textOf(element, '[data-id="load-error"]');
        expect(shown).toContain('You do not have access to whitespace cells.');
        expect(shown).not.toContain('{');
        expect(shadowQuery(element, '[data-id="grid"]')).toBeNull();
        await expectAccessible(element);
    });

    // A grid with more than 20 rows is windowed: only the rows in the wrapper's viewport plus a
    // buffer of 8 are in the DOM (jsdom has no layout, so the viewport is the default 576 px of
    // 64 px rows: 9 rows in view + 8 below = rows 0–16). This replaces the old assertion that
    // all 1,000 cells are in the DOM: that is no longer the behaviour, by design.
    it('renders a 40 × 25 grid windowed, with one tab stop, full-size ARIA and totals', async () => {
        const columns = Array.from({ length: 25 }, (_, index) => ({
            key: `01t0000000000${String(index).padStart(2, '0')}AAA`,
            productId: `01t0000000000${String(index).padStart(2, '0')}AAA`,
            name: `Product ${index}`,
            family: 'Family',
            productCode: null,
            cellCount: 40,
        }));
        const rows = Array.from({ length: 40 }, (_, index) => ({
            key: `bu ${index}`,
            label: `BU ${index}`,
            cellCount: 25,
        }));
        const cells = rows.flatMap((row, rowIndex) =>
            columns.map((column, columnIndex) => ({
                id: `a0C${rowIndex}x${columnIndex}`,
                rowKey: row.key,
                businessUnit: row.label,
                productId: column.key,
                productName: column.name,
                status: 'Whitespace',
                estimatedValue: 1000 * (rowIndex + columnIndex),
                probability: 50,
            })),
        );
        const element = await mountGrid({ ...emptyGridFixture, rows, columns, cells });
        const renderedRowIndexes = (): string[] =>
            shadowQueryAll(element, 'tbody tr.ks-row').map(
                (row) => row.getAttribute('aria-rowindex') ?? '',
            );

        // The window: rows 0–16 (aria-rowindex 2–18), each with all 25 cells.
        expect(renderedRowIndexes()).toEqual(
            Array.from({ length: 17 }, (_, index) => String(index + 2)),
        );
        expect(shadowQueryAll(element, 'td[role="gridcell"]')).toHaveLength(17 * 25);
        expect(shadowQuery(element, 'td[data-key="bu 16|01t000000000000AAA"]')).not.toBeNull();
        expect(shadowQuery(element, 'td[data-key="bu 17|01t000000000000AAA"]')).toBeNull();
        expect(shadowQueryAll(element, 'td[tabindex="0"]')).toHaveLength(1);

        // Assistive tech is told the full size: 40 rows + header + footer.
        const grid = shadowQuery(element, '[data-id="grid"]');
        expect(grid?.getAttribute('aria-rowcount')).toBe('42');
        expect(shadowQuery(element, 'thead tr')?.getAttribute('aria-rowindex')).toBe('1');
        expect(shadowQuery(element, 'tfoot tr')?.getAttribute('aria-rowindex')).toBe('42');
        expect(grid?.getAttribute('aria-label')).toContain('40 business units by 25 products');

        // Spacers keep the scrollbar true: none above, 23 rows × 64 px below.
        expect(shadowQuery(element, '[data-id="spacer-top"]')).toBeNull();
        const bottomSpacer = shadowQuery(element, '[data-id="spacer-bottom"] td');
        expect(bottomSpacer?.getAttribute('style')).toContain('height: 1472px');
        expect(bottomSpacer?.getAttribute('colspan')).toBe('27');

        // Totals come from the data, not the DOM: every one of the 40 rows counts. Column 0
        // holds 1,000 × (0 + 1 + … + 39) = 780,000; the grid 1,000 × (25 × 780 + 40 × 300).
        expect(shadowQueryAll(element, '[data-id="column-total"]')).toHaveLength(25);
        expect(shadowQueryAll(element, '[data-id="column-total"]')[0]?.textContent).toContain(
            '780,000',
        );
        expect(textOf(element, '[data-id="total-identified"]')).toContain('31,500,000');

        // The keyboard reaches rows outside the window: ArrowDown from row 0 to row 39, each
        // row rendered (and focused) when the tab stop gets there.
        for (let step = 0; step < 39; step += 1) {
            const focused = shadowQuery(element, 'td[tabindex="0"]');
            if (!focused) throw new Error(`no tab stop at step ${step}`);
            focused.dispatchEvent(
                new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }),
            );
            await flushPromises();
        }
        const last = shadowQuery(element, 'td[data-key="bu 39|01t000000000000AAA"]');
        expect(last).not.toBeNull();
        expect(last?.getAttribute('tabindex')).toBe('0');
        expect(element.shadowRoot?.activeElement).toBe(last);
        // End then moves along the last row to its last product.
        last?.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
        await flushPromises();
        const corner = shadowQuery(element, 'td[data-key="bu 39|01t000000000024AAA"]');
        expect(corner?.getAttribute('tabindex')).toBe('0');
        expect(element.shadowRoot?.activeElement).toBe(corner);
        expect(shadowQueryAll(element, 'td[tabindex="0"]')).toHaveLength(1);

        // The window now ends at the last row; the first rows are replaced by the top spacer.
        const shown = renderedRowIndexes();
        expect(shown[shown.length - 1]).toBe('41');
        expect(shown).not.toContain('2');
        expect(shadowQuery(element, '[data-id="spacer-top"]')).not.toBeNull();
        expect(shadowQuery(element, '[data-id="spacer-bottom"]')).toBeNull();

        // ArrowUp back past the window's top brings row 0 back.
        for (let step = 0; step < 39; step += 1) {
            shadowQuery(element, 'td[tabindex="0"]')?.dispatchEvent(
                new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true }),
            );
            await flushPromises();
        }
        const top = shadowQuery(element, 'td[data-key="bu 0|01t000000000024AAA"]');
        expect(top?.getAttribute('tabindex')).toBe('0');
        expect(element.shadowRoot?.activeElement).toBe(top);
        // Scrolling the wrapper moves the window, once per animation frame. jsdom has no
        // layout, so the scroll position is set by hand: 1,280 px = 20 rows of 64 px.
        const wrapper = shadowQuery(element, '.ks-grid-wrapper');
        if (!wrapper) throw new Error('no wrapper');
        Object.defineProperty(wrapper, 'scrollTop', { configurable: true, value: 1280 });
        wrapper.dispatchEvent(new Event('scroll'));
        await new Promise((resolve) => requestAnimationFrame(resolve));
        await flushPromises();
        // First row in view 20, minus the 8-row buffer = 12; up to 20 + 9 in view + 8 = 37 (not
        // included), so rows 12–36 (aria-rowindex 14–38) and 3 rows of spacer below.
        const scrolled = renderedRowIndexes();
        expect(scrolled[0]).toBe('14');
        expect(scrolled[scrolled.length - 1]).toBe('38');
        expect(shadowQuery(element, '[data-id="spacer-top"] td')?.getAttribute('style')).toContain(
            'height: 768px',
        );
        expect(
            shadowQuery(element, '[data-id="spacer-bottom"] td')?.getAttribute('style'),
        ).toContain('height: 192px');
        // The focus row (0) is outside the window: the tab stop falls back to the window's first
        // row, so Tab still reaches the grid.
        expect(shadowQueryAll(element, 'td[tabindex="0"]')).toHaveLength(1);
        expect(shadowQuery(element, 'td[tabindex="0"]')?.dataset.key).toBe(
            'bu 12|01t000000000024AAA',
        );

        // The spacer rows and row indexes pass the accessibility check (axe over 425 cells is
        // slow in jsdom, hence the longer timeout).
        await expectAccessible(element);
    }, 20_000);
});
