import { assessPlan, defaultConfig, parseDate, PLAN_ITEMS } from '../keystoneEngine';

const config = defaultConfig().plan;
const now = parseDate('2026-11-26', 'now');

describe('assessPlan', () => {
    it('lists exactly what is missing', () => {
        const result = assessPlan(
            {
                businessPriorities: 'Grow in APAC',
                keyAccountManagerId: 'u1',
                lastReviewedDate: '2026-11-20',
            },
            { objectives: [{ metric: 'Revenue in APAC' }] },
            'Tier 1',
            now,
            config,
        );
        expect(result.completenessPercent).toBe(20);
        expect(result.missingItems).toEqual([
            'financialContext',
            'revenueTarget',
            'expansionTarget',
            'competitiveLandscape',
            'actions',
            'risks',
            'leadership',
            'deliveryTeam',
        ]);
        expect(result.parts).toHaveLength(PLAN_ITEMS.length);
        expect(result.freshness).toBe('Current');
        expect(result.nextReviewOn).toBe('2026-12-20');
    });

    it('uses the tier cadence: current, overdue up to twice the cadence, then stale', () => {
        const freshness = (reviewed: string, tier: string | null): string =>
            assessPlan({ lastReviewedDate: reviewed }, {}, tier, now, config).freshness;
        expect(freshness('2026-10-27', 'Tier 1')).toBe('Current');
        expect(freshness('2026-10-26', 'Tier 1')).toBe('Overdue');
        expect(freshness('2026-09-27', 'Tier 1')).toBe('Overdue');
        expect(freshness('2026-09-26', 'Tier 1')).toBe('Stale');
        expect(freshness('2026-01-01', 'Tier 3')).toBe('Current');
    });

    it('reports no plan', () => {
        const result = assessPlan(null, {}, null, now, config);
        expect(result.freshness).toBe('No plan');
        expect(result.missingItems).toHaveLength(10);
    });
});
