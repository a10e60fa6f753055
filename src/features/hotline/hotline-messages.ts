import { parseResponderCommand } from "../../domain/hotline/commands";
import { condenseConversation, type ConversationEntry } from "../../domain/hotline/conversation";
import { isNobodyOnShift, type PageReason } from "../../domain/hotline/escalation";
import type { HotlineCase, Responder } from "../../domain/hotline/model";
import { childSafetyGuidanceKey, responderText, type ResponderTextKey } from "../../domain/hotline/texts";
import type { ProgramMessageKey } from "../../content/catalog";
import type { Store } from "../../adapters/postgres";
import type { Deps } from "../../ports/deps";
import type { Effects } from "../../jobs/effects";
import { renderFor, textVars } from "../texts";

/**
 * What the hotline texts to responders, shared by the SMS commands, the supervisor API
 * and the jobs: one outbound row per idempotency key, sent on the crisis queue.
 */
export interface HotlineAct {
  store: Store;
  deps: Deps;
  now: Date;
  effects: Effects;
}

export async function textResponder(act: HotlineAct, to: Responder, idempotencyKey: string, body: string): Promise<void> {
  const { message, isNew } = await act.store.outbound.createOnce({
    idempotencyKey,
    toPhone: to.phone,
    body,
    kind: "hotline_relay",
    priority: "crisis",
    participantId: null,
    notAfter: null,
  });
  if (isNew) act.effects.sms.push(message);
}

/** A lifecycle text (src/domain/hotline/texts.ts) in the responder's language. */
export function lifecycleText(act: HotlineAct, to: Responder, key: ResponderTextKey, vars: Record<string, string | number>): string {
  return responderText(key, to.language, { ...textVars(act.deps, null, null), ...vars });
}

/** A program text (flows/program-messages.json) in the responder's language. */
export function programText(act: HotlineAct, to: Responder, key: ProgramMessageKey, vars: Record<string, string | number>): string {
  return renderFor(act.deps.flows.program[key], to.language, { ...textVars(act.deps, null, null), ...vars });
}

/**
 * A page's text: the program's page or re-page, or — nobody on shift, so these go to the
 * supervisors — an ALERT saying so. Shared with the direct pages sent around an outage,
 * so a page reads the same whichever path sent it.
 */
export function pageBody(
  deps: Pick<Deps, "flows" | "config">,
  to: Responder,
  page: { shortId: string; step: number; reason: PageReason; minutes: number },
): string {
  const vars = { ...textVars(deps, null, null), caseId: page.shortId, minutes: page.minutes };
  if (isNobodyOnShift(page.reason)) return responderText("nobodyOnShiftPage", to.language, vars);
  return renderFor(deps.flows.program[page.step === 0 ? "hotlinePage" : "hotlineRepage"], to.language, vars);
}

export function firstName(r: Pick<Responder, "name">): string {
  return r.name.trim().split(/\s+/)[0] ?? r.name;
}

/**
 * Everything the responder who now holds the case needs: whose case it is, the whole
 * conversation since it opened (condensed, newest last), and — when a child may be at
 * risk — what to do about it. `key` makes it once per hand-over (a claim, a take-over).
 */
export async function handOver(act: HotlineAct, c: HotlineCase, to: Responder, key: string, intro: string): Promise<void> {
  await textResponder(act, to, `handover|${key}|intro`, intro);
  const entries = await conversationOf(act.store, c);
  if (entries.length) {
    await textResponder(act, to, `handover|${key}|history`, condenseConversation(c.shortId, entries, act.now));
    await act.store.cases.addEvent(c.id, "conversation_relayed", act.now, to.id, { entries: entries.length });
  }
  if (c.supervisorReview) await sendChildSafetyGuidance(act, c, to);
}

/** Mandated-reporter guidance, once per case and responder, worded for their role. */
export async function sendChildSafetyGuidance(act: HotlineAct, c: HotlineCase, to: Responder): Promise<void> {
  const role = to.tier === "supervisor" ? "supervisor" : "volunteer";
  const key = childSafetyGuidanceKey(role, act.deps.config.HOTLINE_VOLUNTEERS_MANDATED_REPORTERS);
  await textResponder(act, to, `child-guidance|${c.id}|${to.id}`, lifecycleText(act, to, key, { caseId: c.shortId }));
  await act.store.cases.addEvent(c.id, "child_safety_guidance_sent", act.now, to.id, { role }, `child-guidance|${c.id}|${to.id}`);
}

/**
 * The case's texts in order: the parent's (as received) and the responders' (as relayed,
 * without the case id they were addressed with), read back through the timeline's ids.
 */
export async function conversationOf(store: Store, c: HotlineCase): Promise<ConversationEntry[]> {
  const events = await store.cases.events(c.id);
  const seen = new Set<string>();
  const entries: ConversationEntry[] = [];
  const names = new Map<string, string>();
  for (const e of events) {
    const inboundId = e.detail.inboundId;
    if (typeof inboundId !== "string" || seen.has(inboundId)) continue;
    const fromParent = e.type === "received" || e.type === "message_received" || e.type === "relayed_to_volunteer";
    if (!fromParent && e.type !== "relayed_to_parent") continue;
    seen.add(inboundId);
    const m = await store.inbound.get(inboundId);
    if (!m) continue;
    if (fromParent) {
      entries.push({ at: m.receivedAt, from: "parent", text: m.body });
      continue;
    }
    const cmd = parseResponderCommand(m.body);
    let name = e.responderId ? names.get(e.responderId) : undefined;
    if (e.responderId && name === undefined) {
      const r = await store.responders.get(e.responderId);
      name = r ? firstName(r) : "Responder";
      names.set(e.responderId, name);
    }
    entries.push({ at: m.receivedAt, from: "responder", name, text: cmd.type === "relay" ? cmd.text : m.body });
  }
  return entries;
}
