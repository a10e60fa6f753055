/**
 * What a monthly progress report can hold, section by section. A consent names the
 * sections it allows (42 CFR Part 2 §2.31: "how much and what kind of information"), so
 * every fact and every sentence of a report belongs to exactly one section.
 */
export const REPORT_SECTIONS = ["participation", "appointments_kept", "checkin_adherence", "recovery_capital", "return_to_use"] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

/** Headings on the document (English: reports go to courts and caseworkers). */
export const SECTION_TITLES: Record<ReportSection, string> = {
  participation: "Participation",
  appointments_kept: "Appointments kept",
  checkin_adherence: "Check-in adherence",
  recovery_capital: "Recovery capital",
  return_to_use: "Return to use",
};

export const RECIPIENT_KINDS = ["court", "child_welfare", "attorney", "other"] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

export const RECIPIENT_KIND_LABELS: Record<RecipientKind, string> = {
  court: "Court",
  child_welfare: "Child welfare",
  attorney: "Attorney",
  other: "Other",
};

/** In the canonical order, without duplicates: the order sections are printed in. */
export function orderSections(sections: Iterable<ReportSection>): ReportSection[] {
  const set = new Set(sections);
  return REPORT_SECTIONS.filter((s) => set.has(s));
}
