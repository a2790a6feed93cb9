import { defaultConfig, scoreAccount } from '../keystoneEngine';

describe('scoreAccount', () => {
    it('scores an account with nothing mapped yet when the lists are left out', () => {
        const result = scoreAccount({ now: '2026-11-26', account: {} }, defaultConfig());
        expect(result.coverage.activeCount).toBe(0);
        expect(result.coverage.ignoredActivityCount).toBe(0);
        expect(result.coverage.coverageStatus).toBe('No stakeholders');
        expect(result.whitespace.cells).toEqual([]);
        expect(result.signals.openTypes).toEqual([]);
        expect(result.revenue.openPipeline).toBe(0);
        expect(result.plan.hasPlan).toBe(false);
    });
});
