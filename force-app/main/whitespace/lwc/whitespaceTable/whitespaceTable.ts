// The whitespace grid itself: business units (rows) × products (columns), each cell its status
// in words (with a coloured marker, never colour alone) and its estimated value on a heat tint,
// row and column totals. Arrow keys move between cells, Home/End to the ends of a row, Enter or
// Space opens the cell (the container edits it).
//
// Performance: a cell is one element (status and value on two lines of its text) whose words are
// made only when it is drawn, the roving tab
// stop lives in the DOM (moving it touches two cells), and a large grid draws only the rows and
// columns in or near the scroll wrapper's view, with spacers that keep the scrollbars true and
// aria-rowcount / aria-colcount / aria-rowindex / aria-colindex that tell assistive technology
// the grid's full size. The keyboard brings rows and columns in as it reaches them.
import { LightningElement, api } from 'lwc';
import { cellClass, cellLabel, cellText } from 'c/whitespaceModel';
import type { ColumnView, RowView } from 'c/whitespaceModel';

interface ShownCell {
    key: string;
    text: string;
    className: string;
    ariaLabel: string;
    ariaColIndex: number;
}

interface ShownRow {
    key: string;
    label: string;
    headerText: string;
    ariaRowIndex: number;
    cells: ShownCell[];
    totalText: string;
}

interface ShownColumn extends ColumnView {
    ariaColIndex: number;
}

/** More rows than this, or more columns than that, and the grid draws only what is near the view. */
const ROW_WINDOW_THRESHOLD = 20;
const COLUMN_WINDOW_THRESHOLD = 10;
/** Rows and columns drawn beyond the view on each side. */
const ROW_BUFFER = 3;
const COLUMN_BUFFER = 2;
/** Body rows and product columns have these sizes in the CSS; the window is worked out from them. */
const DEFAULT_ROW_HEIGHT_PX = 64;
const COLUMN_WIDTH_PX = 128;
const ROW_HEADER_WIDTH_PX = 176;
/** The wrapper's size before it is laid out (and in jsdom): its max-height and a typical width. */
const DEFAULT_VIEWPORT_HEIGHT_PX = 576;
const DEFAULT_VIEWPORT_WIDTH_PX = 800;

export default class WhitespaceTable extends LightningElement {
    /** Business units, each with a cell per product: all of them, drawn or not. */
    @api rows: RowView[] = [];
    @api columns: ColumnView[] = [];
    /** The bottom-right total. */
    @api grandTotalText = '';
    /** The grid's accessible name. */
    @api caption = '';

    /** Moves keyboard focus to a cell, bringing its row and column into the window. */
    @api
    focusCell(key: string): void {
        const position = this.positionOf(key);
        if (position) this.moveFocus(position[0], position[1]);
    }

    /**
     * The drawn part: rows [rowStart, rowEnd) and columns [columnStart, columnEnd). It starts as
     * what a wrapper of the default size shows, and follows the real one once it is laid out.
     */
    rowStart = 0;
    rowEnd = Math.ceil(DEFAULT_VIEWPORT_HEIGHT_PX / DEFAULT_ROW_HEIGHT_PX) + ROW_BUFFER;
    columnStart = 0;
    columnEnd =
        Math.ceil((DEFAULT_VIEWPORT_WIDTH_PX - ROW_HEADER_WIDTH_PX) / COLUMN_WIDTH_PX) +
        COLUMN_BUFFER;
    rowHeight = DEFAULT_ROW_HEIGHT_PX;

    private focusRow = 0;
    private focusColumn = 0;
    private rowHeightMeasured = false;
    private scrollFrame = 0;
    /** Focus the tab stop after the next render: the keyboard moved to a cell not drawn yet. */
    private focusAfterRender = false;
    /**
     * Give focus back to the focus cell after the next render, without scrolling: when the window
     * moves, LWC's keyed diff moves row elements and a moved element loses focus.
     */
    private refocusAfterRender = false;
    /** The window has been fitted to the laid-out wrapper (or will be, in fitFrame). */
    private windowFitted = false;
    /** The grid is wider than its frame and not scrolled to the end: say there is more. */
    moreToTheRight = false;
    private fitFrame = 0;
    private resizeObserver?: ResizeObserver;

    // ------------------------------------------------------------------ what is drawn

    get isRowWindowed(): boolean {
        return this.rows.length > ROW_WINDOW_THRESHOLD;
    }

    get isColumnWindowed(): boolean {
        return this.columns.length > COLUMN_WINDOW_THRESHOLD;
    }

    private get drawnRowRange(): [number, number] {
        return this.isRowWindowed
            ? [this.rowStart, Math.min(this.rowEnd, this.rows.length)]
            : [0, this.rows.length];
    }

    private get drawnColumnRange(): [number, number] {
        return this.isColumnWindowed
            ? [this.columnStart, Math.min(this.columnEnd, this.columns.length)]
            : [0, this.columns.length];
    }

    get shownColumns(): ShownColumn[] {
        const [start, end] = this.drawnColumnRange;
        return this.columns
            .slice(start, end)
            .map((column, index) => ({ ...column, ariaColIndex: start + index + 2 }));
    }

    get shownRows(): ShownRow[] {
        const [rowStart, rowEnd] = this.drawnRowRange;
        const [columnStart, columnEnd] = this.drawnColumnRange;
        return this.rows.slice(rowStart, rowEnd).map((row, index) => ({
            key: row.key,
            label: row.label,
            headerText: row.headerText,
            ariaRowIndex: rowStart + index + 2,
            // Words only for the cells drawn: a large grid draws a small part of them.
            cells: row.cells.slice(columnStart, columnEnd).map((cell, offset) => ({
                key: cell.key,
                text: cellText(cell),
                className: cellClass(cell),
                ariaLabel: cellLabel(cell),
                ariaColIndex: columnStart + offset + 2,
            })),
            totalText: row.totalText,
        }));
    }

    /** All rows plus the header and footer rows, drawn or not. */
    get rowCount(): number {
        return this.rows.length + 2;
    }

    /** The row header, every product and the row total, drawn or not. */
    get columnCount(): number {
        return this.columns.length + 2;
    }

    get footerRowIndex(): number {
        return this.rowCount;
    }

    get totalColumnIndex(): number {
        return this.columnCount;
    }

    get hasTopSpacer(): boolean {
        return this.isRowWindowed && this.drawnRowRange[0] > 0;
    }

    get hasBottomSpacer(): boolean {
        return this.isRowWindowed && this.drawnRowRange[1] < this.rows.length;
    }

    get topSpacerStyle(): string {
        return `height: ${this.drawnRowRange[0] * this.rowHeight}px`;
    }

    get bottomSpacerStyle(): string {
        return `height: ${(this.rows.length - this.drawnRowRange[1]) * this.rowHeight}px`;
    }

    get hasLeftSpacer(): boolean {
        return this.isColumnWindowed && this.drawnColumnRange[0] > 0;
    }

    get hasRightSpacer(): boolean {
        return this.isColumnWindowed && this.drawnColumnRange[1] < this.columns.length;
    }

    get leftSpacerStyle(): string {
        const width = this.drawnColumnRange[0] * COLUMN_WIDTH_PX;
        return `width: ${width}px; min-width: ${width}px`;
    }

    get rightSpacerStyle(): string {
        const width = (this.columns.length - this.drawnColumnRange[1]) * COLUMN_WIDTH_PX;
        return `width: ${width}px; min-width: ${width}px`;
    }

    /** The spacer rows span every drawn cell of a row. */
    get spacerColspan(): number {
        const [start, end] = this.drawnColumnRange;
        return end - start + 2 + (this.hasLeftSpacer ? 1 : 0) + (this.hasRightSpacer ? 1 : 0);
    }

    // ------------------------------------------------------------------ the window

    private get wrapper(): HTMLElement | null {
        return this.template?.querySelector<HTMLElement>('.ks-grid-wrapper') ?? null;
    }

    private setRowWindow(firstVisible: number): void {
        const viewport = this.wrapper?.clientHeight || DEFAULT_VIEWPORT_HEIGHT_PX;
        const visible = Math.ceil(viewport / this.rowHeight);
        const start = Math.max(0, firstVisible - ROW_BUFFER);
        const end = Math.min(this.rows.length, firstVisible + visible + ROW_BUFFER);
        // Assign only on change: each assignment to a rendered field schedules a re-render.
        if (start !== this.rowStart) this.rowStart = start;
        if (end !== this.rowEnd) this.rowEnd = end;
    }

    private setColumnWindow(firstVisible: number): void {
        const viewport =
            (this.wrapper?.clientWidth || DEFAULT_VIEWPORT_WIDTH_PX) - ROW_HEADER_WIDTH_PX;
        const visible = Math.ceil(Math.max(COLUMN_WIDTH_PX, viewport) / COLUMN_WIDTH_PX);
        const start = Math.max(0, firstVisible - COLUMN_BUFFER);
        const end = Math.min(this.columns.length, firstVisible + visible + COLUMN_BUFFER);
        if (start !== this.columnStart) this.columnStart = start;
        if (end !== this.columnEnd) this.columnEnd = end;
    }

    /** The window for the wrapper's scroll position. */
    private updateWindow(): void {
        const wrapper = this.wrapper;
        this.setRowWindow(Math.floor((wrapper?.scrollTop ?? 0) / this.rowHeight));
        this.setColumnWindow(Math.floor((wrapper?.scrollLeft ?? 0) / COLUMN_WIDTH_PX));
    }

    private updateMoreToTheRight(): void {
        const wrapper = this.wrapper;
        const more = wrapper
            ? wrapper.scrollLeft + wrapper.clientWidth < wrapper.scrollWidth - 1
            : false;
        if (more !== this.moreToTheRight) this.moreToTheRight = more;
    }

    handleScroll(): void {
        if (this.scrollFrame) return;
        // Many scroll events arrive per frame; the window is worked out once a frame.
        this.scrollFrame = requestAnimationFrame(() => {
            this.scrollFrame = 0;
            this.updateMoreToTheRight();
            if (!this.isRowWindowed && !this.isColumnWindowed) return;
            const before = `${this.rowStart}:${this.rowEnd}:${this.columnStart}:${this.columnEnd}`;
            const active = this.template?.activeElement as HTMLElement | null | undefined;
            const cellHasFocus = active?.matches?.('td[data-key]') === true;
            this.updateWindow();
            const after = `${this.rowStart}:${this.rowEnd}:${this.columnStart}:${this.columnEnd}`;
            if (cellHasFocus && before !== after) this.refocusAfterRender = true;
        });
    }

    private isDrawn(rowIndex: number, columnIndex: number): boolean {
        const [rowStart, rowEnd] = this.drawnRowRange;
        const [columnStart, columnEnd] = this.drawnColumnRange;
        return (
            rowIndex >= rowStart &&
            rowIndex < rowEnd &&
            columnIndex >= columnStart &&
            columnIndex < columnEnd
        );
    }

    /** Moves the window (and the scroll position) so that a cell not drawn yet is. */
    private bringIntoWindow(rowIndex: number, columnIndex: number): void {
        const wrapper = this.wrapper;
        const [rowStart, rowEnd] = this.drawnRowRange;
        if (this.isRowWindowed && (rowIndex < rowStart || rowIndex >= rowEnd)) {
            const viewport = wrapper?.clientHeight || DEFAULT_VIEWPORT_HEIGHT_PX;
            const visible = Math.ceil(viewport / this.rowHeight);
            const first = rowIndex < rowStart ? rowIndex : Math.max(0, rowIndex - visible + 1);
            this.setRowWindow(first);
            if (wrapper) wrapper.scrollTop = first * this.rowHeight;
        }
        const [columnStart, columnEnd] = this.drawnColumnRange;
        if (this.isColumnWindowed && (columnIndex < columnStart || columnIndex >= columnEnd)) {
            const viewport =
                (wrapper?.clientWidth || DEFAULT_VIEWPORT_WIDTH_PX) - ROW_HEADER_WIDTH_PX;
            const visible = Math.max(1, Math.floor(viewport / COLUMN_WIDTH_PX));
            const first =
                columnIndex < columnStart ? columnIndex : Math.max(0, columnIndex - visible + 1);
            this.setColumnWindow(first);
            if (wrapper) wrapper.scrollLeft = first * COLUMN_WIDTH_PX;
        }
    }

    /**
     * Body rows have a fixed CSS height, but their content could make them taller: measure one
     * once and keep the spacers and the window true to it.
     */
    private measureRowHeight(): void {
        if (this.rowHeightMeasured || !this.isRowWindowed) return;
        const row = this.template?.querySelector<HTMLElement>('tr.ks-row');
        const height = row?.getBoundingClientRect().height ?? 0;
        if (height <= 0) return; // no layout (jsdom): keep the default
        this.rowHeightMeasured = true;
        if (Math.abs(height - this.rowHeight) >= 1) {
            this.rowHeight = height;
            this.updateWindow();
        }
    }

    // ------------------------------------------------------------------ keyboard and clicks

    private positionOf(key: string): [number, number] | undefined {
        for (let rowIndex = 0; rowIndex < this.rows.length; rowIndex++) {
            const cells = this.rows[rowIndex]?.cells ?? [];
            const columnIndex = cells.findIndex((cell) => cell.key === key);
            if (columnIndex >= 0) return [rowIndex, columnIndex];
        }
        return undefined;
    }

    private cellElementAt(rowIndex: number, columnIndex: number): HTMLElement | null {
        const key = this.rows[rowIndex]?.cells[columnIndex]?.key;
        if (!key) return null;
        for (const element of Array.from(
            this.template?.querySelectorAll<HTMLElement>('td[data-key]') ?? [],
        )) {
            if (element.dataset.key === key) return element;
        }
        return null;
    }

    handleKeyDown(event: KeyboardEvent): void {
        const target = (event.target as HTMLElement).closest<HTMLElement>('td[data-key]');
        const position = target ? this.positionOf(target.dataset.key ?? '') : undefined;
        if (!position) return;
        const [rowIndex, columnIndex] = position;
        const lastRow = this.rows.length - 1;
        const lastColumn = this.columns.length - 1;
        let nextRow = rowIndex;
        let nextColumn = columnIndex;
        switch (event.key) {
            case 'ArrowRight':
                nextColumn = Math.min(columnIndex + 1, lastColumn);
                break;
            case 'ArrowLeft':
                nextColumn = Math.max(columnIndex - 1, 0);
                break;
            case 'ArrowDown':
                nextRow = Math.min(rowIndex + 1, lastRow);
                break;
            case 'ArrowUp':
                nextRow = Math.max(rowIndex - 1, 0);
                break;
            case 'Home':
                nextColumn = 0;
                break;
            case 'End':
                nextColumn = lastColumn;
                break;
            case 'Enter':
            case ' ':
                event.preventDefault();
                this.open(rowIndex, columnIndex);
                return;
            default:
                return;
        }
        event.preventDefault();
        this.moveFocus(nextRow, nextColumn);
    }

    /** One listener on the table instead of one per cell. */
    handleClick(event: MouseEvent): void {
        const target = (event.target as HTMLElement | null)?.closest<HTMLElement>('td[data-key]');
        const position = target ? this.positionOf(target.dataset.key ?? '') : undefined;
        if (!position) return;
        this.moveFocus(position[0], position[1]);
        this.open(position[0], position[1]);
    }

    private open(rowIndex: number, columnIndex: number): void {
        const key = this.rows[rowIndex]?.cells[columnIndex]?.key;
        if (key) this.dispatchEvent(new CustomEvent('cellopen', { detail: { key } }));
    }

    /**
     * The roving tab stop lives in the DOM, not in the view model: moving it changes two
     * attributes and re-renders nothing, so a key press stays far inside one frame.
     */
    private moveFocus(rowIndex: number, columnIndex: number): void {
        if (!this.rows[rowIndex]?.cells[columnIndex]) return;
        this.focusRow = rowIndex;
        this.focusColumn = columnIndex;
        if (!this.isDrawn(rowIndex, columnIndex)) {
            this.focusAfterRender = true;
            this.bringIntoWindow(rowIndex, columnIndex);
            return;
        }
        this.placeTabStop()?.focus();
    }

    /**
     * Exactly one cell, the focus cell, has tabindex 0. When the focus cell has been scrolled out
     * of the window, the first drawn cell holds the tab stop instead, so Tab still reaches the grid.
     */
    private placeTabStop(): HTMLElement | null {
        const [rowStart] = this.drawnRowRange;
        const [columnStart] = this.drawnColumnRange;
        const target =
            this.cellElementAt(this.focusRow, this.focusColumn) ??
            this.cellElementAt(rowStart, columnStart);
        const current = this.template?.querySelectorAll<HTMLElement>('td[tabindex="0"]') ?? [];
        for (const element of Array.from(current)) {
            if (element !== target) element.setAttribute('tabindex', '-1');
        }
        target?.setAttribute('tabindex', '0');
        return target;
    }

    /** Fits the window to the frame at the next frame, once however often it is asked. */
    private fitSoon(): void {
        if (this.fitFrame) return;
        this.fitFrame = requestAnimationFrame(() => {
            this.fitFrame = 0;
            this.measureRowHeight();
            this.updateWindow();
            this.updateMoreToTheRight();
        });
    }

    override renderedCallback(): void {
        const wrapper = this.wrapper;
        if (!this.windowFitted && wrapper) {
            this.windowFitted = true;
            // Measuring now would force the browser to lay the page out in the middle of the first
            // render; after it is painted the layout is there to read.
            this.fitSoon();
            // A grid drawn in a tab not shown yet has no size: fit again when it gets one, and
            // when the page is resized.
            if (typeof ResizeObserver !== 'undefined') {
                this.resizeObserver = new ResizeObserver(() => this.fitSoon());
                this.resizeObserver.observe(wrapper);
            }
        }
        const target = this.placeTabStop();
        if (this.focusAfterRender) {
            this.focusAfterRender = false;
            target?.focus();
        } else if (this.refocusAfterRender) {
            this.refocusAfterRender = false;
            // Only the focus cell itself, not the fallback tab stop: scrolling the focus cell
            // out of the window must not move focus somewhere else.
            if (this.isDrawn(this.focusRow, this.focusColumn))
                target?.focus({ preventScroll: true });
        }
    }

    override disconnectedCallback(): void {
        this.resizeObserver?.disconnect();
        this.resizeObserver = undefined;
        this.windowFitted = false;
        if (this.scrollFrame) cancelAnimationFrame(this.scrollFrame);
        if (this.fitFrame) cancelAnimationFrame(this.fitFrame);
        this.scrollFrame = 0;
        this.fitFrame = 0;
    }
}
