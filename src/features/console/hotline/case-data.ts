import type { CaseEvent, HotlineCase, Responder } from "../../../domain/hotline/model";
import type { Deps } from "../../../ports/deps";
import type { ConsoleUser } from "../session";
import { categoryLabel } from "./labels";

/**
 * Who may read message bodies on a case page (docs/console.md): supervisors and admins
 * (they may take the case over and need the conversation), and the volunteer holding the
 * case now (who already receives every text by SMS). Everyone else who may open the case —
 * a volunteer paged for it who did not claim it — sees the timeline without bodies.
 */
export function mayReadBodies(user: ConsoleUser, c: Pick<HotlineCase, "status" | "claimedBy">): boolean {
  if (user.role === "admin" || user.role === "supervisor") return true;
  return user.role === "volunteer" && user.responderId !== null && c.status === "claimed" && c.claimedBy === user.responderId;
}

export interface TimelineEntry {
  at: Date;
  type: string;
  /** Who acted (a responder's name), if anyone. */
  actor: string | null;
  /** Ids resolved to names and codes to words; never a phone number. */
  facts: string[];
  /** The text behind the event, only when the viewer may read bodies and shown once per text. */
  body: string | null;
  /** "in" a text from the parent, "out" one from a responder, null for everything else. */
  direction: "in" | "out" | null;
  /** A supervisor's note (close or review), free text. */
  note: string | null;
}

/** Events whose inboundId is a text from the parent; relayed_to_parent's is the responder's text. */
const PARENT_TEXT = new Set(["received", "message_received", "relayed_to_volunteer"]);
const RESPONDER_TEXT = new Set(["relayed_to_parent"]);

const LABEL: Record<string, string> = {
  received: "Crisis text received; case opened",
  safety_reply: "Safety reply sent to the parent",
  flagged_for_supervisor_review: "Flagged for supervisor review (child safety)",
  paged: "Responders paged",
  escalated: "Escalated: responders paged again",
  nobody_on_shift: "Nobody on shift",
  supervisors_alerted: "Supervisors alerted",
  supervisors_paged_child_safety: "Supervisors paged (child safety)",
  child_safety_guidance_sent: "Mandated-reporter guidance sent",
  claimed: "Claimed",
  message_received: "Text from the parent",
  relayed_to_volunteer: "Parent's text relayed to the volunteer",
  relayed_to_parent: "Volunteer's text relayed to the parent",
  conversation_relayed: "Conversation so far sent to the new holder",
  crisis_again_while_claimed: "Crisis text again while claimed",
  reopened: "Re-opened: back in the queue",
  transferred: "Transferred back to the queue",
  taken_over: "Taken over by a supervisor",
  reassigned: "Reassigned",
  released: "Released back to the queue",
  closed: "Closed",
  supervisor_reviewed: "Supervisor review recorded",
  severity_raised: "Severity raised",
  handed_over_by_peer: "Handed to the hotline by the peer",
  check_on_parent_requested: "Volunteer asked to check on the parent",
  replayed_from_journal: "Recovered from the outage journal",
  call_started: "Call to the program number",
  call_rang: "Responders' phones rang",
  call_answered: "Call answered",
  call_missed: "Call missed",
  call_escalated: "Call escalated",
  call_nobody_to_ring: "Nobody to ring",
  call_leg_ended: "Call leg ended",
  callback_requested: "Call-back requested",
  callback_connected: "Call-back connected",
  callback_failed: "Call-back failed",
  voicemail_recorded: "Voicemail recorded",
  voicemail_transcribed: "Voicemail transcribed",
};

export function eventLabel(type: string): string {
  return LABEL[type] ?? type.replace(/_/g, " ");
}

const str = (v: unknown) => (typeof v === "string" ? v : null);

/**
 * Steps written in one transaction share its timestamp, and the store breaks the tie by
 * random uuid; put such ties in the order the use cases write them (the text, the safety
 * reply, the pages, the claim or hand-over, then what follows it).
 */
const WRITE_ORDER: Record<string, number> = {
  received: 0,
  handed_over_by_peer: 0,
  call_started: 0,
  message_received: 1,
  severity_raised: 2,
  safety_reply: 2,
  flagged_for_supervisor_review: 3,
  paged: 4,
  escalated: 4,
  claimed: 5,
  taken_over: 5,
  reassigned: 5,
  call_answered: 5,
  conversation_relayed: 6,
  relayed_to_volunteer: 6,
};

export function inWrittenOrder<E extends { at: Date; type: string }>(events: readonly E[]): E[] {
  const rank = (t: string) => WRITE_ORDER[t] ?? 7;
  return [...events].sort((a, b) => a.at.getTime() - b.at.getTime() || rank(a.type) - rank(b.type));
}

/** Pure: the case's events, names and (allowed) bodies to what the page lists. */
export function toTimeline(
  events: readonly CaseEvent[],
  responders: ReadonlyMap<string, Pick<Responder, "name">>,
  bodies: ReadonlyMap<string, string>,
): TimelineEntry[] {
  const name = (id: unknown) => (typeof id === "string" ? (responders.get(id)?.name ?? "a former responder") : null);
  const shown = new Set<string>();
  return inWrittenOrder(events).map((e) => {
    const d = e.detail;
    const facts: string[] = [];
    const via = str(d.via);
    if (via) facts.push(`via ${via === "api" ? "the API" : via === "sms" ? "SMS" : via === "console" ? "the console" : via}`);
    if (Array.isArray(d.responderIds)) facts.push(d.responderIds.length ? `to ${d.responderIds.map(name).join(", ")}` : "nobody could be paged");
    if (typeof d.minutesWaiting === "number") facts.push(`waiting ${d.minutesWaiting} min`);
    if (typeof d.round === "number") facts.push(`round ${d.round + 1}`);
    if (str(d.reason)) facts.push(`reason: ${str(d.reason)!.replace(/_/g, " ")}`);
    if (str(d.from) && e.type !== "severity_raised") facts.push(`from ${name(d.from)}`);
    if (str(d.to)) facts.push(`to ${name(d.to)}`);
    if (e.type === "severity_raised" && typeof d.from === "number" && typeof d.to === "number") facts.push(`${d.from} → ${d.to}`);
    if (Array.isArray(d.categories) && d.categories.length) facts.push(d.categories.map((x) => categoryLabel(String(x))).join(", "));
    const inboundId = str(d.inboundId);
    let body: string | null = null;
    if (inboundId && bodies.has(inboundId) && !shown.has(inboundId)) {
      body = bodies.get(inboundId)!;
      shown.add(inboundId);
    }
    const direction = PARENT_TEXT.has(e.type) && inboundId ? "in" : RESPONDER_TEXT.has(e.type) ? "out" : null;
    return { at: e.at, type: e.type, actor: name(e.responderId), facts, body, direction, note: str(d.note) };
  });
}

export interface CasePageData {
  hotlineCase: HotlineCase;
  who: string;
  holder: string | null;
  timeline: TimelineEntry[];
  bodiesShown: boolean;
  /** Active responders a supervisor may hand the case to (not the current holder). */
  reassignTo: Pick<Responder, "id" | "name" | "tier">[];
}

export async function loadCasePage(deps: Pick<Deps, "store">, user: ConsoleUser, c: HotlineCase): Promise<CasePageData> {
  const store = deps.store;
  const [events, responders, participant] = await Promise.all([
    store.cases.events(c.id),
    store.responders.list(),
    c.participantId ? store.participants.get(c.participantId) : Promise.resolve(null),
  ]);
  const bodiesShown = mayReadBodies(user, c);
  const bodies = new Map<string, string>();
  if (bodiesShown) {
    const ids = [...new Set(events.flatMap((e) => (typeof e.detail.inboundId === "string" ? [e.detail.inboundId] : [])))];
    for (const m of await Promise.all(ids.map((id) => store.inbound.get(id)))) if (m) bodies.set(m.id, m.body);
  }
  const byId = new Map(responders.map((r) => [r.id, r]));
  return {
    hotlineCase: c,
    who: participant?.firstName ?? "unknown number",
    holder: c.claimedBy ? (byId.get(c.claimedBy)?.name ?? "a former responder") : null,
    timeline: toTimeline(events, byId, bodies),
    bodiesShown,
    reassignTo: responders.filter((r) => r.active && r.id !== c.claimedBy).map((r) => ({ id: r.id, name: r.name, tier: r.tier })),
  };
}
