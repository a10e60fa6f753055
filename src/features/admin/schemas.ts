import { z } from "zod";
import { e164Schema } from "../../domain/text/phone";
import { DEFAULT_SEND_WINDOW, type SendWindow } from "../../domain/time";
import { localDateSchema, localTimeSchema, sendWindowSchema, weeklyShiftSchema, zoneSchema } from "../../domain/time/schemas";

/** Every admin body is parsed here; unknown fields are rejected so typos do not silently vanish. */
// Control characters (newlines, NUL…) have no place in a name, and Postgres text cannot hold NUL.
const noControl = /^\P{Cc}*$/u;
const name = z.string().trim().min(1, "required").max(100).regex(noControl, "must not contain control characters");
const slackUserId = z.string().regex(/^[UW][A-Z0-9]{2,20}$/, "must be a Slack user id like U012ABCDEF");
const slackChannelId = z.string().regex(/^[CG][A-Z0-9]{2,20}$/, "must be a Slack channel id like C012ABCDEF");

export const peerCreateSchema = z.strictObject({
  name,
  timeZone: zoneSchema,
  workingHours: z.array(weeklyShiftSchema).max(50).default([]),
  offDates: z.array(localDateSchema).max(400).default([]),
  slackUserId: slackUserId.nullable().default(null),
  slackChannelId: slackChannelId.nullable().default(null),
  crisisFyiImmediately: z.boolean().default(false),
});

export const peerPatchSchema = z.strictObject({
  name: name.optional(),
  timeZone: zoneSchema.optional(),
  workingHours: z.array(weeklyShiftSchema).max(50).optional(),
  offDates: z.array(localDateSchema).max(400).optional(),
  slackUserId: slackUserId.nullable().optional(),
  slackChannelId: slackChannelId.nullable().optional(),
  crisisFyiImmediately: z.boolean().optional(),
});

const participantFields = {
  firstName: z.string().trim().min(1, "required").max(50).regex(noControl, "must not contain control characters"),
  phone: e164Schema,
  timeZone: zoneSchema,
  language: z.enum(["en", "es"]),
  peerId: z.uuid("must be a peer id").nullable(),
  dailyCheckinTime: localTimeSchema.nullable(),
  nightlyCheckinTime: localTimeSchema.nullable(),
  sendWindow: sendWindowSchema,
  status: z.enum(["active", "paused", "discharged"]),
};

/** Defaults a program would pick: a 9:00 daily and 20:30 nighttime check-in, 08:00–21:00 window. */
export const participantCreateSchema = z
  .strictObject({
    ...participantFields,
    language: participantFields.language.default("en"),
    peerId: participantFields.peerId.default(null),
    dailyCheckinTime: participantFields.dailyCheckinTime.default("09:00"),
    nightlyCheckinTime: participantFields.nightlyCheckinTime.default("20:30"),
    sendWindow: sendWindowSchema.default({ ...DEFAULT_SEND_WINDOW }),
    status: participantFields.status.default("active"),
  })
  .superRefine((v, ctx) => {
    const problem = dailyOutsideWindow(v.dailyCheckinTime, v.sendWindow);
    if (problem) ctx.addIssue({ code: "custom", path: ["dailyCheckinTime"], message: problem });
  });

export const participantPatchSchema = z.strictObject({
  firstName: participantFields.firstName.optional(),
  phone: participantFields.phone.optional(),
  timeZone: participantFields.timeZone.optional(),
  language: participantFields.language.optional(),
  peerId: participantFields.peerId.optional(),
  dailyCheckinTime: participantFields.dailyCheckinTime.optional(),
  nightlyCheckinTime: participantFields.nightlyCheckinTime.optional(),
  sendWindow: sendWindowSchema.optional(),
  status: participantFields.status.optional(),
});

/**
 * The daily check-in must fall in the send window (the nighttime one is the parent's own
 * choice): what is wrong with `dailyCheckinTime`, or null. "HH:mm" strings compare in order.
 */
export function dailyOutsideWindow(daily: string | null, window: SendWindow): string | null {
  return daily && (daily < window.start || daily >= window.end) ? `must be inside the send window ${window.start}-${window.end}` : null;
}

export const sandboxSmsSchema = z.strictObject({
  from: e164Schema,
  body: z.string().max(10_000, "too long").regex(/^[^\u0000]*$/, "must not contain NUL characters"),
});
