import WhitespaceCellEditor from 'c/whitespaceCellEditor';
import saveCell from '@salesforce/apex/WhitespaceGridController.saveCell';
import searchUsers from '@salesforce/apex/WhitespaceGridController.searchUsers';
import createOpportunityFromCell from '@salesforce/apex/WhitespaceGridController.createOpportunityFromCell';
import {
    clone,
    dialogOf,
    expectAccessible,
    flushPromises,
    keystoneError,
    mount,
    navigateMock,
    pressEscapeIn,
    recordEvents,
    removeAllComponents,
    shadowQuery,
    textOf,
} from 'test-utils';
import gridFixture from '../../whitespaceGrid/__tests__/data/grid.json';

jest.mock(
    '@salesforce/apex/WhitespaceGridController.saveCell',
    () => jest.requireActual('test-utils').apexMethodMock(),
    { virtual: true },
);
jest.mock(
    '@salesforce/apex/WhitespaceGridController.searchUsers',
    () => jest.requireActual('test-utils').apexMethodMock(),
    { virtual: true },
);
jest.mock(
    '@salesforce/apex/WhitespaceGridController.createOpportunityFromCell',
    () => jest.requireActual('test-utils').apexMethodMock(),
    { virtual: true },
);

const saveCellMock = saveCell as unknown as jest.Mock;
const searchUsersMock = searchUsers as unknown as jest.Mock;
const createOpportunityMock = createOpportunityFromCell as unknown as jest.Mock;

const ACCOUNT_ID = '001000000000001AAA';
const ANALYTICS = '01t000000000001AAA';
const SUPPORT = '01t000000000002AAA';

type Field = HTMLElement & { value: string; options?: { value: string; label: string }[] };

async function renderEditor(props: Record<string, unknown> = {}): Promise<HTMLElement> {
    const element = mount('c-whitespace-cell-editor', WhitespaceCellEditor, {
        accountId: ACCOUNT_ID,
        accountName: 'Globex',
        cell: clone(gridFixture.cells[0]),
        rowLabel: 'EMEA',
        productId: ANALYTICS,
        productName: 'Analytics',
        statuses: gridFixture.statuses,
        owners: gridFixture.people,
        canCreateOpportunity: true,
        ...props,
    });
    await flushPromises();
    return element;
}

function field(element: HTMLElement, name: string): Field {
    const found = shadowQuery<Field>(element, `[data-field="${name}"]`);
    if (!found) throw new Error(`no field ${name}`);
    return found;
}

function change(target: Element | null, value: unknown): void {
    if (!target) throw new Error('no input');
    target.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

function click(element: HTMLElement, dataId: string): void {
    const target = shadowQuery(element, `[data-id="${dataId}"]`);
    if (!target) throw new Error(`no ${dataId}`);
    target.click();
}

describe('c-whitespace-cell-editor', () => {
    afterEach(() => {
        removeAllComponents();
        jest.clearAllMocks();
    });

    it('opens with the cell as saved', async () => {
        const element = await renderEditor();
        expect(textOf(dialogOf(element), '.slds-modal__title')).toBe('EMEA × Analytics');
        expect(field(element, 'status').value).toBe('Whitespace');
        expect(field(element, 'estimatedValue').value).toBe('100000');
        expect(field(element, 'probability').value).toBe('40');
        expect(field(element, 'ownerId').value).toBe('005000000000001AAA');
        await expectAccessible(element);
    });

    it('rejects bad input beside the field, keeps what was typed and does not save', async () => {
        const element = await renderEditor();
        change(field(element, 'probability'), '150');
        change(field(element, 'estimatedValue'), '-5');
        change(field(element, 'status'), 'Competitor');
        await flushPromises();
        click(element, 'save-cell');
        await flushPromises();

        expect(saveCellMock).not.toHaveBeenCalled();
        expect(textOf(element, '[data-error="probability"]')).toBe(
            'Enter a probability from 0 to 100.',
        );
        expect(textOf(element, '[data-error="estimatedValue"]')).toBe(
            'Estimated value cannot be negative.',
        );
        expect(textOf(element, '[data-error="competitor"]')).toContain('Name the competitor');
        expect(field(element, 'probability').value).toBe('150');
        await expectAccessible(element);
    });

    it('shows a server error beside its field and keeps the draft', async () => {
        saveCellMock.mockRejectedValue(
            keystoneError('fieldErrors', 'Check the highlighted fields.', {
                Competitor__c: ['Name the competitor (server).'],
            }),
        );
        const element = await renderEditor();
        const seen = recordEvents(element, 'saved');
        change(field(element, 'competitor'), 'Initech');
        change(field(element, 'estimatedValue'), '125000');
        await flushPromises();
        click(element, 'save-cell');
        await flushPromises();

        const sent = saveCellMock.mock.calls[0][0].cell;
        expect(sent.Id).toBe('a0C000000000001AAA');
        expect(sent.EstimatedValue__c).toBe(125000);
        expect(textOf(element, '[data-error="competitor"]')).toBe('Name the competitor (server).');
        expect(textOf(element, '[data-id="form-error"]')).toContain('Nothing you typed was lost');
        expect(field(element, 'estimatedValue').value).toBe('125000');
        expect(seen).toEqual([]);
        await expectAccessible(element);
    });

    it('offers the account team as owners and finds anyone else by name', async () => {
        searchUsersMock.mockResolvedValue([
            { id: '005000000000009AAA', name: 'Katherine Johnson' },
        ]);
        const saved = { ...clone(gridFixture.cells[0]), ownerId: '005000000000009AAA' };
        saveCellMock.mockResolvedValue(saved);
        const element = await renderEditor();
        const seen = recordEvents(element, 'saved');
        expect(field(element, 'ownerId').options?.map((option) => option.label)).toEqual([
            'No owner',
            'Ada Lovelace',
            'Grace Hopper',
            'Me',
        ]);
        change(shadowQuery(element, '[data-id="owner-search"]'), 'Kat');
        await flushPromises();
        expect(searchUsersMock).toHaveBeenCalledWith({ searchText: 'Kat' });
        expect(field(element, 'ownerId').options?.map((option) => option.label)).toContain(
            'Katherine Johnson',
        );
        change(field(element, 'ownerId'), '005000000000009AAA');
        await flushPromises();
        click(element, 'save-cell');
        await flushPromises();
        expect(saveCellMock.mock.calls[0][0].cell.Owner__c).toBe('005000000000009AAA');
        expect(seen).toEqual([{ name: 'saved', detail: { cell: saved } }]);
    });

    it('creates a missing cell with its account, business unit and product', async () => {
        saveCellMock.mockResolvedValue({
            ...clone(gridFixture.cells[0]),
            id: 'a0C000000000009AAA',
        });
        const element = await renderEditor({
            cell: undefined,
            rowLabel: 'Americas',
            productId: SUPPORT,
            productName: 'Support',
        });
        expect(field(element, 'status').value).toBe('Whitespace');
        change(field(element, 'estimatedValue'), '5000');
        await flushPromises();
        click(element, 'save-cell');
        await flushPromises();
        const sent = saveCellMock.mock.calls[0][0].cell;
        expect(sent.Id).toBeUndefined();
        expect(sent).toMatchObject({
            Account__c: ACCOUNT_ID,
            BusinessUnit__c: 'Americas',
            Product__c: SUPPORT,
            EstimatedValue__c: 5000,
        });
        expect(shadowQuery(element, '[data-id="start-opportunity"]')).toBeNull();
    });

    it('creates an opportunity from the cell, prefilled, and opens it', async () => {
        createOpportunityMock.mockResolvedValue('006000000000009AAA');
        const element = await renderEditor();
        const seen = recordEvents(element, 'opportunitycreated');
        click(element, 'start-opportunity');
        await flushPromises();
        expect(textOf(dialogOf(element), '.slds-modal__title')).toBe('Create an opportunity');
        expect(field(element, 'name').value).toBe('Globex – Analytics (EMEA)');
        expect(field(element, 'closeDate').value).toBe('2030-06-30');
        await expectAccessible(element);
        click(element, 'create-opportunity');
        await flushPromises();

        expect(createOpportunityMock).toHaveBeenCalledWith({
            cellId: 'a0C000000000001AAA',
            name: 'Globex – Analytics (EMEA)',
            amount: 100000,
            closeDate: '2030-06-30',
        });
        expect(seen).toEqual([
            {
                name: 'opportunitycreated',
                detail: { id: '006000000000009AAA', name: 'Globex – Analytics (EMEA)' },
            },
        ]);
        expect(navigateMock).toHaveBeenCalledWith({
            type: 'standard__recordPage',
            attributes: {
                recordId: '006000000000009AAA',
                objectApiName: 'Opportunity',
                actionName: 'view',
            },
        });
    });

    it('says why an opportunity could not be created and stays open', async () => {
        createOpportunityMock.mockRejectedValue(
            keystoneError('error', 'No open opportunity stage is available to you.'),
        );
        const element = await renderEditor();
        click(element, 'start-opportunity');
        await flushPromises();
        change(field(element, 'name'), '');
        await flushPromises();
        click(element, 'create-opportunity');
        await flushPromises();
        expect(textOf(element, '[data-error="opportunityName"]')).toBe('Enter a name.');
        change(field(element, 'name'), 'Globex expansion');
        await flushPromises();
        click(element, 'create-opportunity');
        await flushPromises();
        expect(textOf(element, '[data-id="form-error"]')).toBe(
            'No open opportunity stage is available to you.',
        );
        expect(navigateMock).not.toHaveBeenCalled();
    });

    it('shows the linked opportunity of an owned cell, and closes with Escape', async () => {
        const element = await renderEditor({
            cell: clone(gridFixture.cells[1]),
            productId: SUPPORT,
            productName: 'Support',
        });
        const seen = recordEvents(element, 'close');
        expect(textOf(element, '[data-id="linked-opportunity"]')).toContain('Closed Won');
        expect(shadowQuery(element, '[data-id="start-opportunity"]')).toBeNull();
        pressEscapeIn(element);
        expect(seen.map((event) => event.name)).toEqual(['close']);
    });
});
