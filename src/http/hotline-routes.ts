import { Hono } from "hono";
import { z } from "zod";
import { storeFor } from "../store";
import type { Deps } from "../services/deps";
import { responderCreateSchema, responderPatchSchema } from "./responder-schemas";
import { readJson } from "./validation";

const idParam = z.uuid();
const statusQuery = z.enum(["open", "claimed", "closed"]).optional();

/** Hotline cases, readable by admins and supervisors. Highest severity first, then oldest. */
export function hotlineCaseRoutes(deps: Deps) {
  const app = new Hono();
  const store = storeFor(deps.db);

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
  return app;
}

/** Volunteers and supervisors who can be paged (admin only). */
export function responderRoutes(deps: Deps) {
  const app = new Hono();
  const store = storeFor(deps.db);

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
