// Everyone on the relationship map as a table: the map's text equivalent, and where reporting
// lines the chart cannot draw (a loop) are fixed. Row actions open the person or remove them;
// the container does both.
import { LightningElement, api } from 'lwc';
import { sentimentOf, statusOf, strengthText } from 'c/relationshipMapModel';
import type { StakeholderView } from 'c/relationshipMapModel';

const COLUMNS = [
    { label: 'Name', fieldName: 'name', type: 'text', sortable: true },
    { label: 'Title', fieldName: 'title', type: 'text', sortable: true },
    { label: 'Buying role', fieldName: 'buyingRole', type: 'text', sortable: true },
    { label: 'Sentiment', fieldName: 'sentimentText', type: 'text', sortable: true },
    { label: 'Relationship', fieldName: 'strengthText', type: 'text', sortable: true },
    { label: 'Influence', fieldName: 'influence', type: 'text', sortable: true },
    { label: 'Function', fieldName: 'businessFunction', type: 'text', sortable: true },
    { label: 'Reports to', fieldName: 'reportsToName', type: 'text', sortable: true },
    { label: 'Influences', fieldName: 'influencesName', type: 'text', sortable: true },
    { label: 'Owner on our side', fieldName: 'internalOwnerName', type: 'text', sortable: true },
    { label: 'Last contact', fieldName: 'lastEngagedDate', type: 'date-local', sortable: true },
    {
        label: 'Activities, last 90 days',
        fieldName: 'engagementCount90Days',
        type: 'number',
        sortable: true,
    },
    { label: 'Status', fieldName: 'status', type: 'text', sortable: true },
];

type Row = StakeholderView & Record<string, unknown>;

export default class RelationshipPeopleTable extends LightningElement {
    @api people: StakeholderView[] = [];
    @api today = '';
    @api windowDays = 90;
    @api canEdit = false;
    @api canDelete = false;

    sortedBy = 'name';
    sortDirection: 'asc' | 'desc' = 'asc';

    get columns(): unknown[] {
        if (!this.canEdit) return COLUMNS;
        const actions = [{ label: 'Edit', name: 'edit' }];
        if (this.canDelete) actions.push({ label: 'Remove from the map', name: 'remove' });
        return [...COLUMNS, { type: 'action', typeAttributes: { rowActions: actions } }];
    }

    get rows(): Row[] {
        const byId = new Map(this.people.map((person) => [person.id, person]));
        const rows: Row[] = this.people.map((person) => ({
            ...person,
            sentimentText: sentimentOf(person),
            strengthText: strengthText(person),
            reportsToName: person.reportsToId ? (byId.get(person.reportsToId)?.name ?? '') : '',
            influencesName: person.influencesId ? (byId.get(person.influencesId)?.name ?? '') : '',
            status: this.today ? statusOf(person, this.today, this.windowDays) : '',
        }));
        const field = this.sortedBy;
        const direction = this.sortDirection === 'asc' ? 1 : -1;
        return rows.sort((a, b) => {
            const left = a[field];
            const right = b[field];
            if (left === right) return 0;
            if (left === null || left === undefined || left === '') return 1;
            if (right === null || right === undefined || right === '') return -1;
            return (
                (typeof left === 'number' && typeof right === 'number'
                    ? left - right
                    : String(left).localeCompare(String(right))) * direction
            );
        });
    }

    handleSort(event: CustomEvent<{ fieldName: string; sortDirection: 'asc' | 'desc' }>): void {
        this.sortedBy = event.detail.fieldName;
        this.sortDirection = event.detail.sortDirection;
    }

    handleRowAction(event: CustomEvent<{ action: { name: string }; row: { id: string } }>): void {
        const { action, row } = event.detail;
        const name = action.name === 'remove' ? 'personremove' : 'personselect';
        this.dispatchEvent(new CustomEvent(name, { detail: { id: row.id } }));
    }
}
