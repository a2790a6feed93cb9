import getHealth from '@salesforce/apex/AccountHealthController.getHealth';
import acknowledgeSignal from '@salesforce/apex/AccountHealthController.acknowledgeSignal';
import resolveSignal from '@salesforce/apex/AccountHealthController.resolveSignal';
import AccountHealth from 'c/accountHealth';
import { registerRefreshHandler, unregisterRefreshHandler } from 'lightning/refresh';
import {
    clone,
    expectAccessible,
    flushPromises,
    keystoneError,
    mount,
    removeAllComponents,
    shadowQuery,
    shadowQueryAll,
    textOf,
} from 'test-utils';
import type { TestWireAdapter } from 'test-utils';
import health from './data/health.json';
import noPlan from './data/noPlan.json';

jest.mock(
    '@salesforce/apex/AccountHealthController.getHealth',
    () => jest.requireActual('test-utils').apexWireMock(),
    { virtual: true },
);
jest.mock(
    '@salesforce/apex/AccountHealthController.acknowledgeSignal',
    () => jest.requireActual('test-utils').apexMethodMock(),
    { virtual: true },
);
jest.mock(
    '@salesforce/apex/AccountHealthController.resolveSignal',
    () => jest.requireActual('test-utils').apexMethodMock(),
    { virtual: true },
);

const healthAdapter = getHealth as unknown as TestWireAdapter;
const acknowledgeMock = acknowledgeSignal as unknown as jest.Mock;
const resolveMock = resolveSignal as unknown as jest.Mock;

const CHAMPION_COLD = 'a0H000000000001AAA';
const ESCALATION = 'a0H000000000002AAA';

async function renderHealth(data: unknown = health): Promise<HTMLElement> {
    const element = mount('c-account-health', AccountHealth, { recordId: '001000000000001AAA' });
    healthAdapter.emit(data);
    await flushPromises();
    return element;
}

function button(element: HTMLElement, signalId: string, action: string): HTMLElement | null {
    return shadowQuery(element, `[data-signal-id="${signalId}"][data-action="${action}"]`);
}

describe('c-account-health', () => {
    afterEach(() => {
        removeAllComponents();
        jest.clearAllMocks();
    });

    it('shows the score, band and trend against the previous score', async () => {
        const element = await renderHealth();

        expect(textOf(element, '[data-id="score"]')).toBe('70 / 100');
        expect(textOf(element, '[data-id="band"]')).toBe('Healthy');
        expect(shadowQuery(element, '[data-id="band"]')?.className).toContain('slds-theme_success');
        expect(textOf(element, '[data-id="trend"]')).toBe('Declining: down 6 points from 76');
        expect(shadowQuery(element, '[data-id="live-score"]')).toBeNull();
        await expectAccessible(element);
    });

    it('explains the score part by part with the engine', async () => {
        const element = await renderHealth();

        const rows = shadowQueryAll(element, '[data-part]');
        expect(rows.map((row) => row.dataset.part)).toEqual([
            'coverage',
            'executive',
            'revenueRetention',
            'pipeline',
            'whitespace',
            'planFreshness',
            'signals',
        ]);
        expect(textOf(element, '[data-part="coverage"]')).toContain('40%');
        expect(textOf(element, '[data-part="executive"]')).toContain(
            'Sponsor last spoken to 56 days ago',
        );
        expect(textOf(element, '[data-part="revenueRetention"]')).toContain(
            'Net revenue retention 108% of the year before',
        );
        expect(textOf(element, '[data-part="planFreshness"]')).toContain('Plan up to date');
        expect(textOf(element, '[data-part="signals"] [data-id="points"]')).toBe('9.0');
        const total = shadowQueryAll(element, '[data-id="points"]').reduce(
            (sum, cell) => sum + Number(cell.textContent),
            0,
        );
        expect(Math.round(total)).toBe(70);
    });

    it('answers what changed since the last review, part by part', async () => {
        const data = clone(health) as typeof health & { reviewSnapshot?: unknown };
        data.reviewSnapshot = {
            snapshotDate: '2026-11-01',
            reason: 'Review',
            healthScore: 76,
            healthBand: 'Healthy',
            parts: {
                coverage: 100,
                executive: 100,
                revenueRetention: 70,
                pipeline: 100,
                whitespace: 25,
                planFreshness: 100,
                signals: 60,
            },
        };
        const element = await renderHealth(data);

        expect(textOf(element, '[data-id="since-review"] h3')).toBe(
            'Since the last review (2026-11-01)',
        );
        expect(textOf(element, '[data-id="since-review-score"]')).toBe('Health 76 → 70 (-6).');
        // Largest move first.
        const moves = shadowQueryAll(element, '[data-change]').map((item) =>
            Math.abs(Number(/\(([-+][\d.]+)\)$/.exec(item.textContent ?? '')?.[1] ?? 0)),
        );
        expect(moves).toEqual([...moves].sort((a, b) => b - a));
        expect(textOf(element, '[data-change="coverage"]')).toBe(
            'Stakeholder coverage: 100 → 66.67 of 100 (-33.3)',
        );
        expect(shadowQuery(element, '[data-change="coverage"]')?.className).toContain(
            'slds-text-color_error',
        );
        // Parts that did not move are left out.
        expect(shadowQuery(element, '[data-change="signals"]')).toBeNull();
        await expectAccessible(element);
    });

    it('leaves the comparison out when there is no review snapshot', async () => {
        const element = await renderHealth();
        expect(shadowQuery(element, '[data-id="since-review"]')).toBeNull();
    });

    it('shows NRR and GRR with their band, and what they mean', async () => {
        const element = await renderHealth();

        expect(textOf(element, '[data-id="nrr"]')).toContain('108%');
        expect(textOf(element, '[data-id="retention-band"]')).toBe('Holding');
        expect(shadowQuery(element, '[data-id="retention-band"]')?.className).toContain(
            'slds-theme_warning',
        );
        expect(textOf(element, '[data-id="grr"]')).toBe('96%');
        expect(textOf(element, '[data-id="retention-summary"]')).toBe(
            'NRR 108%: holding, not yet healthy (above 110% is healthy, 120% best in class, below 100% leaking). Recurring revenue a year ago 250,000; change since +20,000.',
        );
        await expectAccessible(element);
    });

    it('says why retention is not measured when the base a year ago is tiny', async () => {
        const tiny = {
            ...health,
            plan: {
                ...health.plan,
                netRevenueRetention: null,
                grossRevenueRetention: null,
                retentionBand: 'Not measured',
                retentionBase: 2000,
                retentionNetChange: 15000,
            },
        };
        const element = await renderHealth(tiny);

        expect(textOf(element, '[data-id="nrr"]')).toContain('Not measured');
        expect(shadowQuery(element, '[data-id="grr"]')).toBeNull();
        expect(textOf(element, '[data-id="retention-summary"]')).toBe(
            'Net revenue retention not measured: recurring revenue a year ago (2,000) is below the 10,000 minimum, so a percentage would mislead. Change over 12 months: +15,000.',
        );
    });

    it('shows coverage of the buying group and its empty seats as the work list', async () => {
        const element = await renderHealth();

        expect(textOf(element, '[data-id="coverage-depth"]')).toBe(
            '40% of the buying group engaged (target 60–70%)',
        );
        expect(textOf(element, '[data-id="coverage-seats"]')).toBe(
            '4 of 10 seats engaged in the last 90 days; buying group of 10 (the default for this kind of account).',
        );
        expect(textOf(element, '[data-id="empty-seats"]')).toBe(
            '6 empty seats: 4 people still to find, 2 mapped but not engaged.',
        );
    });

    it('says how current the figures are, a failed recompute and what it left out', async () => {
        const failing = {
            ...health,
            plan: {
                ...health.plan,
                recomputePending: true,
                lastRecomputeError: 'System.LimitException: Too many query rows: 50001',
                lastRecomputeErrorAt: '2026-11-27T06:00:00.000Z',
                recomputeWarnings:
                    '1 opportunities with a negative amount are left out\nStakeholder "Ann": buying role "Influencer" is not a Keystone role',
            },
        };
        const element = await renderHealth(failing);

        expect(textOf(element, '[data-recompute="last"]')).toBe(
            'Figures last recomputed Nov 26, 2026, 6:00 AM UTC.',
        );
        expect(textOf(element, '[data-recompute="pending"]')).toContain('waiting to run');
        expect(textOf(element, '[data-recompute="error"]')).toBe(
            'The last recompute failed (Nov 27, 2026, 6:00 AM UTC): System.LimitException: Too many query rows: 50001',
        );
        expect(shadowQuery(element, '[data-recompute="error"]')?.className).toContain(
            'slds-text-color_error',
        );
        expect(textOf(element, '[data-recompute="warning-1"]')).toBe(
            'Left out: Stakeholder "Ann": buying role "Influencer" is not a Keystone role',
        );
        const help = shadowQuery(element, '[data-id="activity-capture-help"]') as
            (HTMLElement & { content?: string }) | null;
        expect(help?.content).toContain('Einstein Activity Capture');
        await expectAccessible(element);
    });

    it('shows no failure or warning after a clean recompute', async () => {
        const element = await renderHealth();

        expect(textOf(element, '[data-recompute="last"]')).toBe(
            'Figures last recomputed Nov 26, 2026, 6:00 AM UTC.',
        );
        expect(shadowQuery(element, '[data-recompute="error"]')).toBeNull();
        expect(shadowQuery(element, '[data-recompute="pending"]')).toBeNull();
        expect(shadowQuery(element, '[data-recompute="warning-0"]')).toBeNull();
    });

    it('caps a single-threaded account at Watch and says why', async () => {
        const single = {
            ...health,
            plan: { ...health.plan, singleThreaded: true, healthBand: 'Watch' },
        };
        const element = await renderHealth(single);

        expect(textOf(element, '[data-id="band"]')).toBe('Watch');
        expect(textOf(element, '[data-id="band-cap"]')).toContain('Capped at Watch');
        const plain = await renderHealth();
        expect(shadowQuery(plain, '[data-id="band-cap"]')).toBeNull();
    });

    it('lays the parts out as a stacked list that fits the narrow sidebar', async () => {
        const element = await renderHealth();

        // No wide table: each part is a list item with its figures as text and a labelled bar.
        expect(shadowQuery(element, '[data-id="parts"] table')).toBeNull();
        expect(shadowQueryAll(element, '[data-id="parts"] li[data-part]')).toHaveLength(7);
        expect(textOf(element, '[data-id="parts"] h3')).toBe('What makes up the score');
        const signals = textOf(element, '[data-part="signals"]');
        // Weights are relative: the part says what it brings of the most it can bring.
        expect(signals).toContain('9.0 of 15 points');
        expect(textOf(element, '[data-part="signals"] [data-id="measured"]')).toBe(
            'Open signals take 40 points off',
        );
        const bar = shadowQuery(element, '[data-part="coverage"] [role="progressbar"]');
        expect(bar?.getAttribute('aria-label')).toBe('Stakeholder coverage: 66.67 of 100');
        await expectAccessible(element);
    });

    it('lists open signals by severity and the plays they raised', async () => {
        const element = await renderHealth();

        const signals = shadowQueryAll(element, '[data-signal]');
        expect(signals.map((item) => item.dataset.signal)).toEqual([CHAMPION_COLD, ESCALATION]);
        expect(textOf(element, '[data-id="signals"] h3')).toBe('Open signals (2)');
        expect(button(element, CHAMPION_COLD, 'acknowledge')).not.toBeNull();
        expect(button(element, ESCALATION, 'acknowledge')).toBeNull();
        expect(button(element, ESCALATION, 'resolve')).not.toBeNull();

        const plays = shadowQueryAll(element, '[data-play]');
        expect(plays).toHaveLength(2);
        expect(textOf(element, '[data-play="00T000000000001AAA"]')).toContain(
            'Re-engage the champion',
        );
        expect(textOf(element, '[data-play="00T000000000001AAA"]')).toContain('Jordan Diaz');
        expect(textOf(element, '[data-play="00T000000000001AAA"]')).toContain('Overdue');
        expect(textOf(element, '[data-play="00T000000000002AAA"]')).not.toContain('Overdue');
        await expectAccessible(element);
    });

    it('acknowledges a signal', async () => {
        acknowledgeMock.mockResolvedValue(undefined);
        const element = await renderHealth();
        button(element, CHAMPION_COLD, 'acknowledge')?.click();
        await flushPromises();

        expect(acknowledgeMock).toHaveBeenCalledWith({ signalId: CHAMPION_COLD });
        expect(textOf(element, `[data-signal="${CHAMPION_COLD}"] [data-id="signal-status"]`)).toBe(
            'Acknowledged',
        );
        expect(button(element, CHAMPION_COLD, 'acknowledge')).toBeNull();
        expect(textOf(element, '[data-id="status"]')).toBe('Champion Cold acknowledged.');
    });

    it('asks the rest of the page to reload after a change, and only after a successful one', async () => {
        const refreshEvents: Event[] = [];
        const listener = (event: Event) => refreshEvents.push(event);
        // The sfdx-lwc-jest stub of lightning/refresh names its event lightning__refresh.
        document.addEventListener('lightning__refresh', listener);
        try {
            acknowledgeMock.mockResolvedValue(undefined);
            const element = await renderHealth();
            button(element, CHAMPION_COLD, 'acknowledge')?.click();
            await flushPromises();
            expect(refreshEvents).toHaveLength(1);
            expect(refreshEvents[0]?.bubbles && refreshEvents[0]?.composed).toBe(true);

            resolveMock.mockRejectedValue(keystoneError('error', 'No access.'));
            button(element, CHAMPION_COLD, 'resolve')?.click();
            await flushPromises();
            await flushPromises();
            expect(refreshEvents).toHaveLength(1);
        } finally {
            document.removeEventListener('lightning__refresh', listener);
        }
    });

    it('reloads its figures when the page refreshes, and stops when removed', async () => {
        const element = await renderHealth();
        const registerMock = registerRefreshHandler as unknown as jest.Mock;
        const [, handler] = registerMock.mock.calls[registerMock.mock.calls.length - 1] as [
            unknown,
            () => Promise<boolean>,
        ];
        await expect(handler()).resolves.toBe(true);
        removeAllComponents();
        expect(element.isConnected).toBe(false);
        expect(unregisterRefreshHandler).toHaveBeenCalled();
    });

    it('resolves a signal at once and shows what the score would become', async () => {
        let finish: (value: unknown) => void = () => undefined;
        resolveMock.mockReturnValue(new Promise((resolve) => (finish = resolve)));
        const element = await renderHealth();
        button(element, CHAMPION_COLD, 'resolve')?.click();
        await flushPromises();

        // Optimistic: gone from the list before the server answers.
        expect(shadowQuery(element, `[data-signal="${CHAMPION_COLD}"]`)).toBeNull();
        expect(textOf(element, '[data-id="live-score"]')).toContain('works out at 73');
        finish(undefined);
        await flushPromises();
        expect(textOf(element, '[data-id="status"]')).toBe('Champion Cold resolved.');
    });

    it('puts the signal back and says why when resolving fails', async () => {
        resolveMock.mockRejectedValue(
            keystoneError('error', 'You do not have permission to change this record.'),
        );
        const element = await renderHealth();
        button(element, CHAMPION_COLD, 'resolve')?.click();
        await flushPromises();
        await flushPromises();

        expect(shadowQuery(element, `[data-signal="${CHAMPION_COLD}"]`)).not.toBeNull();
        expect(textOf(element, `[data-signal-error="${CHAMPION_COLD}"]`)).toBe(
            'Champion Cold could not be resolved: You do not have permission to change this record.',
        );
        expect(shadowQuery(element, '[data-id="live-score"]')).toBeNull();
        await expectAccessible(element);
    });

    it('hides the signal actions from users who cannot update signals', async () => {
        const element = await renderHealth({ ...health, canUpdateSignals: false });
        expect(shadowQueryAll(element, '[data-action]')).toHaveLength(0);
        expect(shadowQueryAll(element, '[data-signal]')).toHaveLength(2);
    });

    it('says plainly when there is no plan, no signal and no play', async () => {
        const element = await renderHealth(noPlan);

        expect(textOf(element, '[data-id="no-plan"]')).toContain('no active key account plan');
        expect(shadowQuery(element, '[data-id="score"]')).toBeNull();
        expect(textOf(element, '[data-id="no-signals"]')).toBe('No open health signals.');
        expect(textOf(element, '[data-id="no-plays"]')).toBe('No plays raised.');
        await expectAccessible(element);
    });

    it('shows the reason when health cannot be loaded', async () => {
        const element = mount('c-account-health', AccountHealth, {
            recordId: '001000000000001AAA',
        });
        healthAdapter.error(
            keystoneError('error', 'You cannot see the health of this account.').body,
        );
        await flushPromises();

        expect(textOf(element, '[data-id="load-error"]')).toBe(
            'Account health could not be loaded: You cannot see the health of this account.',
        );
        expect(shadowQuery(element, '[data-id="signals"]')).toBeNull();
        await expectAccessible(element);
    });
});
