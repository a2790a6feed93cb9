import PortfolioCapacity from 'c/portfolioCapacity';
import {
    expectAccessible,
    flushPromises,
    mount,
    removeAllComponents,
    shadowQueryAll,
    textOf,
} from 'test-utils';
import portfolio from '../../keystonePortfolio/__tests__/data/portfolio.json';

describe('c-portfolio-capacity', () => {
    afterEach(() => removeAllComponents());

    it('lists managers by Tier 1 count with the status the server set, as text and bar', async () => {
        const element = mount('c-portfolio-capacity', PortfolioCapacity, {
            capacity: portfolio.capacity,
            settings: portfolio.settings,
        });
        await flushPromises();
        expect(textOf(element, '[data-id="policy"]')).toBe(
            'Policy: at least 3 and at most 10 Tier 1 accounts per manager.',
        );
        const rows = shadowQueryAll(element, '[data-manager]');
        expect(rows.map((row) => row.dataset.manager)).toEqual([
            '005000000000002AAA',
            '005000000000001AAA',
        ]);
        expect(rows[0]?.textContent).toContain('Over capacity');
        expect(rows[0]?.textContent).toContain('11 Tier 1 of 12 key accounts');
        expect(rows[0]?.querySelector('[data-id="status"]')?.className).toContain(
            'slds-theme_error',
        );
        expect(rows[0]?.querySelector('[role="img"]')?.getAttribute('aria-label')).toBe(
            'Sam Lee: 11 Tier 1 accounts',
        );
        await expectAccessible(element);
    });

    it('says when nobody in view owns a key account', async () => {
        const element = mount('c-portfolio-capacity', PortfolioCapacity, {
            capacity: [],
            settings: portfolio.settings,
        });
        await flushPromises();
        expect(textOf(element, '[data-id="no-capacity"]')).toBe(
            'No manager in this view owns a key account.',
        );
    });
});
