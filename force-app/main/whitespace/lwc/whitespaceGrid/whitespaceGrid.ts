// The whitespace grid on the Account page: business units (rows) × products (columns). Each
// cell shows its status as text with a coloured marker (never colour alone) and its value as a
// heat tint; totals per row, per column and overall come from the Keystone engine. A cell is
// edited in a dialog that keeps what was typed when a save fails; an Opportunity can be
// created from a saved cell. The grid is keyboard-operable: arrow keys move between cells,
// Home/End jump to the ends of a row, Enter or Space edits the focused cell.
//
// Performance: the view model (rows, cells, totals) is rebuilt only when the data, the
// filter or the pending axes change; moving focus touches two cells. A large grid renders only
// the rows in (or near) the scroll wrapper's viewport: see "row windowing" below.
import { LightningElement, api, wire } from 'lwc';
import { refreshApex } from '@salesforce/apex';
import getWhitespace from '@salesforce/apex/WhitespaceGridController.getWhitespace';
import saveCell from '@salesforce/apex/WhitespaceGridController.saveCell';
import addRow from '@salesforce/apex/WhitespaceGridController.addRow';
import addColumn from '@salesforce/apex/WhitespaceGridController.addColumn';
import searchProducts from '@salesforce/apex/WhitespaceGridController.searchProducts';
import searchUsers from '@salesforce/apex/WhitespaceGridController.searchUsers';
import createOpportunityFromCell from '@salesforce/apex/WhitespaceGridController.createOpportunityFromCell';
import ACCOUNT_FIELD from '@salesforce/schema/WhitespaceCell__c.Account__c';
import BUSINESS_UNIT_FIELD from '@salesforce/schema/WhitespaceCell__c.BusinessUnit__c';
import PRODUCT_FIELD from '@salesforce/schema/WhitespaceCell__c.Product__c';
import STATUS_FIELD from '@salesforce/schema/WhitespaceCell__c.Status__c';
import STATUS_NOTE_FIELD from '@salesforce/schema/WhitespaceCell__c.StatusNote__c';
import ESTIMATED_VALUE_FIELD from '@salesforce/schema/WhitespaceCell__c.EstimatedValue__c';
import PROBABILITY_FIELD from '@salesforce/schema/WhitespaceCell__c.Probability__c';
import OWNER_FIELD from '@salesforce/schema/WhitespaceCell__c.Owner__c';
import TARGET_DATE_FIELD from '@salesforce/schema/WhitespaceCell__c.TargetDate__c';
import COMPETITOR_FIELD from '@salesforce/schema/WhitespaceCell__c.Competitor__c';
import currentUserId from '@salesforce/user/Id';
import { NavigationMixin } from 'lightning/navigation';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { reduceErrors } from 'c/keystoneErrors';
import { firstMessages, parseSaveError } from 'c/keystoneSaveErrors';
import {
    announceRecordChange,
    loadStateOf,
    reloadOnPageRefresh,
    stopReloadingOnPageRefresh,
} from 'c/keystoneUi';
import type { LoadState } from 'c/keystoneUi';
import { totalWhitespace } from 'c/keystoneEngine';
import type { OpportunityInput, WhitespaceCellInput, WhitespaceTotals } from 'c/keystoneEngine';
import {
    STATUS_STYLES,
    buildCellLabel,
    compactNumber,
    defaultCloseDate,
    formatMoney,
    heatLevel,
    todayIso,
    validateCellDraft,
} from './gridModel';
import type {
    CellDraft,
    CellDraftErrors,
    GridCell,
    GridColumn,
    GridPayload,
    GridRow,
    Option,
    Person,
} from './gridModel';

interface WiredGrid {
    data?: GridPayload;
    error?: unknown;
}

interface CellView {
    key: string;
    rowIndex: number;
    columnIndex: number;
    rowKey: string;
    columnKey: string;
    hasRecord: boolean;
    matches: boolean;
    statusText: string;
    valueText: string;
    className: string;
    /** The status text's class; its ::before draws the status marker (one element per cell). */
    statusClass: string;
    ariaLabel: string;
}

interface RowView {
    key: string;
    label: string;
    /** 1-based position among all the grid's rows, header row included (aria-rowindex). */
    ariaRowIndex: number;
    pending: boolean;
    cells: CellView[];
    identifiedText: string;
    weightedText: string;
    capturedText: string;
}

interface ColumnView {
    key: string;
    name: string;
    family: string;
    pending: boolean;
    identifiedText: string;
    weightedText: string;
    capturedText: string;
}

type DialogMode = 'cell' | 'row' | 'column' | 'opportunity';

interface OpportunityDraft {
    name: string;
    amount: string;
    closeDate: string;
}

type Navigable = {
    [NavigationMixin.Navigate](pageReference: Record<string, unknown>): void;
};

const EMPTY_DRAFT: CellDraft = {
    status: 'Whitespace',
    estimatedValue: '',
    probability: '',
    ownerId: '',
    targetDate: '',
    competitor: '',
    statusNote: '',
};

/** Server field API name → the draft field it belongs to. */
const DRAFT_FIELD_BY_API_NAME: Record<string, keyof CellDraft> = {
    [STATUS_FIELD.fieldApiName ?? 'Status__c']: 'status',
    [ESTIMATED_VALUE_FIELD.fieldApiName ?? 'EstimatedValue__c']: 'estimatedValue',
    [PROBABILITY_FIELD.fieldApiName ?? 'Probability__c']: 'probability',
    [OWNER_FIELD.fieldApiName ?? 'Owner__c']: 'ownerId',
    [TARGET_DATE_FIELD.fieldApiName ?? 'TargetDate__c']: 'targetDate',
    [COMPETITOR_FIELD.fieldApiName ?? 'Competitor__c']: 'competitor',
    [STATUS_NOTE_FIELD.fieldApiName ?? 'StatusNote__c']: 'statusNote',
};

// Row windowing. Creating ~4,000 elements for a 40 × 25 grid under synthetic shadow is most
// of its first render, yet the wrapper (max-height 36rem) shows only ~10 rows at a time. So a
// grid with more than WINDOW_THRESHOLD rows renders only the rows in the wrapper's viewport plus
// WINDOW_BUFFER_ROWS either side, with spacer rows above and below that keep the scrollbar
// true. Smaller grids render every row, as before.
const WINDOW_THRESHOLD = 20;
const WINDOW_BUFFER_ROWS = 8;
/** The height of a body row before one is measured; the CSS gives body rows this height. */
const DEFAULT_ROW_HEIGHT_PX = 64;
/** The wrapper's max-height (36rem): used when it reports no height (before layout, jsdom). */
const DEFAULT_VIEWPORT_PX = 576;

function cellKeyOf(rowKey: string, columnKey: string): string {
    return `${rowKey}|${columnKey}`;
}

function rowKeyOf(label: string): string {
    return label.replace(/\s+/g, ' ').trim().toLowerCase();
}

function numberOrNull(text: string): number | null {
    return text.trim() === '' ? null : Number(text);
}

export default class WhitespaceGrid extends NavigationMixin(LightningElement) {
    @api recordId?: string;

    payload?: GridPayload;
    wiredResult?: WiredGrid;

    private pageRefreshId?: number;

    override connectedCallback(): void {
        this.pageRefreshId = reloadOnPageRefresh(this, () => this.refresh());
    }

    loadErrors: string[] = [];

    /** Rows and columns shown but not saved yet (no cell can exist for them yet). */
    pendingRows: GridRow[] = [];
    pendingColumns: GridColumn[] = [];
    selectedStatuses: string[] = [];

    rowViews: RowView[] = [];
    columnViews: ColumnView[] = [];
    totals?: WhitespaceTotals;
    totalsError = '';

    /** The cell that holds the roving tab stop. */
    focusRow = 0;
    focusColumn = 0;

    dialogMode: DialogMode | null = null;
    dialogRowKey = '';
    dialogColumnKey = '';
    draft: CellDraft = { ...EMPTY_DRAFT };
    draftErrors: CellDraftErrors = {};
    formError = '';
    saving = false;
    newRowLabel = '';
    productSearch = '';
    productResults: GridColumn[] = [];
    selectedProductId = '';
    opportunityDraft: OpportunityDraft = { name: '', amount: '', closeDate: '' };
    extraPeople: Person[] = [];
    ownerSearch = '';
    ownerSearchHint = 'Type two letters or more to find someone else.';

    private cellsByKey = new Map<string, GridCell>();
    private returnFocusKey = '';

    /** The rendered rows are rowViews[windowStart, windowEnd); all of them for small grids. */
    windowStart = 0;
    windowEnd = 0;
    /** Measured from a rendered body row once; spacer heights are rows × this. */
    rowHeight = DEFAULT_ROW_HEIGHT_PX;
    private rowHeightMeasured = false;
    /** An animation frame is pending for a scroll: scroll events are handled once a frame. */
    private scrollFrame = 0;
    /** Focus the tab stop after the next render: keyboard moved to a row not rendered yet. */
    private focusAfterRender = false;
    /**
     * Give focus back to the focus cell after the next render, without scrolling: when the
     * window moves, LWC's keyed diff moves row elements and a moved element loses focus.
     */
    private refocusAfterRender = false;

    @wire(getWhitespace, { accountId: '$recordId' })
    wiredGrid(result: WiredGrid): void {
        this.wiredResult = result;
        if (result.data) {
            this.payload = result.data;
            this.loadErrors = [];
            if (this.selectedStatuses.length === 0) {
                this.selectedStatuses = result.data.statuses.map((option) => option.value);
            }
            this.indexCells(result.data.cells);
            this.dropSavedPendingAxes();
            this.rebuild();
        } else if (result.error) {
            this.payload = undefined;
            this.loadErrors = [parseSaveError(result.error).message];
        }
    }

    // ------------------------------------------------------------------ state for the template

    get load(): LoadState {
        return loadStateOf(Boolean(this.payload), this.loadErrors);
    }

    get isLoaded(): boolean {
        return Boolean(this.payload);
    }

    get isEmpty(): boolean {
        return this.isLoaded && this.rowViews.length === 0 && this.columnViews.length === 0;
    }

    get hasGrid(): boolean {
        return this.isLoaded && !this.isEmpty;
    }

    get canEdit(): boolean {
        return this.payload?.canEdit === true;
    }

    get cannotEdit(): boolean {
        return !this.canEdit;
    }

    get isTruncated(): boolean {
        return this.payload?.truncated === true;
    }

    get statusOptions(): Option[] {
        return this.payload?.statuses ?? [];
    }

    get isFiltered(): boolean {
        return this.selectedStatuses.length < this.statusOptions.length;
    }

    get totalsHeading(): string {
        return this.isFiltered ? 'Totals for the statuses shown' : 'Totals';
    }

    get legend(): { value: string; label: string; markerClass: string; description: string }[] {
        return this.statusOptions.map((option) => ({
            value: option.value,
            label: option.label,
            markerClass: `ks-marker ${STATUS_STYLES[option.value]?.marker ?? 'ks-marker_none'}`,
            description: STATUS_STYLES[option.value]?.description ?? '',
        }));
    }

    get identifiedText(): string {
        return formatMoney(this.totals?.identified ?? 0);
    }

    get weightedText(): string {
        return formatMoney(this.totals?.weighted ?? 0);
    }

    get capturedText(): string {
        return formatMoney(this.totals?.captured ?? 0);
    }

    get capturePercentText(): string {
        return `${this.totals?.capturePercent ?? 0} %`;
    }

    get hasTotalsError(): boolean {
        return this.totalsError !== '';
    }

    // ------------------------------------------------------------------ row windowing

    get isWindowed(): boolean {
        return this.rowViews.length > WINDOW_THRESHOLD;
    }

    /** The rows in the DOM: the same RowView objects, so LWC's keyed diff keeps their cells. */
    get renderedRows(): RowView[] {
        return this.isWindowed
            ? this.rowViews.slice(this.windowStart, this.windowEnd)
            : this.rowViews;
    }

    /** All rows, plus the header and footer rows, whether rendered or not. */
    get gridRowCount(): number {
        return this.rowViews.length + 2;
    }

    /** The footer is the grid's last row. */
    get footerRowIndex(): number {
        return this.gridRowCount;
    }

    /** The spacer cell spans the row header, every product column and the row total. */
    get spacerColspan(): number {
        return this.columnViews.length + 2;
    }

    get hasTopSpacer(): boolean {
        return this.isWindowed && this.windowStart > 0;
    }

    get hasBottomSpacer(): boolean {
        return this.isWindowed && this.windowEnd < this.rowViews.length;
    }

    get topSpacerStyle(): string {
        return `height: ${this.windowStart * this.rowHeight}px`;
    }

    get bottomSpacerStyle(): string {
        return `height: ${(this.rowViews.length - this.windowEnd) * this.rowHeight}px`;
    }

    private get wrapper(): HTMLElement | null {
        return this.template?.querySelector<HTMLElement>('.ks-grid-wrapper') ?? null;
    }

    /** How many rows fit in the wrapper; jsdom and an unlaid-out page report 0 height. */
    private visibleRowCount(): number {
        const viewport = this.wrapper?.clientHeight || DEFAULT_VIEWPORT_PX;
        return Math.ceil(viewport / this.rowHeight);
    }

    /**
     * Sets the window so that `firstVisible` is the top row of the viewport. Rows start below
     * the sticky header, so scrollTop / rowHeight is the first row in view.
     */
    private setWindow(firstVisible: number): void {
        const total = this.rowViews.length;
        const start = Math.max(0, firstVisible - WINDOW_BUFFER_ROWS);
        const end = Math.min(total, firstVisible + this.visibleRowCount() + WINDOW_BUFFER_ROWS);
        // Assign only on change: each assignment to a rendered field schedules a re-render.
        if (start !== this.windowStart) this.windowStart = start;
        if (end !== this.windowEnd) this.windowEnd = end;
    }

    /** The window for the wrapper's current scroll position. */
    private updateWindow(): void {
        if (!this.isWindowed) {
            this.windowStart = 0;
            this.windowEnd = this.rowViews.length;
            return;
        }
        const scrollTop = this.wrapper?.scrollTop ?? 0;
        this.setWindow(Math.floor(scrollTop / this.rowHeight));
    }

    handleGridScroll(): void {
        if (!this.isWindowed || this.scrollFrame) return;
        // Many scroll events arrive per frame; the window is recomputed once per frame.
        this.scrollFrame = requestAnimationFrame(() => {
            this.scrollFrame = 0;
            const start = this.windowStart;
            const end = this.windowEnd;
            const active = this.template?.activeElement as HTMLElement | null | undefined;
            const cellHasFocus = active?.matches?.('td[data-key]') === true;
            this.updateWindow();
            if (cellHasFocus && (start !== this.windowStart || end !== this.windowEnd)) {
                this.refocusAfterRender = true;
            }
        });
    }

    private isRowRendered(rowIndex: number): boolean {
        return !this.isWindowed || (rowIndex >= this.windowStart && rowIndex < this.windowEnd);
    }

    /**
     * Moves the window (and the wrapper's scroll position) so that a row not rendered yet is
     * in view: at the top when moving up, at the bottom when moving down.
     */
    private bringRowIntoWindow(rowIndex: number): void {
        const firstVisible =
            rowIndex < this.windowStart
                ? rowIndex
                : Math.max(0, rowIndex - this.visibleRowCount() + 1);
        this.setWindow(firstVisible);
        const wrapper = this.wrapper;
        if (wrapper) wrapper.scrollTop = firstVisible * this.rowHeight;
    }

    /**
     * Body rows have a fixed CSS height, but their content (three lines of totals) could make
     * them taller: measure one once and keep the spacers and the window true to it.
     */
    private measureRowHeight(): void {
        if (this.rowHeightMeasured || !this.isWindowed) return;
        const row = this.template?.querySelector<HTMLElement>('tr.ks-row');
        const height = row?.getBoundingClientRect().height ?? 0;
        if (height <= 0) return; // no layout (jsdom): keep the default
        this.rowHeightMeasured = true;
        if (Math.abs(height - this.rowHeight) >= 1) {
            this.rowHeight = height;
            this.updateWindow();
        }
    }

    get gridCaption(): string {
        const rows = this.rowViews.length;
        const columns = this.columnViews.length;
        return `Whitespace: ${rows} business units by ${columns} products. Use the arrow keys to move between cells and Enter to edit one.`;
    }

    // dialog

    get isDialogOpen(): boolean {
        return this.dialogMode !== null;
    }

    get isCellDialog(): boolean {
        return this.dialogMode === 'cell';
    }

    get isRowDialog(): boolean {
        return this.dialogMode === 'row';
    }

    get isColumnDialog(): boolean {
        return this.dialogMode === 'column';
    }

    get isOpportunityDialog(): boolean {
        return this.dialogMode === 'opportunity';
    }

    get dialogTitle(): string {
        switch (this.dialogMode) {
            case 'cell':
                return `${this.dialogRowLabel} × ${this.dialogColumnName}`;
            case 'row':
                return 'Add a business unit';
            case 'column':
                return 'Add a product';
            case 'opportunity':
                return 'Create an opportunity';
            default:
                return '';
        }
    }

    get dialogCell(): GridCell | undefined {
        return this.cellsByKey.get(cellKeyOf(this.dialogRowKey, this.dialogColumnKey));
    }

    get dialogRowLabel(): string {
        return this.allRows().find((row) => row.key === this.dialogRowKey)?.label ?? '';
    }

    get dialogColumnName(): string {
        return this.allColumns().find((column) => column.key === this.dialogColumnKey)?.name ?? '';
    }

    get hasFormError(): boolean {
        return this.formError !== '';
    }

    get ownerOptions(): Option[] {
        const options = new Map<string, string>();
        options.set('', 'No owner');
        for (const person of [...(this.payload?.people ?? []), ...this.extraPeople]) {
            options.set(person.id, person.name);
        }
        for (const cell of this.payload?.cells ?? []) {
            if (cell.ownerId && !options.has(cell.ownerId)) {
                options.set(cell.ownerId, cell.ownerName ?? 'Unknown user');
            }
        }
        if (currentUserId && !options.has(currentUserId)) options.set(currentUserId, 'Me');
        return [...options.entries()].map(([value, label]) => ({ value, label }));
    }

    /** Adds people found by name to the owner picker. */
    async handleOwnerSearch(event: CustomEvent<{ value: string }>): Promise<void> {
        const searchText = event.detail.value ?? '';
        this.ownerSearch = searchText;
        if (searchText.trim().length < 2) return;
        try {
            const found = (await searchUsers({ searchText })) as Person[];
            if (searchText !== this.ownerSearch) return;
            const known = new Set(this.ownerOptions.map((option) => option.value));
            this.extraPeople = [
                ...this.extraPeople,
                ...found.filter((person) => !known.has(person.id)),
            ];
            this.ownerSearchHint =
                found.length === 0
                    ? 'Nobody active has that name.'
                    : `${found.length} found: choose them under Cell owner.`;
        } catch (error) {
            this.ownerSearchHint = parseSaveError(error).message;
        }
    }

    get isCompetitorRequired(): boolean {
        return this.draft.status === 'Competitor';
    }

    get linkedOpportunity(): { id: string; name: string; stage: string } | null {
        const cell = this.dialogCell;
        if (!cell?.opportunityId) return null;
        return {
            id: cell.opportunityId,
            name: cell.opportunityName ?? 'Opportunity',
            stage: cell.opportunityStage ?? '',
        };
    }

    get canCreateOpportunity(): boolean {
        const cell = this.dialogCell;
        return (
            this.payload?.canCreateOpportunity === true &&
            Boolean(cell?.id) &&
            !cell?.opportunityId &&
            cell?.status !== 'Owned' &&
            cell?.status !== 'Not Applicable'
        );
    }

    get productOptions(): Option[] {
        const shown = new Set(this.allColumns().map((column) => column.key));
        return this.productResults
            .filter((product) => !shown.has(product.key))
            .map((product) => ({
                value: product.key,
                label: product.family ? `${product.name} (${product.family})` : product.name,
            }));
    }

    get hasProductOptions(): boolean {
        return this.productOptions.length > 0;
    }

    get noProductsFound(): boolean {
        return this.productSearch.trim() !== '' && !this.hasProductOptions;
    }

    get saveDisabled(): boolean {
        return this.saving;
    }

    // ------------------------------------------------------------------ model

    private indexCells(cells: GridCell[]): void {
        this.cellsByKey = new Map(
            cells.map((cell) => [cellKeyOf(cell.rowKey, cell.productId), cell]),
        );
    }

    private allRows(): GridRow[] {
        const saved = this.payload?.rows ?? [];
        const savedKeys = new Set(saved.map((row) => row.key));
        return [...saved, ...this.pendingRows.filter((row) => !savedKeys.has(row.key))];
    }

    private allColumns(): GridColumn[] {
        const saved = this.payload?.columns ?? [];
        const savedKeys = new Set(saved.map((column) => column.key));
        return [...saved, ...this.pendingColumns.filter((column) => !savedKeys.has(column.key))];
    }

    private dropSavedPendingAxes(): void {
        const rowKeys = new Set((this.payload?.rows ?? []).map((row) => row.key));
        const columnKeys = new Set((this.payload?.columns ?? []).map((column) => column.key));
        this.pendingRows = this.pendingRows.filter((row) => !rowKeys.has(row.key));
        this.pendingColumns = this.pendingColumns.filter((column) => !columnKeys.has(column.key));
    }

    /** Cells shown by the filter, as the engine reads them; totals follow the filter. */
    private computeTotals(visibleCells: GridCell[]): void {
        // The engine groups by the row and column keys it is given: the normalised business
        // unit and the product Id (this grid's columns are products, not families).
        const engineCells = visibleCells.map((cell): WhitespaceCellInput => ({
            id: cell.id,
            businessUnit: cell.rowKey,
            productFamily: cell.productId,
            status: cell.status,
            estimatedValue: cell.estimatedValue,
            probability: cell.probability,
            captured: cell.captured,
            capturedValue: cell.capturedValue,
            opportunityId: cell.opportunityId,
        }));
        const opportunities: OpportunityInput[] = visibleCells
            .filter((cell) => cell.opportunityId)
            .map((cell): OpportunityInput => ({
                id: cell.opportunityId ?? undefined,
                amount: cell.opportunityAmount,
                closeDate: cell.opportunityCloseDate,
                isClosed: cell.opportunityIsClosed,
                isWon: cell.opportunityIsWon,
                probability: cell.opportunityProbability,
            }));
        try {
            this.totals = totalWhitespace(engineCells, opportunities);
            this.totalsError = '';
        } catch (error) {
            this.totals = undefined;
            this.totalsError = `Totals could not be computed: ${reduceErrors(error).join(' ')}`;
        }
    }

    /** Rebuilds rows, cells and totals: only on data, filter or axis changes. */
    private rebuild(): void {
        const rows = this.allRows();
        const columns = this.allColumns();
        const selected = new Set(this.selectedStatuses);
        const visibleCells = (this.payload?.cells ?? []).filter((cell) =>
            selected.has(cell.status),
        );
        this.computeTotals(visibleCells);

        const maxValue = Math.max(0, ...visibleCells.map((cell) => cell.estimatedValue ?? 0));
        const rowTotals = new Map((this.totals?.rows ?? []).map((total) => [total.key, total]));
        const columnTotals = new Map(
            (this.totals?.columns ?? []).map((total) => [total.key, total]),
        );
        const pendingRowKeys = new Set(this.pendingRows.map((row) => row.key));
        const pendingColumnKeys = new Set(this.pendingColumns.map((column) => column.key));
        this.focusColumn = Math.min(this.focusColumn, Math.max(columns.length - 1, 0));

        const rowViews: RowView[] = [];
        rows.forEach((row, rowIndex) => {
            const cells = columns.map((column, columnIndex) =>
                this.cellView(row, column, rowIndex, columnIndex, selected, maxValue),
            );
            // A filter hides rows with nothing to show; rows without cells stay visible.
            const hasCells = cells.some((cell) => cell.hasRecord);
            if (this.isFiltered && hasCells && !cells.some((cell) => cell.matches)) return;
            const total = rowTotals.get(row.key);
            rowViews.push({
                key: row.key,
                label: row.label,
                ariaRowIndex: 0, // set below, once filtered rows are gone
                pending: pendingRowKeys.has(row.key),
                cells,
                identifiedText: formatMoney(total?.identified ?? 0),
                weightedText: formatMoney(total?.weighted ?? 0),
                capturedText: formatMoney(total?.captured ?? 0),
            });
        });
        // Keep row indexes contiguous after filtering, for keyboard movement.
        rowViews.forEach((rowView, rowIndex) => {
            rowView.ariaRowIndex = rowIndex + 2; // the header row is 1
            for (const cell of rowView.cells) cell.rowIndex = rowIndex;
        });
        this.focusRow = Math.min(this.focusRow, Math.max(rowViews.length - 1, 0));
        this.rowViews = rowViews;
        this.updateWindow();
        this.columnViews = columns.map((column) => {
            const total = columnTotals.get(column.key);
            return {
                key: column.key,
                name: column.name,
                family: column.family ?? '',
                pending: pendingColumnKeys.has(column.key),
                identifiedText: formatMoney(total?.identified ?? 0),
                weightedText: formatMoney(total?.weighted ?? 0),
                capturedText: formatMoney(total?.captured ?? 0),
            };
        });
    }

    private cellView(
        row: GridRow,
        column: GridColumn,
        rowIndex: number,
        columnIndex: number,
        selected: Set<string>,
        maxValue: number,
    ): CellView {
        const cell = this.cellsByKey.get(cellKeyOf(row.key, column.key));
        const base = {
            key: cellKeyOf(row.key, column.key),
            rowIndex,
            columnIndex,
            rowKey: row.key,
            columnKey: column.key,
        };
        if (!cell) {
            return {
                ...base,
                hasRecord: false,
                matches: false,
                statusText: 'Not mapped',
                valueText: '',
                className: 'ks-cell ks-cell_empty',
                statusClass: 'ks-status ks-marker_none',
                ariaLabel: `${row.label}, ${column.name}: not mapped yet.`,
            };
        }
        const style = STATUS_STYLES[cell.status];
        const matches = selected.has(cell.status);
        const heat = matches ? heatLevel(cell.estimatedValue ?? 0, maxValue) : 0;
        const classes = ['ks-cell', `ks-heat_${heat}`];
        if (!matches) classes.push('ks-cell_filtered');
        return {
            ...base,
            hasRecord: true,
            matches,
            statusText: style?.short ?? cell.status,
            valueText:
                cell.estimatedValue === null || cell.estimatedValue === undefined
                    ? ''
                    : compactNumber(cell.estimatedValue),
            className: classes.join(' '),
            statusClass: `ks-status ${style?.marker ?? 'ks-marker_none'}`,
            ariaLabel: buildCellLabel(row.label, column.name, cell, matches),
        };
    }

    // ------------------------------------------------------------------ keyboard

    handleGridKeydown(event: KeyboardEvent): void {
        const target = (event.target as HTMLElement).closest('td[data-row]');
        if (!target) return;
        const rowIndex = Number((target as HTMLElement).dataset.row);
        const columnIndex = Number((target as HTMLElement).dataset.column);
        const lastRow = this.rowViews.length - 1;
        const lastColumn = this.columnViews.length - 1;
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
                this.openCell(rowIndex, columnIndex);
                return;
            default:
                return;
        }
        event.preventDefault();
        this.moveFocus(nextRow, nextColumn);
    }

    /**
     * One listener on the table instead of one per cell: a 40 × 25 grid would otherwise attach
     * a thousand listeners on every render.
     */
    handleGridClick(event: MouseEvent): void {
        const target = (event.target as HTMLElement | null)?.closest<HTMLElement>('td[data-key]');
        if (!target) return;
        const rowIndex = Number(target.dataset.row);
        const columnIndex = Number(target.dataset.column);
        this.moveFocus(rowIndex, columnIndex);
        this.openCell(rowIndex, columnIndex);
    }

    /**
     * The roving tab stop lives in the DOM, not in the view model: moving it between cells
     * changes two attributes and re-renders nothing, so a key press stays far inside one frame
     * on a 40 × 25 grid. renderedCallback puts it back after a re-render.
     */
    private moveFocus(rowIndex: number, columnIndex: number): void {
        if (!this.rowViews[rowIndex]?.cells[columnIndex]) return;
        this.focusRow = rowIndex;
        this.focusColumn = columnIndex;
        if (!this.isRowRendered(rowIndex)) {
            // The row is outside the window: move the window, and focus once it is rendered.
            this.focusAfterRender = true;
            this.bringRowIntoWindow(rowIndex);
            return;
        }
        this.placeTabStop()?.focus();
    }

    private cellElementAt(rowIndex: number, columnIndex: number): HTMLElement | null {
        return (
            this.template?.querySelector<HTMLElement>(
                `td[data-row="${rowIndex}"][data-column="${columnIndex}"]`,
            ) ?? null
        );
    }

    /**
     * Exactly one cell, the focus cell, has tabindex 0. Returns it. When the focus row has
     * been scrolled out of the window, the same column's cell in the first rendered row holds
     * the tab stop instead, so Tab still reaches the grid.
     */
    private placeTabStop(): HTMLElement | null {
        const target =
            this.cellElementAt(this.focusRow, this.focusColumn) ??
            this.cellElementAt(this.windowStart, this.focusColumn);
        const current = this.template?.querySelectorAll<HTMLElement>('td[tabindex="0"]') ?? [];
        for (const element of Array.from(current)) {
            if (element !== target) element.setAttribute('tabindex', '-1');
        }
        target?.setAttribute('tabindex', '0');
        return target;
    }

    override renderedCallback(): void {
        const target = this.placeTabStop();
        if (this.focusAfterRender) {
            this.focusAfterRender = false;
            target?.focus();
        } else if (this.refocusAfterRender) {
            this.refocusAfterRender = false;
            // Only the focus cell itself, not the fallback tab stop: scrolling the focus row
            // out of the window must not move focus somewhere else.
            if (this.isRowRendered(this.focusRow)) target?.focus({ preventScroll: true });
        }
        this.measureRowHeight();
    }

    override disconnectedCallback(): void {
        stopReloadingOnPageRefresh(this.pageRefreshId);
        if (this.scrollFrame) cancelAnimationFrame(this.scrollFrame);
        this.scrollFrame = 0;
    }

    private focusCellElement(key: string): void {
        // After the dialog closes and the grid re-renders. The cell is found in the view model,
        // not the DOM: its row may have been scrolled out of the window meanwhile.
        void Promise.resolve().then(() => {
            for (const row of this.rowViews) {
                const cell = row.cells.find((candidate) => candidate.key === key);
                if (cell) {
                    this.moveFocus(cell.rowIndex, cell.columnIndex);
                    return;
                }
            }
        });
    }

    // ------------------------------------------------------------------ filter

    handleStatusFilter(event: CustomEvent<{ value: string[] }>): void {
        this.selectedStatuses = [...event.detail.value];
        this.rebuild();
    }

    handleShowAllStatuses(): void {
        this.selectedStatuses = this.statusOptions.map((option) => option.value);
        this.rebuild();
    }

    // ------------------------------------------------------------------ cell dialog

    private openCell(rowIndex: number, columnIndex: number): void {
        const view = this.rowViews[rowIndex]?.cells[columnIndex];
        if (!view) return;
        if (!this.canEdit) {
            this.toast('Read only', 'You can view this grid but not change it.', 'info');
            return;
        }
        this.dialogRowKey = view.rowKey;
        this.dialogColumnKey = view.columnKey;
        this.returnFocusKey = view.key;
        const cell = this.cellsByKey.get(view.key);
        this.draft = cell
            ? {
                  status: cell.status,
                  estimatedValue:
                      cell.estimatedValue === null || cell.estimatedValue === undefined
                          ? ''
                          : String(cell.estimatedValue),
                  probability:
                      cell.probability === null || cell.probability === undefined
                          ? ''
                          : String(cell.probability),
                  ownerId: cell.ownerId ?? '',
                  targetDate: cell.targetDate ?? '',
                  competitor: cell.competitor ?? '',
                  statusNote: cell.statusNote ?? '',
              }
            : { ...EMPTY_DRAFT, ownerId: currentUserId ?? '' };
        this.openDialog('cell');
    }

    handleDraftChange(event: CustomEvent<{ value: unknown }>): void {
        const field = (event.target as HTMLElement).dataset.field as keyof CellDraft | undefined;
        if (!field) return;
        const value = event.detail?.value;
        this.draft = {
            ...this.draft,
            [field]: value === null || value === undefined ? '' : String(value),
        };
        if (this.draftErrors[field]) {
            const remaining = { ...this.draftErrors };
            delete remaining[field];
            this.draftErrors = remaining;
        }
    }

    async handleSaveCell(): Promise<void> {
        const errors = validateCellDraft(this.draft);
        this.draftErrors = errors;
        if (Object.keys(errors).length > 0) {
            this.formError = 'Correct the highlighted fields.';
            return;
        }
        const existing = this.dialogCell;
        const record: Record<string, unknown> = {
            [STATUS_FIELD.fieldApiName ?? 'Status__c']: this.draft.status,
            [ESTIMATED_VALUE_FIELD.fieldApiName ?? 'EstimatedValue__c']: numberOrNull(
                this.draft.estimatedValue,
            ),
            [PROBABILITY_FIELD.fieldApiName ?? 'Probability__c']: numberOrNull(
                this.draft.probability,
            ),
            [OWNER_FIELD.fieldApiName ?? 'Owner__c']: this.draft.ownerId || null,
            [TARGET_DATE_FIELD.fieldApiName ?? 'TargetDate__c']: this.draft.targetDate || null,
            [COMPETITOR_FIELD.fieldApiName ?? 'Competitor__c']:
                this.draft.competitor.trim() || null,
            [STATUS_NOTE_FIELD.fieldApiName ?? 'StatusNote__c']: this.draft.statusNote || null,
        };
        if (existing?.id) {
            record.Id = existing.id;
        } else {
            record[ACCOUNT_FIELD.fieldApiName ?? 'Account__c'] = this.recordId;
            record[BUSINESS_UNIT_FIELD.fieldApiName ?? 'BusinessUnit__c'] = this.dialogRowLabel;
            record[PRODUCT_FIELD.fieldApiName ?? 'Product__c'] = this.dialogColumnKey;
        }
        this.saving = true;
        this.formError = '';
        try {
            const saved = (await saveCell({ cell: record })) as GridCell;
            this.mergeCells([saved]);
            this.closeDialog();
            this.toast('Saved', `${saved.businessUnit} × ${saved.productName} saved.`, 'success');
            void this.afterWrite();
        } catch (error) {
            this.showSaveError(error);
        } finally {
            this.saving = false;
        }
    }

    private showSaveError(error: unknown): void {
        const problem = parseSaveError(error);
        const byField: CellDraftErrors = {};
        for (const [apiName, message] of Object.entries(firstMessages(problem.fieldErrors))) {
            const draftField = DRAFT_FIELD_BY_API_NAME[apiName];
            if (draftField) byField[draftField] = message;
        }
        this.draftErrors = byField;
        const unplaced = Object.keys(problem.fieldErrors).filter(
            (apiName) => !DRAFT_FIELD_BY_API_NAME[apiName],
        );
        this.formError =
            Object.keys(byField).length > 0 && unplaced.length === 0
                ? 'Correct the highlighted fields. Nothing you typed was lost.'
                : problem.message;
    }

    /** Puts saved cells into the model without waiting for the wire to refresh. */
    private mergeCells(cells: GridCell[]): void {
        if (!this.payload) return;
        const byId = new Map(cells.map((cell) => [cell.id, cell]));
        const kept = this.payload.cells.filter((cell) => !byId.has(cell.id));
        const merged = [...kept, ...cells];
        const rows = [...this.payload.rows];
        const columns = [...this.payload.columns];
        for (const cell of cells) {
            if (!rows.some((row) => row.key === cell.rowKey)) {
                rows.push({ key: cell.rowKey, label: cell.businessUnit, cellCount: 1 });
            }
            if (!columns.some((column) => column.key === cell.productId)) {
                columns.push({
                    key: cell.productId,
                    productId: cell.productId,
                    name: cell.productName ?? '',
                    family: cell.productFamily ?? null,
                    productCode: null,
                    cellCount: 1,
                });
            }
        }
        this.payload = { ...this.payload, cells: merged, rows, columns };
        this.indexCells(merged);
        this.dropSavedPendingAxes();
        this.rebuild();
    }

    // ------------------------------------------------------------------ add row / column

    handleAddRow(): void {
        this.newRowLabel = '';
        this.returnFocusKey = '';
        this.openDialog('row');
    }

    handleRowLabelChange(event: CustomEvent<{ value: string }>): void {
        this.newRowLabel = event.detail.value ?? '';
        this.draftErrors = {};
    }

    async handleSaveRow(): Promise<void> {
        const label = this.newRowLabel.replace(/\s+/g, ' ').trim();
        if (!label) {
            this.draftErrors = { businessUnit: 'Enter the business unit, division or geography.' };
            return;
        }
        if (this.allRows().some((row) => row.key === rowKeyOf(label))) {
            this.draftErrors = { businessUnit: `The grid already has a row named "${label}".` };
            return;
        }
        await this.saveAxis({
            create: async () =>
                (await addRow({
                    accountId: this.recordId,
                    businessUnit: label,
                    productIds: this.allColumns().map((column) => column.key),
                })) as GridCell[],
            addPending: () => {
                this.pendingRows = [
                    ...this.pendingRows,
                    { key: rowKeyOf(label), label, cellCount: 0 },
                ];
            },
            errorField: BUSINESS_UNIT_FIELD.fieldApiName ?? 'BusinessUnit__c',
            errorKey: 'businessUnit',
        });
    }

    /**
     * Adds a row or a column. Apex creates its cells; when the other axis is still empty there
     * are none, and the new row or column waits as pending until it has cells. A field error
     * goes beside the dialog's one input, any other error above the form.
     */
    private async saveAxis(options: {
        create: () => Promise<GridCell[]>;
        addPending: () => void;
        errorField: string;
        errorKey: 'businessUnit' | 'product';
    }): Promise<void> {
        this.saving = true;
        this.formError = '';
        try {
            const created = await options.create();
            if (created.length === 0) {
                options.addPending();
                this.rebuild();
            } else {
                this.mergeCells(created);
            }
            this.closeDialog();
            void this.afterWrite();
        } catch (error) {
            const problem = parseSaveError(error);
            const message = firstMessages(problem.fieldErrors)[options.errorField];
            if (message) {
                this.draftErrors = { [options.errorKey]: message };
            } else {
                this.formError = problem.message;
            }
        } finally {
            this.saving = false;
        }
    }

    handleAddColumn(): void {
        this.productSearch = '';
        this.productResults = [];
        this.selectedProductId = '';
        this.returnFocusKey = '';
        this.openDialog('column');
    }

    async handleProductSearch(event: CustomEvent<{ value: string }>): Promise<void> {
        this.productSearch = event.detail.value ?? '';
        this.draftErrors = {};
        if (this.productSearch.trim().length < 2) {
            this.productResults = [];
            return;
        }
        const searchText = this.productSearch;
        try {
            const results = (await searchProducts({ searchText })) as GridColumn[];
            if (searchText === this.productSearch) this.productResults = results;
        } catch (error) {
            this.formError = parseSaveError(error).message;
        }
    }

    handleProductChoice(event: CustomEvent<{ value: string }>): void {
        this.selectedProductId = event.detail.value;
        this.draftErrors = {};
    }

    async handleSaveColumn(): Promise<void> {
        const product = this.productResults.find((item) => item.key === this.selectedProductId);
        if (!product) {
            this.draftErrors = { product: 'Choose a product.' };
            return;
        }
        await this.saveAxis({
            create: async () =>
                (await addColumn({
                    accountId: this.recordId,
                    productId: product.key,
                    businessUnits: this.allRows().map((row) => row.label),
                })) as GridCell[],
            addPending: () => {
                this.pendingColumns = [...this.pendingColumns, { ...product, cellCount: 0 }];
            },
            errorField: PRODUCT_FIELD.fieldApiName ?? 'Product__c',
            errorKey: 'product',
        });
    }

    // ------------------------------------------------------------------ opportunity

    handleStartOpportunity(): void {
        const cell = this.dialogCell;
        if (!cell) return;
        const accountName = this.payload?.accountName ?? '';
        this.opportunityDraft = {
            name: `${accountName} – ${cell.productName ?? ''} (${cell.businessUnit})`.trim(),
            amount:
                cell.estimatedValue === null || cell.estimatedValue === undefined
                    ? ''
                    : String(cell.estimatedValue),
            closeDate: defaultCloseDate(cell.targetDate, todayIso()),
        };
        this.draftErrors = {};
        this.formError = '';
        this.dialogMode = 'opportunity';
        this.focusFirstField();
    }

    handleOpportunityChange(event: CustomEvent<{ value: unknown }>): void {
        const field = (event.target as HTMLElement).dataset.field as
            keyof OpportunityDraft | undefined;
        if (!field) return;
        const value = event.detail?.value;
        this.opportunityDraft = {
            ...this.opportunityDraft,
            [field]: value === null || value === undefined ? '' : String(value),
        };
    }

    async handleCreateOpportunity(): Promise<void> {
        const cell = this.dialogCell;
        if (!cell?.id) return;
        const errors: CellDraftErrors = {};
        if (!this.opportunityDraft.name.trim()) errors.opportunityName = 'Enter a name.';
        const amount = numberOrNull(this.opportunityDraft.amount);
        if (amount !== null && (Number.isNaN(amount) || amount < 0)) {
            errors.opportunityAmount = 'The amount cannot be negative.';
        }
        if (!this.opportunityDraft.closeDate) errors.opportunityCloseDate = 'Enter a close date.';
        this.draftErrors = errors;
        if (Object.keys(errors).length > 0) return;
        this.saving = true;
        this.formError = '';
        try {
            const opportunityId = (await createOpportunityFromCell({
                cellId: cell.id,
                name: this.opportunityDraft.name.trim(),
                amount,
                closeDate: this.opportunityDraft.closeDate,
            })) as string;
            this.closeDialog();
            this.toast(
                'Opportunity created',
                `${this.opportunityDraft.name} is linked to the cell.`,
                'success',
            );
            void this.afterWrite();
            this.navigateToRecord(opportunityId, 'Opportunity');
        } catch (error) {
            this.formError = parseSaveError(error).message;
        } finally {
            this.saving = false;
        }
    }

    handleOpenOpportunity(): void {
        const linked = this.linkedOpportunity;
        if (linked) this.navigateToRecord(linked.id, 'Opportunity');
    }

    private navigateToRecord(recordId: string, objectApiName: string): void {
        (this as unknown as Navigable)[NavigationMixin.Navigate]({
            type: 'standard__recordPage',
            attributes: { recordId, objectApiName, actionName: 'view' },
        });
    }

    // ------------------------------------------------------------------ dialog plumbing

    private openDialog(mode: DialogMode): void {
        this.dialogMode = mode;
        this.draftErrors = {};
        this.formError = '';
        this.focusFirstField();
    }

    private focusFirstField(): void {
        void Promise.resolve().then(() => {
            this.template?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
        });
    }

    closeDialog(): void {
        this.dialogMode = null;
        this.draftErrors = {};
        this.formError = '';
        if (this.returnFocusKey) this.focusCellElement(this.returnFocusKey);
    }

    /** Focus stays in the dialog: tabbing past either end wraps around. */
    handleTrapStart(): void {
        const buttons = this.template?.querySelectorAll<HTMLElement>(
            '.slds-modal__footer lightning-button',
        );
        const last = buttons && buttons.length > 0 ? buttons[buttons.length - 1] : undefined;
        last?.focus();
    }

    handleTrapEnd(): void {
        this.template?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }

    handleDialogKeydown(event: KeyboardEvent): void {
        if (event.key === 'Escape') {
            event.stopPropagation();
            this.closeDialog();
        }
    }

    /** After a successful write: the rest of the page reloads, and so does this component. */
    private async afterWrite(): Promise<void> {
        announceRecordChange(this);
        await this.refresh();
    }

    async refresh(): Promise<void> {
        if (this.wiredResult) await refreshApex(this.wiredResult);
    }

    handleRetry(): void {
        void this.refresh();
    }

    private toast(title: string, message: string, variant: 'success' | 'info' | 'error'): void {
        this.dispatchEvent(new ShowToastEvent({ title, message, variant }));
    }
}
