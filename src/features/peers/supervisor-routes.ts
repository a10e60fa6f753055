import { Hono } from "hono";
import type { Deps } from "../../ports/deps";
import { buildSupervisorSummary } from "./supervisor-summary";

/** Read-only for supervisors (admin or SUPERVISOR_TOKEN): the daily summary as of now, without Slack. */
export function supervisorRoutes(deps: Deps) {
  const app = new Hono();
  app.get("/summary", async (c) => c.json({ summary: await buildSupervisorSummary(deps) }));
  return app;
}
