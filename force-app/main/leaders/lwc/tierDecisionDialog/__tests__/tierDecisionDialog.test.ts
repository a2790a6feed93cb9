import TierDecisionDialog from 'c/tierDecisionDialog';
import {
    expectAccessible,
    flushPromises,
    mount,
    pressEscapeIn,
    removeAllComponents,
    shadowQuery,
    textOf,
} from 'test-utils';

const TIERS = ['Tier 1', 'Tier 2', 'Tier 3', 'Not a key account'];
const INITECH = {
    id: '001000000000004AAA',
    name: 'Initech',
    tier: 'Tier 1',
    suggestedTier: 'Not a key account',
};

describe('c-tier-decision-dialog', () => {
    afterEach(() => removeAllComponents());

    it('says it is checking capacity until the warnings arrive', async () => {
        const element = mount('c-tier-decision-dialog', TierDecisionDialog, {
            mode: 'accept',
            accounts: [INITECH],
            tiers: TIERS,
            warnings: null,
        });
        await flushPromises();
        expect(textOf(element, '[data-id="warnings-loading"]')).toBe(
            'Checking capacity per manager…',
        );
        expect(textOf(element, '[data-id="changes"]')).toBe('Initech: Tier 1 → Not a key account');
        await expectAccessible(element);
    });

    it('starts an override at the suggestion and sends the tier and reason', async () => {
        const element = mount('c-tier-decision-dialog', TierDecisionDialog, {
            mode: 'override',
            accounts: [INITECH],
            tiers: TIERS,
            warnings: [],
        });
        const confirmed = jest.fn();
        element.addEventListener('confirm', (event) => confirmed((event as CustomEvent).detail));
        await flushPromises();
        expect((shadowQuery(element, '[data-id="tier"]') as HTMLInputElement).value).toBe(
            'Not a key account',
        );
        expect(textOf(element, '[data-id="no-warnings"]')).toBe(
            'Every manager concerned stays within the capacity policy.',
        );
        shadowQuery(element, '[data-id="reason"]')?.dispatchEvent(
            new CustomEvent('change', { detail: { value: 'Losing the contract.' } }),
        );
        shadowQuery(element, '[data-id="confirm"]')?.click();
        expect(confirmed).toHaveBeenCalledWith({
            tier: 'Not a key account',
            reason: 'Losing the contract.',
        });
        await expectAccessible(element);
    });

    it('does not confirm twice while saving and cancels on Escape only when idle', async () => {
        const element = mount('c-tier-decision-dialog', TierDecisionDialog, {
            mode: 'accept',
            accounts: [INITECH],
            tiers: TIERS,
            warnings: [],
            saving: true,
        });
        const confirmed = jest.fn();
        const cancelled = jest.fn();
        element.addEventListener('confirm', confirmed);
        element.addEventListener('cancel', cancelled);
        await flushPromises();
        shadowQuery(element, '[data-id="confirm"]')?.click();
        pressEscapeIn(element);
        expect(confirmed).not.toHaveBeenCalled();
        expect(cancelled).not.toHaveBeenCalled();
    });
});
