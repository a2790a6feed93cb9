import { parseDate, summariseRevenue } from '../keystoneEngine';

const now = parseDate('2026-11-26', 'now');

describe('summariseRevenue', () => {
    it('splits won revenue into the last and the prior 12 months and sums open pipeline', () => {
        const summary = summariseRevenue(
            [
                { amount: 1000, closeDate: '2026-01-15', isClosed: true, isWon: true },
                { amount: 400, closeDate: '2025-11-26', isClosed: true, isWon: true },
                { amount: 9999, closeDate: '2026-02-01', isClosed: true, isWon: false },
                { amount: 250.5, closeDate: '2027-03-01', isClosed: false },
                { amount: 0.25, closeDate: null, isClosed: false },
            ],
            now,
        );
        expect(summary.wonLast12Months).toBe(1000);
        expect(summary.wonPrior12Months).toBe(400);
        expect(summary.openPipeline).toBe(250.75);
        expect(summary.revenueChangePercent).toBe(150);
    });

    it('does not count won deals without a close date or closing in the future', () => {
        const summary = summariseRevenue(
            [
                { amount: 10, closeDate: null, isWon: true },
                { amount: 10, closeDate: '2026-11-27', isWon: true },
            ],
            now,
        );
        expect(summary.ignoredWonCount).toBe(2);
        expect(summary.revenueChangePercent).toBeNull();
    });

    it('rejects an impossible close date with its field path', () => {
        expect(() =>
            summariseRevenue([{ amount: 1, closeDate: '2026-04-31', isWon: true }], now),
        ).toThrow("opportunities[0].closeDate: invalid date '2026-04-31'");
    });
});
