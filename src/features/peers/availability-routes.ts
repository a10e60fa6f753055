import { Hono } from "hono";
import { z } from "zod";
import type { Deps } from "../../ports/deps";
import { AvailabilityError, clearAway, peerAvailability, setAway } from "./availability";
import { fieldErrors } from "../http/validation";

const idParam = z.uuid();
const awaySchema = z.strictObject({
  /** ISO 8601 instant with an offset; omitted or null = until further notice. */
  until: z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time with offset" }).nullable().optional(),
});

/** Admin routes for a peer's ad-hoc absence (the same as Slack's /away and /back). Behind requireAdmin. */
export function peerAvailabilityRoutes(deps: Deps) {
  const app = new Hono();

  app.get("/peers/:id/availability", async (c) => {
    const id = idParam.safeParse(c.req.param("id"));
    const a = id.success ? await peerAvailability(deps, id.data) : null;
    return a ? c.json({ availability: a }) : c.json({ error: "peer not found" }, 404);
  });

  app.post("/peers/:id/away", async (c) => {
    const id = idParam.safeParse(c.req.param("id"));
    if (!id.success) return c.json({ error: "peer not found" }, 404);
    const raw = await c.req.text();
    let body: unknown = {};
    if (raw.trim() !== "") {
      try {
        body = JSON.parse(raw);
      } catch {
        return c.json({ error: "body must be a JSON object", fields: { "(body)": "invalid JSON" } }, 400);
      }
    }
    const parsed = awaySchema.safeParse(body);
    if (!parsed.success) return c.json({ error: "invalid request", fields: fieldErrors(parsed.error) }, 400);
    const until = parsed.data.until ? new Date(parsed.data.until) : null;
    try {
      const peer = await setAway(deps, id.data, until);
      return peer ? c.json({ peer }) : c.json({ error: "peer not found" }, 404);
    } catch (err) {
      if (err instanceof AvailabilityError) return c.json({ error: "invalid request", fields: { until: err.message } }, 400);
      throw err;
    }
  });

  app.post("/peers/:id/back", async (c) => {
    const id = idParam.safeParse(c.req.param("id"));
    const peer = id.success ? await clearAway(deps, id.data) : null;
    return peer ? c.json({ peer }) : c.json({ error: "peer not found" }, 404);
  });

  return app;
}
