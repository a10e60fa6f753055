import { z } from "zod";
import type { ReportConsent } from "../../domain/reports/consent";
import { RECIPIENT_KINDS, REPORT_SECTIONS } from "../../domain/reports/sections";
import { addDays, localDateOf, outsideAdminRange } from "../../domain/time";
import { localDateSchema } from "../../domain/time/schemas";
import type { Deps } from "../../ports/deps";

/** Who did something: a console user, or the admin token for machines (/api). */
export interface Actor {
  id: string;
  name: string;
  role: string;
}

const noControl = /^\P{Cc}*$/u;
const text = (max: number) => z.string().trim().min(1, "is required").max(max, `must be at most ${max} characters`).regex(noControl, "must not contain control characters");

/** A consent as typed from the signed form (console form or JSON). */
export const consentInputSchema = z
  .strictObject({
    recipientName: text(200),
    recipientKind: z.enum(RECIPIENT_KINDS, { error: `must be one of ${RECIPIENT_KINDS.join(", ")}` }),
    purpose: text(500),
    sections: z
      .array(z.enum(REPORT_SECTIONS, { error: `each must be one of ${REPORT_SECTIONS.join(", ")}` }))
      .min(1, "tick at least one section")
      .max(REPORT_SECTIONS.length)
      .transform((s) => [...new Set(s)]),
    signedOn: localDateSchema,
    expiresOn: localDateSchema,
  })
  .refine((c) => c.expiresOn >= c.signedOn, { message: "must be on or after the signed date", path: ["expiresOn"] });
export type ConsentInput = z.infer<typeof consentInputSchema>;

export type ConsentResult = { ok: true; consent: ReportConsent } | { ok: false; status: 400 | 404; fields: Record<string, string> };

/**
 * Records a signed consent. Dates are the parent's calendar dates: a form cannot be
 * signed in the future, and both dates stay within five years of today (a typo such as
 * 2062 or 0026 is refused, naming the field).
 */
export async function recordConsent(deps: Pick<Deps, "store" | "clock">, participantId: string, input: ConsentInput, by: Actor): Promise<ConsentResult> {
  const p = await deps.store.participants.get(participantId);
  if (!p) return { ok: false, status: 404, fields: { participantId: "no such parent" } };
  const today = localDateOf(deps.clock.now(), p.timeZone);
  const fields: Record<string, string> = {};
  if (input.signedOn > today) fields.signedOn = `must not be after today (${today})`;
  else if (input.signedOn < addDays(today, -Math.ceil(5 * 365.25))) fields.signedOn = outsideAdminRange(input.signedOn, today) ?? "too far in the past";
  const expiry = outsideAdminRange(input.expiresOn, today);
  if (expiry) fields.expiresOn = expiry;
  if (Object.keys(fields).length) return { ok: false, status: 400, fields };
  const consent = await deps.store.consents.create({ participantId, ...input, enteredById: by.id, enteredByName: by.name });
  return { ok: true, consent };
}

/**
 * Revokes at once (the Clock's now): a release from this instant on is refused. The row is
 * locked before the time is read, as a release does, so the log stays in order: a release
 * that got the lock first has releasedAt <= revokedAt, and one that waited sees the
 * revocation and is refused.
 */
export async function revokeConsent(
  deps: Pick<Deps, "transaction" | "clock">,
  consentId: string,
  by: Actor,
): Promise<{ ok: true; consent: ReportConsent } | { ok: false; status: 404 | 409; error: string }> {
  return deps.transaction(async (store) => {
    const existing = await store.consents.get(consentId, { lock: true });
    if (!existing) return { ok: false as const, status: 404 as const, error: "consent not found" };
    const revoked = await store.consents.revoke(consentId, deps.clock.now(), by.name);
    return revoked ? { ok: true as const, consent: revoked } : { ok: false as const, status: 409 as const, error: "consent already revoked" };
  });
}
