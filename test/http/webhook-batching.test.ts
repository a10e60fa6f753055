import http from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import twilio from "twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInboundBatcher } from "../../src/features/inbound/accept-inbound";
import { storeFor, type Queryable } from "../../src/adapters/postgres";
import { DB_KINDS } from "../support/db";
import { createHarness, enrol, newMessageSid, PROGRAM_NUMBER, PUBLIC_URL, TWILIO_AUTH_TOKEN, waitFor, type Harness } from "../support/harness";

/**
 * The webhook's group commit: many texts arriving at once share one insert and one
 * addBulk, yet each answer still means "my row is stored and my job is queued".
 * No workers run here, so the queue shows exactly what the webhook handed over.
 */
describe.each(DB_KINDS)("inbound group commit (%s)", (db) => {
  let h: Harness;
  let ana: { phone: string; participantId: string };

  beforeAll(async () => {
    h = await createHarness({ db, sms: "twilio" });
    ana = await enrol(h, { phone: "+15555550131" });
  });
  afterAll(async () => h?.close());

  const rowsFor = async (sids: string[]) =>
    (
      await h.db.query<{ message_sid: string; participant_id: string | null; crisis_level: string | null; processed_at: Date | null; id: string }>(
        "select id, message_sid, participant_id, crisis_level, processed_at from inbound_messages where message_sid = any($1::text[])",
        [sids],
      )
    ).rows;

  it("stores every concurrent text once, with its sender, and queues each row once before answering", async () => {
    const unknown = "+15555550139";
    const texts = Array.from({ length: 40 }, (_, i) => ({ sid: newMessageSid(), from: i % 2 ? ana.phone : unknown, body: `ok ${i}` }));
    // Twilio retrying some while the first delivery is in flight: same sid, same batch or the next.
    const retries = texts.slice(0, 5);
    const answers = await Promise.all(
      [...texts, ...retries].map((t) => h.postSms(t.from, t.body, { MessageSid: t.sid })),
    );
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 200));

    // Every 200 means stored: read right after the answers, without waiting.
    const rows = await rowsFor(texts.map((t) => t.sid));
    expect(rows).toHaveLength(texts.length);
    for (const r of rows) {
      const sent = texts.find((t) => t.sid === r.message_sid)!;
      expect(r.participant_id).toBe(sent.from === ana.phone ? ana.participantId : null);
      expect(r.crisis_level).toBeNull();
    }
    // …and handed to BullMQ: each batch's one job was sent before the answers, and may land
    // just after them. Every row is in exactly one batch job (re-deliveries in none), and
    // there are fewer jobs than texts: one Redis write per committed batch, not per text.
    const ids = new Set(rows.map((r) => r.id));
    const batches = async () =>
      (await h.deps.queues.inbound.getJobs(["waiting", "delayed", "prioritized"]))
        .filter((j) => j.name === "process-batch")
        .map((j) => (j.data as { inboundIds: string[] }).inboundIds)
        .filter((batch) => batch.some((id) => ids.has(id)));
    await waitFor(async () => (await batches()).flat().length === texts.length, 5000, "inbound batch jobs");
    const queued = (await batches()).flat();
    expect(new Set(queued)).toEqual(ids);
    expect(queued).toHaveLength(ids.size);
    expect((await batches()).length).toBeLessThan(texts.length);
  });

  it("a batch that fails to store answers every caller with the error and stores none of it", async () => {
    let calls = 0;
    const failing: Queryable = {
      clock: h.deps.clock,
      query: async () => {
        calls++;
        throw new Error("database down");
      },
    } as unknown as Queryable;
    const writer = createInboundBatcher({ store: storeFor(failing), queues: h.deps.queues, log: h.deps.log });
    const sids = [newMessageSid(), newMessageSid(), newMessageSid()];
    const results = await Promise.allSettled(
      sids.map((sid) => writer.store({ messageSid: sid, fromPhone: ana.phone, toPhone: PROGRAM_NUMBER, body: "hi" })),
    );
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(calls).toBe(1); // one statement for the whole batch
    expect(await rowsFor(sids)).toEqual([]);
  });

  it("a text stored but not queued (Redis refused) still answers, logged by id only, for the sweeper", async () => {
    const queues = { ...h.deps.queues, inbound: { add: async () => Promise.reject(new Error("redis down")), addBulk: async () => Promise.reject(new Error("redis down")) } };
    const writer = createInboundBatcher({ store: h.deps.store, queues: queues as never, log: h.deps.log });
    const sid = newMessageSid();
    const stored = await writer.store({ messageSid: sid, fromPhone: ana.phone, toPhone: PROGRAM_NUMBER, body: "private words" });
    expect(stored.isNew).toBe(true);
    expect(await rowsFor([sid])).toHaveLength(1);
    const line = h.logLines.find((l) => l.includes("inbound enqueue failed") && l.includes(stored.message.id));
    expect(line).toBeDefined();
    expect(line).not.toContain(ana.phone);
    expect(line).not.toContain("private words");
  });

  it("served by @hono/node-server over real HTTP: signed texts stored, bad ones refused", async () => {
    const server = await new Promise<{ port: number; close(): Promise<void> }>((resolve) => {
      const s = serve({ fetch: h.app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) =>
        resolve({ port: info.port, close: () => new Promise<void>((r) => s.close(() => r())) }),
      );
    });
    const post = (path: string, body: string | Buffer, headers: Record<string, string>) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = http.request({ host: "127.0.0.1", port: server.port, method: "POST", path, headers }, (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (c: string) => (text += c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
        });
        req.on("error", reject);
        req.end(body);
      });
    const signed = (path: string, params: Record<string, string>) => ({
      body: new URLSearchParams(params).toString(),
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-twilio-signature": twilio.getExpectedTwilioSignature(TWILIO_AUTH_TOKEN, PUBLIC_URL + path, params),
      },
    });
    try {
      const params = { MessageSid: newMessageSid(), From: ana.phone, To: PROGRAM_NUMBER, Body: "doing ok ✨", NumMedia: "0" };
      const ok = signed("/twilio/sms", params);
      const res = await post("/twilio/sms", ok.body, ok.headers);
      expect(res.status).toBe(200);
      expect(res.text).toContain("<Response>");
      const [row] = await rowsFor([params.MessageSid]);
      expect(row?.participant_id).toBe(ana.participantId);
      expect((await h.db.query<{ body: string }>("select body from inbound_messages where message_sid = $1", [params.MessageSid])).rows[0]?.body).toBe("doing ok ✨");

      // The query string is part of what Twilio signs.
      const withQuery = { ...params, MessageSid: newMessageSid() };
      const q = signed("/twilio/sms?src=a", withQuery);
      expect((await post("/twilio/sms?src=a", q.body, q.headers)).status).toBe(200);
      expect((await post("/twilio/sms?src=b", q.body, q.headers)).status).toBe(403);

      const forged = signed("/twilio/sms", { ...params, MessageSid: newMessageSid() });
      expect((await post("/twilio/sms", forged.body.replace("doing", "Doing"), forged.headers)).status).toBe(403);
      expect((await post("/twilio/sms", JSON.stringify(params), { "content-type": "application/json" })).status).toBe(400);

      // Over the limit, announced or streamed in chunks with no Content-Length.
      const big = Buffer.alloc(h.deps.config.MAX_BODY_BYTES + 1, "a");
      expect((await post("/twilio/sms", big, { "content-type": "application/x-www-form-urlencoded" })).status).toBe(413);
      expect((await post("/twilio/sms", big, { "content-type": "application/x-www-form-urlencoded", "transfer-encoding": "chunked" })).status).toBe(413);
    } finally {
      await server.close();
    }
  });

  it("keeps a concern-level text's screen result on its row", async () => {
    const sid = newMessageSid();
    const res = await h.postSms(ana.phone, "craving so bad today", { MessageSid: sid });
    expect(res.status).toBe(200);
    const [row] = await rowsFor([sid]);
    expect(row?.crisis_level).toBe("concern");
  });
});
