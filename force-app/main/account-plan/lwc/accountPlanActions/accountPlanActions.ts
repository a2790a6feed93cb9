// The plan's actions: what needs doing (a subject and the detail), who owns it, when it is due,
// where it stands (with the date it was completed) and, optionally, the objective it serves.
// Overdue actions say so. Added, edited and removed in place; each save goes to the server on its
// own, errors appear beside their fields and nothing typed is lost. The plan editor reloads after
// each change.
import { LightningElement, api } from 'lwc';
import NAME_FIELD from '@salesforce/schema/AccountAction__c.Name';
import DESCRIPTION_FIELD from '@salesforce/schema/AccountAction__c.Description__c';
import OWNER_FIELD from '@salesforce/schema/AccountAction__c.Owner__c';
import DUE_FIELD from '@salesforce/schema/AccountAction__c.DueDate__c';
import STATUS_FIELD from '@salesforce/schema/AccountAction__c.Status__c';
import COMPLETED_FIELD from '@salesforce/schema/AccountAction__c.CompletedDate__c';
import OBJECTIVE_FIELD from '@salesforce/schema/AccountAction__c.Objective__c';
import OBJECTIVE_NAME_FIELD from '@salesforce/schema/AccountObjective__c.Name';
import {
    changedChildEditor,
    childEditorFor,
    focusOpenedForm,
    formatDate,
    nameOfPerson,
    newChildEditor,
    personOptions,
    recordIdOf,
    removeListedChild,
    submitChildEditor,
    textOf,
    todayIso,
} from 'c/accountPlanModel';
import type {
    ChildDraft,
    ChildEditor,
    Option,
    Person,
    SObjectRecord,
    ChildKey,
} from 'c/accountPlanModel';

const DONE = ['Completed', 'Cancelled'];

/** Completing an action dates it today, unless a date was typed. */
function completionFollowsStatus(today: string): (draft: ChildDraft, key: ChildKey) => ChildDraft {
    return (draft, key) =>
        key === 'status' && draft.status === 'Completed' && !draft.completedDate
            ? { ...draft, completedDate: today }
            : draft;
}

export default class AccountPlanActions extends LightningElement {
    @api records: SObjectRecord[] = [];
    @api planId = '';
    @api readOnly = false;
    @api statusOptions: Option[] = [];
    /** People to offer as owners. */
    @api people: Person[] = [];
    /** The plan's objectives, one of which an action may serve. */
    @api objectives: SObjectRecord[] = [];
    /** 'YYYY-MM-DD'; overdue is worked out against it (default: the browser's today). */
    @api today = '';

    editor: ChildEditor | null = null;
    saving = false;
    pendingDeleteId = '';
    removeError = '';
    private focusForm = false;

    private get todayOrNow(): string {
        return this.today || todayIso();
    }

    get rows(): {
        id: string;
        subject: string;
        description: string;
        owner: string;
        due: string;
        overdue: boolean;
        status: string;
        objective: string;
        editLabel: string;
        removeLabel: string;
        confirming: boolean;
    }[] {
        const today = this.todayOrNow;
        return this.records.map((record) => {
            const subject = textOf(record, NAME_FIELD);
            const status = textOf(record, STATUS_FIELD);
            const due = textOf(record, DUE_FIELD);
            const completed = textOf(record, COMPLETED_FIELD);
            const objectiveId = textOf(record, OBJECTIVE_FIELD);
            return {
                id: record.Id ?? '',
                subject,
                description: textOf(record, DESCRIPTION_FIELD),
                owner: nameOfPerson(this.people, textOf(record, OWNER_FIELD)) || 'Nobody yet',
                due: formatDate(due),
                overdue: Boolean(due) && due < today && !DONE.includes(status),
                status:
                    status === 'Completed' && completed
                        ? `Completed ${formatDate(completed)}`
                        : status || 'No status',
                objective: objectiveId
                    ? textOf(
                          this.objectives.find((objective) => objective.Id === objectiveId),
                          OBJECTIVE_NAME_FIELD,
                      )
                    : '',
                editLabel: `Edit the action ${subject}`,
                removeLabel: `Remove the action ${subject}`,
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
        return this.editor?.recordId ? 'Edit the action' : 'New action';
    }

    get isCompleted(): boolean {
        return this.editor?.draft.status === 'Completed';
    }

    get statusChoices(): Option[] {
        return [{ value: '', label: 'No status' }, ...this.statusOptions];
    }

    get ownerChoices(): Option[] {
        return personOptions(this.people, 'Nobody yet');
    }

    get objectiveChoices(): Option[] {
        return [
            { value: '', label: 'None' },
            ...this.objectives.map((objective) => ({
                value: objective.Id ?? '',
                label: textOf(objective, OBJECTIVE_NAME_FIELD),
            })),
        ];
    }

    override renderedCallback(): void {
        if (this.focusForm) {
            this.focusForm = false;
            focusOpenedForm(this.template);
        }
    }

    handleAdd(): void {
        this.editor = newChildEditor('Open');
        this.focusForm = true;
    }

    handleEdit(event: Event): void {
        const editor = childEditorFor('action', this.records, event);
        if (!editor) return;
        this.editor = editor;
        this.focusForm = true;
    }

    handleChange(event: CustomEvent<{ value: unknown }>): void {
        this.editor = changedChildEditor(
            this.editor,
            event,
            completionFollowsStatus(this.todayOrNow),
        );
    }

    handleCancel(): void {
        this.editor = null;
    }

    async handleSave(): Promise<void> {
        if (!this.editor) return;
        this.saving = true;
        const result = await submitChildEditor('action', this.editor, this.planId, this.todayOrNow);
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
