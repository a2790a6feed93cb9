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
    changedChildEditor,
    childEditorFor,
    focusOpenedForm,
    formatDate,
    newChildEditor,
    numberOf,
    objectiveProgressText,
    recordIdOf,
    removeListedChild,
    submitChildEditor,
    textOf,
    todayIso,
} from 'c/accountPlanModel';
import type { ChildEditor, Option, SObjectRecord } from 'c/accountPlanModel';

export default class AccountPlanObjectives extends LightningElement {
    @api records: SObjectRecord[] = [];
    @api planId = '';
    @api readOnly = false;
    @api statusOptions: Option[] = [];

    editor: ChildEditor | null = null;
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

    get statusChoices(): Option[] {
        return [{ value: '', label: 'No status' }, ...this.statusOptions];
    }

    override renderedCallback(): void {
        if (this.focusForm) {
            this.focusForm = false;
            focusOpenedForm(this.template);
        }
    }

    handleAdd(): void {
        this.editor = newChildEditor('Not Started');
        this.focusForm = true;
    }

    handleEdit(event: Event): void {
        const editor = childEditorFor('objective', this.records, event);
        if (!editor) return;
        this.editor = editor;
        this.focusForm = true;
    }

    handleChange(event: CustomEvent<{ value: unknown }>): void {
        this.editor = changedChildEditor(this.editor, event);
    }

    handleCancel(): void {
        this.editor = null;
    }

    async handleSave(): Promise<void> {
        if (!this.editor) return;
        this.saving = true;
        const result = await submitChildEditor('objective', this.editor, this.planId, todayIso());
        this.saving = false;
        if (!result.saved) {
            this.editor = result.editor;
            return;
        }
        this.editor = null;
        this.dispatchEvent(new CustomEvent('changed', { detail: { message: result.message } }));
    }

    handleAskRemove(event: Event): void {
        this.pendingDeleteId = recordIdOf(event);
        this.removeError = '';
    }

    handleKeep(): void {
        this.pendingDeleteId = '';
    }

    async handleConfirmRemove(event: Event): Promise<void> {
        const result = await removeListedChild(this.records, event, NAME_FIELD);
        if (!result.removed) {
            this.removeError = result.message;
            return;
        }
        this.pendingDeleteId = '';
        this.dispatchEvent(new CustomEvent('changed', { detail: { message: result.message } }));
    }
}
