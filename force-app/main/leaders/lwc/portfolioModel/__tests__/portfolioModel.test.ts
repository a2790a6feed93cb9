import type { PortfolioAccount } from 'c/portfolioModel';
import {
    defaultFilters,
    describeTrend,
    filterAccounts,
    formatMoney,
    groupByUltimateParent,
    inspectionLists,
    revenueConcentration,
    sortAccounts,
    sparklinePath,
} from 'c/portfolioModel';
import portfolio from '../../keystonePortfolio/__tests__/data/portfolio.json';

const accounts = portfolio.accounts as PortfolioAccount[];

function account(
    id: string,
    revenue: number | null,
    extra: Partial<PortfolioAccount> = {},
): PortfolioAccount {
    return {
        id,
        name: `Account ${id}`,
        ownerId: '005',
        ultimateParentId: id,
        revenue12Months: revenue,
        ...extra,
    };
}

describe('portfolioModel', () => {
    it('combines the filters and the inspection list', () => {
        const filters = {
            ...defaultFilters(),
            managerId: '005000000000001AAA',
            inspection: 'stale' as const,
        };
        expect(filterAccounts(accounts, filters).map((a) => a.name)).toEqual(['Acme Europe']);
        expect(
            filterAccounts(accounts, { ...defaultFilters(), tier: 'none' }).map((a) => a.name),
        ).toEqual(['Globex']);
    });

    it('counts the inspection lists: decisions waiting, stale plans, single-threaded, at-risk renewals', () => {
        expect(
            Object.fromEntries(inspectionLists(accounts).map((list) => [list.key, list.count])),
        ).toEqual({
            pending: 3,
            stale: 2,
            singleThreaded: 1,
            renewalsAtRisk: 1,
        });
    });

    it('orders by score, revenue, lowest health or name, ties by name', () => {
        expect(sortAccounts(accounts, 'revenue').map((a) => a.name)).toEqual([
            'Acme Corp',
            'Acme Europe',
            'Umbrella',
            'Initech',
            'Globex',
        ]);
        expect(sortAccounts(accounts, 'health').map((a) => a.name)).toEqual([
            'Initech',
            'Acme Europe',
            'Acme Corp',
            'Umbrella',
            'Globex',
        ]);
    });

    it('measures revenue concentration of the top accounts, with cumulative shares', () => {
        const many = Array.from({ length: 12 }, (_, index) =>
            account(String(index), (12 - index) * 100),
        );
        many.push(account('none', null), account('zero', 0));
        const result = revenueConcentration(many);
        // 12 accounts with revenue totalling 7,800.
        expect(result.total).toBe(7800);
        expect(result.accountsWithRevenue).toBe(12);
        expect(result.rows).toEqual([
            { label: 'Top 5 accounts', accounts: 5, revenue: 5000, share: 64.1 },
            { label: 'Top 10 accounts', accounts: 10, revenue: 7500, share: 96.2 },
            { label: 'Top 20 % (3 accounts)', accounts: 3, revenue: 3300, share: 42.3 },
        ]);
        expect(result.top[0]).toEqual({
            id: '0',
            name: 'Account 0',
            revenue: 1200,
            share: 15.4,
            cumulativeShare: 15.4,
        });
        expect(result.top[1]?.cumulativeShare).toBe(29.5);
        expect(result.top).toHaveLength(10);
    });

    it('has no concentration without revenue', () => {
        expect(revenueConcentration([account('a', 0)])).toEqual({
            total: 0,
            accountsWithRevenue: 0,
            rows: [],
            top: [],
        });
    });

    it('groups under the ultimate parent in the order of the first account, with the server roll-up', () => {
        const groups = groupByUltimateParent(sortAccounts(accounts, 'name'), portfolio.groups);
        expect(groups.map((group) => [group.name, group.accounts.map((a) => a.name)])).toEqual([
            ['Acme Corp', ['Acme Corp', 'Acme Europe']],
            ['Globex', ['Globex']],
            ['Initech', ['Initech']],
            ['Umbrella', ['Umbrella']],
        ]);
        expect(groups[0]?.rollup?.revenue12Months).toBe(1500000);
    });

    it('draws the trend line in its box and describes it in words', () => {
        const points = [
            { day: '2026-09-01', score: 60 },
            { day: '2026-10-15', score: 100 },
            { day: '2026-11-26', score: 0 },
        ];
        expect(sparklinePath(points, 64, 20)).toBe('M0,8 L32,0 L64,20');
        expect(sparklinePath(points.slice(0, 1), 64, 20)).toBe('');
        expect(describeTrend(points)).toBe(
            'Health from 60 on 2026-09-01 to 0 on 2026-11-26, 3 points.',
        );
        expect(describeTrend([])).toBe('No health history yet.');
    });

    it('formats money compactly and blanks as a dash', () => {
        expect(formatMoney(1500000)).toBe('1.5M');
        expect(formatMoney(null)).toBe('—');
    });
});
