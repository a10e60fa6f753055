import { DateTime } from "luxon";
import {
  type LocalDate,
  type LocalTime,
  requireInstant,
  requireLocalDate,
  requireLocalTime,
  requireZone,
} from "./validate";

const MINUTE_MS = 60_000;

export function localDateOf(instant: Date, zone: string): LocalDate {
  const z = requireZone(zone);
  // toISODate() is non-null for a valid DateTime; inputs were validated above.
  return DateTime.fromMillis(requireInstant(instant), { zone: z }).toISODate()!;
}

/**
 * Instant at which local wall time `time` on `date` happens in `zone`.
 *
 * - Spring-forward gap: the first valid instant after the gap (NY 2026-03-08
 *   02:30 -> 03:00 EDT). Luxon on its own would shift by the gap length
 *   (-> 03:30), which would make a 02:30 reminder fire half an hour later than
 *   one scheduled for 02:59 — we want "as soon as that wall time is passed".
 * - Fall-back overlap: the FIRST occurrence, so a daily send fires once and
 *   at the earliest moment the parent's clock shows that time. Luxon's own
 *   choice differs by zone (NY picks the second, Sydney the first).
 */
export function zonedInstant(date: LocalDate, time: LocalTime, zone: string): Date {
  const z = requireZone(zone);
  const { year, month, day } = requireLocalDate(date);
  const { hour, minute } = requireLocalTime(time);

  const dt = DateTime.fromObject({ year, month, day, hour, minute }, { zone: z });
  const exists =
    dt.year === year && dt.month === month && dt.day === day && dt.hour === hour && dt.minute === minute;

  if (exists) {
    const first = Math.min(...dt.getPossibleOffsets().map((d) => d.toMillis()));
    return new Date(first);
  }

  // Gap. Luxon resolved it with the pre-transition offset, i.e. `dt` is just
  // after the transition; the transition itself is the answer. Find it by
  // bisection on "has the local clock already passed the requested wall
  // time?", using luxon's zone offsets as the only source of tz rules.
  const wall = DateTime.fromObject({ year, month, day, hour, minute }, { zone: "utc" }).toMillis();
  const localWallAt = (t: number): number => t + z.offset(t) * MINUTE_MS;
  let hi = dt.toMillis(); // local clock is past `wall` here
  let lo = wall - dt.offset * MINUTE_MS; // local clock is before `wall` here
  if (!(localWallAt(lo) < wall && localWallAt(hi) > wall)) {
    // Not a shape we understand (should not happen with real tz data); luxon's
    // answer is still a valid instant after the gap.
    return dt.toJSDate();
  }
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (localWallAt(mid) > wall) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

/** Calendar arithmetic only — no zone involved, so DST cannot affect it. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const { year, month, day } = requireLocalDate(date);
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer: ${days}`);
  return DateTime.fromObject({ year, month, day }, { zone: "utc" }).plus({ days }).toISODate()!;
}

/**
 * Planned instants for a daily local time over local dates
 * [fromDate, fromDate + days). Built per local date (not "previous + 24h") so
 * the wall time survives DST changes and there is exactly one entry per date.
 */
export function dailyOccurrences(
  time: LocalTime,
  zone: string,
  fromDate: LocalDate,
  days: number,
): { localDate: LocalDate; at: Date }[] {
  requireZone(zone);
  requireLocalTime(time);
  requireLocalDate(fromDate);
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a non-negative integer: ${days}`);
  const out: { localDate: LocalDate; at: Date }[] = [];
  for (let i = 0; i < days; i++) {
    const localDate = addDays(fromDate, i);
    out.push({ localDate, at: zonedInstant(localDate, time, zone) });
  }
  return out;
}

/**
 * Elapsed whole minutes from `a` to `b` (b − a), truncated toward zero;
 * negative when b is before a. Real elapsed time, so a DST change between
 * the two instants does not add or remove an hour.
 */
export function minutesBetween(a: Date, b: Date): number {
  const diff = Math.trunc((requireInstant(b) - requireInstant(a)) / MINUTE_MS);
  return diff === 0 ? 0 : diff; // avoid -0 leaking into comparisons/JSON
}
