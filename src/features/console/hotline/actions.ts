import { randomUUID } from "node:crypto";
import type { HotlineCase, Responder } from "../../../domain/hotline/model";
import type { Deps } from "../../../ports/deps";
import { describeError } from "../../../ports/log";
import { dispatchEffects, noEffects } from "../../../jobs/effects";
import { applySupervisorAction, type ActionInput } from "../../hotline/hotline-actions";
import { caseActionSchemas } from "../../hotline/responder-schemas";
import type { ConsoleUser } from "../session";
import type { ActionName } from "./case-view";

export const ACTIONS: readonly ActionName[] = ["take", "reassign", "release", "close", "review"];

/**
 * The supervisor-tier responder a console user acts as (the timeline's "by"), or why they
 * cannot act: the same rule as the API's `by` (an active supervisor-tier responder).
 */
export async function consoleActor(deps: Pick<Deps, "store">, user: ConsoleUser): Promise<{ ok: true; actor: Responder } | { ok: false; problem: string }> {
  if (!user.responderId) {
    return { ok: false, problem: "Your console account is not linked to a hotline responder, so you cannot act on cases. Ask an admin to link it to your supervisor-tier responder." };
  }
  const actor = await deps.store.responders.get(user.responderId);
  if (!actor || !actor.active || actor.tier !== "supervisor") {
    return { ok: false, problem: "Only an active supervisor-tier hotline responder can take over, reassign, release or close cases; your linked responder is not one." };
  }
  return { ok: true, actor };
}

export type FormOutcome =
  | { kind: "invalid"; field: string; message: string }
  | { kind: "conflict"; reason: string }
  | { kind: "done"; hotlineCase: HotlineCase };

/**
 * A case action from a console form: the same checks as the JSON route (the API's zod
 * schema for the fields, an active responder to reassign to), then the one use case
 * (applySupervisorAction) in a transaction, then its queued work after commit.
 */
export async function runConsoleAction(
  deps: Deps,
  c: HotlineCase,
  action: ActionName,
  actor: Responder,
  form: Record<string, unknown>,
): Promise<FormOutcome> {
  const text = (k: string) => (typeof form[k] === "string" ? form[k] : undefined);
  let input: ActionInput;
  if (action === "reassign") {
    const parsed = caseActionSchemas.reassign.safeParse({ by: actor.id, to: text("to") });
    if (!parsed.success) return invalid(parsed.error.issues);
    const to = await deps.store.responders.get(parsed.data.to);
    if (!to || !to.active) return { kind: "invalid", field: "to", message: "must be an active responder" };
    input = { action, actor, to };
  } else if (action === "close" || action === "review") {
    const parsed = caseActionSchemas[action].safeParse({ by: actor.id, note: text("note") });
    if (!parsed.success) return invalid(parsed.error.issues);
    input = { action, actor, note: parsed.data.note };
  } else {
    input = { action, actor };
  }
  const effects = noEffects();
  const result = await deps.transaction(async (tx) => {
    const current = await tx.cases.get(c.id);
    if (!current) return { ok: false as const, conflict: "case not found" };
    return applySupervisorAction({ store: tx, deps, now: deps.clock.now(), effects }, current, input, { via: "console", key: `console|${randomUUID()}` });
  });
  if (!result.ok) return { kind: "conflict", reason: result.conflict };
  try {
    await dispatchEffects(deps, effects);
  } catch (err) {
    // Committed: the sweeper sends the stored texts and restarts an open case's chain.
    deps.log.error("console case action queued work failed; the sweeper will retry", { caseId: c.id, action, error: describeError(err) });
  }
  return { kind: "done", hotlineCase: result.hotlineCase };
}

function invalid(issues: readonly { path: PropertyKey[]; message: string }[]): FormOutcome {
  const issue = issues[0];
  return { kind: "invalid", field: String(issue?.path[0] ?? "form"), message: issue?.message ?? "is not valid" };
}
