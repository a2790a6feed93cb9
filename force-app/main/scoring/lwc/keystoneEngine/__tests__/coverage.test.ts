import {
    calculateCoverage,
    defaultConfig,
    describeFunctionBreadth,
    parseDate,
} from '../keystoneEngine';
import type { StakeholderInput } from '../keystoneEngine';

const config = defaultConfig().coverage;
const now = parseDate('2026-11-26', 'now');

function person(contactId: string, extra: Partial<StakeholderInput> = {}): StakeholderInput {
    return { contactId, sentiment: 'Neutral', relationshipStrength: 'Moderate', ...extra };
}

describe('calculateCoverage', () => {
    it('measures depth over the buying group and threads over everyone active', () => {
        const result = calculateCoverage(
            [
                person('a', {
                    buyingRole: 'Champion',
                    relationshipStrength: 'Strong',
                    function: 'IT',
                }),
                person('b', { relevantToBuyingGroup: false, function: 'IT' }),
                person('c', { leftCompany: true, buyingRole: 'Executive Sponsor' }),
                person('d', { internalOwnerId: 'u1', function: 'Finance' }),
            ],
            [
                { contactId: 'a', activityDate: '2026-11-01' },
                { contactId: 'b', activityDate: '2026-11-20', kind: 'Event' },
                { contactId: 'c', activityDate: '2026-11-20' },
            ],
            now,
            config,
        );
        expect(result.relevantCount).toBe(2);
        expect(result.engagedRelevantCount).toBe(1);
        // One of two relevant people engaged, in a buying group of 10 expected seats.
        expect(result.buyingGroupSize).toBe(10);
        expect(result.coverageDepthPercent).toBe(10);
        expect(result.emptySeats).toBe(9);
        expect(result.unmappedSeats).toBe(8);
        expect(result.unengagedRelevantCount).toBe(1);
        expect(result.multithreadingDepth).toBe(2);
        expect(result.singleThreaded).toBe(false);
        expect(result.sponsorLeft).toBe(true);
        expect(result.strongFunctions).toEqual(['IT']);
        expect(result.functionsWithoutStrong).toEqual(['Finance']);
        expect(result.companyOwnedPercent).toBe(33.3);
    });

    it('treats a sponsor met 180 days ago as engaged and 181 days ago as lapsed', () => {
        const sponsor = [person('s', { buyingRole: 'Executive Sponsor' })];
        const at = (date: string): string =>
            calculateCoverage(sponsor, [{ contactId: 's', activityDate: date }], now, config)
                .sponsorStatus;
        expect(at('2026-05-30')).toBe('Engaged');
        expect(at('2026-05-29')).toBe('Lapsed');
    });

    it('uses the plan size, else the most specific tier and segment rule, else the default', () => {
        const rules = {
            ...config,
            buyingGroupSizes: [
                { tier: 'Tier 1', segment: null, seats: 14 },
                { tier: 'Tier 1', segment: 'Invest', seats: 20 },
                { tier: null, segment: 'Maintain', seats: 6 },
            ],
        };
        const sizeOf = (group: Record<string, unknown>): [number, string, boolean] => {
            const result = calculateCoverage([], [], now, rules, group);
            return [
                result.buyingGroupSize,
                result.buyingGroupSizeSource,
                result.buyingGroupSizeClamped,
            ];
        };
        expect(sizeOf({ tier: 'Tier 1', segment: 'Invest' })).toEqual([
            20,
            'Tier and segment',
            false,
        ]);
        expect(sizeOf({ tier: 'Tier 1', segment: 'Protect' })).toEqual([14, 'Tier', false]);
        expect(sizeOf({ tier: 'Tier 2', segment: 'Maintain' })).toEqual([6, 'Segment', false]);
        expect(sizeOf({ tier: 'Tier 2', segment: 'Invest' })).toEqual([10, 'Default', false]);
        expect(sizeOf({ expectedSize: 4, tier: 'Tier 1' })).toEqual([4, 'Plan', false]);
        expect(sizeOf({ expectedSize: 0 })).toEqual([1, 'Plan', true]);
        expect(sizeOf({ expectedSize: 250 })).toEqual([100, 'Plan', true]);
        expect(sizeOf({ expectedSize: 7.5 })).toEqual([8, 'Plan', true]);
    });

    it('describes function breadth as a count against a target, never "4 of 3"', () => {
        const text = (functions: string[], target: number): string =>
            describeFunctionBreadth(
                { strongFunctions: functions, functionBreadth: functions.length },
                target,
            );
        expect(text(['Finance', 'IT', 'Operations', 'HR'], 3)).toBe(
            '4 functions have a strong relationship (target 3, met): Finance, IT, Operations, HR',
        );
        expect(text(['Finance'], 3)).toBe(
            '1 function has a strong relationship (target 3, 2 short): Finance',
        );
        expect(text([], 3)).toBe('0 functions have a strong relationship (target 3, 3 short)');
        // Exactly the target is met.
        expect(text(['Finance', 'IT', 'HR'], 3)).toBe(
            '3 functions have a strong relationship (target 3, met): Finance, IT, HR',
        );
    });

    it('rejects a picklist value the org cannot hold', () => {
        expect(() =>
            calculateCoverage(
                [person('x', { relationshipStrength: 'Very strong' })],
                [],
                now,
                config,
            ),
        ).toThrow("stakeholders[0].relationshipStrength: unknown value 'Very strong'");
    });
});
