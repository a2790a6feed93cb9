// Edits one whitespace cell in a dialog: status, estimated value, probability, owner, target date,
// competitor and a note; and creates an opportunity from a saved cell. The form checks what it can
// before saving; the server's field errors go beside their fields; a failed save keeps the dialog
// open with everything typed. Owners: the account team and the owners of other cells, and anyone
// else found by name.
import { LightningElement, api } from 'lwc';
import saveCell from '@salesforce/apex/WhitespaceGridController.saveCell';
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
import { firstMessages, parseSaveError } from 'c/keystoneSaveErrors';
import { defaultCloseDate, todayIso, validateCellDraft } from 'c/whitespaceModel';
import type { CellDraft, CellDraftErrors, GridCell, Option, Person } from 'c/whitespaceModel';

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

function fieldName(field: { fieldApiName?: string }): string {
    return field.fieldApiName ?? '';
}

/** Server field API name → the draft field it belongs to. */
const DRAFT_FIELD_BY_API_NAME: Record<string, keyof CellDraft> = {
    [fieldName(STATUS_FIELD)]: 'status',
    [fieldName(ESTIMATED_VALUE_FIELD)]: 'estimatedValue',
    [fieldName(PROBABILITY_FIELD)]: 'probability',
    [fieldName(OWNER_FIELD)]: 'ownerId',
    [fieldName(TARGET_DATE_FIELD)]: 'targetDate',
    [fieldName(COMPETITOR_FIELD)]: 'competitor',
    [fieldName(STATUS_NOTE_FIELD)]: 'statusNote',
};

function numberOrNull(text: string): number | null {
    return text.trim() === '' ? null : Number(text);
}

function asText(value: number | string | null | undefined): string {
    return value === null || value === undefined ? '' : String(value);
}

export default class WhitespaceCellEditor extends NavigationMixin(LightningElement) {
    @api accountId?: string;
    @api accountName = '';
    /** The cell as saved; none when the business unit and product have no cell yet. */
    @api cell?: GridCell;
    @api rowLabel = '';
    /** The product (column) Id. */
    @api productId = '';
    @api productName = '';
    @api statuses: Option[] = [];
    /** People to offer as owners: the account team and the owners of other cells. */
    @api owners: Person[] = [];
    @api canCreateOpportunity = false;

    mode: 'cell' | 'opportunity' = 'cell';
    draft: CellDraft = { ...EMPTY_DRAFT };
    errors: CellDraftErrors = {};
    formError = '';
    saving = false;
    ownerSearch = '';
    ownerSearchHint = 'Type two letters or more to find someone else.';
    foundPeople: Person[] = [];
    opportunityDraft: OpportunityDraft = { name: '', amount: '', closeDate: '' };
    private focusFirst = true;

    override connectedCallback(): void {
        const cell = this.cell;
        this.draft = cell
            ? {
                  status: cell.status,
                  estimatedValue: asText(cell.estimatedValue),
                  probability: asText(cell.probability),
                  ownerId: cell.ownerId ?? '',
                  targetDate: cell.targetDate ?? '',
                  competitor: cell.competitor ?? '',
                  statusNote: cell.statusNote ?? '',
              }
            : { ...EMPTY_DRAFT, ownerId: currentUserId ?? '' };
    }

    override renderedCallback(): void {
        if (this.focusFirst) {
            this.focusFirst = false;
            this.template?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
        }
    }

    // ------------------------------------------------------------------ template state

    get isCellForm(): boolean {
        return this.mode === 'cell';
    }

    get isOpportunityForm(): boolean {
        return this.mode === 'opportunity';
    }

    get heading(): string {
        return this.mode === 'opportunity'
            ? 'Create an opportunity'
            : `${this.rowLabel} × ${this.productName}`;
    }

    get ownerOptions(): Option[] {
        const options = new Map<string, string>();
        options.set('', 'No owner');
        for (const person of [...this.owners, ...this.foundPeople]) {
            options.set(person.id, person.name);
        }
        if (this.cell?.ownerId && !options.has(this.cell.ownerId)) {
            options.set(this.cell.ownerId, this.cell.ownerName ?? 'Someone');
        }
        if (currentUserId && !options.has(currentUserId)) options.set(currentUserId, 'Me');
        return [...options.entries()].map(([value, label]) => ({ value, label }));
    }

    get isCompetitorRequired(): boolean {
        return this.draft.status === 'Competitor';
    }

    get linkedOpportunity(): { id: string; name: string; stage: string } | null {
        const cell = this.cell;
        if (!cell?.opportunityId) return null;
        return {
            id: cell.opportunityId,
            name: cell.opportunityName ?? 'Opportunity',
            stage: cell.opportunityStage ?? '',
        };
    }

    get offersOpportunity(): boolean {
        const cell = this.cell;
        return (
            this.canCreateOpportunity &&
            Boolean(cell?.id) &&
            !cell?.opportunityId &&
            cell?.status !== 'Owned' &&
            cell?.status !== 'Not Applicable'
        );
    }

    // ------------------------------------------------------------------ the cell

    handleDraftChange(event: CustomEvent<{ value: unknown }>): void {
        const field = (event.target as HTMLElement).dataset.field as keyof CellDraft | undefined;
        if (!field) return;
        this.draft = { ...this.draft, [field]: asText(event.detail?.value as string) };
        if (this.errors[field]) {
            const remaining = { ...this.errors };
            delete remaining[field];
            this.errors = remaining;
        }
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
            this.foundPeople = [
                ...this.foundPeople,
                ...found.filter((person) => !known.has(person.id)),
            ];
            this.ownerSearchHint =
                found.length === 0
                    ? 'Nobody active has that name.'
                    : `${found.length} found: choose them under Owner.`;
        } catch (error) {
            this.ownerSearchHint = parseSaveError(error).message;
        }
    }

    async handleSave(): Promise<void> {
        const errors = validateCellDraft(this.draft);
        this.errors = errors;
        if (Object.keys(errors).length > 0) {
            this.formError = 'Correct the highlighted fields.';
            return;
        }
        const record: Record<string, unknown> = {
            [fieldName(STATUS_FIELD)]: this.draft.status,
            [fieldName(ESTIMATED_VALUE_FIELD)]: numberOrNull(this.draft.estimatedValue),
            [fieldName(PROBABILITY_FIELD)]: numberOrNull(this.draft.probability),
            [fieldName(OWNER_FIELD)]: this.draft.ownerId || null,
            [fieldName(TARGET_DATE_FIELD)]: this.draft.targetDate || null,
            [fieldName(COMPETITOR_FIELD)]: this.draft.competitor.trim() || null,
            [fieldName(STATUS_NOTE_FIELD)]: this.draft.statusNote || null,
        };
        if (this.cell?.id) {
            record.Id = this.cell.id;
        } else {
            record[fieldName(ACCOUNT_FIELD)] = this.accountId;
            record[fieldName(BUSINESS_UNIT_FIELD)] = this.rowLabel;
            record[fieldName(PRODUCT_FIELD)] = this.productId;
        }
        this.saving = true;
        this.formError = '';
        try {
            const saved = (await saveCell({ cell: record })) as GridCell;
            this.dispatchEvent(new CustomEvent('saved', { detail: { cell: saved } }));
        } catch (error) {
            const problem = parseSaveError(error);
            const byField: CellDraftErrors = {};
            for (const [apiName, message] of Object.entries(firstMessages(problem.fieldErrors))) {
                const draftField = DRAFT_FIELD_BY_API_NAME[apiName];
                if (draftField) byField[draftField] = message;
            }
            this.errors = byField;
            const unplaced = Object.keys(problem.fieldErrors).filter(
                (apiName) => !DRAFT_FIELD_BY_API_NAME[apiName],
            );
            this.formError =
                Object.keys(byField).length > 0 && unplaced.length === 0
                    ? 'Correct the highlighted fields. Nothing you typed was lost.'
                    : problem.message;
        } finally {
            this.saving = false;
        }
    }

    // ------------------------------------------------------------------ the opportunity

    handleStartOpportunity(): void {
        const cell = this.cell;
        if (!cell) return;
        this.opportunityDraft = {
            name: `${this.accountName} – ${cell.productName ?? this.productName} (${cell.businessUnit})`.trim(),
            amount: asText(cell.estimatedValue),
            closeDate: defaultCloseDate(cell.targetDate, todayIso()),
        };
        this.errors = {};
        this.formError = '';
        this.mode = 'opportunity';
        this.focusFirst = true;
    }

    handleOpportunityChange(event: CustomEvent<{ value: unknown }>): void {
        const field = (event.target as HTMLElement).dataset.field as
            keyof OpportunityDraft | undefined;
        if (!field) return;
        this.opportunityDraft = {
            ...this.opportunityDraft,
            [field]: asText(event.detail?.value as string),
        };
    }

    async handleCreateOpportunity(): Promise<void> {
        const cell = this.cell;
        if (!cell?.id) return;
        const errors: CellDraftErrors = {};
        if (!this.opportunityDraft.name.trim()) errors.opportunityName = 'Enter a name.';
        const amount = numberOrNull(this.opportunityDraft.amount);
        if (amount !== null && (Number.isNaN(amount) || amount < 0)) {
            errors.opportunityAmount = 'The amount cannot be negative.';
        }
        if (!this.opportunityDraft.closeDate) errors.opportunityCloseDate = 'Enter a close date.';
        this.errors = errors;
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
            this.dispatchEvent(
                new CustomEvent('opportunitycreated', {
                    detail: { id: opportunityId, name: this.opportunityDraft.name.trim() },
                }),
            );
            this.navigateToRecord(opportunityId);
        } catch (error) {
            this.formError = parseSaveError(error).message;
        } finally {
            this.saving = false;
        }
    }

    handleOpenOpportunity(): void {
        const linked = this.linkedOpportunity;
        if (linked) this.navigateToRecord(linked.id);
    }

    private navigateToRecord(recordId: string): void {
        (this as unknown as Navigable)[NavigationMixin.Navigate]({
            type: 'standard__recordPage',
            attributes: { recordId, objectApiName: 'Opportunity', actionName: 'view' },
        });
    }

    handleCancel(): void {
        this.dispatchEvent(new CustomEvent('close'));
    }
}
