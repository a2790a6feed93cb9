import { getRecord } from 'lightning/uiRecordApi';
import KeyAccountBadge from 'c/keyAccountBadge';
import {
    expectAccessible,
    flushPromises,
    mount,
    removeAllComponents,
    shadowQuery,
} from 'test-utils';
import tier1Account from './data/tier1Account.json';
import unscoredAccount from './data/unscoredAccount.json';

// sfdx-lwc-jest stubs getRecord with a test wire adapter that tests drive with emit/error.
const getRecordAdapter = getRecord as unknown as {
    emit(value: unknown): void;
    error(body?: unknown, status?: number, statusText?: string): void;
};

function textOf(element: HTMLElement, dataId: string): string | undefined {
    return shadowQuery(element, `[data-id="${dataId}"]`)?.textContent?.trim();
}

describe('c-key-account-badge', () => {
    afterEach(removeAllComponents);

    it('shows a loading status until the record arrives', async () => {
        const element = mount('c-key-account-badge', KeyAccountBadge, {
            recordId: '001000000000001AAA',
        });
        await flushPromises();
        expect(shadowQuery(element, '[role="status"]')?.textContent).toContain('Loading');
        await expectAccessible(element);
    });

    it('shows tier, rounded score, segment and its playbook for a key account', async () => {
        const element = mount('c-key-account-badge', KeyAccountBadge, {
            recordId: '001000000000001AAA',
        });
        getRecordAdapter.emit(tier1Account);
        await flushPromises();

        expect(textOf(element, 'headline')).toBe('Key account · Tier 1');
        expect(textOf(element, 'status-badge')).toBe('Selected');
        expect(textOf(element, 'score')).toBe('78 / 100');
        expect(textOf(element, 'segment')).toBe('Invest');
        expect(textOf(element, 'playbook')).toContain('grow the relationship');
        expect(shadowQuery(element, '[data-id="status-badge"]')?.className).toContain(
            'slds-theme_success',
        );
        await expectAccessible(element);
    });

    it('says plainly when the account is not a key account and not scored yet', async () => {
        const element = mount('c-key-account-badge', KeyAccountBadge, {
            recordId: '001000000000002AAA',
        });
        getRecordAdapter.emit(unscoredAccount);
        await flushPromises();

        expect(textOf(element, 'headline')).toBe('Not a key account');
        expect(textOf(element, 'score')).toBe('Not scored yet');
        expect(textOf(element, 'status-badge')).toBe('Candidate');
        expect(shadowQuery(element, '[data-id="status-badge"]')?.className).not.toContain(
            'slds-theme_success',
        );
        expect(shadowQuery(element, '[data-id="segment"]')).toBeNull();
        expect(shadowQuery(element, '[data-id="playbook"]')).toBeNull();
        await expectAccessible(element);
    });

    it('shows the platform error message when the record cannot be read', async () => {
        const element = mount('c-key-account-badge', KeyAccountBadge, {
            recordId: '001000000000001AAA',
        });
        getRecordAdapter.error(
            { message: 'You do not have access to this record.' },
            403,
            'Forbidden',
        );
        await flushPromises();

        expect(textOf(element, 'error')).toContain('You do not have access to this record.');
        expect(shadowQuery(element, '[data-id="status"]')).toBeNull();
        await expectAccessible(element);
    });
});
