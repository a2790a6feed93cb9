import { engineConfigs, explainHealth, formatRawValue } from '../healthModel';
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

    it('words each measured value in its own unit', () => {
        expect(formatRawValue('executive', 56)).toBe('56 days');
        expect(formatRawValue('revenueRetention', 112.5)).toBe('NRR 112.5%');
        expect(formatRawValue('signals', -40)).toBe('-40 points');
        expect(formatRawValue('planFreshness', 'Current')).toBe('Current');
        expect(formatRawValue('whitespace', null)).toBe('—');
    });
});
