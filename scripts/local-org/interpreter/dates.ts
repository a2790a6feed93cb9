// Date and Datetime. Dates are calendar dates (proleptic Gregorian). Datetimes are
// instants, shown in the running user's time zone by the methods without a Gmt suffix.
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

// ---- Datetime: instants shown in the running user's time zone ----

/**
 * The running user's time zone (an IANA id such as 'America/Los_Angeles'). Datetime methods
 * without the Gmt suffix (hour(), date(), newInstance(…), valueOf(…), String.valueOf) work in
 * it; the runtime sets it when the running user changes. GMT for the bare interpreter.
 */
export const userTimeZone: { id: string } = { id: 'GMT' };

const FORMATTERS = new Map<string, Intl.DateTimeFormat>();

function formatterFor(tz: string): Intl.DateTimeFormat {
    let f = FORMATTERS.get(tz);
    if (!f) {
        try {
            f = new Intl.DateTimeFormat('en-US', {
                timeZone: tz,
                hourCycle: 'h23',
                year: 'numeric',
                month: 'numeric',
                day: 'numeric',
                hour: 'numeric',
                minute: 'numeric',
                second: 'numeric',
            });
        } catch {
            throw unsupported(`the time zone ${tz}`);
        }
        FORMATTERS.set(tz, f);
    }
    return f;
}

/** Milliseconds to add to an instant to get the wall-clock time of a time zone. */
export function zoneOffsetMs(tz: string, ms: number): number {
    if (tz === 'GMT' || tz === 'UTC') return 0;
    const parts: Record<string, number> = {};
    for (const p of formatterFor(tz).formatToParts(new Date(ms))) {
        if (p.type !== 'literal') parts[p.type] = Number(p.value);
    }
    const wall = Date.UTC(
        parts.year ?? 1970,
        (parts.month ?? 1) - 1,
        parts.day ?? 1,
        parts.hour ?? 0,
        parts.minute ?? 0,
        parts.second ?? 0,
    );
    return wall - (ms - (((ms % 1000) + 1000) % 1000));
}

/** The instant whose wall-clock time in a time zone is the given one (the first, around a DST change). */
export function instantOfWallTime(wallMs: number, tz: string): number {
    let guess = wallMs - zoneOffsetMs(tz, wallMs);
    guess = wallMs - zoneOffsetMs(tz, guess);
    return guess;
}

export function newDatetime(
    year: number,
    month: number,
    day: number,
    hour = 0,
    minute = 0,
    second = 0,
    tz = 'GMT',
): DatetimeValue {
    newDate(year, month, day);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
        throw unsupported('Datetime.newInstance with an out-of-range time part');
    }
    return new DatetimeValue(
        instantOfWallTime(Date.UTC(year, month - 1, day, hour, minute, second), tz),
    );
}

export interface DatetimeParts {
    year: number;
    month: number;
    day: number;
    hour: number;
    minute: number;
    second: number;
    millisecond: number;
}

/** The wall-clock parts of an instant in a time zone (GMT by default). */
export function datetimeParts(dt: DatetimeValue, tz = 'GMT'): DatetimeParts {
    const js = new Date(dt.ms + zoneOffsetMs(tz, dt.ms));
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

export function datetimeDate(dt: DatetimeValue, tz = 'GMT'): DateValue {
    const p = datetimeParts(dt, tz);
    return new DateValue(p.year, p.month, p.day);
}

/** addMonths on the wall-clock date in a time zone, keeping the wall-clock time. */
export function datetimeAddMonths(dt: DatetimeValue, n: number, tz = 'GMT'): DatetimeValue {
    const p = datetimeParts(dt, tz);
    const d = addMonths(new DateValue(p.year, p.month, p.day), n);
    return new DatetimeValue(
        instantOfWallTime(
            Date.UTC(d.year, d.month - 1, d.day, p.hour, p.minute, p.second, p.millisecond),
            tz,
        ),
    );
}

function partsToString(p: DatetimeParts): string {
    return `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)} ${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}`;
}

/** String.valueOf(Datetime) and concatenation: 'yyyy-MM-dd HH:mm:ss' in the user's time zone. */
export function datetimeToString(dt: DatetimeValue): string {
    return partsToString(datetimeParts(dt, userTimeZone.id));
}

/** 'yyyy-MM-dd HH:mm:ss' in GMT (how a Datetime field prints inside an SObject). */
export function datetimeToGmtString(dt: DatetimeValue): string {
    return partsToString(datetimeParts(dt));
}

/** ISO 8601 form used for JSON output. */
export function datetimeToIso(dt: DatetimeValue): string {
    return new Date(dt.ms).toISOString();
}

/**
 * Datetime.valueOf / valueOfGmt: 'yyyy-MM-dd HH:mm:ss' read in the given time zone; ISO 8601
 * with a zone designator (JSON) is read as written.
 */
export function parseDatetime(text: string, tz = 'GMT'): DatetimeValue {
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
    return new DatetimeValue(m[8] ? ms : instantOfWallTime(ms, tz));
}
