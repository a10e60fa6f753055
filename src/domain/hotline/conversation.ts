import { countSegments } from "../text/sms-segments";

/** One text of a case's conversation, parent or responder, as the timeline recorded it. */
export interface ConversationEntry {
  at: Date;
  from: "parent" | "responder";
  /** The responder's first name (for "from: responder"). */
  name?: string;
  text: string;
}

/** A hand-over text stays one SMS-sized message (a few segments), so it arrives whole and fast. */
export const HISTORY_MAX_SEGMENTS = 4;
const ENTRY_MAX_CHARS = 160;

/**
 * The conversation since the case opened, for the responder who takes it over: one text,
 * newest last. When it is long, the oldest entries are left out (counted, and still on the
 * case timeline) and each entry is cut to one SMS's worth, so the newest words always fit.
 */
export function condenseConversation(
  shortId: string,
  entries: ConversationEntry[],
  now: Date,
  maxSegments = HISTORY_MAX_SEGMENTS,
): string {
  const sorted = [...entries].sort((a, b) => a.at.getTime() - b.at.getTime());
  const lines = sorted.map((e) => `${e.from === "parent" ? "Parent" : e.name || "Responder"} (${ago(e.at, now)}): ${clip(e.text)}`);
  const header = `[${shortId}] Conversation so far, newest last:`;
  for (let skip = 0; skip < lines.length; skip++) {
    const kept = lines.slice(skip);
    const text = [header, ...(skip ? [`(${skip} earlier on the case timeline)`] : []), ...kept].join("\n");
    if (countSegments(text).segments <= maxSegments) return text;
  }
  // Even the newest entry alone is too long for the budget (only with a tiny budget).
  return [header, `(${lines.length - 1} earlier on the case timeline)`, lines.at(-1) ?? ""].join("\n");
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const chars = Array.from(flat);
  return chars.length <= ENTRY_MAX_CHARS ? flat : chars.slice(0, ENTRY_MAX_CHARS - 1).join("") + "…";
}

/** "now", "12m ago", "2h05 ago": plain arithmetic on the injected clock's instants. */
export function ago(at: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - at.getTime()) / 60_000));
  if (minutes < 1) return "now";
  if (minutes < 60) return `${minutes}m ago`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")} ago`;
}
