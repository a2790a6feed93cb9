// Revenue and pipeline from Opportunities: won in the last 12 months, won in the 12 months
// before, and open pipeline. Live from Opportunities, never typed in by hand.
import type { CalendarDate } from './dates';
import { addMonths, daysBetween, parseOptionalDateAt } from './dates';
import { ratioHalfUp, sumExact } from './rounding';
import type { OpportunityInput } from './types';
import { optionalAmountAt } from './validation';

export interface RevenueSummary {
    /** Won with a close date in (now - 12 months, now]. */
    wonLast12Months: number;
    /** Won with a close date in (now - 24 months, now - 12 months]. */
    wonPrior12Months: number;
    /** Amount of every open Opportunity, whatever its close date. */
    openPipeline: number;
    /** (last - prior) / prior, %, 1 decimal; null when nothing was won in the prior 12 months. */
    revenueChangePercent: number | null;
    /** Won Opportunities without a close date, or closing after "now": not counted. */
    ignoredWonCount: number;
}

export function summariseRevenue(
    opportunities: OpportunityInput[],
    now: CalendarDate,
): RevenueSummary {
    const lastYearStart = addMonths(now, -12);
    const priorYearStart = addMonths(now, -24);
    const lastYear: number[] = [];
    const priorYear: number[] = [];
    const open: number[] = [];
    let ignoredWonCount = 0;
    for (let index = 0; index < opportunities.length; index++) {
        const opportunity = opportunities[index] as OpportunityInput;
        const amount = optionalAmountAt(opportunity.amount, 'opportunities', index, 'amount');
        const closeDate = parseOptionalDateAt(
            opportunity.closeDate,
            'opportunities',
            index,
            'closeDate',
        );
        const isWon = opportunity.isWon === true;
        const isClosed = opportunity.isClosed === true || isWon;
        if (!isClosed) {
            open.push(amount);
            continue;
        }
        if (!isWon) continue;
        if (closeDate === null || daysBetween(now, closeDate) > 0) {
            ignoredWonCount += 1;
            continue;
        }
        if (daysBetween(lastYearStart, closeDate) > 0) lastYear.push(amount);
        else if (daysBetween(priorYearStart, closeDate) > 0) priorYear.push(amount);
    }
    const wonLast12Months = sumExact(lastYear);
    const wonPrior12Months = sumExact(priorYear);
    return {
        wonLast12Months,
        wonPrior12Months,
        openPipeline: sumExact(open),
        revenueChangePercent:
            wonPrior12Months === 0
                ? null
                : ratioHalfUp(
                      [sumExact([wonLast12Months, -wonPrior12Months]), 100],
                      [wonPrior12Months],
                      1,
                  ),
        ignoredWonCount,
    };
}
