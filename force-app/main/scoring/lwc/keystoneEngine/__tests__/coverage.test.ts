import { calculateCoverage, defaultConfig, parseDate } from '../keystoneEngine';
import type { StakeholderInput } from '../keystoneEngine';

const config = defaultConfig().coverage;
const now = parseDate('2026-11-26', 'now');

function person(contactId: string, extra: Partial<StakeholderInput> = {}): StakeholderInput {
    return { contactId, sentiment: 'Neutral', relationshipStrength: 'Moderate', ...extra };
}

describe('calculateCoverage', () => {
    it('measures depth over relevant people and threads over everyone active', () => {
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
        expect(result.coverageDepthPercent).toBe(50);
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
