import { initialState, step, type FlowContext, type FlowEvent, type RunState } from "../../domain/flows/interpreter";
import { durationMs, type Flow } from "../../domain/flows/schema";
import type { InboundMessage, Participant } from "../../domain/model";
import type { FlowRun } from "../../adapters/postgres/flow-runs";
import type { Deps } from "../../ports/deps";
import { dispatchEffects, noEffects } from "../../jobs/effects";
import { onRecoveryCapitalEnded, RECOVERY_CAPITAL_FLOW } from "./recovery-capital-score";
import { textVars } from "../texts";
import { SEND_SPACING_MS, sendAfter, type FlowTx } from "./flow-tx";
import { canReceiveRoutine } from "../../domain/routine-texts";
import { JOBS } from "../../jobs/catalog";
import { jobRequest } from "../../jobs/define";

/**
 * Durable flow runs: the pure interpreter decides, this applies its actions inside the
 * caller's transaction (outbox rows for texts and peer notes, delayed jobs added after
 * commit). One active run per participant (a unique index): a start while another run
 * is active is refused as "busy" and the caller decides (scheduled starts retry later),
 * so a parent is never moved from one questionnaire to another mid-answer.
 */
export type { FlowTx } from "./flow-tx";

export type StartOutcome = "started" | "busy" | "duplicate" | "not_eligible" | "unknown_flow";

/** What a run-ending hook may look at (`vars`: the text variables the run used); runs inside the same transaction. */
export type RunEndHook = (tx: FlowTx, run: FlowRun, state: RunState, participant: Participant, vars: FlowContext["vars"]) => Promise<void>;
const endHooks = new Map<string, RunEndHook>([[RECOVERY_CAPITAL_FLOW, onRecoveryCapitalEnded]]);
const endHook = (flowId: string): RunEndHook | undefined => endHooks.get(flowId);

/**
 * The flow with this id, or undefined. Ids come from admins and stored rows: an own-key
 * check, so "constructor" or "__proto__" is no flow rather than Object's prototype.
 */
export function findFlow(deps: Pick<Deps, "flows">, flowId: string): Flow | undefined {
  const engine = deps.flows.engine;
  return Object.hasOwn(engine, flowId) ? engine[flowId] : undefined;
}

export { SEND_SPACING_MS, sendAfter } from "./flow-tx";


export async function startFlowIn(tx: FlowTx, participant: Participant, flowId: string, startKey: string | null): Promise<StartOutcome> {
  const flow = findFlow(tx.deps, flowId);
  if (!flow) return "unknown_flow";
  if (!canReceiveRoutine(participant)) return "not_eligible";
  if (startKey && (await tx.store.flowRuns.byStartKey(startKey))) return "duplicate";
  const create = () => tx.store.flowRuns.create({ participantId: participant.id, flowId, startKey, state: initialState() });
  let created = await create();
  if (!created && (await endOverdueRun(tx, participant))) created = await create();
  if (!created) return (startKey && (await tx.store.flowRuns.byStartKey(startKey))) ? "duplicate" : "busy";
  await applyEvent(tx, flow, created, participant, { type: "start" }, null);
  return "started";
}

/** An hour past its deadline with the run still waiting, a timer job was lost (Redis flushed). */
const OVERDUE_MS = 3600_000;

/**
 * Ends an active run whose timeout or wait should long have fired, so a lost timer job
 * cannot block a participant's flows for ever. It is cancelled, not advanced: texts it
 * would have sent hours ago are no longer timely.
 */
async function endOverdueRun(tx: FlowTx, participant: Participant): Promise<boolean> {
  const run = await tx.store.flowRuns.activeFor(participant.id);
  const w = run?.state.waiting;
  if (!run || !w || !run.waitingSince) return false;
  const s = findFlow(tx.deps, run.flowId)?.steps.find((x) => x.id === w.stepId);
  const length = s?.type === "ask" ? durationMs(s.timeout) : s?.type === "wait" ? durationMs(s.duration) : 0;
  if (run.waitingSince.getTime() + length + OVERDUE_MS > tx.now.getTime()) return false;
  tx.deps.log.warn("flow run overdue; cancelled", { runId: run.id, flow: run.flowId });
  return endRun(tx, run, participant, "cancel");
}

/** Starts a flow in its own transaction and dispatches what it decided. */
export async function startFlow(deps: Deps, participantId: string, flowId: string, startKey: string | null = null): Promise<StartOutcome | "not_found"> {
  const effects = noEffects();
  const outcome = await deps.transaction(async (store) => {
    const participant = await store.participants.get(participantId);
    if (!participant) return "not_found" as const;
    return startFlowIn({ store, deps, now: deps.clock.now(), effects }, participant, flowId, startKey);
  });
  await dispatchEffects(deps, effects);
  return outcome;
}

/**
 * Feeds one event to a locked run and applies the result. `msg` is the inbound text
 * for reply events (its id keys the forwarded note, so a retried job cannot double it).
 */
async function applyEvent(
  tx: FlowTx,
  flow: Flow,
  run: FlowRun,
  participant: Participant,
  event: FlowEvent,
  msg: InboundMessage | null,
): Promise<ReturnType<typeof step>> {
  const { store, deps, now, effects } = tx;
  const peer = participant.peerId ? await store.peers.get(participant.peerId) : null;
  const vars = textVars(deps, participant, peer) as FlowContext["vars"];
  const result = step(flow, run.state, event, { language: participant.language, vars });
  if (!result.handled) return result;
  const { state, actions } = result;

  // A reply is answered at once; anything else (start, timeout, wake) is scheduled work
  // that must not arrive hours late or into quiet hours.
  const priority = event.type === "reply" ? ("reply" as const) : ("routine" as const);
  let sendsSoFar = 0;
  for (const [i, action] of actions.entries()) {
    const key = `${run.id}|${state.version}|${i}`;
    switch (action.type) {
      case "send": {
        const { message, isNew } = await store.outbound.createOnce({
          idempotencyKey: `flow|${key}`,
          toPhone: participant.phone,
          body: action.body,
          kind: `flow_${flow.id}`,
          priority,
          participantId: participant.id,
          notAfter: priority === "routine" ? new Date(now.getTime() + deps.config.SEND_GRACE_MINUTES * 60_000) : null,
        });
        if (!isNew) break;
        // Separate texts are not kept in order by carriers (or by our concurrent senders):
        // the second and later texts of one step go out a few seconds apart.
        if (sendsSoFar === 0) effects.sms.push(message);
        else sendAfter(effects, message, sendsSoFar * SEND_SPACING_MS);
        sendsSoFar++;
        break;
      }
      case "notify_peer": {
        const { notification, isNew } = await store.notifications.createOnce({
          idempotencyKey: `flow-note|${key}`,
          peerId: participant.peerId,
          participantId: participant.id,
          kind: "flow_note",
          summary: action.summary,
        });
        if (isNew) effects.notifications.push(notification);
        break;
      }
      case "forward_reply": {
        if (!msg) break;
        // Same key and kind as any other parent message, so it is one note however it got here.
        const { notification, isNew } = await store.notifications.createOnce({
          idempotencyKey: `parent_message|${msg.id}`,
          peerId: participant.peerId,
          participantId: participant.id,
          kind: "parent_message",
          summary: msg.body,
          inboundMessageId: msg.id,
        });
        if (isNew) effects.notifications.push(notification);
        break;
      }
      case "schedule": {
        const data = { runId: run.id, stepId: action.stepId, token: action.token };
        (effects.jobs ??= []).push(jobRequest(JOBS.flowTimer, data, { delay: action.delayMs }));
        break;
      }
      case "record":
      case "end":
        break;
    }
  }

  const waitingSince = !state.waiting ? null : run.state.waiting?.token === state.waiting.token ? (run.waitingSince ?? now) : now;
  // The row is locked (activeFor/get with lock), so this only fails on a bug: fail loudly.
  if (!(await store.flowRuns.save(run.id, run.state.version, state, waitingSince, now))) {
    throw new Error(`flow run ${run.id} changed underneath us`);
  }
  if (state.status !== "active") await endHook(flow.id)?.(tx, run, state, participant, vars);
  deps.log.debug("flow event", { runId: run.id, flow: flow.id, event: event.type, status: state.status, step: state.stepId });
  return result;
}

/**
 * A parent's text while a run waits on an ask. Returns an outcome when the run took the
 * reply, null to let the other handlers (check-ins, notes) have it. A check-in prompt
 * sent after the flow's question takes the reply instead: people answer the last
 * question they were asked.
 */
export async function handleFlowReply(tx: FlowTx, msg: InboundMessage, participant: Participant): Promise<string | null> {
  const run = await tx.store.flowRuns.activeFor(participant.id);
  if (!run || run.state.waiting?.kind !== "ask") return null;
  const flow = findFlow(tx.deps, run.flowId);
  if (!flow) return null;
  const checkin = await tx.store.checkins.openFor(participant.id, tx.now);
  if (checkin && run.waitingSince && checkin.dueAt.getTime() > run.waitingSince.getTime()) return null;
  const before = run.state.waiting;
  const result = await applyEvent(tx, flow, run, participant, { type: "reply", text: msg.body }, msg);
  if (!result.handled) return null;
  const matched = !result.actions.some((a) => a.type === "forward_reply");
  if (matched) return "flow_answer";
  return result.state.waiting?.token === before.token && result.state.status === "active" ? "flow_reask" : "flow_fallback";
}

/**
 * Stops the participant's active run (crisis: interrupted; pause or opt-out: cancelled).
 * No text is sent; its pending timeout finds the run ended and does nothing.
 */
export async function stopActiveRun(tx: FlowTx, participant: Participant, reason: "interrupt" | "cancel"): Promise<boolean> {
  const run = await tx.store.flowRuns.activeFor(participant.id);
  return run ? endRun(tx, run, participant, reason) : false;
}

/** Ends a locked active run without sending anything. */
async function endRun(tx: FlowTx, run: FlowRun, participant: Participant, reason: "interrupt" | "cancel"): Promise<boolean> {
  const flow = findFlow(tx.deps, run.flowId);
  if (!flow) {
    // The flow file was removed since the run started: end the run without the interpreter.
    const state = { ...run.state, status: reason === "interrupt" ? ("interrupted" as const) : ("cancelled" as const), waiting: null, version: run.state.version + 1 };
    return tx.store.flowRuns.save(run.id, run.state.version, state, null, tx.now);
  }
  const result = await applyEvent(tx, flow, run, participant, { type: reason }, null);
  return result.handled;
}

/** Crisis texts interrupt the run at once, before any other handling of the text. */
export async function interruptFlowForCrisis(tx: FlowTx, participant: Participant): Promise<string | null> {
  return (await stopActiveRun(tx, participant, "interrupt")) ? "flow_interrupted" : null;
}

export type TimerOutcome = "advanced" | "stale" | "not_eligible";

/** The `flows` queue's timer job: an ask's timeout or a wait's end. */
export async function runFlowTimer(p: { runId: string; stepId: string; token: number }, deps: Deps): Promise<TimerOutcome> {
  const effects = noEffects();
  const outcome = await deps.transaction(async (store): Promise<TimerOutcome> => {
    const run = await store.flowRuns.get(p.runId, true);
    // Answered, re-routed, interrupted or ended since: this timer belongs to the past.
    if (!run || run.state.status !== "active" || run.state.waiting?.token !== p.token || run.state.waiting.stepId !== p.stepId) {
      return "stale";
    }
    const flow = findFlow(deps, run.flowId);
    const participant = await store.participants.get(run.participantId);
    if (!flow || !participant) return "stale";
    const tx = { store, deps, now: deps.clock.now(), effects };
    if (!canReceiveRoutine(participant)) {
      await applyEvent(tx, flow, run, participant, { type: "cancel" }, null);
      return "not_eligible";
    }
    await applyEvent(tx, flow, run, participant, { type: "timeout", token: p.token }, null);
    return "advanced";
  });
  await dispatchEffects(deps, effects);
  return outcome;
}
