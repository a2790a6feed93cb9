// Adds a person to the relationship map or edits one, in a dialog. A new person is an existing
// contact of the account or a new contact created with them, in one save. The browser checks
// what it can; the server's field errors go beside their fields; a failed save keeps the dialog
// open with everything typed. Remove asks first and says the contact stays in Salesforce.
import { LightningElement, api } from 'lwc';
import saveStakeholder from '@salesforce/apex/RelationshipMapController.saveStakeholder';
import removeStakeholder from '@salesforce/apex/RelationshipMapController.removeStakeholder';
import ACCOUNT_FIELD from '@salesforce/schema/Stakeholder__c.Account__c';
import CONTACT_FIELD from '@salesforce/schema/Stakeholder__c.Contact__c';
import BUYING_ROLE_FIELD from '@salesforce/schema/Stakeholder__c.BuyingRole__c';
import SENTIMENT_FIELD from '@salesforce/schema/Stakeholder__c.Sentiment__c';
import INFLUENCE_FIELD from '@salesforce/schema/Stakeholder__c.Influence__c';
import STRENGTH_FIELD from '@salesforce/schema/Stakeholder__c.RelationshipStrength__c';
import AUTHORITY_FIELD from '@salesforce/schema/Stakeholder__c.DecisionAuthority__c';
import FUNCTION_FIELD from '@salesforce/schema/Stakeholder__c.Function__c';
import LEVEL_FIELD from '@salesforce/schema/Stakeholder__c.Level__c';
import OWNER_FIELD from '@salesforce/schema/Stakeholder__c.InternalOwner__c';
import REPORTS_TO_FIELD from '@salesforce/schema/Stakeholder__c.ReportsTo__c';
import INFLUENCES_FIELD from '@salesforce/schema/Stakeholder__c.Influences__c';
import LEFT_FIELD from '@salesforce/schema/Stakeholder__c.LeftCompany__c';
import RELEVANT_FIELD from '@salesforce/schema/Stakeholder__c.RelevantToBuyingGroup__c';
import NOTES_FIELD from '@salesforce/schema/Stakeholder__c.Notes__c';
import CONTACT_FIRST_NAME_FIELD from '@salesforce/schema/Contact.FirstName';
import CONTACT_LAST_NAME_FIELD from '@salesforce/schema/Contact.LastName';
import CONTACT_TITLE_FIELD from '@salesforce/schema/Contact.Title';
import CONTACT_EMAIL_FIELD from '@salesforce/schema/Contact.Email';
import { firstMessages, parseSaveError } from 'c/keystoneSaveErrors';
import { descendantsOf } from 'c/relationshipMapModel';
import type { Option, RelationshipMapData, StakeholderView } from 'c/relationshipMapModel';

type SchemaField = { objectApiName: string; fieldApiName?: string };
type Draft = Record<string, string | boolean>;

interface FormField {
    key: string;
    label: string;
    help: string;
    value: string | boolean;
    options: Option[];
    isCombobox: boolean;
    isCheckbox: boolean;
    isTextarea: boolean;
    isText: boolean;
    required: boolean;
    error: string;
    wrapperClass: string;
}

const NEW_CONTACT = '__new__';
const NONE = '';

/** The stakeholder fields the form edits: form key, label, help, the field it saves to. */
const STAKEHOLDER_FIELDS: {
    key: string;
    label: string;
    help?: string;
    field: SchemaField;
    picklist?: string;
}[] = [
    {
        key: 'buyingRole',
        label: 'Buying role',
        help: 'The part this person plays when the customer buys.',
        field: BUYING_ROLE_FIELD,
        picklist: 'buyingRole',
    },
    {
        key: 'sentiment',
        label: 'Sentiment',
        help: 'How this person feels about us.',
        field: SENTIMENT_FIELD,
        picklist: 'sentiment',
    },
    {
        key: 'influence',
        label: 'Influence',
        help: 'How much their opinion sways the decision.',
        field: INFLUENCE_FIELD,
        picklist: 'influence',
    },
    {
        key: 'relationshipStrength',
        label: 'Relationship strength',
        help: 'How strong our relationship with them is. Strong relationships count for function breadth.',
        field: STRENGTH_FIELD,
        picklist: 'relationshipStrength',
    },
    {
        key: 'decisionAuthority',
        label: 'Decision authority',
        field: AUTHORITY_FIELD,
        picklist: 'decisionAuthority',
    },
    {
        key: 'businessFunction',
        label: 'Function',
        field: FUNCTION_FIELD,
        picklist: 'businessFunction',
    },
    { key: 'level', label: 'Level', field: LEVEL_FIELD, picklist: 'level' },
    {
        key: 'internalOwnerId',
        label: 'Owner on our side',
        help: 'Who on our team owns this relationship.',
        field: OWNER_FIELD,
    },
    { key: 'reportsToId', label: 'Reports to', field: REPORTS_TO_FIELD },
    {
        key: 'influencesId',
        label: 'Influences',
        help: 'Someone whose view this person shapes, outside the reporting line.',
        field: INFLUENCES_FIELD,
    },
    { key: 'leftCompany', label: 'Has left the company', field: LEFT_FIELD },
    {
        key: 'relevantToBuyingGroup',
        label: 'Part of the buying group',
        help: 'People in the buying group count towards coverage depth.',
        field: RELEVANT_FIELD,
    },
    { key: 'notes', label: 'Notes', field: NOTES_FIELD },
];

const CONTACT_FIELDS: { key: string; label: string; field: SchemaField; required: boolean }[] = [
    { key: 'newFirstName', label: 'First name', field: CONTACT_FIRST_NAME_FIELD, required: false },
    { key: 'newLastName', label: 'Last name', field: CONTACT_LAST_NAME_FIELD, required: true },
    { key: 'newTitle', label: 'Title', field: CONTACT_TITLE_FIELD, required: false },
    { key: 'newEmail', label: 'Email', field: CONTACT_EMAIL_FIELD, required: false },
];

const CHECKBOX_KEYS = ['leftCompany', 'relevantToBuyingGroup'];

function fieldName(field: SchemaField): string {
    return field.fieldApiName ?? '';
}

export default class RelationshipPersonForm extends LightningElement {
    @api accountId?: string;
    /** The person to edit; none to add someone. */
    @api person?: StakeholderView;
    /** The buying role a new person starts with (an empty seat's). */
    @api presetRole = '';
    /** The map's payload: picklists, contacts and owners to offer, what the user may do. */
    @api data?: RelationshipMapData;
    /** Everyone on the map: managers and people to influence, mapped contacts. */
    @api people: StakeholderView[] = [];

    draft: Draft = {};
    fieldErrors: Record<string, string> = {};
    formError = '';
    saving = false;
    confirmingRemove = false;
    private focusFirst = true;

    override connectedCallback(): void {
        const person = this.person;
        this.draft = person
            ? {
                  contactId: person.contactId ?? NONE,
                  buyingRole: person.buyingRole ?? NONE,
                  sentiment: person.sentiment ?? NONE,
                  influence: person.influence ?? NONE,
                  relationshipStrength: person.relationshipStrength ?? NONE,
                  decisionAuthority: person.decisionAuthority ?? NONE,
                  businessFunction: person.businessFunction ?? NONE,
                  level: person.level ?? NONE,
                  internalOwnerId: person.internalOwnerId ?? NONE,
                  reportsToId: person.reportsToId ?? NONE,
                  influencesId: person.influencesId ?? NONE,
                  leftCompany: person.leftCompany === true,
                  relevantToBuyingGroup: person.relevantToBuyingGroup !== false,
                  notes: person.notes ?? NONE,
              }
            : {
                  contactId: NONE,
                  buyingRole: this.presetRole || NONE,
                  sentiment: NONE,
                  influence: NONE,
                  relationshipStrength: NONE,
                  decisionAuthority: NONE,
                  businessFunction: NONE,
                  level: NONE,
                  internalOwnerId: NONE,
                  reportsToId: NONE,
                  influencesId: NONE,
                  leftCompany: false,
                  relevantToBuyingGroup: true,
                  notes: NONE,
                  newFirstName: NONE,
                  newLastName: NONE,
                  newTitle: NONE,
                  newEmail: NONE,
              };
    }

    override renderedCallback(): void {
        if (this.focusFirst) {
            this.focusFirst = false;
            this.template?.querySelector<HTMLElement>('c-keystone-dialog')?.focus();
        }
    }

    // ------------------------------------------------------------------ template state

    get isNew(): boolean {
        return !this.person;
    }

    get heading(): string {
        return this.person ? `Edit ${this.person.name}` : 'Add a person to the map';
    }

    get contactText(): string {
        return this.person ? (this.person.contactName ?? this.person.name) : '';
    }

    get contactOptions(): Option[] {
        const mapped = new Set(this.people.map((person) => person.contactId));
        const options = (this.data?.contactOptions ?? [])
            .filter((option) => !mapped.has(option.value))
            .map((option) => ({
                label: option.detail ? `${option.label} (${option.detail})` : option.label,
                value: option.value,
            }));
        if (this.data?.canCreateContact) {
            options.push({ label: 'Create a new contact…', value: NEW_CONTACT });
        }
        return options;
    }

    get contactError(): string {
        return this.fieldErrors.contactId ?? '';
    }

    get contactWrapperClass(): string {
        return this.contactError ? 'slds-form-element slds-has-error' : 'slds-form-element';
    }

    get creatingContact(): boolean {
        return this.isNew && this.draft.contactId === NEW_CONTACT;
    }

    get canRemove(): boolean {
        return Boolean(this.person) && this.data?.canDelete === true;
    }

    get removeQuestion(): string {
        return this.person
            ? `Remove ${this.person.name} from the relationship map? The contact stays in Salesforce.`
            : '';
    }

    get contactFormFields(): FormField[] {
        return CONTACT_FIELDS.map(({ key, label, required }) =>
            this.formField(key, label, '', [], { isText: true, required }),
        );
    }

    get formFields(): FormField[] {
        const editingId = this.person?.id ?? '';
        const below = editingId ? descendantsOf(editingId, this.people) : new Set<string>();
        const others = this.people
            .filter((person) => person.id !== editingId)
            .map((person) => ({ label: person.name, value: person.id }))
            .sort((a, b) => a.label.localeCompare(b.label));
        const none = { label: '— None —', value: NONE };
        return STAKEHOLDER_FIELDS.map(({ key, label, help = '', picklist }) => {
            if (picklist) {
                const options = [none, ...(this.data?.picklists[picklist] ?? [])];
                return this.formField(key, label, help, options, { isCombobox: true });
            }
            if (key === 'internalOwnerId') {
                const options = [none, ...(this.data?.ownerOptions ?? [])];
                return this.formField(key, label, help, options, { isCombobox: true });
            }
            if (key === 'reportsToId') {
                const managers = others.filter((option) => !below.has(option.value));
                return this.formField(key, label, help, [none, ...managers], { isCombobox: true });
            }
            if (key === 'influencesId') {
                return this.formField(key, label, help, [none, ...others], { isCombobox: true });
            }
            if (CHECKBOX_KEYS.includes(key)) {
                return this.formField(key, label, help, [], { isCheckbox: true });
            }
            return this.formField(key, label, help, [], { isTextarea: true });
        });
    }

    private formField(
        key: string,
        label: string,
        help: string,
        options: Option[],
        kind: Partial<
            Pick<FormField, 'isCombobox' | 'isCheckbox' | 'isTextarea' | 'isText' | 'required'>
        >,
    ): FormField {
        const error = this.fieldErrors[key] ?? '';
        return {
            key,
            label,
            help,
            value: this.draft[key] ?? (kind.isCheckbox ? false : NONE),
            options,
            isCombobox: kind.isCombobox === true,
            isCheckbox: kind.isCheckbox === true,
            isTextarea: kind.isTextarea === true,
            isText: kind.isText === true,
            required: kind.required === true,
            error,
            wrapperClass: error
                ? 'slds-form-element slds-m-bottom_x-small slds-has-error'
                : 'slds-form-element slds-m-bottom_x-small',
        };
    }

    // ------------------------------------------------------------------ editing

    handleFieldChange(event: CustomEvent<{ value?: string; checked?: boolean }>): void {
        const target = event.currentTarget as HTMLElement & { checked?: boolean; value?: string };
        const key = target.dataset.key ?? '';
        if (!key) return;
        const value = CHECKBOX_KEYS.includes(key)
            ? (event.detail?.checked ?? target.checked ?? false)
            : (event.detail?.value ?? target.value ?? NONE);
        this.draft = { ...this.draft, [key]: value };
        if (this.fieldErrors[key]) {
            const rest = { ...this.fieldErrors };
            delete rest[key];
            this.fieldErrors = rest;
        }
    }

    handleCancel(): void {
        this.close();
    }

    private close(): void {
        this.dispatchEvent(new CustomEvent('close'));
    }

    /** Checks what the browser can check, so the server sees only plausible saves. */
    private validateDraft(): Record<string, string> {
        const errors: Record<string, string> = {};
        const editingId = this.person?.id;
        if (this.isNew && !this.draft.contactId) {
            errors.contactId = 'Choose the contact this person is, or create a new one.';
        }
        if (this.creatingContact && !String(this.draft.newLastName ?? '').trim()) {
            errors.newLastName = 'Enter the last name of the new contact.';
        }
        if (editingId && this.draft.reportsToId === editingId) {
            errors.reportsToId = 'A person cannot report to themselves.';
        }
        if (editingId && this.draft.influencesId === editingId) {
            errors.influencesId = 'A person cannot influence themselves.';
        }
        return errors;
    }

    async handleSave(): Promise<void> {
        const errors = this.validateDraft();
        if (Object.keys(errors).length > 0) {
            this.fieldErrors = errors;
            this.formError = 'Check the highlighted fields.';
            return;
        }
        const record: Record<string, unknown> = {};
        if (this.person) {
            record.Id = this.person.id;
        } else {
            record[fieldName(ACCOUNT_FIELD)] = this.accountId;
            if (this.draft.contactId !== NEW_CONTACT) {
                record[fieldName(CONTACT_FIELD)] = this.draft.contactId;
            }
        }
        for (const { key, field } of STAKEHOLDER_FIELDS) {
            const value = this.draft[key];
            record[fieldName(field)] = value === NONE ? null : value;
        }
        let newContact: Record<string, unknown> | null = null;
        if (this.creatingContact) {
            newContact = {};
            for (const { key, field } of CONTACT_FIELDS) {
                const value = String(this.draft[key] ?? '').trim();
                newContact[fieldName(field)] = value || null;
            }
        }
        this.saving = true;
        this.formError = '';
        try {
            const id = (await saveStakeholder({ stakeholder: record, newContact })) as string;
            const name =
                this.person?.name ??
                (newContact
                    ? [newContact.FirstName, newContact.LastName].filter(Boolean).join(' ')
                    : (this.data?.contactOptions.find(
                          (option) => option.value === this.draft.contactId,
                      )?.label ?? 'The person'));
            this.dispatchEvent(new CustomEvent('saved', { detail: { id, name } }));
        } catch (error) {
            // The dialog stays open with everything typed; messages go beside their fields.
            const parsed = parseSaveError(error);
            const mapped: Record<string, string> = {};
            const unplaced: string[] = [];
            for (const [apiName, message] of Object.entries(firstMessages(parsed.fieldErrors))) {
                const key = this.keyOfField(apiName);
                if (key) mapped[key] = message;
                else unplaced.push(message);
            }
            this.fieldErrors = mapped;
            this.formError = [parsed.message, ...unplaced].join(' ');
        } finally {
            this.saving = false;
        }
    }

    private keyOfField(apiName: string): string {
        if (apiName === fieldName(CONTACT_FIELD)) return 'contactId';
        const stakeholderField = STAKEHOLDER_FIELDS.find(
            ({ field }) => fieldName(field) === apiName,
        );
        if (stakeholderField) return stakeholderField.key;
        const contactField = this.creatingContact
            ? CONTACT_FIELDS.find(({ field }) => fieldName(field) === apiName)
            : undefined;
        return contactField?.key ?? '';
    }

    // ------------------------------------------------------------------ removing

    handleAskRemove(): void {
        this.confirmingRemove = true;
    }

    /** Opens the form straight at the remove question (the table's Remove action). */
    @api
    askRemove(): void {
        this.confirmingRemove = true;
    }

    handleKeep(): void {
        this.confirmingRemove = false;
    }

    async handleConfirmRemove(): Promise<void> {
        const person = this.person;
        if (!person) return;
        this.saving = true;
        this.formError = '';
        try {
            await removeStakeholder({ stakeholderId: person.id });
            this.dispatchEvent(
                new CustomEvent('removed', { detail: { id: person.id, name: person.name } }),
            );
        } catch (error) {
            this.confirmingRemove = false;
            this.formError = parseSaveError(error).message;
        } finally {
            this.saving = false;
        }
    }
}
