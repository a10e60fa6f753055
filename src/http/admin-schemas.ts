import { z } from "zod";
import { e164Schema } from "../domain/text/phone";
import { localDateSchema, localTimeSchema, weeklyShiftSchema, zoneSchema } from "../domain/time/schemas";

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

const sendWindow = z
  .strictObject({ start: localTimeSchema, end: localTimeSchema })
  .refine((w) => w.start < w.end, { message: "start must be before end (no midnight wrap)", path: ["end"] });

const participantFields = {
  firstName: z.string().trim().min(1, "required").max(50).regex(noControl, "must not contain control characters"),
  phone: e164Schema,
  timeZone: zoneSchema,
  language: z.enum(["en", "es"]),
  peerId: z.uuid("must be a peer id").nullable(),
  dailyCheckinTime: localTimeSchema.nullable(),
  nightlyCheckinTime: localTimeSchema.nullable(),
  sendWindow,
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
    sendWindow: sendWindow.default({ start: "08:00", end: "21:00" }),
    status: participantFields.status.default("active"),
  })
  .superRefine(dailyInsideWindow);

export const participantPatchSchema = z.strictObject({
  firstName: participantFields.firstName.optional(),
  phone: participantFields.phone.optional(),
  timeZone: participantFields.timeZone.optional(),
  language: participantFields.language.optional(),
  peerId: participantFields.peerId.optional(),
  dailyCheckinTime: participantFields.dailyCheckinTime.optional(),
  nightlyCheckinTime: participantFields.nightlyCheckinTime.optional(),
  sendWindow: sendWindow.optional(),
  status: participantFields.status.optional(),
});

/** The daily check-in must fall in the send window; the nighttime one is the parent's own choice. */
export function dailyInsideWindow(
  v: { dailyCheckinTime?: string | null; sendWindow?: { start: string; end: string } },
  ctx: z.RefinementCtx,
) {
  const w = v.sendWindow ?? { start: "08:00", end: "21:00" };
  if (v.dailyCheckinTime && (v.dailyCheckinTime < w.start || v.dailyCheckinTime >= w.end)) {
    ctx.addIssue({
      code: "custom",
      path: ["dailyCheckinTime"],
      message: `must be inside the send window ${w.start}-${w.end}`,
    });
  }
}

export const sandboxSmsSchema = z.strictObject({
  from: e164Schema,
  body: z.string().max(10_000, "too long").regex(/^[^\u0000]*$/, "must not contain NUL characters"),
});
