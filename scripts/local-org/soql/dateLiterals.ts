// SOQL date literals as ranges of days in the running user's time zone (SOQL and SOSL
// Reference: "Date Formats and Date Literals in WHERE"). Weeks start on Sunday (en_US locale);
// the fiscal year starts in the organization's FiscalYearStartMonth (January by default).
import { UnsupportedError } from '../interpreter/errors.ts';
import { addDays, addMonths, epochDay } from '../interpreter/dates.ts';
import { DateValue } from '../interpreter/values.ts';

/** Days [start, end] inclusive. */
export interface DayRange {
    start: DateValue;
    end: DateValue;
}

function weekStart(d: DateValue): DateValue {
    const dayOfWeek = (((epochDay(d) + 4) % 7) + 7) % 7; // 0 = Sunday
    return addDays(d, -dayOfWeek);
}

function monthStart(d: DateValue): DateValue {
    return new DateValue(d.year, d.month, 1);
}

function quarterStart(d: DateValue, firstMonth: number): DateValue {
    const offset = (((d.month - firstMonth) % 12) + 12) % 12;
    return addMonths(new DateValue(d.year, d.month, 1), -(offset % 3));
}

function fiscalYearStart(d: DateValue, firstMonth: number): DateValue {
    const year = d.month >= firstMonth ? d.year : d.year - 1;
    return new DateValue(year, firstMonth, 1);
}

function span(start: DateValue, months: number): DayRange {
    return { start, end: addDays(addMonths(start, months), -1) };
}

/** The range a date literal stands for, given the user's today. */
export function dateLiteralRange(
    name: string,
    n: number | null,
    today: DateValue,
    fiscalStartMonth = 1,
): DayRange {
    const count = n ?? 0;
    switch (name) {
        case 'TODAY':
            return { start: today, end: today };
        case 'YESTERDAY':
            return { start: addDays(today, -1), end: addDays(today, -1) };
        case 'TOMORROW':
            return { start: addDays(today, 1), end: addDays(today, 1) };
        case 'LAST_90_DAYS':
            return { start: addDays(today, -90), end: today };
        case 'NEXT_90_DAYS':
            return { start: addDays(today, 1), end: addDays(today, 90) };
        // "Starts with the current day and continues for the past n days": today is included.
        case 'LAST_N_DAYS':
            return { start: addDays(today, -count), end: today };
        case 'NEXT_N_DAYS':
            return { start: addDays(today, 1), end: addDays(today, count) };
        case 'N_DAYS_AGO':
            return { start: addDays(today, -count), end: addDays(today, -count) };
        case 'THIS_WEEK':
            return { start: weekStart(today), end: addDays(weekStart(today), 6) };
        case 'LAST_WEEK':
            return { start: addDays(weekStart(today), -7), end: addDays(weekStart(today), -1) };
        case 'NEXT_WEEK':
            return { start: addDays(weekStart(today), 7), end: addDays(weekStart(today), 13) };
        case 'LAST_N_WEEKS':
            return {
                start: addDays(weekStart(today), -7 * count),
                end: addDays(weekStart(today), -1),
            };
        case 'NEXT_N_WEEKS':
            return {
                start: addDays(weekStart(today), 7),
                end: addDays(weekStart(today), 7 * count + 6),
            };
        case 'N_WEEKS_AGO':
            return {
                start: addDays(weekStart(today), -7 * count),
                end: addDays(weekStart(today), -7 * count + 6),
            };
        case 'THIS_MONTH':
            return span(monthStart(today), 1);
        case 'LAST_MONTH':
            return span(addMonths(monthStart(today), -1), 1);
        case 'NEXT_MONTH':
            return span(addMonths(monthStart(today), 1), 1);
        case 'LAST_N_MONTHS':
            return span(addMonths(monthStart(today), -count), count);
        case 'NEXT_N_MONTHS':
            return span(addMonths(monthStart(today), 1), count);
        case 'N_MONTHS_AGO':
            return span(addMonths(monthStart(today), -count), 1);
        case 'THIS_QUARTER':
            return span(quarterStart(today, 1), 3);
        case 'LAST_QUARTER':
            return span(addMonths(quarterStart(today, 1), -3), 3);
        case 'NEXT_QUARTER':
            return span(addMonths(quarterStart(today, 1), 3), 3);
        case 'LAST_N_QUARTERS':
            return span(addMonths(quarterStart(today, 1), -3 * count), 3 * count);
        case 'NEXT_N_QUARTERS':
            return span(addMonths(quarterStart(today, 1), 3), 3 * count);
        case 'N_QUARTERS_AGO':
            return span(addMonths(quarterStart(today, 1), -3 * count), 3);
        case 'THIS_YEAR':
            return span(new DateValue(today.year, 1, 1), 12);
        case 'LAST_YEAR':
            return span(new DateValue(today.year - 1, 1, 1), 12);
        case 'NEXT_YEAR':
            return span(new DateValue(today.year + 1, 1, 1), 12);
        case 'LAST_N_YEARS':
            return span(new DateValue(today.year - count, 1, 1), 12 * count);
        case 'NEXT_N_YEARS':
            return span(new DateValue(today.year + 1, 1, 1), 12 * count);
        case 'N_YEARS_AGO':
            return span(new DateValue(today.year - count, 1, 1), 12);
        case 'THIS_FISCAL_QUARTER':
            return span(quarterStart(today, fiscalStartMonth), 3);
        case 'LAST_FISCAL_QUARTER':
            return span(addMonths(quarterStart(today, fiscalStartMonth), -3), 3);
        case 'NEXT_FISCAL_QUARTER':
            return span(addMonths(quarterStart(today, fiscalStartMonth), 3), 3);
        case 'LAST_N_FISCAL_QUARTERS':
            return span(addMonths(quarterStart(today, fiscalStartMonth), -3 * count), 3 * count);
        case 'NEXT_N_FISCAL_QUARTERS':
            return span(addMonths(quarterStart(today, fiscalStartMonth), 3), 3 * count);
        case 'N_FISCAL_QUARTERS_AGO':
            return span(addMonths(quarterStart(today, fiscalStartMonth), -3 * count), 3);
        case 'THIS_FISCAL_YEAR':
            return span(fiscalYearStart(today, fiscalStartMonth), 12);
        case 'LAST_FISCAL_YEAR':
            return span(addMonths(fiscalYearStart(today, fiscalStartMonth), -12), 12);
        case 'NEXT_FISCAL_YEAR':
            return span(addMonths(fiscalYearStart(today, fiscalStartMonth), 12), 12);
        case 'LAST_N_FISCAL_YEARS':
            return span(
                addMonths(fiscalYearStart(today, fiscalStartMonth), -12 * count),
                12 * count,
            );
        case 'NEXT_N_FISCAL_YEARS':
            return span(addMonths(fiscalYearStart(today, fiscalStartMonth), 12), 12 * count);
        case 'N_FISCAL_YEARS_AGO':
            return span(addMonths(fiscalYearStart(today, fiscalStartMonth), -12 * count), 12);
        default:
            throw new UnsupportedError(`the date literal ${name}`, undefined);
    }
}
