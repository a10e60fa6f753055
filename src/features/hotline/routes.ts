import { randomUUID } from "node:crypto";
import { Hono, type Context } from "hono";
import { z } from "zod";
import { describeError } from "../../ports/log";
import type { Deps } from "../../ports/deps";
import { dispatchEffects, noEffects } from "../../jobs/effects";
import { applySupervisorAction, type ActionInput } from "./hotline-actions";
import { caseActionSchemas, responderCreateSchema, responderPatchSchema, type CaseActionName } from "./responder-schemas";
import { readJson } from "../http/validation";

const idParam = z.uuid();
const statusQuery = z.enum(["open", "claimed", "closed"]).optional();

/** Hotline cases, readable by admins and supervisors. Highest severity first, then oldest. */
export function hotlineCaseRoutes(deps: Deps) {
  const app = new Hono();
  const store = deps.store;

  app.get("/", async (c) => {
    const status = statusQuery.safeParse(c.req.query("status"));
    if (!status.success) return c.json({ error: "invalid request", fields: { status: "must be open, claimed or closed" } }, 400);
    return c.json({ cases: await store.cases.list({ status: status.data }) });
  });

  app.get("/:id", async (c) => {
    const raw = c.req.param("id");
    const id = idParam.safeParse(raw);
    const found = id.success ? await store.cases.get(id.data) : await store.cases.byShortId(raw);
    if (!found) return c.json({ error: "case not found" }, 404);
    return c.json({ case: found, timeline: await store.cases.events(found.id) });
  });

  for (const action of Object.keys(caseActionSchemas) as CaseActionName[]) {
    app.post(`/:id/${action}`, (c) => caseAction(c, action, deps));
  }
  return app;
}

/**
 * A supervisor's action on a case: 404 unknown case, 400 naming a bad field (including a
 * `by` who is not an active supervisor), 409 when the case's state forbids it.
 */
async function caseAction(c: Context, action: CaseActionName, deps: Deps) {
  const store = deps.store;
  const raw = c.req.param("id")!;
  const id = idParam.safeParse(raw);
  const found = id.success ? await store.cases.get(id.data) : await store.cases.byShortId(raw);
  if (!found) return c.json({ error: "case not found" }, 404);
  const body = await readJson(c, caseActionSchemas[action]);
  if (!body.ok) return body.response;
  const actor = await store.responders.get(body.data.by);
  if (!actor || !actor.active || actor.tier !== "supervisor") {
    return c.json({ error: "invalid request", fields: { by: "must be an active supervisor-tier responder" } }, 400);
  }
  let input: ActionInput;
  if (action === "reassign") {
    const to = await store.responders.get((body.data as { to: string }).to);
    if (!to || !to.active) return c.json({ error: "invalid request", fields: { to: "must be an active responder" } }, 400);
    input = { action, actor, to };
  } else if (action === "close" || action === "review") {
    input = { action, actor, note: (body.data as { note: string }).note };
  } else {
    input = { action, actor };
  }
  const now = deps.clock.now();
  const effects = noEffects();
  const result = await deps.transaction(async (tx) => {
    const current = await tx.cases.get(found.id);
    return applySupervisorAction({ store: tx, deps, now, effects }, current!, input, { via: "api", key: `api|${randomUUID()}` });
  });
  if (!result.ok) return c.json({ error: "conflict", reason: result.conflict }, 409);
  try {
    await dispatchEffects(deps, effects);
  } catch (err) {
    // Committed: the sweeper sends the stored texts and restarts an open case's chain.
    deps.log.error("case action queued work failed; the sweeper will retry", { caseId: found.id, action, error: describeError(err) });
  }
  deps.log.info("hotline case action", { caseId: found.id, action, by: actor.id });
  return c.json({ case: result.hotlineCase });
}

/** Volunteers and supervisors who can be paged (admin only). */
export function responderRoutes(deps: Deps) {
  const app = new Hono();
  const store = deps.store;

  app.get("/", async (c) => c.json({ responders: await store.responders.list() }));

  app.post("/", async (c) => {
    const body = await readJson(c, responderCreateSchema);
    if (!body.ok) return body.response;
    if (await store.responders.byPhone(body.data.phone)) return c.json({ error: "conflict", fields: { phone: "already a responder" } }, 409);
    if (await store.participants.byPhone(body.data.phone)) {
      return c.json({ error: "conflict", fields: { phone: "belongs to an enrolled parent" } }, 409);
    }
    return c.json({ responder: await store.responders.create(body.data) }, 201);
  });

  app.patch("/:id", async (c) => {
    const id = idParam.safeParse(c.req.param("id"));
    if (!id.success) return c.json({ error: "responder not found" }, 404);
    const body = await readJson(c, responderPatchSchema);
    if (!body.ok) return body.response;
    const updated = await store.responders.update(id.data, body.data);
    return updated ? c.json({ responder: updated }) : c.json({ error: "responder not found" }, 404);
  });
  return app;
}
