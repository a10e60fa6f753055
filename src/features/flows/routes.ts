import { Hono } from "hono";
import { z } from "zod";
import { PAUSE_MAX_DAYS, PAUSE_MIN_DAYS } from "../../domain/text/keywords";
import type { Deps } from "../../ports/deps";
import { findFlow, startFlow } from "./flow-engine";
import { pauseParticipant, resumeParticipant } from "../pause/pause";
import { planRecoveryCapital, recoveryCapitalTrend } from "./recovery-capital";
import { readJson } from "../http/validation";
import { formatLocal, isWithinSendWindow, nextSendWindowOpening } from "../../domain/time";

const idParam = z.uuid();
const pauseBody = z
  .object({
    days: z
      .number({ message: `must be a whole number of days, ${PAUSE_MIN_DAYS}-${PAUSE_MAX_DAYS}` })
      .int(`must be a whole number of days, ${PAUSE_MIN_DAYS}-${PAUSE_MAX_DAYS}`)
      .min(PAUSE_MIN_DAYS, `must be ${PAUSE_MIN_DAYS}-${PAUSE_MAX_DAYS} days`)
      .max(PAUSE_MAX_DAYS, `must be ${PAUSE_MIN_DAYS}-${PAUSE_MAX_DAYS} days`),
    /** For the peer's note (e.g. "residential treatment"); never texted to the parent. */
    reason: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
const cadenceBody = z.object({ cadence: z.enum(["weekly", "monthly", "off"]).nullable() }).strict();
const startBody = z.object({ flowId: z.string().min(1) }).strict();

/** Pause/resume, recovery capital and flow starts for one participant. Mounted behind requireAdmin. */
export function flowRoutes(deps: Deps) {
  const app = new Hono();
  const store = deps.store;
  const notFound = { error: "participant not found" };

  app.post("/participants/:id/pause", async (c) => {
    const id = idParam.safeParse(c.req.param("id"));
    if (!id.success) return c.json(notFound, 404);
    const body = await readJson(c, pauseBody);
    if (!body.ok) return body.response;
    const result = await pauseParticipant(deps, id.data, body.data.days, body.data.reason ?? null);
    if (!result.ok) {
      return result.reason === "not_found"
        ? c.json(notFound, 404)
        : c.json({ error: "conflict", fields: { status: "a discharged participant cannot be paused" } }, 409);
    }
    return c.json({ participant: await store.participants.get(id.data), pausedUntil: result.pausedUntil.toISOString() });
  });

  app.post("/participants/:id/resume", async (c) => {
    const id = idParam.safeParse(c.req.param("id"));
    if (!id.success) return c.json(notFound, 404);
    const outcome = await resumeParticipant(deps, id.data);
    if (outcome === "not_found") return c.json(notFound, 404);
    if (outcome === "not_paused") return c.json({ error: "conflict", fields: { status: "participant is not paused" } }, 409);
    return c.json({ participant: await store.participants.get(id.data) });
  });

  app.get("/participants/:id/recovery-capital", async (c) => {
    const id = idParam.safeParse(c.req.param("id"));
    const participant = id.success ? await store.participants.get(id.data) : null;
    if (!participant) return c.json(notFound, 404);
    const cadence = await store.recoveryCapital.cadenceFor(participant.id);
    return c.json({ participantId: participant.id, cadence, ...(await recoveryCapitalTrend(participant, deps)) });
  });

  /** null = the flow file's default cadence. */
  app.put("/participants/:id/recovery-capital/cadence", async (c) => {
    const id = idParam.safeParse(c.req.param("id"));
    if (!id.success) return c.json(notFound, 404);
    const body = await readJson(c, cadenceBody);
    if (!body.ok) return body.response;
    if (!(await store.recoveryCapital.setCadence(id.data, body.data.cadence))) return c.json(notFound, 404);
    await planRecoveryCapital(id.data, deps);
    return c.json({ participantId: id.data, cadence: body.data.cadence });
  });

  /** Starts a flow now (e.g. a recovery-capital check off-cycle). One active run at a time: 409 when busy. */
  app.post("/participants/:id/flows", async (c) => {
    const id = idParam.safeParse(c.req.param("id"));
    if (!id.success) return c.json(notFound, 404);
    const body = await readJson(c, startBody);
    if (!body.ok) return body.response;
    if (!findFlow(deps, body.data.flowId)) {
      return c.json({ error: "invalid request", fields: { flowId: "no flow with this id" } }, 400);
    }
    const participant = await store.participants.get(id.data);
    if (!participant) return c.json(notFound, 404);
    // A flow's first text goes out at once: refused in quiet hours rather than queued, so
    // the admin knows nothing was sent and when it may be (docs/decisions.md).
    const now = deps.clock.now();
    if (!isWithinSendWindow(now, participant.timeZone, participant.sendWindow)) {
      const opensAt = nextSendWindowOpening(now, participant.timeZone, participant.sendWindow);
      const local = formatLocal(opensAt, participant.timeZone, "en", "datetime");
      return c.json(
        { error: "conflict", fields: { flowId: `quiet hours for this participant; start it after ${local} (their time)` }, opensAt: opensAt.toISOString() },
        409,
      );
    }
    const outcome = await startFlow(deps, id.data, body.data.flowId);
    if (outcome === "not_found") return c.json(notFound, 404);
    if (outcome === "started") return c.json({ outcome }, 201);
    const why = outcome === "busy" ? "another flow is in progress" : "participant is not active and opted in";
    return c.json({ error: "conflict", fields: { flowId: why } }, 409);
  });

  return app;
}
