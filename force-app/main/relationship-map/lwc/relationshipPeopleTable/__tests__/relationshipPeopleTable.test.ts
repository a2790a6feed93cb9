import RelationshipPeopleTable from 'c/relationshipPeopleTable';
import {
    clone,
    expectAccessible,
    flushPromises,
    mount,
    removeAllComponents,
    shadowQuery,
} from 'test-utils';
import mapData from '../../relationshipMap/__tests__/data/relationshipMap.json';

type Table = HTMLElement & {
    data: Record<string, unknown>[];
    columns: { label?: string; type?: string }[];
};

const DREW = 'a0S000000000004AAA';

async function renderTable(props: Record<string, unknown> = {}): Promise<HTMLElement> {
    const element = mount('c-relationship-people-table', RelationshipPeopleTable, {
        people: clone(mapData.stakeholders),
        today: '2026-11-26',
        windowDays: 90,
        canEdit: true,
        canDelete: true,
        ...props,
    });
    await flushPromises();
    return element;
}

function table(element: HTMLElement): Table {
    const found = shadowQuery<Table>(element, '[data-id="table"]');
    if (!found) throw new Error('no table');
    return found;
}

describe('c-relationship-people-table', () => {
    afterEach(removeAllComponents);

    it('lists everyone by name with manager, influence, owner and status in words', async () => {
        const element = await renderTable();
        const rows = table(element).data;
        expect(rows.map((row) => row.name)).toEqual([
            'Avery Chen',
            'Blake Ortiz',
            'Casey Patel',
            'Drew Kim',
            'Emery Novak',
        ]);
        const byName = (name: string) => rows.find((row) => row.name === name) ?? {};
        expect(byName('Drew Kim')).toMatchObject({
            reportsToName: 'Casey Patel',
            sentimentText: 'Skeptic',
            strengthText: 'Moderate',
            status: 'Engaged',
        });
        expect(byName('Casey Patel')).toMatchObject({
            influencesName: 'Blake Ortiz',
            status: 'Cold',
        });
        expect(byName('Emery Novak').status).toBe('Left the company');
        await expectAccessible(element);
    });

    it('sorts by a column, blanks last', async () => {
        const element = await renderTable();
        table(element).dispatchEvent(
            new CustomEvent('sort', {
                detail: { fieldName: 'internalOwnerName', sortDirection: 'desc' },
            }),
        );
        await flushPromises();
        expect(table(element).data.map((row) => row.internalOwnerName)).toEqual([
            'Sam Lee',
            'Sam Lee',
            'Jordan Diaz',
            'Jordan Diaz',
            null,
        ]);
    });

    it('opens or removes a person from the row actions', async () => {
        const element = await renderTable();
        const events: string[] = [];
        for (const name of ['personselect', 'personremove']) {
            element.addEventListener(name, (event) =>
                events.push(`${name} ${(event as CustomEvent<{ id: string }>).detail.id}`),
            );
        }
        for (const action of ['edit', 'remove']) {
            table(element).dispatchEvent(
                new CustomEvent('rowaction', {
                    detail: { action: { name: action }, row: { id: DREW } },
                }),
            );
        }
        expect(events).toEqual([`personselect ${DREW}`, `personremove ${DREW}`]);
    });

    it('offers no row actions to someone who cannot edit, and no remove without delete', async () => {
        const readOnly = await renderTable({ canEdit: false });
        expect(table(readOnly).columns.some((column) => column.type === 'action')).toBe(false);
        removeAllComponents();
        const noDelete = await renderTable({ canDelete: false });
        const actions = table(noDelete).columns.find((column) => column.type === 'action') as
            { typeAttributes: { rowActions: { name: string }[] } } | undefined;
        expect(actions?.typeAttributes.rowActions.map((action) => action.name)).toEqual(['edit']);
    });
});
