import { z } from "zod";
import { APPOINTMENT_KINDS } from "../domain/appointments/model";
import { parseOffset } from "../domain/appointments/reminders";
import { localTimeSchema } from "../domain/time/schemas";
import { checkTexts, localisedText, readConfigFile } from "./config-file";
import { loadIncentivesConfig, type IncentivesConfig } from "./incentives-config";

/**
 * flows/appointments.json: everything a program tunes about appointment cadence (reminder
 * offsets per kind, the confirmation deadline, the morning schedule, onboarding task
 * times) and every text a parent gets about appointments, in en and es. Validated at
 * start-up so a typo fails the boot, not a parent's court-date reminder.
 */

const offset = z
  .string()
  .refine((s) => parseOffset(s) !== null, 'expected an ISO-8601 duration before the appointment, e.g. "P1D" or "PT2H" (days, hours, minutes; up to 30 days)');
const offsets = z
  .array(offset)
  .min(1)
  .max(10)
  .refine((a) => new Set(a).size === a.length, "offsets must be distinct");

export const appointmentsConfigSchema = z.strictObject({
  kind: z.literal("appointments"),
  reminders: z.strictObject({
    /** Default offsets before the appointment. "P1D" = the day before at the same local time; "PT2H" = two hours before. */
    offsets,
    byKind: z.partialRecord(z.enum(APPOINTMENT_KINDS), offsets).default({}),
    /** Not confirmed by this many minutes before → the peer is told. */
    confirmByMinutesBefore: z.number().int().min(0).max(7 * 24 * 60),
    /** An appointment made after its last reminder time gets one reminder right away, if at least this far off. */
    lateReminderMinLeadMinutes: z.number().int().min(0).max(24 * 60),
  }),
  daySchedule: z.strictObject({
    /** Local time of the "your day today" text; null = the start of the parent's send window. */
    time: localTimeSchema.nullable(),
  }),
  onboarding: z.strictObject({
    /** Peer's local time, the day before a parent's first appointment: "call them". */
    callTaskTime: localTimeSchema,
    /** Peer's local time of the weekly-visit task while a phase with a weekly visit cadence is active. */
    visitTaskTime: localTimeSchema,
  }),
  labels: z.strictObject(Object.fromEntries(APPOINTMENT_KINDS.map((k) => [k, localisedText])) as Record<
    (typeof APPOINTMENT_KINDS)[number],
    typeof localisedText
  >),
  texts: z.strictObject({
    reminder: localisedText,
    reminderNoPlace: localisedText,
    confirmed: localisedText,
    rescheduleRequested: localisedText,
    daySchedule: localisedText,
    dayScheduleItem: localisedText,
    dayScheduleItemWithPlace: localisedText,
  }),
});
export type AppointmentsConfig = z.infer<typeof appointmentsConfigSchema>;

export const APPOINTMENT_TEXT_VARIABLES = ["firstName", "peerName", "programName", "kind", "when", "time", "place", "list"] as const;

/** The program's cadence files, loaded once by the composition root. */
export interface Cadence {
  appointments: AppointmentsConfig;
  incentives: IncentivesConfig;
}

export async function loadCadence(dir: string): Promise<Cadence> {
  const appointments = await readConfigFile(dir, "appointments.json", appointmentsConfigSchema);
  checkTexts("appointments.json", appointments.texts, APPOINTMENT_TEXT_VARIABLES);
  return { appointments, incentives: await loadIncentivesConfig(dir) };
}

/** Reminder offsets for a kind: its own list, else the program default. */
export function offsetsFor(config: AppointmentsConfig, kind: (typeof APPOINTMENT_KINDS)[number]): string[] {
  return config.reminders.byKind[kind] ?? config.reminders.offsets;
}
