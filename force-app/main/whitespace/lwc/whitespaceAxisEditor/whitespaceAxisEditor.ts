// Adds a business unit (a row) or a product (a column) to the whitespace grid, in a dialog. The
// server creates a cell for each product or business unit already there; when the other side is
// still empty there are none, and the grid keeps the new row or column as "not saved yet" until
// it has cells. A field error goes beside the dialog's one input, any other error above it.
import { LightningElement, api } from 'lwc';
import addRow from '@salesforce/apex/WhitespaceGridController.addRow';
import addColumn from '@salesforce/apex/WhitespaceGridController.addColumn';
import searchProducts from '@salesforce/apex/WhitespaceGridController.searchProducts';
import BUSINESS_UNIT_FIELD from '@salesforce/schema/WhitespaceCell__c.BusinessUnit__c';
import PRODUCT_FIELD from '@salesforce/schema/WhitespaceCell__c.Product__c';
import { firstMessages, parseSaveError } from 'c/keystoneSaveErrors';
import { normaliseSpace } from 'c/keystoneEngine';
import { rowKeyOf } from 'c/whitespaceModel';
import type { GridCell, GridColumn, GridRow, Option } from 'c/whitespaceModel';

export default class WhitespaceAxisEditor extends LightningElement {
    /** 'row': add a business unit; 'column': add a product. */
    @api mode: 'row' | 'column' = 'row';
    @api accountId?: string;
    /** The grid's rows and columns, saved or not. */
    @api rows: GridRow[] = [];
    @api columns: GridColumn[] = [];

    label = '';
    productSearch = '';
    productResults: GridColumn[] = [];
    selectedProductId = '';
    fieldError = '';
    formError = '';
    saving = false;
    private focusFirst = true;

    override renderedCallback(): void {
        if (this.focusFirst) {
            this.focusFirst = false;
            this.template?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
        }
    }

    get isRow(): boolean {
        return this.mode === 'row';
    }

    get heading(): string {
        return this.isRow ? 'Add a business unit' : 'Add a product';
    }

    get productOptions(): Option[] {
        const shown = new Set(this.columns.map((column) => column.key));
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
        return this.productSearch.trim().length >= 2 && !this.hasProductOptions;
    }

    handleLabelChange(event: CustomEvent<{ value: string }>): void {
        this.label = event.detail.value ?? '';
        this.fieldError = '';
    }

    async handleProductSearch(event: CustomEvent<{ value: string }>): Promise<void> {
        this.productSearch = event.detail.value ?? '';
        this.fieldError = '';
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
        this.fieldError = '';
    }

    async handleAdd(): Promise<void> {
        if (this.isRow) {
            // Normalised as the controller saves it, so the duplicate check and the key agree.
            const label = normaliseSpace(this.label) ?? '';
            if (!label) {
                this.fieldError = 'Enter the business unit, division or geography.';
                return;
            }
            if (this.rows.some((row) => row.key === rowKeyOf(label))) {
                this.fieldError = `The grid already has a row named "${label}".`;
                return;
            }
            await this.save(
                async () =>
                    (await addRow({
                        accountId: this.accountId,
                        businessUnit: label,
                        productIds: this.columns.map((column) => column.key),
                    })) as GridCell[],
                { row: { key: rowKeyOf(label), label, cellCount: 0 } },
                BUSINESS_UNIT_FIELD.fieldApiName ?? '',
            );
            return;
        }
        const product = this.productResults.find((item) => item.key === this.selectedProductId);
        if (!product) {
            this.fieldError = 'Choose a product.';
            return;
        }
        await this.save(
            async () =>
                (await addColumn({
                    accountId: this.accountId,
                    productId: product.key,
                    businessUnits: this.rows.map((row) => row.label),
                })) as GridCell[],
            { column: { ...product, cellCount: 0 } },
            PRODUCT_FIELD.fieldApiName ?? '',
        );
    }

    private async save(
        create: () => Promise<GridCell[]>,
        added: { row?: GridRow; column?: GridColumn },
        errorField: string,
    ): Promise<void> {
        this.saving = true;
        this.formError = '';
        try {
            const cells = await create();
            this.dispatchEvent(new CustomEvent('added', { detail: { cells, ...added } }));
        } catch (error) {
            const problem = parseSaveError(error);
            const message = firstMessages(problem.fieldErrors)[errorField];
            if (message) this.fieldError = message;
            else this.formError = problem.message;
        } finally {
            this.saving = false;
        }
    }

    handleCancel(): void {
        this.dispatchEvent(new CustomEvent('close'));
    }
}
