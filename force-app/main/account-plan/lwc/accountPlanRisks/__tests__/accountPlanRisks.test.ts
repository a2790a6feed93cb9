import saveRisk from '@salesforce/apex/AccountPlanController.saveRisk';
import deleteChild from '@salesforce/apex/AccountPlanController.deleteChild';
import AccountPlanRisks from 'c/accountPlanRisks';
import {
    changeMessages,
    clickOn,
    clone,
    expectAccessible,
    flushPromises,
    keystoneError,
    mount,
    removeAllComponents,
    rowCells,
    shadowQuery,
    textOf,
    typeInto,
} from 'test-utils';
import planFixture from '../../accountPlanEditor/__tests__/data/plan.json';

jest.mock(
    '@salesforce/apex/AccountPlanController.saveRisk',
    () => jest.requireActual('test-utils').apexMethodMock(),
    { virtual: true },
);
jest.mock(
    '@salesforce/apex/AccountPlanController.deleteChild',
    () => jest.requireActual('test-utils').apexMethodMock(),
    { virtual: true },
);

const saveMock = saveRisk as unknown as jest.Mock;
const deleteMock = deleteChild as unknown as jest.Mock;
const PLAN = 'a01000000000001AAA';

async function renderRisks(props: Record<string, unknown> = {}): Promise<HTMLElement> {
    const element = mount('c-account-plan-risks', AccountPlanRisks, {
        records: clone(planFixture.risks),
        planId: PLAN,
        statusOptions: planFixture.picklists.riskStatus,
        likelihoodOptions: planFixture.picklists.riskLikelihood,
        impactOptions: planFixture.picklists.riskImpact,
        people: clone(planFixture.people),
        ...props,
    });
    await flushPromises();
    return element;
}

describe('c-account-plan-risks', () => {
    afterEach(() => {
        removeAllComponents();
        jest.clearAllMocks();
    });

    it('lists each risk: what, how likely and how bad, the mitigation, its owner and status', async () => {
        const element = await renderRisks();
        expect(rowCells(element, 'a04000000000001AAA').slice(0, 5)).toEqual([
            'Budget freeze / A freeze on new spend until the next fiscal year.',
            'Likelihood high, impact high',
            'Tie the renewal to savings. / By Dec 31, 2026',
            'Ada Lovelace',
            'Open',
        ]);
        await expectAccessible(element);
    });

    it('needs a name, and a mitigation owner unless the risk is closed', async () => {
        saveMock.mockResolvedValue('a04000000000009AAA');
        const element = await renderRisks();
        await clickOn(element, '[data-id="add-risk"]');
        await clickOn(element, '[data-id="save-risk"]');
        expect(textOf(element, '[data-error="name"]')).toBe('Name the risk.');
        expect(textOf(element, '[data-error="ownerId"]')).toBe('Choose who owns the mitigation.');
        await expectAccessible(element);

        await typeInto(element, 'name', 'Competitor pilot in APAC');
        await typeInto(element, 'status', 'Closed');
        await clickOn(element, '[data-id="save-risk"]');
        expect(saveMock).toHaveBeenCalledTimes(1);
    });

    it('saves a risk with every field', async () => {
        saveMock.mockResolvedValue('a04000000000009AAA');
        const element = await renderRisks();
        const seen = changeMessages(element);
        await clickOn(element, '[data-id="add-risk"]');
        await typeInto(element, 'name', 'Champion may leave');
        await typeInto(element, 'description', 'Our champion is interviewing elsewhere.');
        await typeInto(element, 'likelihood', 'Medium');
        await typeInto(element, 'impact', 'High');
        await typeInto(element, 'mitigation', 'Build a second champion in IT.');
        await typeInto(element, 'ownerId', '005000000000002AAA');
        await typeInto(element, 'mitigationDueDate', '2027-01-31');
        await clickOn(element, '[data-id="save-risk"]');
        expect(saveMock.mock.calls[0][0].risk).toEqual({
            AccountPlan__c: PLAN,
            Name: 'Champion may leave',
            Description__c: 'Our champion is interviewing elsewhere.',
            Likelihood__c: 'Medium',
            Impact__c: 'High',
            Mitigation__c: 'Build a second champion in IT.',
            MitigationOwner__c: '005000000000002AAA',
            MitigationDueDate__c: '2027-01-31',
            Status__c: 'Open',
        });
        expect(seen).toEqual(['Champion may leave was saved.']);
    });

    it('keeps the form and says why when the server refuses', async () => {
        saveMock.mockRejectedValue(
            keystoneError('error', 'You do not have permission to make this change.'),
        );
        const element = await renderRisks();
        await clickOn(element, '[data-action="edit"]');
        await typeInto(element, 'mitigation', 'A new mitigation that must survive.');
        await clickOn(element, '[data-id="save-risk"]');
        expect(textOf(element, '[data-id="form-error"]')).toBe(
            'You do not have permission to make this change.',
        );
        expect(
            (shadowQuery(element, '[data-field="mitigation"]') as unknown as { value: string })
                .value,
        ).toBe('A new mitigation that must survive.');
    });

    it('removes a risk only after asking', async () => {
        deleteMock.mockResolvedValue(undefined);
        const element = await renderRisks();
        await clickOn(element, '[data-action="remove"]');
        expect(deleteMock).not.toHaveBeenCalled();
        expect(textOf(element, '[data-row="a04000000000001AAA"]')).toContain('Remove it?');
        await clickOn(element, '[data-id="confirm-remove"]');
        expect(deleteMock).toHaveBeenCalledWith({ recordId: 'a04000000000001AAA' });
    });
});
