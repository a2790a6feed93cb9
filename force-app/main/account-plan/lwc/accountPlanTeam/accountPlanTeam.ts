// Our account team on the plan: the key account manager, the executive sponsor on our side, the
// technical lead and the customer success manager. The pickers offer the people the plan already
// names; anyone else is found by name and added to every picker of the plan (the editor keeps
// them). The plan editor holds the draft and saves it with the rest of the plan.
import { LightningElement, api } from 'lwc';
import searchUsers from '@salesforce/apex/AccountPlanController.searchUsers';
import { parseSaveError } from 'c/keystoneSaveErrors';
import { personOptions } from 'c/accountPlanModel';
import type { Errors, Option, Person, PlanDraft } from 'c/accountPlanModel';

const ROLES: { key: keyof PlanDraft; label: string; help: string }[] = [
    {
        key: 'keyAccountManagerId',
        label: 'Key account manager',
        help: 'Leads the account and owns the plan. An active plan needs one.',
    },
    {
        key: 'executiveSponsorId',
        label: 'Executive sponsor (our side)',
        help: 'The executive on our side who sponsors this account.',
    },
    {
        key: 'technicalLeadId',
        label: 'Technical lead',
        help: 'The solution engineer or architect on the account.',
    },
    {
        key: 'customerSuccessManagerId',
        label: 'Customer success manager',
        help: 'Looks after adoption and renewal.',
    },
];

export default class AccountPlanTeam extends LightningElement {
    @api draft?: PlanDraft;
    @api errors: Errors = {};
    @api readOnly = false;
    /** Everyone the pickers offer. */
    @api people: Person[] = [];

    searchText = '';
    hint = 'Type two letters or more to add someone to the pickers.';

    get roles(): {
        key: string;
        label: string;
        help: string;
        value: string;
        error: string;
        options: Option[];
    }[] {
        const options = personOptions(this.people, 'Nobody yet');
        return ROLES.map(({ key, label, help }) => ({
            key,
            label,
            help,
            value: this.draft?.[key] ?? '',
            error: this.errors[key] ?? '',
            options,
        }));
    }

    handleChange(event: CustomEvent<{ value: unknown }>): void {
        const key = (event.target as HTMLElement).dataset.field;
        if (!key) return;
        const value = event.detail?.value;
        this.dispatchEvent(
            new CustomEvent('fieldchange', {
                detail: { key, value: value === null || value === undefined ? '' : String(value) },
            }),
        );
    }

    async handleSearch(event: CustomEvent<{ value: string }>): Promise<void> {
        const searchText = event.detail.value ?? '';
        this.searchText = searchText;
        if (searchText.trim().length < 2) return;
        try {
            const found = (await searchUsers({ searchText })) as Person[];
            if (searchText !== this.searchText) return;
            const known = new Set(this.people.map((person) => person.id));
            const added = found.filter((person) => !known.has(person.id));
            this.hint =
                found.length === 0
                    ? 'Nobody active has that name.'
                    : added.length === 0
                      ? 'Everyone with that name is in the pickers already.'
                      : `Added to the pickers: ${added.map((person) => person.name).join(', ')}.`;
            if (added.length > 0) {
                this.dispatchEvent(new CustomEvent('peoplefound', { detail: { people: added } }));
            }
        } catch (error) {
            this.hint = parseSaveError(error).message;
        }
    }
}
