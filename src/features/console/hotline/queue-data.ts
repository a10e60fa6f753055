import type { HotlineCase, Responder } from "../../../domain/hotline/model";
import type { Deps } from "../../../ports/deps";
import { canSeeCase, volunteerScope } from "../access";
import type { ConsoleUser } from "../session";

/** One line of the live queue: what a responder needs to pick a case, nothing more (no phone numbers). */
export interface QueueRow {
  id: string;
  shortId: string;
  status: "open" | "claimed";
  severity: number;
  categories: string[];
  childSafety: boolean;
  /** The parent's first name, or "unknown number": minimum necessary to recognise a case. */
  who: string;
  language: "en" | "es";
  /** Whole minutes since the case (re-)entered the queue, by deps.clock. */
  waitingMinutes: number;
  holder: string | null;
  claimedMinutes: number | null;
  round: number;
}

export interface QueueView {
  at: Date;
  open: QueueRow[];
  claimed: QueueRow[];
}

const wholeMinutes = (from: Date, to: Date) => Math.max(0, Math.floor((to.getTime() - from.getTime()) / 60_000));

/** Pure: cases (already ordered gravest first, then longest waiting) to the rows the page shows. */
export function toQueueView(cases: readonly HotlineCase[], names: ReadonlyMap<string, string>, responders: ReadonlyMap<string, Responder>, now: Date): QueueView {
  const rows = cases
    .filter((c): c is HotlineCase & { status: "open" | "claimed" } => c.status !== "closed")
    .map(
      (c): QueueRow => ({
        id: c.id,
        shortId: c.shortId,
        status: c.status,
        severity: c.severity,
        categories: c.categories,
        childSafety: c.supervisorReview,
        who: (c.participantId && names.get(c.participantId)) || "unknown number",
        language: c.language,
        waitingMinutes: wholeMinutes(c.queuedAt, now),
        holder: c.claimedBy ? (responders.get(c.claimedBy)?.name ?? "a former responder") : null,
        claimedMinutes: c.claimedAt ? wholeMinutes(c.claimedAt, now) : null,
        round: c.escalationRound,
      }),
    );
  return { at: now, open: rows.filter((r) => r.status === "open"), claimed: rows.filter((r) => r.status === "claimed") };
}

/** The cases this user may see, with first names and responders' names resolved. */
export async function loadQueue(deps: Pick<Deps, "store" | "clock">, user: ConsoleUser): Promise<QueueView> {
  const [cases, responders, scope] = await Promise.all([deps.store.cases.queue(), deps.store.responders.list(), volunteerScope(deps, user)]);
  const visible = cases.filter((c) => canSeeCase(user, c, scope));
  const participantIds = [...new Set(visible.flatMap((c) => (c.participantId ? [c.participantId] : [])))];
  const participants = await Promise.all(participantIds.map((id) => deps.store.participants.get(id)));
  const names = new Map(participants.flatMap((p) => (p ? [[p.id, p.firstName] as const] : [])));
  return toQueueView(visible, names, new Map(responders.map((r) => [r.id, r])), deps.clock.now());
}
