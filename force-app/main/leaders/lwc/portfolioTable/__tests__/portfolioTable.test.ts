import PortfolioTable, { PAGE_SIZE } from 'c/portfolioTable';
import type { PortfolioAccount } from 'c/portfolioModel';
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

function many(count: number): PortfolioAccount[] {
    return Array.from({ length: count }, (_, index) => ({
        id: `001${String(index).padStart(15, '0')}`,
        name: `Account ${String(index).padStart(3, '0')}`,
        ownerId: '005000000000001AAA',
        ultimateParentId: `001${String(index).padStart(15, '0')}`,
        tier: 'Tier 2',
        suggestedTier: 'Tier 1',
        hasPendingSuggestion: index % 2 === 0,
        healthScore: 60,
        healthBand: 'Watch',
        trend: [
            { day: '2026-10-01', score: 50 },
            { day: '2026-11-26', score: 60 },
        ],
    }));
}

describe('c-portfolio-table', () => {
    afterEach(() => {
        removeAllComponents();
        jest.clearAllMocks();
    });

    it('draws the first page of a large portfolio and adds a page at a time', async () => {
        const element = mount('c-portfolio-table', PortfolioTable, {
            accounts: many(500),
            canDecide: true,
        });
        await flushPromises();
        expect(shadowQueryAll(element, '[data-row]')).toHaveLength(PAGE_SIZE);
        expect(textOf(element, '[data-id="shown"]')).toBe('Showing 50 of 500 accounts.');

        shadowQuery(element, '[data-id="show-more"]')?.click();
        await flushPromises();
        expect(shadowQueryAll(element, '[data-row]')).toHaveLength(2 * PAGE_SIZE);
        expect(textOf(element, '[data-id="shown"]')).toBe('Showing 100 of 500 accounts.');
    });

    it('shows each figure with a text equivalent of the trend line', async () => {
        const element = mount('c-portfolio-table', PortfolioTable, {
            accounts: portfolio.accounts,
            canDecide: true,
        });
        await flushPromises();
        const europe = shadowQuery(element, '[data-row="001000000000002AAA"]');
        expect(europe?.querySelector('[data-cell="tier"]')?.textContent).toContain(
            'Suggested: Tier 1',
        );
        expect(europe?.querySelector('svg')?.getAttribute('aria-label')).toBe(
            'Acme Europe health trend: Health from 58 on 2026-10-01 to 50 on 2026-11-26, 2 points.',
        );
        expect(europe?.querySelector('path')?.getAttribute('d')).toBe('M0,8.4 L64,10');
        expect(europe?.querySelector('[data-cell="plan"]')?.textContent).toContain('Stale');
        expect(europe?.querySelector('[data-cell="plan"]')?.textContent).toContain(
            'Next review Jul 9, 2026',
        );
        expect(europe?.querySelector('[data-id="renewal-risk"]')).not.toBeNull();
        expect(europe?.querySelector('[data-cell="coverage"]')?.textContent).toBe(
            '10% (1 of 10 in the buying group)',
        );
        const globex = shadowQuery(element, '[data-row="001000000000003AAA"]');
        expect(globex?.querySelector('[data-cell="health"]')?.textContent?.trim()).toBe('—');
        expect(globex?.querySelector('[data-cell="nrr"]')?.textContent).toBe('—');
        await expectAccessible(element);
    });

    it('asks to accept or override, and opens an account by its name', async () => {
        const element = mount('c-portfolio-table', PortfolioTable, {
            accounts: portfolio.accounts,
            canDecide: true,
        });
        const accepted = jest.fn();
        const overridden = jest.fn();
        element.addEventListener('accept', (event) => accepted((event as CustomEvent).detail));
        element.addEventListener('override', (event) => overridden((event as CustomEvent).detail));
        await flushPromises();

        // Only a waiting suggestion can be accepted.
        expect(
            shadowQuery(element, '[data-account-id="001000000000001AAA"][data-action="accept"]'),
        ).toBeNull();
        shadowQuery(
            element,
            '[data-account-id="001000000000002AAA"][data-action="accept"]',
        )?.click();
        expect(accepted).toHaveBeenCalledWith({ accountIds: ['001000000000002AAA'] });
        shadowQuery(
            element,
            '[data-account-id="001000000000001AAA"][data-action="override"]',
        )?.click();
        expect(overridden).toHaveBeenCalledWith({ accountId: '001000000000001AAA' });

        shadowQuery(element, '[data-account-id="001000000000003AAA"][data-action="open"]')?.click();
        expect(navigateMock).toHaveBeenCalledWith({
            type: 'standard__recordPage',
            attributes: {
                recordId: '001000000000003AAA',
                objectApiName: 'Account',
                actionName: 'view',
            },
        });
    });

    it('offers no decision to someone who may not decide tiers', async () => {
        const element = mount('c-portfolio-table', PortfolioTable, {
            accounts: portfolio.accounts,
            canDecide: false,
        });
        await flushPromises();
        expect(shadowQuery(element, '[data-action="accept"]')).toBeNull();
        expect(shadowQuery(element, '[data-action="override"]')).toBeNull();
        expect(shadowQuery(element, '[data-id="accept-selected"]')).toBeNull();
    });
});
