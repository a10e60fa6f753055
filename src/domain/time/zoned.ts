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

/**
 * Bounded memo for pure results that depend only on their arguments and the runtime's tz
 * data. planAll asks the same few questions (a handful of zones × times × dates) hundreds
 * of thousands of times, and each luxon answer costs tens of µs. Only results of calls that
 * passed validation are stored, so a hit never skips a check that would have thrown.
 */
function memo<V>(limit: number) {
  const m = new Map<string, V>();
  return {
    get: (k: string) => m.get(k),
    set(k: string, v: V): V {
      if (m.size >= limit) m.clear(); // crude, but the working set is small and this keeps memory bounded
      m.set(k, v);
      return v;
    },
  };
}

const localDateMemo = memo<LocalDate>(4096);
const instantMemo = memo<number>(65_536);
const addDaysMemo = memo<LocalDate>(16_384);

export function localDateOf(instant: Date, zone: string): LocalDate {
  const ms = requireInstant(instant);
  const key = `${ms}@${zone}`;
  const hit = localDateMemo.get(key);
  if (hit !== undefined) return hit;
  const z = requireZone(zone);
  // toISODate() is non-null for a valid DateTime; inputs were validated above.
  return localDateMemo.set(key, DateTime.fromMillis(ms, { zone: z }).toISODate()!);
}

/** The local wall time ("HH:mm") an instant shows in `zone`: what `zonedInstant` takes back. */
export function localTimeOf(instant: Date, zone: string): LocalTime {
  const ms = requireInstant(instant);
  return DateTime.fromMillis(ms, { zone: requireZone(zone) }).toFormat("HH:mm") as LocalTime;
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
  const key = `${date}T${time}@${zone}`;
  const hit = instantMemo.get(key);
  // A fresh Date each time: callers own (and may mutate) what they get.
  if (hit !== undefined) return new Date(hit);
  return new Date(instantMemo.set(key, resolveZonedInstant(date, time, zone).getTime()));
}

function resolveZonedInstant(date: LocalDate, time: LocalTime, zone: string): Date {
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
  const key = `${date}|${days}`;
  const hit = addDaysMemo.get(key);
  if (hit !== undefined) return hit;
  const { year, month, day } = requireLocalDate(date);
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer: ${days}`);
  return addDaysMemo.set(key, DateTime.fromObject({ year, month, day }, { zone: "utc" }).plus({ days }).toISODate()!);
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
