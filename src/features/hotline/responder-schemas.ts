import { z } from "zod";
import { e164Schema } from "../../domain/text/phone";
import { weeklyShiftSchema, zoneSchema } from "../../domain/time/schemas";

const responderFields = {
  name: z.string().trim().min(1, "required").max(100).regex(/^\P{Cc}*$/u, "must not contain control characters"),
  phone: e164Schema,
  language: z.enum(["en", "es"]),
  timeZone: zoneSchema,
  /** Weekly recurring shifts in the responder's own zone. */
  shifts: z.array(weeklyShiftSchema).max(50),
  tier: z.enum(["primary", "backup", "supervisor"]),
  /** SMS pages always work; Slack paging arrives with the Slack issue. */
  pageChannel: z.enum(["sms", "slack"]),
  slackUserId: z.string().regex(/^[UW][A-Z0-9]{2,20}$/, "must be a Slack user id like U012ABCDEF").nullable(),
  active: z.boolean(),
};

export const responderCreateSchema = z.strictObject({
  ...responderFields,
  language: responderFields.language.default("en"),
  shifts: responderFields.shifts.default([]),
  pageChannel: responderFields.pageChannel.default("sms"),
  slackUserId: responderFields.slackUserId.default(null),
  active: responderFields.active.default(true),
});

export const responderPatchSchema = z.strictObject({
  name: responderFields.name.optional(),
  phone: responderFields.phone.optional(),
  language: responderFields.language.optional(),
  timeZone: responderFields.timeZone.optional(),
  shifts: responderFields.shifts.optional(),
  tier: responderFields.tier.optional(),
  pageChannel: responderFields.pageChannel.optional(),
  slackUserId: responderFields.slackUserId.optional(),
  active: responderFields.active.optional(),
});

/**
 * Supervisors' case actions (POST /api/hotline/cases/:id/<action>). `by` names the
 * supervisor acting (a supervisor-tier responder id): the timeline records who did it.
 */
const by = z.uuid({ error: "must be the responder id of the supervisor acting" });
const note = z.string().trim().min(1, "required").max(2000).regex(/^[^\u0000]*$/, "must not contain NUL");

export const caseActionSchemas = {
  take: z.strictObject({ by }),
  reassign: z.strictObject({ by, to: z.uuid({ error: "must be a responder id" }) }),
  release: z.strictObject({ by }),
  close: z.strictObject({ by, note }),
  review: z.strictObject({ by, note }),
} as const;
export type CaseActionName = keyof typeof caseActionSchemas;
