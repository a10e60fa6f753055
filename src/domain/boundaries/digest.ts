import { classifyNotification } from "./decide";

/** What the headline needs of a held note: its kind and whose it is (no text). */
export interface DigestItem {
  kind: string;
  participantId: string | null;
  createdAt: Date;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function distinct(items: DigestItem[]): number {
  return new Set(items.map((i) => i.participantId ?? "unknown")).size;
}

/**
 * "While you were off: 3 messages from 2 parents, 1 hotline case handled by a volunteer".
 * Counts each kind once, in a fixed order (parents' words first, then signals, then
 * crisis FYIs); kinds it does not know are counted as "other notes", never dropped.
 */
export function digestHeadline(items: DigestItem[]): string {
  const of = (pred: (k: string) => boolean) => items.filter((i) => pred(i.kind));
  const parts: string[] = [];
  const messages = of((k) => k === "parent_message" || k === "checkin_note");
  if (messages.length) {
    parts.push(`${plural(messages.length, "message", "messages")} from ${plural(distinct(messages), "parent", "parents")}`);
  }
  const low = of((k) => k === "low_score");
  if (low.length) parts.push(plural(low.length, "low check-in score", "low check-in scores"));
  const missed = of((k) => k === "missed_streak");
  if (missed.length) {
    const n = distinct(missed);
    parts.push(`${plural(n, "parent", "parents")} missing check-ins`);
  }
  const concerns = of((k) => k === "concern");
  if (concerns.length) parts.push(plural(concerns.length, "message flagged as a concern", "messages flagged as a concern"));
  const handled = of((k) => k === "hotline_case_closed");
  if (handled.length) parts.push(plural(handled.length, "hotline case handled by a volunteer", "hotline cases handled by a volunteer"));
  const caseUpdates = of((k) => k.startsWith("hotline_") && k !== "hotline_case_closed");
  if (caseUpdates.length) parts.push(plural(caseUpdates.length, "hotline case update", "hotline case updates"));
  const known = new Set(["parent_message", "checkin_note", "low_score", "missed_streak", "concern"]);
  const other = of((k) => !known.has(k) && !k.startsWith("hotline_"));
  if (other.length) parts.push(plural(other.length, "other note", "other notes"));
  return parts.length ? `While you were off: ${parts.join(", ")}` : "While you were off: nothing new";
}

/** Crisis FYIs first, then oldest first, so the peer reads what matters most at the top. */
export function orderDigestItems<T extends DigestItem>(items: T[]): T[] {
  const rank = (i: DigestItem) => (classifyNotification(i.kind) === "crisis_fyi" ? 0 : 1);
  return [...items].sort((a, b) => rank(a) - rank(b) || a.createdAt.getTime() - b.createdAt.getTime());
}
