// What the engine says in words ("why is this 54?") and the small readers every calculator
// shares. The shared vectors hold the numbers on both engines; the words exist only here, in the
// browser, so they are held here.
import { Decimal } from 'decimal.js';
import {
    addDays,
    addMonths,
    assessPlan,
    calculateHealth,
    daysBetween,
    defaultConfig,
    formatDate,
    KeystoneScoringError,
    mergeConfig,
    parseDate,
    ratioHalfUp,
    roundHalfUp,
    scoreSelection,
    sumExact,
} from '../keystoneEngine';
import type { HealthFactors } from '../keystoneEngine';
import {
    configNumber,
    isBlank,
    isTrue,
    optionalAmount,
    optionalAmountAt,
    optionalNumber,
    optionalNumberAt,
    optionalPicklist,
    optionalPicklistAt,
    optionalText,
    requiredNumber,
} from '../validation';
import { isIsoDate, parseOptionalDate, parseOptionalDateAt } from '../dates';
import { subtractExact } from '../rounding';

const config = defaultConfig();

const base: HealthFactors = {
    coverageDepthPercent: 30,
    singleThreaded: false,
    daysSinceSponsorEngagement: null,
    netRevenueRetentionPercent: null,
    wonLast12Months: 0,
    openPipeline: 0,
    whitespaceIdentified: 0,
    whitespaceCaptured: 0,
    planFreshness: 'Overdue',
    openSignalScoreImpacts: [],
    previousScore: null,
};

function explanations(factors: Partial<HealthFactors>): Record<string, string> {
    const result = calculateHealth(
        { ...base, ...factors },
        config.health,
        config.coverage,
        config.retention,
    );
    return Object.fromEntries(result.parts.map((part) => [part.key, part.explanation]));
}

describe('health explains each part in words', () => {
    it('when little is known', () => {
        expect(explanations({})).toEqual({
            coverage: '30% of the buying group engaged; 60% earns full marks.',
            executive: 'No executive sponsor engagement on record.',
            revenueRetention:
                'Net revenue retention not measured (no recurring revenue a year ago, or too little): neutral.',
            pipeline: 'Open pipeline 0 with no revenue won in the last 12 months.',
            whitespace: 'No whitespace identified yet.',
            planFreshness: 'Account plan is overdue (current = full, overdue = half).',
            signals: '0 open signals take 0 points off 100.',
        });
    });

    it('when every figure is there', () => {
        expect(
            explanations({
                daysSinceSponsorEngagement: 40,
                netRevenueRetentionPercent: 112.5,
                wonLast12Months: 200000,
                openPipeline: 50000,
                whitespaceIdentified: 400000,
                whitespaceCaptured: 100000,
                planFreshness: 'Never reviewed',
                openSignalScoreImpacts: [-40],
            }),
        ).toEqual({
            coverage: '30% of the buying group engaged; 60% earns full marks.',
            executive:
                'Last executive sponsor conversation 40 days ago (full marks within 90, half within 180).',
            revenueRetention:
                'Net revenue retention 112.5% over 12 months (100% = half marks, 120% = full marks).',
            pipeline:
                "Open pipeline is 25% of the last 12 months' won revenue (100% earns full marks).",
            whitespace: '25% of identified whitespace captured.',
            planFreshness: 'Account plan is never reviewed (current = full, overdue = half).',
            signals: '1 open signal takes 40 points off 100.',
        });
    });

    it('labels each part', () => {
        const result = calculateHealth(base, config.health, config.coverage, config.retention);
        expect(result.parts.map((part) => part.label)).toEqual([
            'Stakeholder coverage',
            'Executive sponsor engagement',
            'Revenue retention (NRR)',
            'Open pipeline',
            'Whitespace captured',
            'Plan freshness',
            'Open health signals',
        ]);
    });
});

describe('selection and plan explain themselves', () => {
    it('selection parts say what a value earned, or that it was missing', () => {
        const result = scoreSelection({ revenue: 250000 }, config.selection);
        expect(result.parts.map((part) => part.explanation)).toEqual([
            '250000 of 1000000 for full marks = 25 / 100.',
            'No value: counts as 0 of 1000000.',
            'No value: counts as 0 of 100.',
            'No value: counts as 0 of 100.',
        ]);
        expect(result.parts.map((part) => part.label)).toEqual([
            'Current Revenue',
            'Whitespace Potential',
            'Strategic Value',
            'Relationship Health',
        ]);
    });

    it('plan items say filled in or missing, with their labels', () => {
        const result = assessPlan(
            { businessPriorities: 'Grow', revenueTarget: 5 },
            {},
            null,
            parseDate('2026-11-26', 'now'),
            config.plan,
        );
        expect(result.parts.map((part) => part.explanation)).toEqual([
            "Customer's business priorities: filled in.",
            'Financial context: missing.',
            'Revenue target: filled in.',
            'Expansion target: missing.',
            'Competitive landscape: missing.',
            'At least one measurable objective: missing.',
            'At least one action with an owner and a due date: missing.',
            'At least one risk with a mitigation owner: missing.',
            'Key account manager and executive sponsor named: missing.',
            'Technical lead and customer success manager named: missing.',
        ]);
    });
});

describe('the readers every calculator shares', () => {
    it('reject what cannot be a number, and name the field', () => {
        expect(optionalNumber(undefined, 'x')).toBeNull();
        expect(optionalNumber(null, 'x')).toBeNull();
        expect(optionalNumber(0, 'x')).toBe(0);
        for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, '3', true]) {
            expect(() => optionalNumber(bad, 'a.b')).toThrow('a.b: must be a number');
        }
        expect(() => requiredNumber(null, 'a.b')).toThrow('a.b: a number is required');
        expect(requiredNumber(7, 'a.b')).toBe(7);
        expect(() => optionalAmount(-0.01, 'a.b')).toThrow('a.b: must not be negative');
        expect(optionalAmount(null, 'a.b')).toBe(0);
        expect(optionalAmount(0, 'a.b')).toBe(0);
        expect(optionalAmountAt(5, 'list', 2, 'f')).toBe(5);
        expect(optionalAmountAt(0, 'list', 2, 'f')).toBe(0);
        expect(optionalAmountAt(undefined, 'list', 2, 'f')).toBe(0);
        expect(() => optionalAmountAt(-1, 'list', 2, 'f')).toThrow(
            'list[2].f: must not be negative',
        );
        expect(() => optionalAmountAt(Number.NaN, 'list', 2, 'f')).toThrow(
            'list[2].f: must be a number',
        );
        expect(optionalNumberAt(-3, 'list', 1, 'f')).toBe(-3);
        expect(optionalNumberAt(null, 'list', 1, 'f')).toBeNull();
        expect(() => optionalNumberAt('x', 'list', 1, 'f')).toThrow('list[1].f: must be a number');
        expect(() => configNumber(0, 1, 'c.d')).toThrow('c.d: must be a number of at least 1');
        expect(() => configNumber(Number.NaN, 0, 'c.d')).toThrow('c.d:');
        expect(() => configNumber('1' as unknown as number, 0, 'c.d')).toThrow('c.d:');
        expect(configNumber(1, 1, 'c.d')).toBe(1);
    });

    it('read picklists: blank is null, unknown is rejected', () => {
        const allowed = ['A', 'B'];
        expect(optionalPicklist('', allowed, 'p')).toBeNull();
        expect(optionalPicklist(undefined, allowed, 'p')).toBeNull();
        expect(optionalPicklist('B', allowed, 'p')).toBe('B');
        expect(() => optionalPicklist('b', allowed, 'p')).toThrow("p: unknown value 'b'");
        expect(() => optionalPicklist(3, allowed, 'p')).toThrow("p: unknown value '3'");
        expect(optionalPicklistAt('', allowed, 'l', 0, 'f')).toBeNull();
        expect(optionalPicklistAt(null, allowed, 'l', 0, 'f')).toBeNull();
        expect(optionalPicklistAt('A', allowed, 'l', 0, 'f')).toBe('A');
        expect(() => optionalPicklistAt('C', allowed, 'l', 4, 'f')).toThrow(
            "l[4].f: unknown value 'C'",
        );
    });

    it('trim text like Apex: control characters and spaces, not a non-breaking space', () => {
        expect(optionalText('  a b  ')).toBe('a b');
        expect(optionalText('\t\na\r')).toBe('a');
        expect(optionalText('a')).toBe('a');
        expect(optionalText(' a')).toBe('a');
        expect(optionalText('a ')).toBe('a');
        expect(optionalText('\u00a0a\u00a0')).toBe('\u00a0a\u00a0');
        expect(optionalText('   ')).toBeNull();
        expect(optionalText('')).toBeNull();
        expect(optionalText(5)).toBeNull();
        expect(isBlank(' ')).toBe(true);
        expect(isBlank('x')).toBe(false);
        expect(isTrue(true)).toBe(true);
        expect(isTrue('true')).toBe(false);
    });

    it('throws the one error type, with the field path', () => {
        const error = new KeystoneScoringError('a.b', 'broken');
        expect(error.name).toBe('KeystoneScoringError');
        expect(error.fieldPath).toBe('a.b');
        expect(error.message).toBe('a.b: broken');
    });

    it('rejects configuration that is not an object', () => {
        expect(() => mergeConfig(5)).toThrow('config: must be an object');
        expect(() => mergeConfig({ plan: [] })).toThrow('config.plan: must be an object');
        expect(mergeConfig(null)).toEqual(defaultConfig());
        expect(mergeConfig({ plan: null })).toEqual(defaultConfig());
        expect(mergeConfig({ health: { weights: { signals: 30 } } }).health.weights.signals).toBe(
            30,
        );
        expect(() => mergeConfig({ signals: { renewalWindow: 3 } })).toThrow(
            'config.signals.renewalWindow: unknown setting',
        );
    });
});

// ---------------------------------------------------------------- oracles

/** A reproducible spread of values; no randomness in tests. */
function* numbers(): Generator<number> {
    const seeds = [0, 1, -1, 0.5, -0.5, 1.005, 2.675, 0.125, -0.125, 1e-7, 5e-7, 123.456, 7, 3];
    yield* seeds;
    let x = 12345;
    for (let i = 0; i < 300; i++) {
        x = (x * 1103515245 + 12345) % 2147483648;
        const sign = x % 3 === 0 ? -1 : 1;
        const scale = x % 7;
        yield (sign * (x % 10000000)) / 10 ** scale;
    }
    yield 2 ** 53 + 2; // beyond the safe integers
    yield 1.5e21;
    yield 9007199254740.993;
}

describe('exact decimal arithmetic agrees with decimal.js (what Apex Decimal does)', () => {
    it('ratioHalfUp, roundHalfUp and sumExact', () => {
        const all = [...numbers()];
        for (let i = 0; i < all.length; i++) {
            const a = all[i] as number;
            const b = all[(i * 7 + 3) % all.length] as number;
            for (const scale of [0, 1, 2, 5]) {
                const expected = new Decimal(String(a))
                    .toDecimalPlaces(scale, Decimal.ROUND_HALF_UP)
                    .toNumber();
                // + 0: Apex Decimal has no negative zero, and neither does the engine.
                expect({ a, scale, r: roundHalfUp(a, scale) }).toEqual({
                    a,
                    scale,
                    r: expected + 0,
                });
                if (b + 0.5 !== 0) {
                    const quotient = new Decimal(String(a))
                        .times(new Decimal(String(b)))
                        .dividedBy(new Decimal(String(b)).plus(0.5))
                        .toDecimalPlaces(scale, Decimal.ROUND_HALF_UP)
                        .toNumber();
                    expect({ a, b, scale, q: ratioHalfUp([a, b], [b + 0.5], scale) }).toEqual({
                        a,
                        b,
                        scale,
                        q: quotient + 0,
                    });
                }
            }
            const sum = new Decimal(String(a)).plus(new Decimal(String(b))).toNumber();
            expect({ a, b, s: sumExact([a, b]) }).toEqual({ a, b, s: sum + 0 });
            expect(subtractExact(a, b)).toBe(
                new Decimal(String(a)).minus(String(b)).toNumber() + 0,
            );
        }
    });

    it('rejects a division by zero and a value that is not finite', () => {
        expect(() => ratioHalfUp([1.5], [0], 2)).toThrow('division by zero');
        expect(() => ratioHalfUp([1], [0], 2)).toThrow('division by zero');
        expect(() => roundHalfUp(Number.NaN, 2)).toThrow('not a finite number: NaN');
    });
});

describe('calendar dates agree with the JavaScript calendar', () => {
    const utc = (text: string): number => Date.parse(`${text}T00:00:00Z`);
    const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

    it('daysBetween, addDays and addMonths over 400 years', () => {
        let ms = utc('1700-01-01');
        const step = 86400000 * 97;
        for (let i = 0; i < 1600; i++) {
            const text = iso(ms);
            const date = parseDate(text, 'd');
            expect(formatDate(date)).toBe(text);
            const other = iso(ms + 86400000 * ((i * 37) % 800) - 86400000 * 300);
            if (other >= '1700-01-01') {
                expect(daysBetween(date, parseDate(other, 'o'))).toBe((utc(other) - ms) / 86400000);
            }
            expect(formatDate(addDays(date, (i % 61) - 30))).toBe(
                iso(ms + 86400000 * ((i % 61) - 30)),
            );
            const months = (i % 49) - 24;
            const target = new Date(ms);
            const day = target.getUTCDate();
            target.setUTCDate(1);
            target.setUTCMonth(target.getUTCMonth() + months);
            const monthLength = new Date(
                Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
            ).getUTCDate();
            target.setUTCDate(Math.min(day, monthLength));
            if (target.getUTCFullYear() >= 1700) {
                expect(formatDate(addMonths(date, months))).toBe(iso(target.getTime()));
            }
            ms += step;
        }
    });

    it('accepts only real YYYY-MM-DD dates from 1700', () => {
        for (const good of ['1700-01-01', '2000-02-29', '2024-02-29', '2026-12-31', '2026-04-30']) {
            expect(isIsoDate(good)).toBe(true);
            expect(formatDate(parseDate(good, 'd'))).toBe(good);
        }
        for (const bad of [
            '1699-12-31',
            '1900-02-29',
            '2023-02-29',
            '2026-04-31',
            '2026-13-01',
            '2026-00-01',
            '2026-01-00',
            '2026-01-32',
            '2026-1-01',
            '2026/01/01',
            '2026-01-01 ',
            '2026-01-0a',
            'a026-01-01',
            '202601-01-',
            '',
        ]) {
            expect({ bad, ok: isIsoDate(bad) }).toEqual({ bad, ok: false });
            expect(() => parseDate(bad, 'd')).toThrow(`d: invalid date '${bad}'`);
        }
        expect(() => parseDate(20260101, 'd')).toThrow('d: a date (YYYY-MM-DD) is required');
        expect(parseOptionalDate(null, 'd')).toBeNull();
        expect(parseOptionalDate(undefined, 'd')).toBeNull();
        expect(parseOptionalDateAt(undefined, 'l', 0, 'f')).toBeNull();
        expect(() => parseOptionalDateAt('2026-02-30', 'l', 3, 'f')).toThrow(
            "l[3].f: invalid date '2026-02-30'",
        );
        expect(() => parseOptionalDateAt(5, 'l', 3, 'f')).toThrow(
            'l[3].f: a date (YYYY-MM-DD) is required',
        );
    });
});
