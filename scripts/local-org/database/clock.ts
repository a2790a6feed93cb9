// Dates in a user's time zone. Datetimes are instants (ms since the epoch); a Date field's
// value, TODAY() and SOQL date literals depend on the running user's TimeZoneSidKey
// (Apex Developer Guide: "Date and Datetime in the user's time zone").
import { DateValue, DatetimeValue } from '../interpreter/values.ts';
import { UnsupportedError } from '../interpreter/errors.ts';

const FORMATTERS = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
    let f = FORMATTERS.get(timeZone);
    if (!f) {
        try {
            f = new Intl.DateTimeFormat('en-US', {
                timeZone,
                hourCycle: 'h23',
                year: 'numeric',
                month: 'numeric',
                day: 'numeric',
                hour: 'numeric',
                minute: 'numeric',
                second: 'numeric',
            });
        } catch {
            throw new UnsupportedError(
                `the time zone ${timeZone} (unknown to this Node.js)`,
                undefined,
            );
        }
        FORMATTERS.set(timeZone, f);
    }
    return f;
}

export interface ZonedParts {
    year: number;
    month: number;
    day: number;
    hour: number;
    minute: number;
    second: number;
}

export function zonedParts(ms: number, timeZone: string): ZonedParts {
    const parts: Record<string, number> = {};
    for (const p of formatter(timeZone).formatToParts(new Date(ms))) {
        if (p.type !== 'literal') parts[p.type] = Number(p.value);
    }
    return {
        year: parts.year ?? 0,
        month: parts.month ?? 0,
        day: parts.day ?? 0,
        hour: parts.hour ?? 0,
        minute: parts.minute ?? 0,
        second: parts.second ?? 0,
    };
}

/** Milliseconds to add to UTC to get the wall-clock time in the zone at this instant. */
export function zoneOffset(ms: number, timeZone: string): number {
    const p = zonedParts(ms, timeZone);
    const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    return wall - Math.floor(ms / 1000) * 1000;
}

/** The calendar date of an instant in the zone. */
export function dateInZone(ms: number, timeZone: string): DateValue {
    const p = zonedParts(ms, timeZone);
    return new DateValue(p.year, p.month, p.day);
}

/** The instant a wall-clock time in the zone stands for (the earlier one in a DST overlap). */
export function instantOf(
    timeZone: string,
    year: number,
    month: number,
    day: number,
    hour = 0,
    minute = 0,
    second = 0,
): number {
    const wall = Date.UTC(year, month - 1, day, hour, minute, second);
    let guess = wall - zoneOffset(wall, timeZone);
    // A second pass settles guesses made across a DST change.
    guess = wall - zoneOffset(guess, timeZone);
    return guess;
}

/** The instant the date starts in the zone. */
export function startOfDay(date: DateValue, timeZone: string): number {
    return instantOf(timeZone, date.year, date.month, date.day);
}

/** Datetimes are stored and queried at whole-second precision (the platform truncates milliseconds). */
export function wholeSecond(ms: number): number {
    return Math.floor(ms / 1000) * 1000;
}

export function datetime(ms: number): DatetimeValue {
    return new DatetimeValue(ms);
}
