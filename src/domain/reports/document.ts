import type { ReportConsent } from "./consent";
import type { ReportFigures } from "./figures";
import { monthTitle } from "./month";
import type { ReportNotes } from "./narrative";
import { RECIPIENT_KIND_LABELS, SECTION_TITLES, type RecipientKind, type ReportSection } from "./sections";

/** Each section's figures, typed by section: what the document prints under its heading. */
export interface SectionFigures {
  participation: ReportFigures["participation"];
  appointments_kept: ReportFigures["appointments"];
  checkin_adherence: ReportFigures["checkins"];
  recovery_capital: ReportFigures["recoveryCapital"];
  return_to_use: ReportFigures["returnToUse"];
}

export type DocumentSection = {
  [S in ReportSection]: { section: S; title: string; note: string; figures: SectionFigures[S] };
}[ReportSection];

/**
 * Exactly what is disclosed: built from the sections a release includes and nothing else,
 * stored with the disclosure row and rendered (HTML, PDF) from that stored copy. A section
 * left out contributes neither its figures nor its note.
 */
export interface ReleasedDocument {
  programName: string;
  month: string;
  monthTitle: string;
  period: { from: string; to: string };
  firstName: string;
  peerName: string | null;
  recipient: { name: string; kind: RecipientKind; kindLabel: string };
  purpose: string;
  consent: { id: string; signedOn: string; expiresOn: string };
  releasedAt: string;
  releasedBy: string;
  sections: DocumentSection[];
}

export function sectionFigures<S extends ReportSection>(figures: ReportFigures, section: S): SectionFigures[S] {
  const all: SectionFigures = {
    participation: figures.participation,
    appointments_kept: figures.appointments,
    checkin_adherence: figures.checkins,
    recovery_capital: figures.recoveryCapital,
    return_to_use: figures.returnToUse,
  };
  return all[section];
}

export function buildDocument(input: {
  programName: string;
  figures: ReportFigures;
  notes: ReportNotes;
  consent: ReportConsent;
  included: readonly ReportSection[];
  releasedAt: Date;
  releasedBy: string;
}): ReleasedDocument {
  const { figures, consent } = input;
  return {
    programName: input.programName,
    month: figures.month,
    monthTitle: monthTitle(figures.month),
    period: { from: figures.firstDate, to: figures.lastDate },
    firstName: figures.firstName,
    peerName: figures.peerName,
    recipient: { name: consent.recipientName, kind: consent.recipientKind, kindLabel: RECIPIENT_KIND_LABELS[consent.recipientKind] },
    purpose: consent.purpose,
    consent: { id: consent.id, signedOn: consent.signedOn, expiresOn: consent.expiresOn },
    releasedAt: input.releasedAt.toISOString(),
    releasedBy: input.releasedBy,
    sections: documentSections(figures, input.notes, input.included),
  };
}

/** The sections' headings, figures and notes, in the order given. */
export function documentSections(figures: ReportFigures, notes: ReportNotes, included: readonly ReportSection[]): DocumentSection[] {
  return included.map((section) => ({ section, title: SECTION_TITLES[section], note: notes[section], figures: sectionFigures(figures, section) }) as DocumentSection);
}
