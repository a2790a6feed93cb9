import searchUsers from '@salesforce/apex/AccountPlanController.searchUsers';
import AccountPlanTeam from 'c/accountPlanTeam';
import { planDraftOf } from 'c/accountPlanModel';
import type { SObjectRecord } from 'c/accountPlanModel';
import {
    clone,
    expectAccessible,
    flushPromises,
    keystoneError,
    mount,
    removeAllComponents,
    shadowQuery,
    textOf,
} from 'test-utils';
import planFixture from '../../accountPlanEditor/__tests__/data/plan.json';

jest.mock(
    '@salesforce/apex/AccountPlanController.searchUsers',
    () => jest.requireActual('test-utils').apexMethodMock(),
    { virtual: true },
);

const searchUsersMock = searchUsers as unknown as jest.Mock;
type Picker = HTMLElement & { value: string; options: { value: string; label: string }[] };

async function renderTeam(props: Record<string, unknown> = {}): Promise<HTMLElement> {
    const element = mount('c-account-plan-team', AccountPlanTeam, {
        draft: planDraftOf(clone(planFixture.plan) as SObjectRecord),
        people: clone(planFixture.people),
        ...props,
    });
    await flushPromises();
    return element;
}

function picker(element: HTMLElement, key: string): Picker {
    const found = shadowQuery<Picker>(element, `[data-field="${key}"]`);
    if (!found) throw new Error(`no picker ${key}`);
    return found;
}

function search(element: HTMLElement, value: string): void {
    shadowQuery(element, '[data-id="people-search"]')?.dispatchEvent(
        new CustomEvent('change', { detail: { value } }),
    );
}

describe('c-account-plan-team', () => {
    afterEach(() => {
        removeAllComponents();
        jest.clearAllMocks();
    });

    it('shows who holds each role, offering everyone the plan names', async () => {
        const element = await renderTeam();
        expect(picker(element, 'keyAccountManagerId').value).toBe('005000000000001AAA');
        expect(picker(element, 'executiveSponsorId').value).toBe('');
        expect(picker(element, 'technicalLeadId').options.map((option) => option.label)).toEqual([
            'Nobody yet',
            'Ada Lovelace (Key Account Manager)',
            'Grace Hopper',
        ]);
        await expectAccessible(element);
    });

    it('reports a change and shows an error beside its role', async () => {
        const element = await renderTeam({
            errors: {
                keyAccountManagerId: 'Choose the key account manager before you activate the plan.',
            },
        });
        const changes: unknown[] = [];
        element.addEventListener('fieldchange', (event) =>
            changes.push((event as CustomEvent).detail),
        );
        picker(element, 'technicalLeadId').dispatchEvent(
            new CustomEvent('change', { detail: { value: '005000000000002AAA' } }),
        );
        expect(changes).toEqual([{ key: 'technicalLeadId', value: '005000000000002AAA' }]);
        expect(textOf(element, '[data-error="keyAccountManagerId"]')).toContain(
            'key account manager',
        );
    });

    it('finds someone else by name and offers them to the whole plan', async () => {
        searchUsersMock.mockResolvedValue([
            { id: '005000000000003AAA', name: 'Katherine Johnson', title: 'CSM' },
            { id: '005000000000001AAA', name: 'Ada Lovelace', title: 'Key Account Manager' },
        ]);
        const element = await renderTeam();
        const found: unknown[] = [];
        element.addEventListener('peoplefound', (event) =>
            found.push((event as CustomEvent).detail),
        );
        search(element, 'K');
        await flushPromises();
        expect(searchUsersMock).not.toHaveBeenCalled();
        search(element, 'Kat');
        await flushPromises();
        expect(searchUsersMock).toHaveBeenCalledWith({ searchText: 'Kat' });
        expect(found).toEqual([
            { people: [{ id: '005000000000003AAA', name: 'Katherine Johnson', title: 'CSM' }] },
        ]);
        expect(textOf(element, '[data-id="people-hint"]')).toBe(
            'Added to the pickers: Katherine Johnson.',
        );
    });

    it('says when nobody matches or the search fails', async () => {
        searchUsersMock.mockResolvedValueOnce([]);
        searchUsersMock.mockRejectedValueOnce(keystoneError('error', 'You cannot search users.'));
        const element = await renderTeam();
        search(element, 'Zed');
        await flushPromises();
        expect(textOf(element, '[data-id="people-hint"]')).toBe('Nobody active has that name.');
        search(element, 'Zoe');
        await flushPromises();
        expect(textOf(element, '[data-id="people-hint"]')).toBe('You cannot search users.');
    });
});
