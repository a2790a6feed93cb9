import WhitespaceGrid from 'c/whitespaceGrid';
import getWhitespace from '@salesforce/apex/WhitespaceGridController.getWhitespace';
import {
    clone,
    expectAccessible,
    flushPromises,
    keystoneError,
    mount,
    removeAllComponents,
    shadowQuery,
    textOf,
} from 'test-utils';
import type { TestWireAdapter } from 'test-utils';
import type { ColumnView, RowView } from 'c/whitespaceModel';
import { rowKeyOf } from 'c/whitespaceModel';
import gridFixture from './data/grid.json';
import emptyGridFixture from './data/emptyGrid.json';

jest.mock(
    '@salesforce/apex/WhitespaceGridController.getWhitespace',
    () => jest.requireActual('test-utils').apexWireMock(),
    { virtual: true },
);

const gridAdapter = getWhitespace as unknown as TestWireAdapter;
const ACCOUNT_ID = '001000000000001AAA';
const ANALYTICS = '01t000000000001AAA';
const SUPPORT = '01t000000000002AAA';

type Table = HTMLElement & { rows: RowView[]; columns: ColumnView[]; grandTotalText: string };

async function mountGrid(data: unknown = gridFixture): Promise<HTMLElement> {
    const element = mount('c-whitespace-grid', WhitespaceGrid, { recordId: ACCOUNT_ID });
    gridAdapter.emit(clone(data));
    await flushPromises();
    return element;
}

function part<T extends HTMLElement = HTMLElement>(element: HTMLElement, dataId: string): T {
    const found = shadowQuery<T>(element, `[data-id="${dataId}"]`);
    if (!found) throw new Error(`${dataId} is not rendered`);
    return found;
}

/** Text in a light-DOM part (the totals render in the grid's own tree). */
function totalOf(element: HTMLElement, dataId: string): string {
    return textOf(element, `[data-id="totals-summary"] [data-id="${dataId}"]`);
}

/** A cell as the table draws it (small grids draw every cell). */
function cellOf(
    element: HTMLElement,
    rowKey: string,
    columnKey: string,
): { text: string; className: string; ariaLabel: string } | undefined {
    const key = `${rowKey}|${columnKey}`;
    const td = Array.from(
        part(element, 'table').shadowRoot?.querySelectorAll<HTMLElement>('td[data-key]') ?? [],
    ).find((each) => each.dataset.key === key);
    return td
        ? {
              text: td.textContent ?? '',
              className: td.className,
              ariaLabel: td.getAttribute('aria-label') ?? '',
          }
        : undefined;
}

function send(target: HTMLElement, name: string, detail: unknown): void {
    target.dispatchEvent(new CustomEvent(name, { detail }));
}

function savedCell(overrides: Record<string, unknown>) {
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

    it('lays out business units by products with status, value, heat and engine totals', async () => {
        const element = await mountGrid();
        const table = part<Table>(element, 'table');
        expect(table.rows.map((row) => row.label)).toEqual(['Americas', 'EMEA']);
        expect(table.columns.map((column) => column.headerText)).toEqual([
            'Analytics\nSoftware',
            'Support\nServices',
        ]);
        const whitespace = cellOf(element, 'emea', ANALYTICS);
        expect(whitespace?.text).toBe('Whitespace\n$100K');
        expect(whitespace?.className).toContain('ks-heat_4');
        expect(whitespace?.className).toContain('ks-marker_whitespace');
        expect(whitespace?.ariaLabel).toContain('EMEA, Analytics: Whitespace');
        expect(cellOf(element, 'americas', ANALYTICS)?.className).toContain('ks-heat_1');
        expect(cellOf(element, 'americas', SUPPORT)?.text).toBe('Not mapped yet');

        // identified = 100,000 + 20,000 open + 50,000 captured; weighted = 40,000 + 2,000.
        expect(totalOf(element, 'total-identified')).toBe('$170,000');
        expect(totalOf(element, 'total-weighted')).toBe('$42,000');
        expect(totalOf(element, 'total-captured')).toBe('$50,000');
        expect(totalOf(element, 'capture-percent')).toBe('29.4% of what was identified');
        expect(table.rows[1]?.totalText).toBe(
            '$150,000 identified\n$40,000 weighted\n$50,000 captured',
        );
        expect(table.grandTotalText).toBe(
            '$170,000 identified\n$42,000 weighted\n$50,000 captured',
        );
        await expectAccessible(element);
    });

    it('filters by status: hidden statuses leave the totals and the rows', async () => {
        const element = await mountGrid();
        send(part(element, 'legend-filter'), 'filterchange', { statuses: ['Owned', 'Competitor'] });
        await flushPromises();
        expect(totalOf(element, 'total-identified')).toBe('$70,000');
        expect(textOf(element, '[data-id="totals-heading"]')).toBe('Totals of the statuses shown');
        expect(cellOf(element, 'emea', ANALYTICS)?.className).toContain('ks-cell_filtered');
        send(part(element, 'legend-filter'), 'filterchange', {
            statuses: gridFixture.statuses.map((status) => status.value),
        });
        await flushPromises();
        expect(totalOf(element, 'total-identified')).toBe('$170,000');
    });

    it('opens the cell editor for a cell, and shows the saved value at once', async () => {
        const element = await mountGrid();
        const toasts: string[] = [];
        element.addEventListener('lightning__showtoast', (event) =>
            toasts.push((event as CustomEvent<{ title: string }>).detail.title),
        );
        send(part(element, 'table'), 'cellopen', { key: `emea|${ANALYTICS}` });
        await flushPromises();
        const editor = part<HTMLElement & { cell: { id: string }; rowLabel: string }>(
            element,
            'cell-editor',
        );
        expect(editor.cell.id).toBe('a0C000000000001AAA');
        expect(editor.rowLabel).toBe('EMEA');
        await expectAccessible(element);

        send(editor, 'saved', {
            cell: savedCell({ estimatedValue: 250000, probability: 60 }),
        });
        await flushPromises();
        expect(shadowQuery(element, '[data-id="cell-editor"]')).toBeNull();
        expect(toasts).toEqual(['Saved']);
        expect(cellOf(element, 'emea', ANALYTICS)?.text).toBe('Whitespace\n$250K');
        // weighted = 250,000 × 60 % + 20,000 × 10 %
        expect(totalOf(element, 'total-weighted')).toBe('$152,000');
    });

    it('opens a missing cell with its business unit and product, and adds it when saved', async () => {
        const element = await mountGrid();
        send(part(element, 'table'), 'cellopen', { key: `americas|${SUPPORT}` });
        await flushPromises();
        const editor = part<
            HTMLElement & {
                cell?: unknown;
                rowLabel: string;
                productId: string;
                productName: string;
            }
        >(element, 'cell-editor');
        expect(editor.cell).toBeUndefined();
        expect([editor.rowLabel, editor.productId, editor.productName]).toEqual([
            'Americas',
            SUPPORT,
            'Support',
        ]);
        send(editor, 'saved', {
            cell: savedCell({
                id: 'a0C000000000009AAA',
                rowKey: 'americas',
                businessUnit: 'Americas',
                productId: SUPPORT,
                productName: 'Support',
                estimatedValue: 5000,
            }),
        });
        await flushPromises();
        expect(cellOf(element, 'americas', SUPPORT)?.text).toBe('Whitespace\n$5K');
    });

    it('says the grid is read only instead of opening a cell without edit access', async () => {
        const element = await mountGrid({ ...gridFixture, canEdit: false });
        const toasts: string[] = [];
        element.addEventListener('lightning__showtoast', (event) =>
            toasts.push((event as CustomEvent<{ title: string }>).detail.title),
        );
        send(part(element, 'table'), 'cellopen', { key: `emea|${ANALYTICS}` });
        await flushPromises();
        expect(shadowQuery(element, '[data-id="cell-editor"]')).toBeNull();
        expect(toasts).toEqual(['Read only']);
        expect(part<HTMLButtonElement>(element, 'add-row').disabled).toBe(true);
    });

    it('keeps a row added to an empty grid on screen until a product is added', async () => {
        const element = await mountGrid(emptyGridFixture);
        expect(textOf(element, '[data-id="empty"]')).toContain('No whitespace mapped yet');
        await expectAccessible(element);

        part(element, 'add-row').click();
        await flushPromises();
        expect((part(element, 'axis-editor') as HTMLElement & { mode: string }).mode).toBe('row');
        send(part(element, 'axis-editor'), 'added', {
            cells: [],
            row: { key: 'apac', label: 'APAC', cellCount: 0 },
        });
        await flushPromises();
        expect(shadowQuery(element, '[data-id="axis-editor"]')).toBeNull();
        expect(shadowQuery(element, '[data-id="empty"]')).toBeNull();
        expect(part<Table>(element, 'table').rows[0]?.headerText).toBe(
            'APAC\n(not saved until a product is added)',
        );

        part(element, 'add-column').click();
        await flushPromises();
        const axis = part<HTMLElement & { rows: { label: string }[] }>(element, 'axis-editor');
        expect(axis.rows.map((row) => row.label)).toEqual(['APAC']);
        send(axis, 'added', {
            cells: [savedCell({ id: 'a0C00000000000BAAA', rowKey: 'apac', businessUnit: 'APAC' })],
        });
        await flushPromises();
        const table = part<Table>(element, 'table');
        expect(table.rows.map((row) => row.headerText)).toEqual(['APAC']);
        expect(cellOf(element, 'apac', ANALYTICS)?.text).toBe('Whitespace\n$100K');
    });

    it('keeps one row per business unit as the controller keys it, whatever the spacing', async () => {
        const element = await mountGrid(emptyGridFixture);
        part(element, 'add-row').click();
        await flushPromises();
        // Typed with a non-breaking space, which Apex normalizeSpace keeps.
        const label = 'North\u00a0America';
        send(part(element, 'axis-editor'), 'added', {
            cells: [],
            row: { key: rowKeyOf(label), label, cellCount: 0 },
        });
        await flushPromises();
        part(element, 'add-column').click();
        await flushPromises();
        send(part(element, 'axis-editor'), 'added', {
            cells: [
                savedCell({
                    id: 'a0C00000000000BAAA',
                    // WhitespaceGridController.rowKeyOf: normalizeSpace().toLowerCase()
                    rowKey: 'north\u00a0america',
                    businessUnit: label,
                }),
            ],
        });
        await flushPromises();
        const table = part<Table>(element, 'table');
        expect(table.rows.map((row) => row.headerText)).toEqual([label]);
        expect(cellOf(element, 'north\u00a0america', ANALYTICS)?.text).toBe('Whitespace\n$100K');
    });

    it('shows what went wrong when the grid cannot be loaded, and tries again', async () => {
        const element = mount('c-whitespace-grid', WhitespaceGrid, { recordId: ACCOUNT_ID });
        gridAdapter.error(
            keystoneError('error', 'You do not have access to whitespace cells.').body,
        );
        await flushPromises();
        const shown = textOf(element, '[data-id="load-error"]');
        expect(shown).toContain('You do not have access to whitespace cells.');
        expect(shown).not.toContain('{');
        expect(shadowQuery(element, '[data-id="table"]')).toBeNull();
        expect(shadowQuery(element, '[data-id="retry"]')).not.toBeNull();
        await expectAccessible(element);
    });

    it('hands the table a 40 × 25 grid, with totals over all 1,000 cells', async () => {
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
        const table = part<Table & { caption: string }>(element, 'table');
        expect(table.rows).toHaveLength(40);
        expect(table.columns).toHaveLength(25);
        expect(table.caption).toContain('40 business units by 25 products');
        // Column 0 holds 1,000 × (0 + 1 + … + 39) = 780,000; the grid 1,000 × (25 × 780 + 40 × 300).
        expect(table.columns[0]?.totalText).toContain('$780,000 identified');
        expect(totalOf(element, 'total-identified')).toBe('$31,500,000');
        await expectAccessible(element);
    }, 20_000);
});
