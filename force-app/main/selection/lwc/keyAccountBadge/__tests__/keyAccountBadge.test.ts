import { getRecord } from 'lightning/uiRecordApi';
import getCapacity from '@salesforce/apex/KeyAccountCapacityController.getCapacity';
import KeyAccountBadge from 'c/keyAccountBadge';
import {
    expectAccessible,
    flushPromises,
    keystoneError,
    mount,
    removeAllComponents,
    shadowQuery,
} from 'test-utils';
import type { TestWireAdapter } from 'test-utils';
import overCapacity from './data/overCapacity.json';
import withinPolicy from './data/withinPolicy.json';
import tier1Account from './data/tier1Account.json';
import unscoredAccount from './data/unscoredAccount.json';

jest.mock(
    '@salesforce/apex/KeyAccountCapacityController.getCapacity',
    () => jest.requireActual('test-utils').apexWireMock(),
    { virtual: true },
);

const capacityAdapter = getCapacity as unknown as TestWireAdapter;

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

    it('shows the owner over capacity with the policy and a warning in words', async () => {
        const element = mount('c-key-account-badge', KeyAccountBadge, {
            recordId: '001000000000001AAA',
        });
        getRecordAdapter.emit(tier1Account);
        capacityAdapter.emit(overCapacity);
        await flushPromises();

        expect(textOf(element, 'capacity-status')).toBe('Over capacity');
        expect(shadowQuery(element, '[data-id="capacity-status"]')?.className).toContain(
            'slds-theme_error',
        );
        expect(textOf(element, 'capacity-text')).toBe(
            'Jordan Diaz owns 11 Tier 1 accounts (policy 3–10) and 14 key accounts in all.',
        );
        expect(textOf(element, 'capacity-warning')).toBe(
            'Jordan Diaz owns 11 Tier 1 accounts; policy allows 10.',
        );
        await expectAccessible(element);
    });

    it('shows a manager within the policy without a warning', async () => {
        const element = mount('c-key-account-badge', KeyAccountBadge, {
            recordId: '001000000000001AAA',
        });
        getRecordAdapter.emit(tier1Account);
        capacityAdapter.emit(withinPolicy);
        await flushPromises();

        expect(textOf(element, 'capacity-status')).toBe('Within policy');
        expect(textOf(element, 'capacity-text')).toBe(
            'Jordan Diaz owns 4 Tier 1 accounts (policy 3–10) and 1 key account in all.',
        );
        expect(shadowQuery(element, '[data-id="capacity-warning"]')).toBeNull();
    });

    it('says when capacity cannot be loaded, and still shows the badge', async () => {
        const element = mount('c-key-account-badge', KeyAccountBadge, {
            recordId: '001000000000001AAA',
        });
        getRecordAdapter.emit(tier1Account);
        capacityAdapter.error(keystoneError('error', 'No access to capacity.').body);
        await flushPromises();

        expect(textOf(element, 'headline')).toBe('Key account · Tier 1');
        expect(textOf(element, 'capacity-error')).toBe(
            'Capacity could not be loaded: No access to capacity.',
        );
        expect(shadowQuery(element, '[data-id="capacity"]')).toBeNull();
        await expectAccessible(element);
    });
});
