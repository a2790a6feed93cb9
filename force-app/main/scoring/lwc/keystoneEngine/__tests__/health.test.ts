import { calculateHealth, defaultConfig, normaliseHealthFactors } from '../keystoneEngine';
import type { HealthFactors } from '../keystoneEngine';

const config = defaultConfig();

const steady: HealthFactors = {
    coverageDepthPercent: 65,
    singleThreaded: false,
    daysSinceSponsorEngagement: 30,
    netRevenueRetentionPercent: 104,
    wonLast12Months: 1100000,
    openPipeline: 550000,
    whitespaceIdentified: 1000000,
    whitespaceCaptured: 250000,
    planFreshness: 'Current',
    openSignalScoreImpacts: [],
    previousScore: 75,
};

describe('calculateHealth', () => {
    it('adds up seven weighted parts into one score with a band and a trend', () => {
        const result = calculateHealth(steady, config.health, config.coverage, config.retention);
        expect(result.parts.map((part) => part.points)).toEqual([20, 15, 9, 5, 2.5, 15, 15]);
        expect(result.score).toBe(82);
        expect(result.band).toBe('Healthy');
        expect(result.trend).toBe('Improving');
        // Nothing was clamped when the caller says nothing was.
        expect(result.clampedFactors).toEqual([]);
    });

    it('loses points for each open signal', () => {
        const result = calculateHealth(
            { ...steady, openSignalScoreImpacts: [-40, -30] },
            config.health,
            config.coverage,
            config.retention,
        );
        expect(result.parts[6]?.normalised).toBe(30);
        // 81.5 - 15 + 30 x 15 / 100 = 71
        expect(result.score).toBe(71);
        expect(result.parts[6]?.explanation).toBe('2 open signals take 70 points off 100.');
    });

    it('says in words what open signals cost, including none and one', () => {
        const none = calculateHealth(steady, config.health, config.coverage, config.retention);
        expect(none.parts[6]?.explanation).toBe('0 open signals take 0 points off 100.');
        const one = calculateHealth(
            { ...steady, openSignalScoreImpacts: [-15] },
            config.health,
            config.coverage,
            config.retention,
        );
        expect(one.parts[6]?.explanation).toBe('1 open signal takes 15 points off 100.');
    });

    it('never calls a single-threaded account Healthy, and says why', () => {
        const result = calculateHealth(
            { ...steady, singleThreaded: true },
            config.health,
            config.coverage,
            config.retention,
        );
        expect(result.score).toBe(82);
        expect(result.band).toBe('Watch');
        expect(result.bandCap).toBe('Single-threaded');
        const atRisk = calculateHealth(
            {
                ...steady,
                singleThreaded: true,
                coverageDepthPercent: 0,
                daysSinceSponsorEngagement: null,
                openSignalScoreImpacts: [-100],
            },
            config.health,
            config.coverage,
            config.retention,
        );
        expect(atRisk.band).toBe('At Risk');
        expect(atRisk.bandCap).toBeNull();
    });

    it('scores retention from NRR: 100% half marks, best in class full, not measured neutral', () => {
        const partOf = (nrr: number | null): number | undefined =>
            calculateHealth(
                { ...steady, netRevenueRetentionPercent: nrr },
                config.health,
                config.coverage,
                config.retention,
            ).parts[2]?.normalised;
        expect(partOf(100)).toBe(50);
        expect(partOf(110)).toBe(75);
        expect(partOf(120)).toBe(100);
        expect(partOf(130)).toBe(100);
        expect(partOf(80)).toBe(0);
        expect(partOf(null)).toBe(50);
    });

    it('clamps out-of-range factors and says which', () => {
        const { factors, clamped } = normaliseHealthFactors({
            coverageDepthPercent: 140,
            previousScore: -3,
        });
        expect(factors.coverageDepthPercent).toBe(100);
        expect(factors.previousScore).toBe(0);
        expect(clamped).toEqual(['coverageDepthPercent', 'previousScore']);
    });

    it('rejects negative money', () => {
        expect(() => normaliseHealthFactors({ openPipeline: -1 })).toThrow(
            'factors.openPipeline: must not be negative',
        );
    });
});
