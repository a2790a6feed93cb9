// The plan's risks: what could go wrong and what it would cost, how likely it is and how much it
// would hurt, what we do about it, who owns that and by when, and whether it is open, being
// mitigated or closed. Added, edited and removed in place; each save goes to the server on its
// own, errors appear beside their fields and nothing typed is lost. The plan editor reloads
// after each change.
import { LightningElement, api } from 'lwc';
import NAME_FIELD from '@salesforce/schema/AccountRisk__c.Name';
import DESCRIPTION_FIELD from '@salesforce/schema/AccountRisk__c.Description__c';
import LIKELIHOOD_FIELD from '@salesforce/schema/AccountRisk__c.Likelihood__c';
import IMPACT_FIELD from '@salesforce/schema/AccountRisk__c.Impact__c';
import MITIGATION_FIELD from '@salesforce/schema/AccountRisk__c.Mitigation__c';
import OWNER_FIELD from '@salesforce/schema/AccountRisk__c.MitigationOwner__c';
import MITIGATION_DUE_FIELD from '@salesforce/schema/AccountRisk__c.MitigationDueDate__c';
import STATUS_FIELD from '@salesforce/schema/AccountRisk__c.Status__c';
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

export default class AccountPlanRisks extends LightningElement {
    @api records: SObjectRecord[] = [];
    @api planId = '';
    @api readOnly = false;
    @api statusOptions: Option[] = [];
    @api likelihoodOptions: Option[] = [];
    @api impactOptions: Option[] = [];
    /** People to offer as mitigation owners. */
    @api people: Person[] = [];

    editor: Editor | null = null;
    saving = false;
    pendingDeleteId = '';
    removeError = '';
    private focusForm = false;

    get rows(): {
        id: string;
        name: string;
        description: string;
        exposure: string;
        mitigation: string;
        mitigationDue: string;
        owner: string;
        status: string;
        editLabel: string;
        removeLabel: string;
        confirming: boolean;
    }[] {
        return this.records.map((record) => {
            const name = textOf(record, NAME_FIELD);
            const likelihood = textOf(record, LIKELIHOOD_FIELD) || 'not rated';
            const impact = textOf(record, IMPACT_FIELD) || 'not rated';
            const due = formatDate(textOf(record, MITIGATION_DUE_FIELD));
            return {
                id: record.Id ?? '',
                name,
                description: textOf(record, DESCRIPTION_FIELD),
                exposure: `Likelihood ${likelihood.toLowerCase()}, impact ${impact.toLowerCase()}`,
                mitigation: textOf(record, MITIGATION_FIELD) || 'No mitigation yet',
                mitigationDue: due ? `By ${due}` : '',
                owner: nameOfPerson(this.people, textOf(record, OWNER_FIELD)) || 'Nobody yet',
                status: textOf(record, STATUS_FIELD) || 'No status',
                editLabel: `Edit the risk ${name}`,
                removeLabel: `Remove the risk ${name}`,
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
        return this.editor?.recordId ? 'Edit the risk' : 'New risk';
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

    get likelihoodChoices(): Option[] {
        return [{ value: '', label: 'Not rated' }, ...this.likelihoodOptions];
    }

    get impactChoices(): Option[] {
        return [{ value: '', label: 'Not rated' }, ...this.impactOptions];
    }

    get ownerChoices(): Option[] {
        return personOptions(this.people, 'Nobody yet');
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
            draft: childDraftOf('risk', record),
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
        const errors = validateChildDraft('risk', editor.draft, todayIso());
        if (Object.keys(errors).length > 0) {
            this.editor = { ...editor, errors, formError: 'Correct the highlighted fields.' };
            return;
        }
        this.saving = true;
        const problem = await saveChildDraft('risk', editor.draft, this.planId, editor.recordId);
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
