import WhitespaceTable from 'c/whitespaceTable';
import type { ColumnView, RowView } from 'c/whitespaceModel';
import { cellKeyOf, totalText } from 'c/whitespaceModel';
import {
    expectAccessible,
    flushPromises,
    mount,
    removeAllComponents,
    shadowQuery,
    shadowQueryAll,
    textOf,
} from 'test-utils';

type Table = HTMLElement & { focusCell(key: string): void };

function grid(rowCount: number, columnCount: number): { rows: RowView[]; columns: ColumnView[] } {
    const columns: ColumnView[] = Array.from({ length: columnCount }, (_, index) => ({
        key: `p${index}`,
        name: `Product ${index}`,
        headerText: `Product ${index}\nFamily`,
        pending: false,
        totalText: totalText(1000 * index, 500 * index, 0),
    }));
    const rows: RowView[] = Array.from({ length: rowCount }, (_, rowIndex) => ({
        key: `bu ${rowIndex}`,
        label: `BU ${rowIndex}`,
        headerText: `BU ${rowIndex}`,
        pending: false,
        cells: columns.map((column) => ({
            key: cellKeyOf(`bu ${rowIndex}`, column.key),
            rowKey: `bu ${rowIndex}`,
            columnKey: column.key,
            rowLabel: `BU ${rowIndex}`,
            columnName: column.name,
            hasRecord: true,
            matches: true,
            heat: 1,
            cell: {
                id: `a0C${rowIndex}x${column.key}`,
                rowKey: `bu ${rowIndex}`,
                businessUnit: `BU ${rowIndex}`,
                productId: column.key,
                status: 'Whitespace',
                estimatedValue: (rowIndex + 1) * 1000,
            },
        })),
        totalText: totalText(1000 * rowIndex, 0, 0),
    }));
    return { rows, columns };
}

async function renderTable(rowCount: number, columnCount: number): Promise<Table> {
    const element = mount<Table>('c-whitespace-table', WhitespaceTable, {
        ...grid(rowCount, columnCount),
        grandTotalText: totalText(300000, 100000, 50000),
        caption: `Whitespace: ${rowCount} business units by ${columnCount} products.`,
    });
    await flushPromises();
    return element;
}

const cell = (element: HTMLElement, row: number, column: number): HTMLElement | null =>
    shadowQuery(element, `td[data-key="bu ${row}|p${column}"]`);

function key(target: Element | null, value: string): void {
    if (!target) throw new Error('no cell to press a key on');
    target.dispatchEvent(new KeyboardEvent('keydown', { key: value, bubbles: true }));
}

const drawnRows = (element: HTMLElement): string[] =>
    shadowQueryAll(element, 'tbody tr.ks-row').map(
        (row) => row.getAttribute('aria-rowindex') ?? '',
    );

describe('c-whitespace-table', () => {
    afterEach(removeAllComponents);

    it('draws every cell of a small grid as one element: status and value, totals', async () => {
        const element = await renderTable(2, 3);
        expect(shadowQueryAll(element, 'td[role="gridcell"]')).toHaveLength(6);
        const first = cell(element, 0, 0);
        expect(first?.textContent).toBe('Whitespace\n$1K');
        expect(first?.children).toHaveLength(0);
        expect(first?.className).toBe('ks-cell ks-heat_1 ks-marker_whitespace');
        expect(first?.getAttribute('aria-label')).toBe(
            'BU 0, Product 0: Whitespace, estimated $1,000.',
        );
        expect(textOf(element, '[data-id="grand-total"]')).toBe(
            '$300,000 identified $100,000 weighted $50,000 captured',
        );
        expect(shadowQueryAll(element, 'thead th').map((th) => th.textContent)).toEqual([
            'Business unit',
            'Product 0\nFamily',
            'Product 1\nFamily',
            'Product 2\nFamily',
            'Row total',
        ]);
        expect(shadowQuery(element, '[data-id="spacer-top"]')).toBeNull();
        await expectAccessible(element);
    });

    it('moves one tab stop with the arrow keys and asks to open a cell with Enter', async () => {
        const element = await renderTable(2, 3);
        const opened: string[] = [];
        element.addEventListener('cellopen', (event) =>
            opened.push((event as CustomEvent<{ key: string }>).detail.key),
        );
        expect(cell(element, 0, 0)?.getAttribute('tabindex')).toBe('0');
        key(cell(element, 0, 0), 'ArrowDown');
        expect(cell(element, 1, 0)?.getAttribute('tabindex')).toBe('0');
        expect(cell(element, 0, 0)?.getAttribute('tabindex')).toBe('-1');
        key(cell(element, 1, 0), 'End');
        expect(element.shadowRoot?.activeElement).toBe(cell(element, 1, 2));
        key(cell(element, 1, 2), 'Home');
        key(cell(element, 1, 0), 'ArrowRight');
        key(cell(element, 1, 1), 'Enter');
        cell(element, 0, 2)?.click();
        expect(opened).toEqual(['bu 1|p1', 'bu 0|p2']);
        expect(shadowQueryAll(element, 'td[tabindex="0"]')).toHaveLength(1);
    });

    // jsdom has no layout: the view is the default 576 × 800 px, rows 64 px, columns 128 px
    // after a 176 px row header, so 9 rows and 5 columns are in view, plus a buffer of 3 rows and
    // 2 columns: rows 0–11 and columns 0–6 are drawn.
    it('draws only the rows and columns near the view of a 40 × 25 grid, with its full size in ARIA', async () => {
        const element = await renderTable(40, 25);
        expect(drawnRows(element)).toEqual(
            Array.from({ length: 12 }, (_, index) => String(index + 2)),
        );
        expect(shadowQueryAll(element, 'td[role="gridcell"]')).toHaveLength(12 * 7);
        expect(cell(element, 11, 6)).not.toBeNull();
        expect(cell(element, 12, 0)).toBeNull();
        expect(cell(element, 0, 7)).toBeNull();
        const table = shadowQuery(element, '[data-id="grid"]');
        expect(table?.getAttribute('aria-rowcount')).toBe('42');
        expect(table?.getAttribute('aria-colcount')).toBe('27');
        expect(cell(element, 3, 4)?.getAttribute('aria-colindex')).toBe('6');
        expect(shadowQuery(element, 'tfoot tr')?.getAttribute('aria-rowindex')).toBe('42');
        expect(shadowQuery(element, '[data-id="spacer-bottom"] td')?.getAttribute('style')).toBe(
            'height: 1792px',
        );
        expect(shadowQueryAll(element, '[data-id="column-total"]')).toHaveLength(7);
        await expectAccessible(element);
    });

    it('brings rows and columns in as the keyboard reaches them, keeping one tab stop', async () => {
        const element = await renderTable(40, 25);
        for (let step = 0; step < 39; step += 1) {
            key(shadowQuery(element, 'td[tabindex="0"]'), 'ArrowDown');
            await flushPromises();
        }
        expect(element.shadowRoot?.activeElement).toBe(cell(element, 39, 0));
        key(cell(element, 39, 0), 'End');
        await flushPromises();
        const corner = cell(element, 39, 24);
        expect(corner?.getAttribute('tabindex')).toBe('0');
        expect(element.shadowRoot?.activeElement).toBe(corner);
        expect(shadowQueryAll(element, 'td[tabindex="0"]')).toHaveLength(1);
        // The window moved: the first rows and columns are spacers now (columns 0–18: End puts
        // the last column at the view's right edge, 4 columns in view, 2 of buffer).
        expect(drawnRows(element)).not.toContain('2');
        expect(shadowQuery(element, '[data-id="spacer-top"]')).not.toBeNull();
        expect(cell(element, 39, 0)).toBeNull();
        const left = shadowQuery(element, 'thead th.ks-spacer-cell');
        expect(left?.getAttribute('style')).toContain('width: 2432px');

        // focusCell (the container, after a dialog closes) brings the first cell back.
        element.focusCell('bu 0|p0');
        await flushPromises();
        expect(element.shadowRoot?.activeElement).toBe(cell(element, 0, 0));
        await expectAccessible(element);
    });

    it('moves the window with the scroll position, once a frame', async () => {
        const element = await renderTable(40, 25);
        const wrapper = shadowQuery(element, '.ks-grid-wrapper');
        if (!wrapper) throw new Error('no wrapper');
        Object.defineProperty(wrapper, 'scrollTop', { configurable: true, value: 1280 });
        Object.defineProperty(wrapper, 'scrollLeft', { configurable: true, value: 1280 });
        wrapper.dispatchEvent(new Event('scroll'));
        await new Promise((resolve) => requestAnimationFrame(resolve));
        await flushPromises();
        // Row 20 at the top, 3 rows of buffer: rows 17–31; column 10 first, 5 in view and 2 of
        // buffer each side: columns 8–16.
        const rows = drawnRows(element);
        expect(rows[0]).toBe('19');
        expect(rows[rows.length - 1]).toBe('33');
        expect(cell(element, 17, 8)).not.toBeNull();
        expect(cell(element, 17, 7)).toBeNull();
        expect(cell(element, 17, 16)).not.toBeNull();
        expect(cell(element, 17, 17)).toBeNull();
        // The focus cell scrolled away: the first drawn cell holds the tab stop.
        expect(shadowQuery(element, 'td[tabindex="0"]')?.dataset.key).toBe('bu 17|p8');
    });

    it('says there are more products to the right until the grid is scrolled to its end', async () => {
        const element = await renderTable(4, 9);
        const wrapper = shadowQuery(element, '.ks-grid-wrapper');
        if (!wrapper) throw new Error('no wrapper');
        const size = (scrollLeft: number) => {
            Object.defineProperty(wrapper, 'clientWidth', { configurable: true, value: 600 });
            Object.defineProperty(wrapper, 'scrollWidth', { configurable: true, value: 1400 });
            Object.defineProperty(wrapper, 'scrollLeft', { configurable: true, value: scrollLeft });
        };
        size(0);
        wrapper.dispatchEvent(new Event('scroll'));
        await new Promise((resolve) => requestAnimationFrame(resolve));
        await flushPromises();
        expect(textOf(element, '[data-id="more-columns"]')).toBe(
            'More products and the row totals to the right: scroll sideways, or move with the arrow keys.',
        );
        await expectAccessible(element);

        size(800);
        wrapper.dispatchEvent(new Event('scroll'));
        await new Promise((resolve) => requestAnimationFrame(resolve));
        await flushPromises();
        expect(shadowQuery(element, '[data-id="more-columns"]')).toBeNull();
    });
});
