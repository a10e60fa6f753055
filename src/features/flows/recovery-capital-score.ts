import type { FlowContext, RunState } from "../../domain/flows/interpreter";
import type { Flow, FlowValue } from "../../domain/flows/schema";
import type { Participant } from "../../domain/model";
import { renderTemplate } from "../../domain/text/template";
import { localDateOf } from "../../domain/time";
import type { FlowRun } from "../../adapters/postgres/flow-runs";
import { SEND_SPACING_MS, sendAfter, type FlowTx } from "./flow-tx";

/**
 * Scoring a finished recovery-capital run and telling the peer (and, on a rise, the
 * parent). Kept apart from the scheduling in recovery-capital.ts because the flow engine
 * calls it when a run ends, and the scheduler starts runs through the engine.
 */
export const RECOVERY_CAPITAL_FLOW = "recovery-capital";
export function itemNames(flow: Flow): string[] {
  return flow.steps.flatMap((s) => (s.type === "ask" && s.record ? [s.record] : []));
}

export function scoreOf(flow: Flow, values: Record<string, FlowValue>): { items: Record<string, FlowValue>; total: number | null } {
  const items: Record<string, FlowValue> = {};
  let total: number | null = 0;
  for (const name of itemNames(flow)) {
    const v = values[name];
    if (v !== undefined) items[name] = v;
    total = typeof v === "number" && total !== null ? total + v : null;
  }
  return { items, total };
}

/** Run-end hook (see flow-engine endHook), inside the transaction that ended the run. */
export async function onRecoveryCapitalEnded(
  tx: FlowTx,
  run: FlowRun,
  state: RunState,
  participant: Participant,
  textVars: FlowContext["vars"],
): Promise<void> {
  const flow = tx.deps.flows.engine[run.flowId]!;
  const { items, total } = scoreOf(flow, state.values);
  const complete = state.status === "completed" && total !== null;
  const check = await tx.store.recoveryCapital.createOnce({
    participantId: participant.id,
    runId: run.id,
    status: complete ? "complete" : "incomplete",
    total: complete ? total : null,
    items,
    finishedAt: tx.now,
  });
  if (!check) return;
  // Stopped by a crisis or a pause: the peer hears about the crisis or pause itself.
  if (state.status === "interrupted" || state.status === "cancelled") return;
  const previous = complete ? await tx.store.recoveryCapital.previousComplete(participant.id, tx.now, run.id) : null;
  const change = previous && total !== null ? total - previous.total! : null;

  const max = itemNames(flow).length * 5;
  const summary = complete
    ? `Recovery capital check: ${total}/${max}` +
      (previous ? ` (${change === 0 ? "no change" : `${change! > 0 ? "+" : ""}${change}`} since ${localDateOf(previous.finishedAt, participant.timeZone)})` : " (first check)")
    : `Recovery capital check not finished (${Object.values(items).filter((v) => typeof v === "number").length} of ${itemNames(flow).length} answered)`;
  const { notification, isNew } = await tx.store.notifications.createOnce({
    idempotencyKey: `recovery-capital|${run.id}`,
    peerId: participant.peerId,
    participantId: participant.id,
    kind: "recovery_capital",
    summary,
  });
  if (isNew) tx.effects.notifications.push(notification);

  // Any rise, even one point, is worth telling them about.
  const encouragement = flow.messages.encouragement;
  if (complete && change !== null && change >= 1 && encouragement) {
    const vars = { ...textVars, total: total!, change, previous: previous!.total! };
    const { message, isNew: fresh } = await tx.store.outbound.createOnce({
      idempotencyKey: `recovery-capital-encouragement|${run.id}`,
      toPhone: participant.phone,
      body: renderTemplate(encouragement[participant.language], vars),
      kind: "recovery_capital_encouragement",
      priority: "reply",
      participantId: participant.id,
      notAfter: null,
    });
    // After the thank-you the run just sent, not racing it.
    if (fresh) sendAfter(tx.effects, message, SEND_SPACING_MS);
  }
}

