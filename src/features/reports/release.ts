import { decideRelease, type ReleaseDecision } from "../../domain/reports/consent";
import { buildDocument } from "../../domain/reports/document";
import type { ReportSection } from "../../domain/reports/sections";
import { localDateOf } from "../../domain/time";
import type { Disclosure } from "../../adapters/postgres/disclosures";
import type { Deps } from "../../ports/deps";
import type { Actor } from "./consents";

export type ReleaseResult =
  | { ok: true; disclosure: Disclosure }
  | { ok: false; status: 404 | 409 | 422; error: string; fields: Record<string, string> };

/** 409: a consent exists but does not allow this (revoked, expired, too narrow); 422: the request names none usable. */
const STATUS: Record<Exclude<ReleaseDecision, { ok: true }>["reason"], 409 | 422> = {
  no_consent: 422,
  consent_other_parent: 422,
  nothing_to_release: 422,
  consent_not_active: 409,
  sections_not_covered: 409,
};

/**
 * Releases a report under a consent (issue 12, docs/reports.md). In one transaction the
 * consent row is locked, so a revocation recorded at the same moment either lands first
 * (and this is refused) or waits for this release to commit. The disclosure row keeps
 * the exact document sent; nothing of a section left out is in it.
 */
export async function releaseReport(
  deps: Pick<Deps, "transaction" | "clock" | "config">,
  input: { reportId: string; consentId: string | null; sections?: ReportSection[]; by: Actor },
): Promise<ReleaseResult> {
  return deps.transaction(async (store): Promise<ReleaseResult> => {
    const report = await store.reports.get(input.reportId, { lock: true });
    if (!report) return { ok: false, status: 404, error: "report not found", fields: { reportId: "no such report" } };
    const participant = await store.participants.get(report.participantId);
    if (!participant) return { ok: false, status: 404, error: "report not found", fields: { reportId: "no such parent" } };
    const consent = input.consentId ? await store.consents.get(input.consentId, { lock: true }) : null;
    if (input.consentId && !consent) return { ok: false, status: 422, error: "Release refused: no such consent", fields: { consentId: "no such consent" } };
    const now = deps.clock.now();
    const decision = decideRelease({ participantId: participant.id, consent, requested: input.sections, now, today: localDateOf(now, participant.timeZone) });
    if (!decision.ok) {
      const field = decision.reason === "sections_not_covered" || decision.reason === "nothing_to_release" ? "sections" : "consentId";
      return { ok: false, status: STATUS[decision.reason], error: `Release refused: ${decision.message}`, fields: { [field]: decision.message } };
    }
    const content = buildDocument({
      programName: deps.config.PROGRAM_NAME,
      figures: report.figures,
      notes: report.notes,
      consent: consent!,
      included: decision.included,
      releasedAt: now,
      releasedBy: input.by.name,
    });
    const disclosure = await store.disclosures.create({
      reportId: report.id,
      participantId: participant.id,
      consentId: consent!.id,
      recipientName: consent!.recipientName,
      recipientKind: consent!.recipientKind,
      purpose: consent!.purpose,
      sections: decision.included,
      leftOut: decision.leftOut,
      releasedById: input.by.id,
      releasedByName: input.by.name,
      releasedByRole: input.by.role,
      releasedAt: now,
      content,
    });
    return { ok: true, disclosure };
  });
}
