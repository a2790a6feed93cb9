// The plan's measurable objectives: each with the metric that says it is met, the target, where
// the metric stands today (and what share of the target that is), when it is due and its status.
// Added, edited and removed in place; each save goes to the server on its own, errors appear
// beside their fields and nothing typed is lost. The plan editor reloads after each change.
import { LightningElement, api } from 'lwc';
import NAME_FIELD from '@salesforce/schema/AccountObjective__c.Name';
import DESCRIPTION_FIELD from '@salesforce/schema/AccountObjective__c.Description__c';
import METRIC_FIELD from '@salesforce/schema/AccountObjective__c.Metric__c';
import TARGET_FIELD from '@salesforce/schema/AccountObjective__c.TargetValue__c';
import CURRENT_FIELD from '@salesforce/schema/AccountObjective__c.CurrentValue__c';
import DUE_FIELD from '@salesforce/schema/AccountObjective__c.DueDate__c';
import STATUS_FIELD from '@salesforce/schema/AccountObjective__c.Status__c';
import {
    childDraftOf,
    emptyChildDraft,
    formatDate,
    numberOf,
    objectiveProgressText,
    removeChild,
    saveChildDraft,
    textOf,
    todayIso,
    validateChildDraft,
} from 'c/accountPlanModel';
import type { ChildDraft, Errors, Option, SObjectRecord } from 'c/accountPlanModel';

interface Editor {
    recordId?: string;
    draft: ChildDraft;
    errors: Errors;
    formError: string;
}

export default class AccountPlanObjectives extends LightningElement {
    @api records: SObjectRecord[] = [];
    @api planId = '';
    @api readOnly = false;
    @api statusOptions: Option[] = [];

    editor: Editor | null = null;
    saving = false;
    pendingDeleteId = '';
    removeError = '';
    private focusForm = false;

    get rows(): {
        id: string;
        name: string;
        description: string;
        metric: string;
        progress: string;
        due: string;
        status: string;
        editLabel: string;
        removeLabel: string;
        confirming: boolean;
    }[] {
        return this.records.map((record) => {
            const name = textOf(record, NAME_FIELD);
            return {
                id: record.Id ?? '',
                name,
                description: textOf(record, DESCRIPTION_FIELD),
                metric: textOf(record, METRIC_FIELD),
                progress: objectiveProgressText(
                    numberOf(record, CURRENT_FIELD),
                    numberOf(record, TARGET_FIELD),
                ),
                due: formatDate(textOf(record, DUE_FIELD)),
                status: textOf(record, STATUS_FIELD) || 'No status',
                editLabel: `Edit the objective ${name}`,
                removeLabel: `Remove the objective ${name}`,
                confirming: this.pendingDeleteId === record.Id,
            };
        });
    }

    get hasRows(): boolean {
        return this.records.length > 0;
    }

    get isEditing(): boolean {
        return this.editor !== null;
    }

    get formTitle(): string {
        return this.editor?.recordId ? 'Edit the objective' : 'New objective';
    }

    get draft(): ChildDraft {
        return this.editor?.draft ?? emptyChildDraft();
    }

    get errors(): Errors {
        return this.editor?.errors ?? {};
    }

    get formError(): string {
        return this.editor?.formError ?? '';
    }

    get statusChoices(): Option[] {
        return [{ value: '', label: 'No status' }, ...this.statusOptions];
    }

    override renderedCallback(): void {
        if (this.focusForm) {
            this.focusForm = false;
            this.template?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
        }
    }

    handleAdd(): void {
        this.editor = {
            draft: { ...emptyChildDraft(), status: 'Not Started' },
            errors: {},
            formError: '',
        };
        this.focusForm = true;
    }

    handleEdit(event: Event): void {
        const id = (event.currentTarget as HTMLElement).dataset.recordId;
        const record = this.records.find((item) => item.Id === id);
        if (!record) return;
        this.editor = {
            recordId: id,
            draft: childDraftOf('objective', record),
            errors: {},
            formError: '',
        };
        this.focusForm = true;
    }

    handleChange(event: CustomEvent<{ value: unknown }>): void {
        const key = (event.target as HTMLElement).dataset.field as keyof ChildDraft | undefined;
        if (!key || !this.editor) return;
        const value = event.detail?.value;
        const errors = { ...this.editor.errors };
        delete errors[key];
        this.editor = {
            ...this.editor,
            draft: {
                ...this.editor.draft,
                [key]: value === null || value === undefined ? '' : String(value),
            },
            errors,
        };
    }

    handleCancel(): void {
        this.editor = null;
    }

    async handleSave(): Promise<void> {
        const editor = this.editor;
        if (!editor) return;
        const errors = validateChildDraft('objective', editor.draft, todayIso());
        if (Object.keys(errors).length > 0) {
            this.editor = { ...editor, errors, formError: 'Correct the highlighted fields.' };
            return;
        }
        this.saving = true;
        const problem = await saveChildDraft(
            'objective',
            editor.draft,
            this.planId,
            editor.recordId,
        );
        this.saving = false;
        if (problem) {
            this.editor = { ...editor, ...problem };
            return;
        }
        this.editor = null;
        this.dispatchEvent(
            new CustomEvent('changed', {
                detail: { message: `${editor.draft.name.trim()} was saved.` },
            }),
        );
    }

    handleAskRemove(event: Event): void {
        this.pendingDeleteId = (event.currentTarget as HTMLElement).dataset.recordId ?? '';
        this.removeError = '';
    }

    handleKeep(): void {
        this.pendingDeleteId = '';
    }

    async handleConfirmRemove(event: Event): Promise<void> {
        const id = (event.currentTarget as HTMLElement).dataset.recordId ?? '';
        const name = textOf(
            this.records.find((record) => record.Id === id),
            NAME_FIELD,
        );
        const problem = await removeChild(id);
        if (problem) {
            this.removeError = `${name} could not be removed: ${problem}`;
            return;
        }
        this.pendingDeleteId = '';
        this.dispatchEvent(
            new CustomEvent('changed', { detail: { message: `${name} was removed.` } }),
        );
    }
}
