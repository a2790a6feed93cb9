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
    childDraftOf,
    emptyChildDraft,
    formatDate,
    nameOfPerson,
    personOptions,
    removeChild,
    saveChildDraft,
    textOf,
    todayIso,
    validateChildDraft,
} from 'c/accountPlanModel';
import type { ChildDraft, Errors, Option, Person, SObjectRecord } from 'c/accountPlanModel';

interface Editor {
    recordId?: string;
    draft: ChildDraft;
    errors: Errors;
    formError: string;
}

const DONE = ['Completed', 'Cancelled'];

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

    editor: Editor | null = null;
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

    get draft(): ChildDraft {
        return this.editor?.draft ?? emptyChildDraft();
    }

    get errors(): Errors {
        return this.editor?.errors ?? {};
    }

    get formError(): string {
        return this.editor?.formError ?? '';
    }

    get isCompleted(): boolean {
        return this.draft.status === 'Completed';
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
            this.template?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
        }
    }

    handleAdd(): void {
        this.editor = {
            draft: { ...emptyChildDraft(), status: 'Open' },
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
            draft: childDraftOf('action', record),
            errors: {},
            formError: '',
        };
        this.focusForm = true;
    }

    handleChange(event: CustomEvent<{ value: unknown }>): void {
        const key = (event.target as HTMLElement).dataset.field as keyof ChildDraft | undefined;
        if (!key || !this.editor) return;
        const value = event.detail?.value;
        const text = value === null || value === undefined ? '' : String(value);
        const errors = { ...this.editor.errors };
        delete errors[key];
        const draft = { ...this.editor.draft, [key]: text };
        // Completing an action dates it today, unless a date was typed.
        if (key === 'status' && text === 'Completed' && !draft.completedDate) {
            draft.completedDate = this.todayOrNow;
        }
        this.editor = { ...this.editor, draft, errors };
    }

    handleCancel(): void {
        this.editor = null;
    }

    async handleSave(): Promise<void> {
        const editor = this.editor;
        if (!editor) return;
        const draft =
            editor.draft.status === 'Completed'
                ? editor.draft
                : { ...editor.draft, completedDate: '' };
        const errors = validateChildDraft('action', draft, this.todayOrNow);
        if (Object.keys(errors).length > 0) {
            this.editor = { ...editor, errors, formError: 'Correct the highlighted fields.' };
            return;
        }
        this.saving = true;
        const problem = await saveChildDraft('action', draft, this.planId, editor.recordId);
        this.saving = false;
        if (problem) {
            this.editor = { ...editor, ...problem };
            return;
        }
        this.editor = null;
        this.dispatchEvent(
            new CustomEvent('changed', { detail: { message: `${draft.name.trim()} was saved.` } }),
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
