import { addDays, zonedInstant, type LocalDate } from "../time";

/** "yyyy-MM": a report's month, in the parent's zone. */
export type ReportMonth = string;
const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isReportMonth(m: string): m is ReportMonth {
  return MONTH_RE.test(m);
}

function parts(month: ReportMonth): { year: number; month: number } {
  const m = MONTH_RE.exec(month);
  if (!m) throw new RangeError(`not a month "yyyy-MM": ${month}`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

export function monthOf(date: LocalDate): ReportMonth {
  return date.slice(0, 7);
}

export function addMonths(month: ReportMonth, n: number): ReportMonth {
  const { year, month: m } = parts(month);
  const index = year * 12 + (m - 1) + n;
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1)}`;
}

/** The month before the one `today` falls in: what the drafting job on the 1st reports on. */
export function previousMonth(today: LocalDate): ReportMonth {
  return addMonths(monthOf(today), -1);
}

export interface MonthBounds {
  month: ReportMonth;
  firstDate: LocalDate;
  lastDate: LocalDate;
  /** Local midnight starting the 1st, in the zone: inclusive. */
  from: Date;
  /** Local midnight starting the next month's 1st: exclusive. */
  to: Date;
}

/**
 * The month as instants in the parent's zone. Built from local midnights, so a DST
 * change inside the month makes it an hour shorter or longer (March in New York is 743
 * hours), and a zone whose clocks skip midnight starts at the first minute after the gap.
 */
export function monthBounds(month: ReportMonth, zone: string): MonthBounds {
  const firstDate = `${month}-01`;
  const nextFirst = `${addMonths(month, 1)}-01`;
  return {
    month,
    firstDate,
    lastDate: addDays(nextFirst, -1),
    from: zonedInstant(firstDate, "00:00", zone),
    to: zonedInstant(nextFirst, "00:00", zone),
  };
}

/** "November 2026" for headings. */
export function monthTitle(month: ReportMonth): string {
  const { year, month: m } = parts(month);
  return `${MONTH_NAMES[m - 1]} ${year}`;
}

const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
