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
import type { ChildEditor, Option, Person, SObjectRecord } from 'c/accountPlanModel';

export default class AccountPlanRisks extends LightningElement {
    @api records: SObjectRecord[] = [];
    @api planId = '';
    @api readOnly = false;
    @api statusOptions: Option[] = [];
    @api likelihoodOptions: Option[] = [];
    @api impactOptions: Option[] = [];
    /** People to offer as mitigation owners. */
    @api people: Person[] = [];

    editor: ChildEditor | null = null;
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
            focusOpenedForm(this.template);
        }
    }

    handleAdd(): void {
        this.editor = newChildEditor('Open');
        this.focusForm = true;
    }

    handleEdit(event: Event): void {
        const editor = childEditorFor('risk', this.records, event);
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
        const result = await submitChildEditor('risk', this.editor, this.planId, todayIso());
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
