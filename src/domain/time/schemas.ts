import { z } from "zod";
import { isValidLocalDate, isValidLocalTime, isValidZone, minuteOfDay } from "./validate";

// Schemas delegate to the same predicates the time functions use, so anything
// that passes validation at the edge (HTTP, Slack, DB rows) cannot later make
// a time function throw.

export const zoneSchema = z.string().refine(isValidZone, "unknown IANA time zone");

export const localTimeSchema = z.string().refine(isValidLocalTime, 'expected local time "HH:mm" (00:00-23:59)');

export const localDateSchema = z.string().refine(isValidLocalDate, 'expected local date "yyyy-MM-dd"');

export const weeklyShiftSchema = z.strictObject({
  weekday: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(6), z.literal(7)]),
  start: localTimeSchema,
  // end <= start is allowed: the shift ends the next day.
  end: localTimeSchema,
});

export const sendWindowSchema = z
  .strictObject({ start: localTimeSchema, end: localTimeSchema })
  .refine(
    (w) => !isValidLocalTime(w.start) || !isValidLocalTime(w.end) || minuteOfDay(w.start) < minuteOfDay(w.end),
    { message: "send window start must be before end (no midnight wrap)", path: ["end"] },
  );
