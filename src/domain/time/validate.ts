import { DateTime, IANAZone } from "luxon";

/** "HH:mm", 24h clock. */
export type LocalTime = string;
/** "yyyy-MM-dd" calendar date with no zone attached. */
export type LocalDate = string;

// Anchored and zero-padded on purpose: "8:30" or "24:00" stored in a profile
// would otherwise be silently re-interpreted by luxon's lenient parsers.
const LOCAL_TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;
const LOCAL_DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** luxon builds an Intl.DateTimeFormat per check (~65 µs); zones are few, so remember them. */
const zoneValidity = new Map<string, boolean>();

/**
 * True for any zone the runtime's tz database knows (IANA names, their
 * aliases such as "US/Eastern", and "UTC"). Rejects "", "local", "system" and
 * "UTC+3": a zone must never silently fall back to the server's own zone.
 */
export function isValidZone(zone: string): boolean {
  if (typeof zone !== "string" || zone.length === 0) return false;
  let valid = zoneValidity.get(zone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(zone);
    if (zoneValidity.size < 10_000) zoneValidity.set(zone, valid);
  }
  return valid;
}

export function isValidLocalTime(t: string): boolean {
  return typeof t === "string" && LOCAL_TIME_RE.test(t);
}

/** Real calendar dates only: "2026-02-30" is rejected, not rolled over. */
export function isValidLocalDate(d: string): boolean {
  return (
    typeof d === "string" &&
    LOCAL_DATE_RE.test(d) &&
    DateTime.fromISO(d, { zone: "utc" }).isValid
  );
}

// Luxon reports bad input by returning "invalid" DateTimes that then format as
// "Invalid DateTime" — in an SMS that is worse than an exception, so every
// public function validates its inputs up front and throws RangeError.

export function requireZone(zone: string): IANAZone {
  if (!isValidZone(zone)) throw new RangeError(`unknown IANA time zone: ${JSON.stringify(zone)}`);
  return IANAZone.create(zone);
}

export function requireLocalTime(t: string): { hour: number; minute: number } {
  if (!isValidLocalTime(t)) throw new RangeError(`invalid local time (want "HH:mm"): ${JSON.stringify(t)}`);
  return { hour: Number(t.slice(0, 2)), minute: Number(t.slice(3, 5)) };
}

export function requireLocalDate(d: string): { year: number; month: number; day: number } {
  if (!isValidLocalDate(d)) throw new RangeError(`invalid local date (want "yyyy-MM-dd"): ${JSON.stringify(d)}`);
  return { year: Number(d.slice(0, 4)), month: Number(d.slice(5, 7)), day: Number(d.slice(8, 10)) };
}

export function requireInstant(instant: Date): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new RangeError("invalid instant (expected a valid Date)");
  return ms;
}

/** Minutes since local midnight, for comparing "HH:mm" values. */
export function minuteOfDay(t: LocalTime): number {
  const { hour, minute } = requireLocalTime(t);
  return hour * 60 + minute;
}

export function localTimeFromMinutes(m: number): LocalTime {
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}
