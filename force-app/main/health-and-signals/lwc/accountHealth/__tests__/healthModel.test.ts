import { engineConfigs, explainHealth, formatRawValue, mostPoints } from '../healthModel';
import type { HealthData } from '../healthModel';
import health from './data/health.json';

const data = health as unknown as HealthData;

describe('account health model', () => {
    it('lays the admin settings over the engine defaults', () => {
        const configs = engineConfigs({
            ...data.settings,
            weights: { coverage: 40 },
            scoreImpacts: { 'Usage Drop': -50 },
        });
        expect(configs.health.weights.coverage).toBe(40);
        expect(configs.health.weights.executive).toBe(15);
        expect(configs.signals.scoreImpacts['Usage Drop']).toBe(-50);
        expect(configs.signals.scoreImpacts['Champion Left']).toBe(-40);
        expect(configs.plan.cadenceDaysByTier['Tier 1']).toBe(30);
    });

    it('explains the stored figures with the engine, counting acknowledged signals as open', () => {
        const result = explainHealth(data, data.signals);
        expect(result?.score).toBe(70);
        expect(result?.band).toBe('Healthy');
        expect(result?.parts.find((part) => part.key === 'signals')?.rawValue).toBe(-40);
    });

    it('drops a resolved signal from the score', () => {
        const signals = data.signals.map((signal) =>
            signal.type === 'Support Escalation' ? { ...signal, status: 'Resolved' } : signal,
        );
        expect(explainHealth(data, signals)?.score).toBe(73);
    });

    it('has nothing to explain without a plan', () => {
        expect(explainHealth({ ...data, plan: null }, [])).toBeNull();
    });

    it('words each measured value as a sales leader reads it', () => {
        expect(formatRawValue('executive', 56)).toBe('Sponsor last spoken to 56 days ago');
        expect(formatRawValue('executive', 1)).toBe('Sponsor last spoken to 1 day ago');
        expect(formatRawValue('executive', null)).toBe('No sponsor conversation logged');
        expect(formatRawValue('revenueRetention', 112.5)).toBe(
            'Net revenue retention 112.5% of the year before',
        );
        expect(formatRawValue('revenueRetention', null)).toBe(
            'Prior year too small to measure retention',
        );
        expect(formatRawValue('coverage', 30)).toBe('30% of the buying group engaged');
        expect(formatRawValue('signals', -40)).toBe('Open signals take 40 points off');
        expect(formatRawValue('signals', 0)).toBe('No points off for open signals');
        // The stored status is a code word; the panel says what it means.
        expect(formatRawValue('planFreshness', 'Current')).toBe('Plan up to date');
        expect(formatRawValue('planFreshness', 'Stale')).toBe('Plan out of date');
        expect(formatRawValue('whitespace', null)).toBe('No whitespace identified yet');
    });

    it('rounds percents to one decimal at most', () => {
        expect(formatRawValue('pipeline', 43.09)).toBe(
            "Open pipeline at 43.1% of last year's revenue",
        );
        expect(formatRawValue('revenueRetention', 104.04)).toBe(
            'Net revenue retention 104% of the year before',
        );
    });

    it('says what a part can bring at most as its share of the total weight', () => {
        expect(mostPoints(15, 100)).toBe(15);
        expect(mostPoints(1, 3)).toBe(33.3);
        expect(mostPoints(5, 0)).toBe(0);
    });
});
