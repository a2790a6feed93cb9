import getHealth from '@salesforce/apex/AccountHealthController.getHealth';
import acknowledgeSignal from '@salesforce/apex/AccountHealthController.acknowledgeSignal';
import resolveSignal from '@salesforce/apex/AccountHealthController.resolveSignal';
import AccountHealth from 'c/accountHealth';
import {
    expectAccessible,
    flushPromises,
    mount,
    removeAllComponents,
    shadowQuery,
    shadowQueryAll,
} from 'test-utils';
import health from './data/health.json';
import noPlan from './data/noPlan.json';

jest.mock(
    '@salesforce/apex/AccountHealthController.getHealth',
    () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
        return { default: createApexTestWireAdapter(jest.fn()) };
    },
    { virtual: true },
);
jest.mock(
    '@salesforce/apex/AccountHealthController.acknowledgeSignal',
    () => ({ default: jest.fn() }),
    { virtual: true },
);
jest.mock(
    '@salesforce/apex/AccountHealthController.resolveSignal',
    () => ({ default: jest.fn() }),
    { virtual: true },
);

interface WireAdapterMock {
    emit(value: unknown): void;
    error(body?: unknown, status?: number, statusText?: string): void;
}

const healthAdapter = getHealth as unknown as WireAdapterMock;
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

function text(element: HTMLElement, selector: string): string {
    return shadowQuery(element, selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

function button(element: HTMLElement, signalId: string, action: string): HTMLElement | null {
    return shadowQuery(element, `[data-signal-id="${signalId}"][data-action="${action}"]`);
}

function keystoneError(message: string) {
    return {
        body: { message: JSON.stringify({ kind: 'error', message, fieldErrors: {} }) },
        status: 400,
    };
}

describe('c-account-health', () => {
    afterEach(() => {
        removeAllComponents();
        jest.clearAllMocks();
    });

    it('shows the score, band and trend against the previous score', async () => {
        const element = await renderHealth();

        expect(text(element, '[data-id="score"]')).toBe('70 / 100');
        expect(text(element, '[data-id="band"]')).toBe('Healthy');
        expect(shadowQuery(element, '[data-id="band"]')?.className).toContain('slds-theme_success');
        expect(text(element, '[data-id="trend"]')).toBe('Declining: -6 points vs previous 76');
        expect(shadowQuery(element, '[data-id="live-score"]')).toBeNull();
        await expectAccessible(element);
    });

    it('explains the score part by part with the engine', async () => {
        const element = await renderHealth();

        const rows = shadowQueryAll(element, '[data-part]');
        expect(rows.map((row) => row.dataset.part)).toEqual([
            'coverage',
            'executive',
            'revenueTrend',
            'pipeline',
            'whitespace',
            'planFreshness',
            'signals',
        ]);
        expect(text(element, '[data-part="coverage"]')).toContain('40%');
        expect(text(element, '[data-part="executive"]')).toContain('56 days');
        expect(text(element, '[data-part="revenueTrend"]')).toContain('+20%');
        expect(text(element, '[data-part="planFreshness"]')).toContain('Current');
        expect(text(element, '[data-part="signals"] [data-id="points"]')).toBe('9.0');
        const total = shadowQueryAll(element, '[data-id="points"]').reduce(
            (sum, cell) => sum + Number(cell.textContent),
            0,
        );
        expect(Math.round(total)).toBe(70);
    });

    it('lists open signals by severity and the plays they raised', async () => {
        const element = await renderHealth();

        const signals = shadowQueryAll(element, '[data-signal]');
        expect(signals.map((item) => item.dataset.signal)).toEqual([CHAMPION_COLD, ESCALATION]);
        expect(text(element, '[data-id="signals"] h3')).toBe('Open signals (2)');
        expect(button(element, CHAMPION_COLD, 'acknowledge')).not.toBeNull();
        expect(button(element, ESCALATION, 'acknowledge')).toBeNull();
        expect(button(element, ESCALATION, 'resolve')).not.toBeNull();

        const plays = shadowQueryAll(element, '[data-play]');
        expect(plays).toHaveLength(2);
        expect(text(element, '[data-play="00T000000000001AAA"]')).toContain(
            'Re-engage the champion',
        );
        expect(text(element, '[data-play="00T000000000001AAA"]')).toContain('Jordan Diaz');
        expect(text(element, '[data-play="00T000000000001AAA"]')).toContain('Overdue');
        expect(text(element, '[data-play="00T000000000002AAA"]')).not.toContain('Overdue');
        await expectAccessible(element);
    });

    it('acknowledges a signal', async () => {
        acknowledgeMock.mockResolvedValue(undefined);
        const element = await renderHealth();
        button(element, CHAMPION_COLD, 'acknowledge')?.click();
        await flushPromises();

        expect(acknowledgeMock).toHaveBeenCalledWith({ signalId: CHAMPION_COLD });
        expect(text(element, `[data-signal="${CHAMPION_COLD}"] [data-id="signal-status"]`)).toBe(
            'Acknowledged',
        );
        expect(button(element, CHAMPION_COLD, 'acknowledge')).toBeNull();
        expect(text(element, '[data-id="status"]')).toBe('Champion Cold acknowledged.');
    });

    it('resolves a signal at once and shows what the score would become', async () => {
        let finish: (value: unknown) => void = () => undefined;
        resolveMock.mockReturnValue(new Promise((resolve) => (finish = resolve)));
        const element = await renderHealth();
        button(element, CHAMPION_COLD, 'resolve')?.click();
        await flushPromises();

        // Optimistic: gone from the list before the server answers.
        expect(shadowQuery(element, `[data-signal="${CHAMPION_COLD}"]`)).toBeNull();
        expect(text(element, '[data-id="live-score"]')).toContain('works out at 73');
        finish(undefined);
        await flushPromises();
        expect(text(element, '[data-id="status"]')).toBe('Champion Cold resolved.');
    });

    it('puts the signal back and says why when resolving fails', async () => {
        resolveMock.mockRejectedValue(
            keystoneError('You do not have permission to change this record.'),
        );
        const element = await renderHealth();
        button(element, CHAMPION_COLD, 'resolve')?.click();
        await flushPromises();
        await flushPromises();

        expect(shadowQuery(element, `[data-signal="${CHAMPION_COLD}"]`)).not.toBeNull();
        expect(text(element, `[data-signal-error="${CHAMPION_COLD}"]`)).toBe(
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

        expect(text(element, '[data-id="no-plan"]')).toContain('no active key account plan');
        expect(shadowQuery(element, '[data-id="score"]')).toBeNull();
        expect(text(element, '[data-id="no-signals"]')).toBe('No open health signals.');
        expect(text(element, '[data-id="no-plays"]')).toBe('No plays raised.');
        await expectAccessible(element);
    });

    it('shows the reason when health cannot be loaded', async () => {
        const element = mount('c-account-health', AccountHealth, {
            recordId: '001000000000001AAA',
        });
        healthAdapter.error({
            message: JSON.stringify({
                kind: 'error',
                message: 'You cannot see the health of this account.',
                fieldErrors: {},
            }),
        });
        await flushPromises();

        expect(text(element, '[data-id="load-error"]')).toBe(
            'Account health could not be loaded: You cannot see the health of this account.',
        );
        expect(shadowQuery(element, '[data-id="signals"]')).toBeNull();
        await expectAccessible(element);
    });
});
