import { requireLocalDate, type LocalDate } from "./validate";

/**
 * How far from today a date typed by an admin may be. A phase or appointment years away
 * is a typo ("9999-12-31", "0001-01-01"), and every planning loop walks from one end of
 * it to the other: bounding the input keeps those loops short and the dates printable.
 */
export const ADMIN_DATE_YEARS = 5;

const DAY_MS = 86_400_000;

/** Whole days since 1970-01-01 for a calendar date (proleptic Gregorian, no zone). */
export function dayNumber(date: LocalDate): number {
  const { year, month, day } = requireLocalDate(date);
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day); // setUTCFullYear keeps years 0-99 literal
  return Math.round(d.getTime() / DAY_MS);
}

/** Days from `a` to `b` (b − a); negative when b is before a. */
export function daysBetweenDates(a: LocalDate, b: LocalDate): number {
  return dayNumber(b) - dayNumber(a);
}

/** null when `date` is within `years` of `today` (either side), else the message for the field. */
export function outsideAdminRange(date: LocalDate, today: LocalDate, years = ADMIN_DATE_YEARS): string | null {
  const limit = Math.ceil(years * 365.25);
  return Math.abs(daysBetweenDates(today, date)) <= limit ? null : `must be within ${years} years of today (${today})`;
}
