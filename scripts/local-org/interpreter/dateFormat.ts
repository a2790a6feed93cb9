// Datetime.format(pattern[, timeZone]), formatGmt(pattern) and the en_US forms of
// Datetime.format() and Date.format() (Apex Reference: Datetime Class, Date Class). A pattern
// follows Java's SimpleDateFormat, which the Apex Reference points to; the letters below are
// the subset the local org formats (English month and day names), any other letter fails
// loudly. Without a pattern the running user's locale decides: en_US only, in the ICU forms
// Salesforce uses ("3/10/2026, 11:00 AM", "3/10/2026"); another locale is outside the subset.
import { unsupported } from './errors.ts';
import { datetimeParts, zoneOffsetMs } from './dates.ts';
import type { DateValue, DatetimeValue } from './values.ts';

/** The running user's locale (LocaleSidKey); the runtime sets it with the time zone. */
export const userLocale: { id: string } = { id: 'en_US' };

const MONTHS = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

interface Moment {
    year: number;
    month: number;
    day: number;
    hour: number;
    minute: number;
    second: number;
    millisecond: number;
    /** Offset from GMT in minutes (0 for dates). */
    offsetMinutes: number;
    zone: string;
}

function pad(n: number, width: number): string {
    return String(n).padStart(width, '0');
}

function weekday(m: Moment): number {
    return new Date(Date.UTC(m.year, m.month - 1, m.day)).getUTCDay();
}

function offsetText(minutes: number, colon: boolean): string {
    const sign = minutes < 0 ? '-' : '+';
    const abs = Math.abs(minutes);
    return `${sign}${pad(Math.floor(abs / 60), 2)}${colon ? ':' : ''}${pad(abs % 60, 2)}`;
}

function field(letter: string, count: number, m: Moment): string {
    switch (letter) {
        case 'y':
            return count === 2 ? pad(m.year % 100, 2) : pad(m.year, count);
        case 'M':
            if (count >= 4) return MONTHS[m.month - 1] as string;
            if (count === 3) return (MONTHS[m.month - 1] as string).slice(0, 3);
            return pad(m.month, count);
        case 'd':
            return pad(m.day, count);
        case 'E':
            return count >= 4
                ? (DAYS[weekday(m)] as string)
                : (DAYS[weekday(m)] as string).slice(0, 3);
        case 'u':
            return String(weekday(m) === 0 ? 7 : weekday(m));
        case 'a':
            return m.hour < 12 ? 'AM' : 'PM';
        case 'H':
            return pad(m.hour, count);
        case 'k':
            return pad(m.hour === 0 ? 24 : m.hour, count);
        case 'K':
            return pad(m.hour % 12, count);
        case 'h':
            return pad(m.hour % 12 === 0 ? 12 : m.hour % 12, count);
        case 'm':
            return pad(m.minute, count);
        case 's':
            return pad(m.second, count);
        case 'S':
            return pad(m.millisecond, Math.max(count, 3)).slice(0, Math.max(count, 3));
        case 'Z':
            return offsetText(m.offsetMinutes, false);
        case 'X':
            if (m.offsetMinutes === 0) return 'Z';
            return count === 1
                ? offsetText(m.offsetMinutes, false).slice(0, 3)
                : offsetText(m.offsetMinutes, count >= 3);
        case 'z':
            if (m.zone === 'GMT' || m.zone === 'UTC') return 'GMT';
            throw unsupported(`the time zone name pattern letter z for ${m.zone}`);
        default:
            throw unsupported(`the date pattern letter ${letter}`);
    }
}

/** Formats with a SimpleDateFormat pattern: letters repeat, 'text' is quoted, '' is a quote. */
export function formatPattern(pattern: string, m: Moment): string {
    let out = '';
    let i = 0;
    while (i < pattern.length) {
        const ch = pattern[i] as string;
        if (ch === "'") {
            if (pattern[i + 1] === "'") {
                out += "'";
                i += 2;
                continue;
            }
            // quoted text: up to the closing quote, where '' is a quote
            let j = i + 1;
            for (;;) {
                if (j >= pattern.length)
                    throw unsupported(`an unterminated quote in the date pattern ${pattern}`);
                if (pattern[j] === "'") {
                    if (pattern[j + 1] !== "'") break;
                    out += "'";
                    j += 2;
                    continue;
                }
                out += pattern[j] as string;
                j++;
            }
            i = j + 1;
            continue;
        }
        if (/[A-Za-z]/.test(ch)) {
            let count = 1;
            while (pattern[i + count] === ch) count++;
            out += field(ch, count, m);
            i += count;
            continue;
        }
        out += ch;
        i++;
    }
    return out;
}

export function datetimeMoment(dt: DatetimeValue, zone: string): Moment {
    const p = datetimeParts(dt, zone);
    return { ...p, offsetMinutes: Math.round(zoneOffsetMs(zone, dt.ms) / 60000), zone };
}

export function dateMoment(d: DateValue): Moment {
    return {
        year: d.year,
        month: d.month,
        day: d.day,
        hour: 0,
        minute: 0,
        second: 0,
        millisecond: 0,
        offsetMinutes: 0,
        zone: 'GMT',
    };
}

function localePattern(kind: 'datetime' | 'date'): string {
    if (userLocale.id !== 'en_US')
        throw unsupported(
            `${kind === 'date' ? 'Date' : 'Datetime'}.format() in the locale ${userLocale.id} (only en_US is modelled)`,
        );
    return kind === 'date' ? 'M/d/yyyy' : 'M/d/yyyy, h:mm a';
}

/** Datetime.format() in the running user's zone and locale. */
export function formatDatetimeForLocale(dt: DatetimeValue, zone: string): string {
    return formatPattern(localePattern('datetime'), datetimeMoment(dt, zone));
}

/** Date.format() in the running user's locale. */
export function formatDateForLocale(d: DateValue): string {
    return formatPattern(localePattern('date'), dateMoment(d));
}
