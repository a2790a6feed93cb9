// Calendar dates as plain 'YYYY-MM-DD' strings (no time zone), with the same semantics as Apex
// Date: daysBetween counts calendar days, addMonths clamps to the end of a shorter month
// (2028-02-29 minus 12 months is 2027-02-28).
import { KeystoneScoringError } from './errors';

export interface CalendarDate {
    readonly year: number;
    readonly month: number; // 1..12
    readonly day: number;
    /** Days since 0000-03-01 (proleptic Gregorian); differences give Apex daysBetween. */
    readonly serial: number;
}

function isLeapYear(year: number): boolean {
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
    const lengths = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    return lengths[month - 1] ?? 0;
}

function digitsAt(text: string, from: number, count: number): number {
    let value = 0;
    for (let i = from; i < from + count; i++) {
        const code = text.charCodeAt(i) - 48;
        if (code < 0 || code > 9) return -1;
        value = value * 10 + code;
    }
    return value;
}

// Portfolios repeat the same few hundred dates over and over; parsing each once keeps
// scoring fast. Dates are immutable, so sharing them is safe. Bounded to stay small.
const parsedDates = new Map<string, CalendarDate>();
const PARSED_DATES_LIMIT = 20000;

/** True when text is a real calendar date written 'YYYY-MM-DD' (year 1700 or later). */
export function isIsoDate(text: string): boolean {
    if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
    const year = digitsAt(text, 0, 4);
    const month = digitsAt(text, 5, 2);
    const day = digitsAt(text, 8, 2);
    return year >= 1700 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Parses a required date; an impossible date (2027-02-29, 2026-13-01, '') is rejected. */
export function parseDate(text: unknown, fieldPath: string): CalendarDate {
    if (typeof text !== 'string') {
        throw new KeystoneScoringError(fieldPath, 'a date (YYYY-MM-DD) is required');
    }
    const known = parsedDates.get(text);
    if (known) return known;
    const year =
        text.length === 10 && text[4] === '-' && text[7] === '-' ? digitsAt(text, 0, 4) : -1;
    const month = digitsAt(text, 5, 2);
    const day = digitsAt(text, 8, 2);
    if (year < 1700 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
        throw new KeystoneScoringError(fieldPath, `invalid date '${text}'`);
    }
    const date = makeDate(year, month, day);
    if (parsedDates.size >= PARSED_DATES_LIMIT) parsedDates.clear();
    parsedDates.set(text, date);
    return date;
}

/** Parses an optional date: null or undefined mean "no date". */
export function parseOptionalDate(text: unknown, fieldPath: string): CalendarDate | null {
    if (text === null || text === undefined) return null;
    return parseDate(text, fieldPath);
}

/**
 * parseOptionalDate for list items in hot loops (200 activities per account): the field path
 * text ("activities[12].activityDate") is only built when there is an error to report.
 */
export function parseOptionalDateAt(
    text: unknown,
    list: string,
    index: number,
    field: string,
): CalendarDate | null {
    if (text === null || text === undefined) return null;
    if (typeof text === 'string') {
        const known = parsedDates.get(text);
        if (known) return known;
    }
    return parseDate(text, `${list}[${index}].${field}`);
}

/** Days since 0000-03-01 in the proleptic Gregorian calendar; only differences matter. */
function dayNumber(year: number, month: number, day: number): number {
    const shiftedYear = month <= 2 ? year - 1 : year;
    const shiftedMonth = month <= 2 ? month + 9 : month - 3;
    return (
        365 * shiftedYear +
        Math.floor(shiftedYear / 4) -
        Math.floor(shiftedYear / 100) +
        Math.floor(shiftedYear / 400) +
        Math.floor((153 * shiftedMonth + 2) / 5) +
        day -
        1
    );
}

/** A valid calendar date (the caller has checked the day exists). */
export function makeDate(year: number, month: number, day: number): CalendarDate {
    return { year, month, day, serial: dayNumber(year, month, day) };
}

/** Like Apex from.daysBetween(to): positive when `to` is later. */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
    return to.serial - from.serial;
}

/** Like Apex date.addMonths(n): the day is clamped to the length of the target month. */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
    const monthIndex = date.year * 12 + (date.month - 1) + months;
    const year = Math.floor(monthIndex / 12);
    const month = (monthIndex % 12) + 1;
    return makeDate(year, month, Math.min(date.day, daysInMonth(year, month)));
}

/** Like Apex date.addDays(n). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
    const utc = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
    return makeDate(utc.getUTCFullYear(), utc.getUTCMonth() + 1, utc.getUTCDate());
}

export function formatDate(date: CalendarDate): string {
    const pad = (value: number, width: number): string => String(value).padStart(width, '0');
    return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}
