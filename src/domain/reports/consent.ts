import type { LocalDate } from "../time";
import { orderSections, REPORT_SECTIONS, type RecipientKind, type ReportSection } from "./sections";

/** A signed release of information, as entered from the paper form. */
export interface ReportConsent {
  id: string;
  participantId: string;
  recipientName: string;
  recipientKind: RecipientKind;
  purpose: string;
  sections: ReportSection[];
  /** Calendar dates in the parent's zone. */
  signedOn: LocalDate;
  expiresOn: LocalDate;
  revokedAt: Date | null;
  revokedBy: string | null;
  enteredById: string;
  enteredByName: string;
  createdAt: Date;
}

export type ConsentState = "active" | "revoked" | "expired" | "not_yet_signed";

/**
 * Whether a consent allows a release at `now` (`today` = the parent's local date then).
 * Revocation wins over everything and counts from the recorded instant; the expiry date
 * is the last day the consent holds (inclusive), as written on the form.
 */
export function consentState(c: Pick<ReportConsent, "signedOn" | "expiresOn" | "revokedAt">, now: Date, today: LocalDate): ConsentState {
  if (c.revokedAt && c.revokedAt.getTime() <= now.getTime()) return "revoked";
  // "yyyy-MM-dd" strings compare in calendar order.
  if (today > c.expiresOn) return "expired";
  if (today < c.signedOn) return "not_yet_signed";
  return "active";
}

export const CONSENT_STATE_TEXT: Record<ConsentState, string> = {
  active: "active",
  revoked: "revoked",
  expired: "expired",
  not_yet_signed: "not signed yet (signed date is in the future)",
};

/** Which of the report's sections go out under a consent, and which are left out. */
export interface SectionSplit {
  included: ReportSection[];
  leftOut: ReportSection[];
}

export function splitSections(reportSections: readonly ReportSection[], allowed: readonly ReportSection[]): SectionSplit {
  const ok = new Set(allowed);
  const ordered = orderSections(reportSections);
  return { included: ordered.filter((s) => ok.has(s)), leftOut: ordered.filter((s) => !ok.has(s)) };
}

export type ReleaseDecision =
  | { ok: true; included: ReportSection[]; leftOut: ReportSection[] }
  | { ok: false; reason: "no_consent" | "consent_not_active" | "sections_not_covered" | "nothing_to_release" | "consent_other_parent"; message: string; sections?: ReportSection[] };

/**
 * The release rule (issue 12): refused without an active consent covering every section
 * included. `requested` is what the peer asked to send; when omitted, every section the
 * consent covers goes and the rest is left out (the page shows which before release).
 */
export function decideRelease(input: {
  participantId: string;
  consent: ReportConsent | null;
  requested?: readonly ReportSection[];
  now: Date;
  today: LocalDate;
}): ReleaseDecision {
  const { consent } = input;
  if (!consent) return { ok: false, reason: "no_consent", message: "no consent chosen: a release needs a signed consent naming the recipient" };
  if (consent.participantId !== input.participantId) {
    return { ok: false, reason: "consent_other_parent", message: "this consent was signed for another parent" };
  }
  const state = consentState(consent, input.now, input.today);
  if (state !== "active") {
    return { ok: false, reason: "consent_not_active", message: `consent for ${consent.recipientName} is ${CONSENT_STATE_TEXT[state]}` };
  }
  const requested = orderSections(input.requested ?? consent.sections);
  const { included, leftOut } = splitSections(requested, consent.sections);
  if (input.requested && leftOut.length > 0) {
    return {
      ok: false,
      reason: "sections_not_covered",
      message: `consent for ${consent.recipientName} does not cover: ${leftOut.join(", ")}`,
      sections: leftOut,
    };
  }
  if (included.length === 0) return { ok: false, reason: "nothing_to_release", message: "no section to release: choose at least one the consent covers" };
  return { ok: true, included, leftOut: REPORT_SECTIONS.filter((s) => !included.includes(s)) };
}
