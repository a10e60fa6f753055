import { addDays, isValidLocalDate, isValidLocalTime, localDateOf, localTimeOf, zonedInstant } from "../../../domain/time";

/**
 * `/away [until]` in the peer's own zone. Accepted:
 *   (nothing)            until further notice (/back ends it)
 *   17:30                today at 17:30, or tomorrow if that has passed
 *   2026-11-30           until the start of that day
 *   2026-11-30 09:00     until then
 *   3h | 2d              for that long
 *   tomorrow [09:00]     tomorrow at the start of the day (or that time)
 */
export type AwayUntil = { ok: true; until: Date | null } | { ok: false; message: string };

export const AWAY_USAGE =
  "Usage: `/away` (until /back), `/away 17:30`, `/away tomorrow 09:00`, `/away 2026-11-30`, `/away 2026-11-30 09:00`, `/away 3h` or `/away 2d`.";

export function parseAwayUntil(text: string, now: Date, zone: string): AwayUntil {
  const t = text.trim().toLowerCase();
  if (t === "") return { ok: true, until: null };
  const today = localDateOf(now, zone);
  const duration = /^(\d{1,3})\s*([hd])$/.exec(t);
  if (duration) {
    const n = Number(duration[1]);
    if (n === 0) return { ok: false, message: AWAY_USAGE };
    if (duration[2] === "h") return { ok: true, until: new Date(now.getTime() + n * 3600_000) };
    // Days are calendar days in the peer's zone (a DST night is 23 or 25 hours).
    return { ok: true, until: sameLocalTimeDaysLater(now, zone, n) };
  }
  const parts = t.split(/\s+/);
  let date: string | null = null;
  let time: string | null = null;
  for (const p of parts) {
    if (p === "tomorrow" && date === null) date = addDays(today, 1);
    else if (p === "today" && date === null) date = today;
    else if (isValidLocalDate(p) && date === null) date = p;
    else if (/^\d{1,2}:\d{2}$/.test(p) && isValidLocalTime(p.padStart(5, "0")) && time === null) time = p.padStart(5, "0");
    else return { ok: false, message: AWAY_USAGE };
  }
  if (date === null) {
    const at = zonedInstant(today, time!, zone);
    return { ok: true, until: at.getTime() > now.getTime() ? at : zonedInstant(addDays(today, 1), time!, zone) };
  }
  const until = zonedInstant(date, time ?? "00:00", zone);
  if (until.getTime() <= now.getTime()) return { ok: false, message: "That time has already passed." };
  return { ok: true, until };
}

function sameLocalTimeDaysLater(now: Date, zone: string, days: number): Date {
  return zonedInstant(addDays(localDateOf(now, zone), days), localTimeOf(now, zone), zone);
}
