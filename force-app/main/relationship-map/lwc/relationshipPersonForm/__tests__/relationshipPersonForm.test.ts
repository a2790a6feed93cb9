import saveStakeholder from '@salesforce/apex/RelationshipMapController.saveStakeholder';
import removeStakeholder from '@salesforce/apex/RelationshipMapController.removeStakeholder';
import RelationshipPersonForm from 'c/relationshipPersonForm';
import type { StakeholderView } from 'c/relationshipMapModel';
import {
    clone,
    dialogOf,
    expectAccessible,
    flushPromises,
    keystoneError,
    mount,
    pressEscapeIn,
    recordEvents,
    removeAllComponents,
    shadowQuery,
    textOf,
} from 'test-utils';
import mapData from '../../relationshipMap/__tests__/data/relationshipMap.json';

jest.mock(
    '@salesforce/apex/RelationshipMapController.saveStakeholder',
    () => jest.requireActual('test-utils').apexMethodMock(),
    { virtual: true },
);
jest.mock(
    '@salesforce/apex/RelationshipMapController.removeStakeholder',
    () => jest.requireActual('test-utils').apexMethodMock(),
    { virtual: true },
);

const saveMock = saveStakeholder as unknown as jest.Mock;
const removeMock = removeStakeholder as unknown as jest.Mock;
const ACCOUNT = '001000000000001AAA';
const AVERY = 'a0S000000000001AAA';
const BLAKE = 'a0S000000000002AAA';
const CASEY = 'a0S000000000003AAA';
const DREW = 'a0S000000000004AAA';

const people = (): StakeholderView[] => clone(mapData.stakeholders) as StakeholderView[];

async function renderForm(props: Record<string, unknown> = {}): Promise<HTMLElement> {
    const element = mount('c-relationship-person-form', RelationshipPersonForm, {
        accountId: ACCOUNT,
        data: clone(mapData),
        people: people(),
        ...props,
    });
    await flushPromises();
    return element;
}

function editing(id: string): Record<string, unknown> {
    return { person: people().find((person) => person.id === id) };
}

function field(element: HTMLElement, key: string): HTMLElement & { value?: unknown } {
    const found = shadowQuery(element, `[data-key="${key}"]`);
    if (!found) throw new Error(`field ${key} is not in the form`);
    return found as HTMLElement & { value?: unknown };
}

function change(target: Element, detail: Record<string, unknown>): void {
    target.dispatchEvent(new CustomEvent('change', { detail }));
}

function click(element: HTMLElement, dataId: string): void {
    const target = shadowQuery(element, `[data-id="${dataId}"]`);
    if (!target) throw new Error(`${dataId} is not rendered`);
    target.click();
}

describe('c-relationship-person-form', () => {
    afterEach(() => {
        removeAllComponents();
        jest.clearAllMocks();
    });

    it('adds a person with a new contact, starting from an empty seat', async () => {
        saveMock.mockResolvedValue('a0S000000000009AAA');
        const element = await renderForm({ presetRole: 'Procurement' });
        const seen = recordEvents(element, 'saved');
        expect(textOf(dialogOf(element), '.slds-modal__title')).toBe('Add a person to the map');
        expect(field(element, 'buyingRole').value).toBe('Procurement');
        const contacts = (
            field(element, 'contactId') as unknown as { options: { label: string }[] }
        ).options;
        expect(contacts.map((option) => option.label)).toEqual([
            'Frankie Moss (Procurement Lead)',
            'Create a new contact…',
        ]);

        change(field(element, 'contactId'), { value: '__new__' });
        await flushPromises();
        change(field(element, 'newFirstName'), { value: 'Frankie' });
        change(field(element, 'newLastName'), { value: 'Moss' });
        await flushPromises();
        click(element, 'save');
        await flushPromises();

        const { stakeholder, newContact } = saveMock.mock.calls[0][0];
        expect(stakeholder.Account__c).toBe(ACCOUNT);
        expect(stakeholder.BuyingRole__c).toBe('Procurement');
        expect(stakeholder.RelevantToBuyingGroup__c).toBe(true);
        expect(stakeholder.Contact__c).toBeUndefined();
        expect(newContact).toEqual({
            FirstName: 'Frankie',
            LastName: 'Moss',
            Title: null,
            Email: null,
        });
        expect(seen).toEqual([
            { name: 'saved', detail: { id: 'a0S000000000009AAA', name: 'Frankie Moss' } },
        ]);
        await expectAccessible(element);
    });

    it('checks the contact before saving and says so beside the field', async () => {
        const element = await renderForm();
        click(element, 'save');
        await flushPromises();
        expect(saveMock).not.toHaveBeenCalled();
        expect(textOf(element, '[data-error-for="contactId"]')).toBe(
            'Choose the contact this person is, or create a new one.',
        );
        expect(textOf(element, '[data-id="form-error"]')).toBe('Check the highlighted fields.');
        await expectAccessible(element);
    });

    it('shows server field errors beside their fields and keeps everything typed', async () => {
        saveMock.mockRejectedValue(
            keystoneError('fieldErrors', 'Check the highlighted fields.', {
                ReportsTo__c: ['Avery Chen already reports to Drew Kim; choose someone else.'],
            }),
        );
        const element = await renderForm(editing(DREW));
        const seen = recordEvents(element, 'saved', 'close');
        expect(textOf(dialogOf(element), '.slds-modal__title')).toBe('Edit Drew Kim');
        change(field(element, 'sentiment'), { value: 'Supporter' });
        change(field(element, 'notes'), { value: 'Met at the summit.' });
        change(field(element, 'reportsToId'), { value: BLAKE });
        await flushPromises();
        click(element, 'save');
        await flushPromises();

        expect(saveMock.mock.calls[0][0].stakeholder).toMatchObject({
            Id: DREW,
            Sentiment__c: 'Supporter',
            Notes__c: 'Met at the summit.',
            ReportsTo__c: BLAKE,
        });
        expect(textOf(element, '[data-error-for="reportsToId"]')).toContain('already reports to');
        expect(field(element, 'sentiment').value).toBe('Supporter');
        expect(field(element, 'notes').value).toBe('Met at the summit.');
        expect(seen).toEqual([]);
        await expectAccessible(element);
    });

    it('does not offer the person, or anyone who reports to them, as their manager', async () => {
        const element = await renderForm(editing(CASEY));
        const options = (
            field(element, 'reportsToId') as unknown as { options: { value: string }[] }
        ).options;
        const values = options.map((option) => option.value);
        expect(values).toContain(AVERY);
        expect(values).not.toContain(CASEY);
        expect(values).not.toContain(DREW);
    });

    it('keeps focus inside the dialog and closes with Escape', async () => {
        const element = await renderForm();
        const seen = recordEvents(element, 'close');
        const host = dialogOf(element);
        const dialog = shadowQuery(host, '[data-id="dialog"]');
        expect(element.shadowRoot?.activeElement).toBe(host);
        expect(host.shadowRoot?.activeElement).toBe(dialog);
        shadowQuery(host, '[data-id="trap-end"]')?.dispatchEvent(new FocusEvent('focus'));
        expect(host.shadowRoot?.activeElement).toBe(dialog);
        pressEscapeIn(element);
        expect(seen.map((event) => event.name)).toEqual(['close']);
    });

    it('removes a person after asking, and says why when it cannot', async () => {
        removeMock.mockRejectedValueOnce(keystoneError('error', 'You cannot remove people here.'));
        removeMock.mockResolvedValueOnce(undefined);
        const element = await renderForm(editing(DREW));
        const seen = recordEvents(element, 'removed');
        click(element, 'remove');
        await flushPromises();
        expect(textOf(element, '[data-id="remove-question"]')).toBe(
            'Remove Drew Kim from the relationship map? The contact stays in Salesforce.',
        );
        click(element, 'confirm-remove');
        await flushPromises();
        expect(textOf(element, '[data-id="form-error"]')).toBe('You cannot remove people here.');
        expect(seen).toEqual([]);

        click(element, 'remove');
        await flushPromises();
        click(element, 'confirm-remove');
        await flushPromises();
        expect(removeMock).toHaveBeenLastCalledWith({ stakeholderId: DREW });
        expect(seen).toEqual([{ name: 'removed', detail: { id: DREW, name: 'Drew Kim' } }]);
    });

    it('offers no remove without delete access', async () => {
        const data = clone(mapData);
        data.canDelete = false;
        const element = await renderForm({ ...editing(DREW), data });
        expect(shadowQuery(element, '[data-id="remove"]')).toBeNull();
    });
});
