import Decimal from 'decimal.js';
import { isIsoDate, parseOptionalDateAt } from '../dates';
import {
    addDays,
    addMonths,
    daysBetween,
    defaultConfig,
    formatDate,
    KeystoneScoringError,
    mergeConfig,
    parseDate,
    ratioHalfUp,
    roundHalfUp,
    sumExact,
} from '../keystoneEngine';

describe('rounding (same as Apex Decimal HALF_UP)', () => {
    it('rounds ties away from zero without binary float surprises', () => {
        expect(roundHalfUp(1.005, 2)).toBe(1.01);
        expect(roundHalfUp(2.675, 2)).toBe(2.68);
        expect(roundHalfUp(-2.5, 0)).toBe(-3);
        expect(roundHalfUp(0.125, 2)).toBe(0.13);
        expect(roundHalfUp(82.5, 0)).toBe(83);
        expect(roundHalfUp(1e-7, 2)).toBe(0);
        expect(roundHalfUp(1e21, 0)).toBe(1e21);
    });

    it('divides exactly and rounds once', () => {
        expect(ratioHalfUp([2, 100], [3], 1)).toBe(66.7);
        expect(ratioHalfUp([100, 20], [75], 2)).toBe(26.67);
        expect(ratioHalfUp([1.005], [3], 2)).toBe(0.34);
        expect(ratioHalfUp([333.33, 33.3], [100], 2)).toBe(111);
        expect(() => ratioHalfUp([1], [0], 2)).toThrow('division by zero');
    });

    it('adds decimals exactly', () => {
        expect(sumExact([0.1, 0.2])).toBe(0.3);
        expect(sumExact([20, 15, 13.5, 4.29, 1.25, 15, 11.25])).toBe(80.29);
        expect(sumExact([])).toBe(0);
    });
});

describe('dates (same as Apex Date)', () => {
    it('counts calendar days across leap years', () => {
        expect(daysBetween(parseDate('2028-02-28', 'd'), parseDate('2028-03-01', 'd'))).toBe(2);
        expect(daysBetween(parseDate('2027-02-28', 'd'), parseDate('2027-03-01', 'd'))).toBe(1);
        expect(daysBetween(parseDate('2026-11-26', 'd'), parseDate('2026-05-30', 'd'))).toBe(-180);
    });

    it('clamps addMonths to the end of a shorter month', () => {
        expect(formatDate(addMonths(parseDate('2028-02-29', 'd'), -12))).toBe('2027-02-28');
        expect(formatDate(addMonths(parseDate('2026-01-31', 'd'), 1))).toBe('2026-02-28');
        expect(formatDate(addMonths(parseDate('2026-12-15', 'd'), 1))).toBe('2027-01-15');
        expect(formatDate(addDays(parseDate('2100-02-28', 'd'), 1))).toBe('2100-03-01');
    });

    it('reads only YYYY-MM-DD with digits and dashes', () => {
        for (const text of ['2026x11-26', '2026-11x26', '2026-2(-15', '2026-11-2(']) {
            expect([text, isIsoDate(text)]).toEqual([text, false]);
            expect(() => parseDate(text, 'd')).toThrow(`d: invalid date '${text}'`);
            expect(() => parseOptionalDateAt(text, 'activities', 3, 'activityDate')).toThrow(
                `activities[3].activityDate: invalid date '${text}'`,
            );
        }
    });

    it('rejects impossible dates with the field path', () => {
        expect(() => parseDate('2027-02-29', 'plan.lastReviewedDate')).toThrow(
            "plan.lastReviewedDate: invalid date '2027-02-29'",
        );
        expect(() => parseDate('26-11-2026', 'now')).toThrow(KeystoneScoringError);
        expect(() => parseDate(undefined, 'now')).toThrow('now: a date (YYYY-MM-DD) is required');
    });
});

describe('config', () => {
    it('ships the defaults of the Custom Metadata records', () => {
        const config = defaultConfig();
        expect(config.selection.criteria.map((criterion) => criterion.weight)).toEqual([
            40, 30, 15, 15,
        ]);
        expect(config.health.healthyMin).toBe(70);
        expect(config.health.watchMin).toBe(45);
        expect(config.coverage.engagementWindowDays).toBe(90);
        expect(config.coverage.sponsorLapseDays).toBe(180);
        expect(config.plan.cadenceDaysByTier['Tier 1']).toBe(30);
        expect(config.signals.scoreImpacts['Champion Left']).toBe(-40);
    });

    it('merges overrides setting by setting and rejects typos', () => {
        const merged = mergeConfig({
            health: { weights: { signals: 0 } },
            coverage: { engagementWindowDays: 30 },
        });
        expect(merged.health.weights.signals).toBe(0);
        expect(merged.health.weights.coverage).toBe(20);
        expect(merged.coverage.engagementWindowDays).toBe(30);
        expect(merged.coverage.sponsorLapseDays).toBe(180);
        expect(() => mergeConfig({ colour: {} })).toThrow('config.colour: unknown setting');
        expect(() => mergeConfig({ health: { weights: { happiness: 1 } } })).toThrow(
            'config.health.weights.happiness: unknown setting',
        );
    });
});

describe('rounding agrees with an independent decimal library (decimal.js, HALF_UP)', () => {
    // The engine has a fast path for whole numbers and cents and an exact BigInt path for the
    // rest; both must round exactly like Apex Decimal. decimal.js is the oracle here only.
    let state = 12345;
    const next = (): number => {
        state = (state * 1103515245 + 12345) % 2147483648;
        return state / 2147483648;
    };
    const decimalValue = (): number => {
        const places = Math.floor(next() * 4);
        const magnitude = 10 ** Math.floor(next() * 7);
        const sign = next() < 0.2 ? -1 : 1;
        return Number((sign * next() * magnitude).toFixed(places));
    };

    it('matches on 5,000 random ratios and sums', () => {
        for (let i = 0; i < 5000; i++) {
            const a = decimalValue();
            const b = decimalValue();
            const c = decimalValue() || 1;
            const scale = Math.floor(next() * 3);
            const expected = new Decimal(String(a))
                .times(String(b))
                .dividedBy(String(c))
                .toDecimalPlaces(scale, Decimal.ROUND_HALF_UP)
                .toNumber();
            // + 0 turns decimal.js's -0 into 0 (Apex has no negative zero either).
            expect([a, b, c, scale, ratioHalfUp([a, b], [c], scale) + 0]).toEqual([
                a,
                b,
                c,
                scale,
                expected + 0,
            ]);
            expect(sumExact([a, b, c])).toBe(
                new Decimal(String(a)).plus(String(b)).plus(String(c)).toNumber(),
            );
        }
    });

    // Values at the edges of the fast path (2^44, half of 2^53, cents, exponent spellings) and
    // negatives, each as factor and divisor: both paths must agree with the oracle there too.
    const edges = [
        0,
        1,
        -1,
        0.5,
        -0.5,
        0.005,
        -0.005,
        1e-7,
        -1.5e-7,
        12.5,
        -12.5,
        99.995,
        3.333,
        0.29,
        2 ** 44,
        2 ** 44 + 0.5,
        -(2 ** 44) - 0.25,
        4503599627370495,
        4503599627370496,
        -4503599627370497,
        2 ** 53 - 1,
        -(2 ** 53 - 1),
        123456789.125,
        -987654321.375,
        1e21,
    ];

    it('matches at the edges of the fast path, for every pair of edge values', () => {
        for (const a of edges) {
            for (const b of edges) {
                const sum = new Decimal(String(a)).plus(String(b)).toNumber() + 0;
                expect([a, b, sumExact([a, b]) + 0]).toEqual([a, b, sum]);
                if (b === 0) continue;
                for (const scale of [0, 2, 3]) {
                    const expected =
                        new Decimal(String(a))
                            .dividedBy(String(b))
                            .toDecimalPlaces(scale, Decimal.ROUND_HALF_UP)
                            .toNumber() + 0;
                    expect([a, b, scale, ratioHalfUp([a], [b], scale) + 0]).toEqual([
                        a,
                        b,
                        scale,
                        expected,
                    ]);
                }
            }
        }
    });
});
