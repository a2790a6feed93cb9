import type * as d3Types from 'd3-scale';
import { loadScript } from 'lightning/platformResourceLoader';
import PortfolioSegmentChart, { quadrantOf } from 'c/portfolioSegmentChart';
import {
    expectAccessible,
    flushPromises,
    mount,
    navigateMock,
    removeAllComponents,
    shadowQuery,
    shadowQueryAll,
    textOf,
} from 'test-utils';
import portfolio from '../../keystonePortfolio/__tests__/data/portfolio.json';

const loadScriptMock = loadScript as unknown as jest.Mock;
// The d3Scale static resource as it ships (built by npm run build, which npm test runs first).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const d3: typeof d3Types = require('../../../staticresources/d3Scale.js');

async function render(): Promise<HTMLElement> {
    const element = mount('c-portfolio-segment-chart', PortfolioSegmentChart, {
        accounts: portfolio.accounts,
        settings: portfolio.settings,
    });
    await flushPromises();
    await flushPromises();
    return element;
}

describe('c-portfolio-segment-chart', () => {
    beforeEach(() => {
        (window as unknown as { d3?: unknown }).d3 = d3;
        loadScriptMock.mockResolvedValue(undefined);
    });

    afterEach(() => {
        removeAllComponents();
        jest.clearAllMocks();
    });

    it('places each account with a plan in its quadrant, split at the policy thresholds', async () => {
        const element = await render();
        const points = shadowQueryAll(element, 'circle[data-account-id]');
        // Globex has no plan (no live revenue): listed as not plotted.
        expect(points.map((point) => point.dataset.accountId)).toEqual([
            '001000000000004AAA',
            '001000000000005AAA',
            '001000000000002AAA',
            '001000000000001AAA',
        ]);
        expect(points.map((point) => point.getAttribute('class'))).toEqual([
            'ks-point ks-maintain',
            'ks-point ks-develop',
            'ks-point ks-invest',
            'ks-point ks-invest',
        ]);
        expect(points[3]?.getAttribute('aria-label')).toBe(
            'Acme Corp: revenue 900K, potential 800K, Invest. Press Enter to open.',
        );
        expect(textOf(element, '[data-quadrant="Invest"]')).toBe('Invest (2)');
        expect(textOf(element, '[data-id="not-plotted"]')).toBe(
            '1 account without an active plan is not plotted: live revenue is kept on the plan.',
        );
        // The split lines sit at 50 % of the criteria's full marks: 500K each way.
        const revenueSplit = shadowQuery(element, '[data-id="revenue-split"]');
        expect(Number(revenueSplit?.getAttribute('x1'))).toBeGreaterThan(64);
        await expectAccessible(element);
    });

    it('is one tab stop; arrow keys move between accounts and Enter opens one', async () => {
        const element = await render();
        const tabbable = () =>
            shadowQueryAll(element, 'circle[tabindex="0"]').map((p) => p.dataset.accountId);
        expect(tabbable()).toEqual(['001000000000004AAA']);

        shadowQuery(element, 'circle[tabindex="0"]')?.dispatchEvent(
            new KeyboardEvent('keydown', { key: 'ArrowRight' }),
        );
        await flushPromises();
        expect(tabbable()).toEqual(['001000000000005AAA']);

        shadowQuery(element, 'circle[tabindex="0"]')?.dispatchEvent(
            new KeyboardEvent('keydown', { key: 'End' }),
        );
        await flushPromises();
        expect(tabbable()).toEqual(['001000000000001AAA']);

        shadowQuery(element, 'circle[tabindex="0"]')?.dispatchEvent(
            new KeyboardEvent('keydown', { key: 'Enter' }),
        );
        expect(navigateMock).toHaveBeenCalledWith({
            type: 'standard__recordPage',
            attributes: {
                recordId: '001000000000001AAA',
                objectApiName: 'Account',
                actionName: 'view',
            },
        });
    });

    it('lists the accounts by segment as the text equivalent', async () => {
        const element = await render();
        expect(textOf(element, '[data-list="Invest"] dt')).toBe('Invest (2)');
        expect(textOf(element, '[data-list="Invest"] dd')).toBe('Acme Europe, Acme Corp');
        expect(textOf(element, '[data-list="Protect"] dd')).toBe('None');
    });

    it('falls back to the lists when d3 cannot load', async () => {
        loadScriptMock.mockRejectedValueOnce(new Error('blocked'));
        const element = await render();
        expect(shadowQuery(element, '[data-id="chart"]')).toBeNull();
        expect(textOf(element, '[data-id="chart-error"]')).toContain('could not be drawn');
        expect(textOf(element, '[data-list="Maintain"] dd')).toBe('Initech');
        await expectAccessible(element);
    });

    it('decides the quadrant at the split, inclusive', () => {
        expect(quadrantOf(500, 500, 500, 500)).toBe('Invest');
        expect(quadrantOf(500, 499, 500, 500)).toBe('Protect');
        expect(quadrantOf(499, 500, 500, 500)).toBe('Develop');
        expect(quadrantOf(0, 0, 500, 500)).toBe('Maintain');
    });
});
