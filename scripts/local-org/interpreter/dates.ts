// Date and Datetime. Dates are calendar dates (proleptic Gregorian). Datetimes are
// instants; the interpreter's "user time zone" is GMT, so local and GMT methods agree.
import { unsupported } from './errors.ts';
import { systemException } from './exceptions.ts';
import { DateValue, DatetimeValue } from './values.ts';

const MS_PER_DAY = 86400000;

export function isLeapYear(year: number): boolean {
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
    const lengths = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    return lengths[month - 1] ?? 0;
}

/** Days since 1970-01-01 for a calendar date. */
export function epochDay(d: DateValue): number {
    return Math.round(Date.UTC(d.year, d.month - 1, d.day) / MS_PER_DAY);
}

export function dateFromEpochDay(days: number): DateValue {
    const js = new Date(days * MS_PER_DAY);
    return new DateValue(js.getUTCFullYear(), js.getUTCMonth() + 1, js.getUTCDate());
}

export function newDate(year: number, month: number, day: number): DateValue {
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
        throw unsupported(
            `Date.newInstance(${year}, ${month}, ${day}) with an out-of-range month or day (platform roll-over not modelled)`,
        );
    }
    return new DateValue(year, month, day);
}

export function addDays(d: DateValue, n: number): DateValue {
    return dateFromEpochDay(epochDay(d) + n);
}

/** Adds months; a day past the end of the target month is clamped (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(d: DateValue, n: number): DateValue {
    const total = d.year * 12 + (d.month - 1) + n;
    const year = Math.floor(total / 12);
    const month = total - year * 12 + 1;
    const day = Math.min(d.day, daysInMonth(year, month));
    return new DateValue(year, month, day);
}

export function addYears(d: DateValue, n: number): DateValue {
    return addMonths(d, n * 12);
}

export function daysBetween(from: DateValue, to: DateValue): number {
    return epochDay(to) - epochDay(from);
}

export function monthsBetween(from: DateValue, to: DateValue): number {
    return (to.year - from.year) * 12 + (to.month - from.month);
}

export function dayOfYear(d: DateValue): number {
    return epochDay(d) - epochDay(new DateValue(d.year, 1, 1)) + 1;
}

function pad(n: number, width: number): string {
    return String(n).padStart(width, '0');
}

/** String.valueOf(Date): 'YYYY-MM-DD'. */
export function dateToString(d: DateValue): string {
    if (d.year < 0 || d.year > 9999) throw unsupported('formatting a Date outside years 0-9999');
    return `${pad(d.year, 4)}-${pad(d.month, 2)}-${pad(d.day, 2)}`;
}

export function compareDates(a: DateValue, b: DateValue): number {
    return Math.sign(epochDay(a) - epochDay(b));
}

/** Date.valueOf(String): 'yyyy-MM-dd' optionally followed by a time part. */
export function parseDate(text: string): DateValue {
    const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$/.exec(text.trim());
    if (!m) throw systemException('TypeException', `Invalid date: ${text}`);
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
        throw systemException('TypeException', `Invalid date: ${text}`);
    }
    return new DateValue(year, month, day);
}

// ---- Datetime (GMT) ----

export function newDatetime(
    year: number,
    month: number,
    day: number,
    hour = 0,
    minute = 0,
    second = 0,
): DatetimeValue {
    newDate(year, month, day);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
        throw unsupported('Datetime.newInstance with an out-of-range time part');
    }
    return new DatetimeValue(Date.UTC(year, month - 1, day, hour, minute, second));
}

export function datetimeParts(dt: DatetimeValue): {
    year: number;
    month: number;
    day: number;
    hour: number;
    minute: number;
    second: number;
    millisecond: number;
} {
    const js = new Date(dt.ms);
    return {
        year: js.getUTCFullYear(),
        month: js.getUTCMonth() + 1,
        day: js.getUTCDate(),
        hour: js.getUTCHours(),
        minute: js.getUTCMinutes(),
        second: js.getUTCSeconds(),
        millisecond: js.getUTCMilliseconds(),
    };
}

export function datetimeDate(dt: DatetimeValue): DateValue {
    const p = datetimeParts(dt);
    return new DateValue(p.year, p.month, p.day);
}

export function datetimeAddMonths(dt: DatetimeValue, n: number): DatetimeValue {
    const p = datetimeParts(dt);
    const d = addMonths(new DateValue(p.year, p.month, p.day), n);
    return new DatetimeValue(
        Date.UTC(d.year, d.month - 1, d.day, p.hour, p.minute, p.second, p.millisecond),
    );
}

/** String.valueOf(Datetime) and concatenation: 'yyyy-MM-dd HH:mm:ss' in the user time zone (GMT here). */
export function datetimeToString(dt: DatetimeValue): string {
    const p = datetimeParts(dt);
    return `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)} ${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}`;
}

/** ISO 8601 form used for JSON output. */
export function datetimeToIso(dt: DatetimeValue): string {
    return new Date(dt.ms).toISOString();
}

/** Datetime.valueOf / valueOfGmt: 'yyyy-MM-dd HH:mm:ss'; also accepts ISO 8601 with Z. */
export function parseDatetime(text: string): DatetimeValue {
    const t = text.trim();
    const m =
        /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
            t,
        );
    if (!m) throw systemException('TypeException', `Invalid date/time: ${text}`);
    const ms = Date.parse(
        `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}.${(m[7] ?? '0').padEnd(3, '0')}${m[8] ?? 'Z'}`,
    );
    if (Number.isNaN(ms)) throw systemException('TypeException', `Invalid date/time: ${text}`);
    return new DatetimeValue(ms);
}
