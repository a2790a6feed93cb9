import { defaultConfig, detectSignals, openSignalImpacts, parseDate } from '../keystoneEngine';
import type { SignalFacts } from '../keystoneEngine';

const config = defaultConfig();
const now = parseDate('2026-11-26', 'now');
const calm: SignalFacts = {
    championLeft: false,
    championCold: false,
    sponsorLeft: false,
    sponsorLapsed: false,
    singleThreaded: false,
    planFreshness: 'Current',
    revenueChangePercent: 5,
    healthScore: 80,
    renewalDate: null,
};

describe('detectSignals', () => {
    it('opens what the data supports and resolves what it no longer supports', () => {
        const result = detectSignals(
            { ...calm, singleThreaded: true },
            [
                { type: 'Plan Stale', status: 'Open' },
                { type: 'Usage Drop', status: 'Open' },
            ],
            now,
            config.signals,
            config.health,
        );
        expect(result.toOpen).toEqual(['Single Threaded']);
        expect(result.toResolve).toEqual(['Plan Stale']);
    });

    it('takes impacts from the signal, else from the type, once per type', () => {
        expect(
            openSignalImpacts(
                [
                    { type: 'Champion Left', status: 'Open' },
                    { type: 'Champion Left', status: 'Acknowledged' },
                    { type: 'Usage Drop', status: 'Open', scoreImpact: -10 },
                    { type: 'Plan Stale', status: 'Resolved' },
                    { type: 'Support Escalation', status: 'Open', scoreImpact: 15 },
                ],
                config.signals,
            ),
        ).toEqual([-40, -10, 0]);
    });
});
