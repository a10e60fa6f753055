import { Hono } from "hono";
import { z } from "zod";
import type { Participant } from "../../domain/model";
import type { ParticipantInput } from "../../adapters/postgres/participants";
import type { Deps } from "../../ports/deps";
import { enrolParticipant, NotFoundError, updateParticipant } from "./participants";
import { dailyOutsideWindow, participantCreateSchema, participantPatchSchema, peerCreateSchema, peerPatchSchema } from "./schemas";
import { readJson } from "../http/validation";

const idParam = z.uuid();

/** JSON admin API for program admins: peers and participants. Mounted behind requireAdmin. */
export function adminRoutes(deps: Deps) {
  const app = new Hono();
  const store = deps.store;

  app.get("/peers", async (c) => c.json({ peers: await store.peers.list() }));

  app.post("/peers", async (c) => {
    const body = await readJson(c, peerCreateSchema);
    if (!body.ok) return body.response;
    return c.json({ peer: await store.peers.create(body.data) }, 201);
  });

  app.get("/peers/:id", async (c) => {
    const id = idParam.safeParse(c.req.param("id"));
    const peer = id.success ? await store.peers.get(id.data) : null;
    return peer ? c.json({ peer }) : c.json({ error: "peer not found" }, 404);
  });

  app.patch("/peers/:id", async (c) => {
    const id = idParam.safeParse(c.req.param("id"));
    if (!id.success) return c.json({ error: "peer not found" }, 404);
    const body = await readJson(c, peerPatchSchema);
    if (!body.ok) return body.response;
    const peer = await store.peers.update(id.data, body.data);
    return peer ? c.json({ peer }) : c.json({ error: "peer not found" }, 404);
  });

  app.get("/participants", async (c) => {
    const peerId = c.req.query("peerId");
    if (peerId !== undefined && !idParam.safeParse(peerId).success) {
      return c.json({ error: "invalid request", fields: { peerId: "must be a peer id" } }, 400);
    }
    return c.json({ participants: await store.participants.list({ peerId }) });
  });

  app.post("/participants", async (c) => {
    const body = await readJson(c, participantCreateSchema);
    if (!body.ok) return body.response;
    const { sendWindow, ...rest } = body.data;
    if (await store.participants.byPhone(rest.phone)) {
      return c.json({ error: "conflict", fields: { phone: "already enrolled" } }, 409);
    }
    // A hotline volunteer's own texts are hotline work, never screened as a parent's crisis.
    if (await store.responders.byPhone(rest.phone)) {
      return c.json({ error: "conflict", fields: { phone: "belongs to a hotline responder" } }, 409);
    }
    const input: ParticipantInput = { ...rest, sendWindowStart: sendWindow.start, sendWindowEnd: sendWindow.end };
    return withDomainErrors(c, async () => c.json({ participant: await enrolParticipant(input, deps) }, 201));
  });

  app.get("/participants/:id", async (c) => {
    const p = await findParticipant(c.req.param("id"));
    if (!p) return c.json({ error: "participant not found" }, 404);
    const checkins = await store.checkins.listForParticipant(p.id, 30);
    return c.json({ participant: p, checkins });
  });

  app.patch("/participants/:id", async (c) => {
    const current = await findParticipant(c.req.param("id"));
    if (!current) return c.json({ error: "participant not found" }, 404);
    const body = await readJson(c, participantPatchSchema);
    if (!body.ok) return body.response;
    const { sendWindow, ...rest } = body.data;
    // The daily time and the window are checked together, as they will be after the patch.
    const daily = rest.dailyCheckinTime === undefined ? current.dailyCheckinTime : rest.dailyCheckinTime;
    const problem = dailyOutsideWindow(daily, sendWindow ?? current.sendWindow);
    if (problem) return c.json({ error: "invalid request", fields: { dailyCheckinTime: problem } }, 400);
    if (rest.phone && rest.phone !== current.phone && (await store.participants.byPhone(rest.phone))) {
      return c.json({ error: "conflict", fields: { phone: "already enrolled" } }, 409);
    }
    if (rest.phone && rest.phone !== current.phone && (await store.responders.byPhone(rest.phone))) {
      return c.json({ error: "conflict", fields: { phone: "belongs to a hotline responder" } }, 409);
    }
    const patch: Partial<ParticipantInput> = {
      ...rest,
      ...(sendWindow ? { sendWindowStart: sendWindow.start, sendWindowEnd: sendWindow.end } : {}),
    };
    return withDomainErrors(c, async () => c.json({ participant: await updateParticipant(current.id, patch, deps) }));
  });

  app.get("/notifications", async (c) => {
    const peerId = c.req.query("peerId");
    const participantId = c.req.query("participantId");
    for (const [field, v] of Object.entries({ peerId, participantId })) {
      if (v !== undefined && !idParam.safeParse(v).success) {
        return c.json({ error: "invalid request", fields: { [field]: "must be an id" } }, 400);
      }
    }
    return c.json({ notifications: await store.notifications.list({ peerId, participantId }) });
  });

  async function findParticipant(raw: string): Promise<Participant | null> {
    const id = idParam.safeParse(raw);
    return id.success ? store.participants.get(id.data) : null;
  }

  return app;
}

async function withDomainErrors(c: { json: (b: unknown, s: 400 | 409) => Response }, fn: () => Promise<Response>) {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof NotFoundError) return c.json({ error: "invalid request", fields: { [err.field]: err.message } }, 400);
    // A concurrent enrolment of the same phone loses the unique index race.
    if ((err as { code?: string }).code === "23505") return c.json({ error: "conflict", fields: { phone: "already enrolled" } }, 409);
    throw err;
  }
}
