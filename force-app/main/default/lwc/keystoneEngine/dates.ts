// Calendar dates as plain 'YYYY-MM-DD' strings (no time zone), with the same semantics as Apex
// Date: daysBetween counts calendar days, addMonths clamps to the end of a shorter month
// (2028-02-29 minus 12 months is 2027-02-28).
import { KeystoneScoringError } from './errors';

export interface CalendarDate {
  year: number;
  month: number; // 1..12
  day: number;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  const lengths = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return lengths[month - 1] ?? 0;
}

/** Parses a required date; an impossible date (2027-02-29, 2026-13-01, '') is rejected. */
export function parseDate(text: unknown, fieldPath: string): CalendarDate {
  if (typeof text !== 'string') {
    throw new KeystoneScoringError(fieldPath, 'a date (YYYY-MM-DD) is required');
  }
  const match = DATE_PATTERN.exec(text);
  if (!match) {
    throw new KeystoneScoringError(fieldPath, `invalid date '${text}'`);
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1700 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new KeystoneScoringError(fieldPath, `invalid date '${text}'`);
  }
  return { year, month, day };
}

/** Parses an optional date: null or undefined mean "no date". */
export function parseOptionalDate(text: unknown, fieldPath: string): CalendarDate | null {
  if (text === null || text === undefined) return null;
  return parseDate(text, fieldPath);
}

/** Days since 0000-03-01 in the proleptic Gregorian calendar; only differences matter. */
function dayNumber(date: CalendarDate): number {
  const shiftedYear = date.month <= 2 ? date.year - 1 : date.year;
  const shiftedMonth = date.month <= 2 ? date.month + 9 : date.month - 3;
  return (
    365 * shiftedYear +
    Math.floor(shiftedYear / 4) -
    Math.floor(shiftedYear / 100) +
    Math.floor(shiftedYear / 400) +
    Math.floor((153 * shiftedMonth + 2) / 5) +
    date.day -
    1
  );
}

/** Like Apex from.daysBetween(to): positive when `to` is later. */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** Like Apex date.addMonths(n): the day is clamped to the length of the target month. */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const monthIndex = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

/** Like Apex date.addDays(n). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const utc = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate() };
}

export function formatDate(date: CalendarDate): string {
  const pad = (value: number, width: number): string => String(value).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** -1, 0 or 1. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  const difference = daysBetween(b, a);
  return difference < 0 ? -1 : difference > 0 ? 1 : 0;
}
