// The whitespace grid on the Account page: business units (rows) × products (columns), each cell
// owned, in pipeline, whitespace, held by a competitor or not applicable, with its estimated
// value; totals per row, per column and overall come from the scoring engine. One cacheable Apex
// read loads it.
//
// It is composed of small parts, each with its own tests: the legend (which is also the status
// filter), the totals, the table (the grid itself, keyboard-operable, drawing only what is near
// the view), the cell editor (a cell, and an opportunity from it) and the row and column editor.
// This component loads the data, works out the table's rows and columns and the totals for the
// statuses shown, and keeps the grid in step with every save.
import { LightningElement, api, wire } from 'lwc';
import { refreshApex } from '@salesforce/apex';
import getWhitespace from '@salesforce/apex/WhitespaceGridController.getWhitespace';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { totalWhitespace } from 'c/keystoneEngine';
import type { OpportunityInput, WhitespaceCellInput, WhitespaceTotals } from 'c/keystoneEngine';
import { reduceErrors } from 'c/keystoneErrors';
import { parseSaveError } from 'c/keystoneSaveErrors';
import {
    announceRecordChange,
    loadStateOf,
    reloadOnPageRefresh,
    stopReloadingOnPageRefresh,
} from 'c/keystoneUi';
import type { LoadState } from 'c/keystoneUi';
import { cellKeyOf, heatLevel, totalText } from 'c/whitespaceModel';
import type {
    CellView,
    ColumnView,
    GridCell,
    GridColumn,
    GridPayload,
    GridRow,
    Option,
    Person,
    RowView,
} from 'c/whitespaceModel';

interface WiredGrid {
    data?: GridPayload;
    error?: unknown;
}

interface FocusableTable {
    focusCell(key: string): void;
}

export default class WhitespaceGrid extends LightningElement {
    @api recordId?: string;

    payload?: GridPayload;
    wiredResult?: WiredGrid;
    loadErrors: string[] = [];
    private pageRefreshId?: number;

    /** Rows and columns shown but not saved yet (no cell can exist for them yet). */
    pendingRows: GridRow[] = [];
    pendingColumns: GridColumn[] = [];
    selectedStatuses: string[] = [];

    rowViews: RowView[] = [];
    columnViews: ColumnView[] = [];
    totals?: WhitespaceTotals;
    totalsError = '';

    /** The cell being edited (its row|column key), or ''. */
    editingKey = '';
    /** The row or column being added, or null. */
    axisMode: 'row' | 'column' | null = null;

    private cellsByKey = new Map<string, GridCell>();
    private returnFocusKey = '';

    override connectedCallback(): void {
        this.pageRefreshId = reloadOnPageRefresh(this, () => this.refresh());
    }

    override disconnectedCallback(): void {
        stopReloadingOnPageRefresh(this.pageRefreshId);
    }

    override renderedCallback(): void {
        if (this.returnFocusKey && !this.editingKey) {
            const key = this.returnFocusKey;
            this.returnFocusKey = '';
            (this.refs?.table as unknown as FocusableTable | undefined)?.focusCell(key);
        }
    }

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

    // ------------------------------------------------------------------ template state

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

    get cannotEdit(): boolean {
        return this.payload?.canEdit !== true;
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

    get grandTotalText(): string {
        const totals = this.totals;
        return totalText(totals?.identified ?? 0, totals?.weighted ?? 0, totals?.captured ?? 0);
    }

    get gridCaption(): string {
        return `Whitespace: ${this.rowViews.length} business units by ${this.columnViews.length} products. Use the arrow keys to move between cells and Enter to edit one.`;
    }

    get editingCell(): GridCell | undefined {
        return this.cellsByKey.get(this.editingKey);
    }

    get editingRowLabel(): string {
        const [rowKey] = this.editingKey.split('|');
        return this.allRows().find((row) => row.key === rowKey)?.label ?? '';
    }

    get editingProductId(): string {
        return this.editingKey.slice(this.editingKey.indexOf('|') + 1);
    }

    get editingProductName(): string {
        const productId = this.editingProductId;
        return this.allColumns().find((column) => column.key === productId)?.name ?? '';
    }

    get isAddingAxis(): boolean {
        return this.axisMode !== null;
    }

    get axisRows(): GridRow[] {
        return this.allRows();
    }

    get axisColumns(): GridColumn[] {
        return this.allColumns();
    }

    /** Owners to offer: the account team the controller sends, and the owners of other cells. */
    get owners(): Person[] {
        const byId = new Map<string, Person>();
        for (const person of this.payload?.people ?? []) byId.set(person.id, person);
        for (const cell of this.payload?.cells ?? []) {
            if (cell.ownerId && !byId.has(cell.ownerId)) {
                byId.set(cell.ownerId, { id: cell.ownerId, name: cell.ownerName ?? 'Someone' });
            }
        }
        return [...byId.values()];
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

    /** The engine's totals over the cells the filter shows. */
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
            this.totalsError = `The totals could not be worked out: ${reduceErrors(error).join(' ')}`;
        }
    }

    /** Rows, columns and totals: only when the data, the filter or the pending axes change. */
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

        const rowViews: RowView[] = [];
        for (const row of rows) {
            const cells = columns.map((column) => this.cellView(row, column, selected, maxValue));
            // A filter hides rows with nothing to show; rows without cells stay visible.
            const hasCells = cells.some((cell) => cell.hasRecord);
            if (this.isFiltered && hasCells && !cells.some((cell) => cell.matches)) continue;
            const total = rowTotals.get(row.key);
            const pending = pendingRowKeys.has(row.key);
            rowViews.push({
                key: row.key,
                label: row.label,
                headerText: pending
                    ? `${row.label}\n(not saved until a product is added)`
                    : row.label,
                pending,
                cells,
                totalText: totalText(
                    total?.identified ?? 0,
                    total?.weighted ?? 0,
                    total?.captured ?? 0,
                ),
            });
        }
        this.rowViews = rowViews;
        this.columnViews = columns.map((column) => {
            const total = columnTotals.get(column.key);
            const pending = pendingColumnKeys.has(column.key);
            const lines = [column.name, column.family ?? ''];
            if (pending) lines.push('(not saved until a business unit is added)');
            return {
                key: column.key,
                name: column.name,
                headerText: lines.filter((line) => line).join('\n'),
                pending,
                totalText: totalText(
                    total?.identified ?? 0,
                    total?.weighted ?? 0,
                    total?.captured ?? 0,
                ),
            };
        });
    }

    private cellView(
        row: GridRow,
        column: GridColumn,
        selected: Set<string>,
        maxValue: number,
    ): CellView {
        const key = cellKeyOf(row.key, column.key);
        const cell = this.cellsByKey.get(key) ?? null;
        const matches = cell !== null && selected.has(cell.status);
        return {
            key,
            rowKey: row.key,
            columnKey: column.key,
            rowLabel: row.label,
            columnName: column.name,
            hasRecord: cell !== null,
            matches,
            heat: matches ? heatLevel(cell?.estimatedValue ?? 0, maxValue) : 0,
            cell,
        };
    }

    /** Puts saved cells into the model without waiting for the wire to refresh. */
    private mergeCells(cells: GridCell[]): void {
        if (!this.payload) return;
        const byId = new Map(cells.map((cell) => [cell.id, cell]));
        const merged = [...this.payload.cells.filter((cell) => !byId.has(cell.id)), ...cells];
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

    // ------------------------------------------------------------------ events from the parts

    handleFilterChange(event: CustomEvent<{ statuses: string[] }>): void {
        this.selectedStatuses = [...event.detail.statuses];
        this.rebuild();
    }

    handleCellOpen(event: CustomEvent<{ key: string }>): void {
        if (this.cannotEdit) {
            this.toast('Read only', 'You can see this grid but not change it.', 'info');
            return;
        }
        this.editingKey = event.detail.key;
        this.returnFocusKey = '';
    }

    handleEditorClose(): void {
        this.closeEditor();
    }

    private closeEditor(): void {
        this.returnFocusKey = this.editingKey;
        this.editingKey = '';
    }

    handleCellSaved(event: CustomEvent<{ cell: GridCell }>): void {
        const saved = event.detail.cell;
        this.mergeCells([saved]);
        this.closeEditor();
        this.toast(
            'Saved',
            `${saved.businessUnit} × ${saved.productName ?? ''} was saved.`,
            'success',
        );
        void this.afterWrite();
    }

    handleOpportunityCreated(event: CustomEvent<{ id: string; name: string }>): void {
        this.closeEditor();
        this.toast('Opportunity created', `${event.detail.name} is linked to the cell.`, 'success');
        void this.afterWrite();
    }

    handleAddRow(): void {
        this.axisMode = 'row';
    }

    handleAddColumn(): void {
        this.axisMode = 'column';
    }

    handleAxisClose(): void {
        this.axisMode = null;
    }

    handleAxisAdded(
        event: CustomEvent<{ cells: GridCell[]; row?: GridRow; column?: GridColumn }>,
    ): void {
        const { cells, row, column } = event.detail;
        if (cells.length > 0) {
            this.mergeCells(cells);
        } else {
            if (row) this.pendingRows = [...this.pendingRows, row];
            if (column) this.pendingColumns = [...this.pendingColumns, column];
            this.rebuild();
        }
        this.axisMode = null;
        void this.afterWrite();
    }

    handleRetry(): void {
        void this.refresh();
    }

    /** After a successful write: the rest of the page reloads, and so does this component. */
    private async afterWrite(): Promise<void> {
        announceRecordChange(this);
        await this.refresh();
    }

    async refresh(): Promise<void> {
        if (this.wiredResult) await refreshApex(this.wiredResult);
    }

    private toast(title: string, message: string, variant: 'success' | 'info' | 'error'): void {
        this.dispatchEvent(new ShowToastEvent({ title, message, variant }));
    }
}
