import { z } from "zod";
import { NOTE_MAX_CHARS, type ReportNotes } from "../../domain/reports/narrative";
import type { MonthlyReport } from "../../adapters/postgres/reports";
import type { Deps } from "../../ports/deps";
import type { Actor } from "./consents";

// Newlines and tabs are fine in a paragraph; other control characters (NUL…) are not.
const note = z
  .string()
  .max(NOTE_MAX_CHARS, `must be at most ${NOTE_MAX_CHARS} characters`)
  .regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/, "must not contain control characters")
  .transform((s) => s.replace(/\r\n/g, "\n").trim());

/** The peer's edit of the narrative: every section's paragraph (an empty one prints nothing). */
export const notesInputSchema = z.strictObject({
  participation: note,
  appointments_kept: note,
  checkin_adherence: note,
  recovery_capital: note,
  return_to_use: note,
});

export async function saveNotes(deps: Pick<Deps, "store">, reportId: string, notes: ReportNotes, by: Actor): Promise<MonthlyReport | null> {
  return deps.store.reports.updateNotes(reportId, notes, by.name);
}
