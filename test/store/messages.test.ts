import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction, storeFor, type Store } from "../../src/adapters/postgres";
import type { NewOutbound } from "../../src/adapters/postgres/outbound";
import { DB_KINDS, openTestDb } from "../support/db";
import { participantInput, uniqueKey, uniquePhone } from "./fixtures";

const TWILIO_NUMBER = "+15550000000";

const AWKWARD_BODIES: Record<string, string> = {
  emoji: "I'm ok 👍🏽 today 👨‍👩‍👧‍👦 ❤️ 🇲🇽",
  rtl: "مرحبا، أنا بخير שלום \u200f(RTL mark)\u200e mixed",
  combining: "Jose\u0301 vs José, e\u0301 ≠ é",
  sqlLooking: "'); drop table inbound_messages; -- \\ $1 %s ' || '' \"x\"",
  whitespace: "  leading and trailing  \r\n\ttabs\n\n",
  controls: "bell\u0007 esc\u001b del\u007f",
  veryLong: "ñ🙂a".repeat(20_000),
};

describe.each(DB_KINDS)("messages (%s)", (kind) => {
  let db: Awaited<ReturnType<typeof openTestDb>>;
  let store: Store;
  beforeAll(async () => {
    db = await openTestDb(kind);
    store = storeFor(db);
  });
  afterAll(async () => db?.drop());

  describe("inbound", () => {
    it("insertOnce stores a message once per MessageSid; a retry returns the first untouched", async () => {
      const p = await store.participants.create(participantInput());
      const sid = uniqueKey("SM");
      const first = await store.inbound.insertOnce({
        messageSid: sid,
        fromPhone: p.phone,
        toPhone: TWILIO_NUMBER,
        body: "hello",
        participantId: p.id,
      });
      expect(first.isNew).toBe(true);
      expect(first.message).toMatchObject({
        messageSid: sid,
        fromPhone: p.phone,
        toPhone: TWILIO_NUMBER,
        body: "hello",
        participantId: p.id,
        processedAt: null,
        outcome: null,
      });
      const retry = await store.inbound.insertOnce({
        messageSid: sid,
        fromPhone: p.phone,
        toPhone: TWILIO_NUMBER,
        body: "different body on retry",
        participantId: null,
      });
      expect(retry).toEqual({ message: first.message, isNew: false });
      const { rows } = await db.query<{ n: number }>("select count(*)::int as n from inbound_messages where message_sid = $1", [sid]);
      expect(rows[0]!.n).toBe(1);
    });

    it("concurrent deliveries of the same MessageSid store one row and exactly one is new", async () => {
      const sid = uniqueKey("SM");
      const m = { messageSid: sid, fromPhone: uniquePhone(), toPhone: TWILIO_NUMBER, body: "dup", participantId: null };
      const results = await Promise.all([1, 2, 3].map(() => store.inbound.insertOnce(m)));
      expect(results.filter((r) => r.isNew)).toHaveLength(1);
      expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
    });

    it.each(Object.entries(AWKWARD_BODIES))("stores a %s body byte-exact", async (_name, body) => {
      const { message } = await store.inbound.insertOnce({
        messageSid: uniqueKey("SM"),
        fromPhone: uniquePhone(),
        toPhone: TWILIO_NUMBER,
        body,
        participantId: null,
      });
      const read = await store.inbound.get(message.id);
      expect(Buffer.from(read!.body, "utf8").equals(Buffer.from(body, "utf8"))).toBe(true);
      expect(read!.body).toBe(body);
      expect(message.body).toBe(body);
      // Also the same bytes as Postgres sees them (no double encoding on the way in).
      const { rows } = await db.query<{ n: number }>("select octet_length(body)::int as n from inbound_messages where id = $1", [
        message.id,
      ]);
      expect(rows[0]!.n).toBe(Buffer.byteLength(body, "utf8"));
    });

    it("lockUnprocessed claims an unprocessed message, and returns null once it is marked processed", async () => {
      const { message } = await store.inbound.insertOnce({
        messageSid: uniqueKey("SM"),
        fromPhone: uniquePhone(),
        toPhone: TWILIO_NUMBER,
        body: "claim me",
        participantId: null,
      });
      const at = new Date("2025-05-05T05:05:05.005Z");
      const claimed = await inTransaction(db, async (tx) => {
        const locked = await tx.inbound.lockUnprocessed(message.id);
        if (locked) await tx.inbound.markProcessed(locked.id, "answered", at);
        return locked;
      });
      expect(claimed?.id).toBe(message.id);
      expect(await inTransaction(db, (tx) => tx.inbound.lockUnprocessed(message.id))).toBeNull();
      const after = await store.inbound.get(message.id);
      expect(after!.processedAt!.toISOString()).toBe(at.toISOString());
      expect(after!.outcome).toBe("answered");
      const unprocessed = await store.inbound.listUnprocessedBefore(new Date(Date.now() + 60_000), 1000);
      expect(unprocessed.map((m) => m.id)).not.toContain(message.id);
    });

    it("two concurrent claims of one message: exactly one gets it", async () => {
      const { message } = await store.inbound.insertOnce({
        messageSid: uniqueKey("SM"),
        fromPhone: uniquePhone(),
        toPhone: TWILIO_NUMBER,
        body: "race",
        participantId: null,
      });
      const claim = () =>
        inTransaction(db, async (tx) => {
          const locked = await tx.inbound.lockUnprocessed(message.id);
          if (!locked) return null;
          await new Promise((r) => setTimeout(r, 30)); // hold the lock while the other waits
          await tx.inbound.markProcessed(locked.id, "handled", new Date());
          return locked;
        });
      const results = await Promise.all([claim(), claim()]);
      expect(results.filter((r) => r !== null)).toHaveLength(1);
    });

    it("listForParticipant returns newest first", async () => {
      const p = await store.participants.create(participantInput());
      const ids: string[] = [];
      for (const body of ["one", "two", "three"]) {
        const { message } = await store.inbound.insertOnce({
          messageSid: uniqueKey("SM"),
          fromPhone: p.phone,
          toPhone: TWILIO_NUMBER,
          body,
          participantId: p.id,
        });
        // Seconds apart by the store's clock (not the server's now(): the rows are stamped by the clock).
        await db.query("update inbound_messages set received_at = $1 where id = $2", [
          new Date(message.receivedAt.getTime() + ids.length * 1000),
          message.id,
        ]);
        ids.push(message.id);
      }
      expect((await store.inbound.listForParticipant(p.id, 2)).map((m) => m.body)).toEqual(["three", "two"]);
    });
  });

  describe("outbound", () => {
    const newOutbound = (overrides: Partial<NewOutbound> = {}): NewOutbound => ({
      idempotencyKey: uniqueKey("out"),
      toPhone: uniquePhone(),
      body: "Good morning! How are you today, 1-5?",
      kind: "checkin",
      priority: "routine",
      participantId: null,
      notAfter: null,
      ...overrides,
    });

    it("createOnce is idempotent per key: the second call returns the first record untouched", async () => {
      const notAfter = new Date("2030-01-01T10:00:00.000Z");
      const input = newOutbound({ notAfter, priority: "reply" });
      const first = await store.outbound.createOnce(input);
      expect(first.isNew).toBe(true);
      expect(first.message).toMatchObject({
        idempotencyKey: input.idempotencyKey,
        toPhone: input.toPhone,
        body: input.body,
        kind: "checkin",
        priority: "reply",
        status: "queued",
        attempts: 0,
        providerSid: null,
        errorCode: null,
        sentAt: null,
      });
      expect(first.message.notAfter!.toISOString()).toBe(notAfter.toISOString());
      const second = await store.outbound.createOnce({ ...input, body: "changed", priority: "crisis" });
      expect(second).toEqual({ message: first.message, isNew: false });
      expect(await store.outbound.get(first.message.id)).toEqual(first.message);
    });

    it("concurrent createOnce with one key makes one row", async () => {
      const input = newOutbound();
      const results = await Promise.all([1, 2, 3].map(() => store.outbound.createOnce(input)));
      expect(results.filter((r) => r.isNew)).toHaveLength(1);
      expect((await store.outbound.listTo(input.toPhone)).length).toBe(1);
    });

    it("transition is a compare-and-set: it moves only from the listed statuses and sets the given fields", async () => {
      const { message } = await store.outbound.createOnce(newOutbound());
      expect(await store.outbound.transition(message.id, ["sending"], "sent")).toBeNull();
      const sending = await store.outbound.transition(message.id, ["queued"], "sending", { countAttempt: true });
      expect(sending).toMatchObject({ status: "sending", attempts: 1, providerSid: null });
      const sentAt = new Date("2025-06-01T08:00:00.000Z");
      const sent = await store.outbound.transition(message.id, ["sending"], "sent", {
        providerSid: uniqueKey("SM"),
        sentAt,
        errorCode: null,
      });
      expect(sent).toMatchObject({ status: "sent", attempts: 1 });
      expect(sent!.sentAt!.toISOString()).toBe(sentAt.toISOString());
      expect(sent!.providerSid).toMatch(/^SM-/);
      // Fields not passed are kept.
      const again = await store.outbound.transition(message.id, ["sent"], "unknown");
      expect(again).toMatchObject({ providerSid: sent!.providerSid, attempts: 1 });
      expect(again!.sentAt!.toISOString()).toBe(sentAt.toISOString());
      // errorCode is set only when given, and can be cleared with null.
      const failed = await store.outbound.transition(message.id, ["unknown"], "failed", { errorCode: "30003" });
      expect(failed!.errorCode).toBe("30003");
      const queued = await store.outbound.transition(message.id, ["failed"], "queued");
      expect(queued!.errorCode).toBe("30003");
      const cleared = await store.outbound.transition(message.id, ["queued"], "sending", { errorCode: null });
      expect(cleared!.errorCode).toBeNull();
    });

    it("two concurrent queued→sending transitions: exactly one wins", async () => {
      for (let round = 0; round < 5; round++) {
        const { message } = await store.outbound.createOnce(newOutbound());
        // Two real concurrent calls (on Postgres each runs on its own pooled connection).
        const results = await Promise.all([
          store.outbound.transition(message.id, ["queued"], "sending", { countAttempt: true }),
          store.outbound.transition(message.id, ["queued"], "sending", { countAttempt: true }),
        ]);
        expect(results.filter((r) => r !== null)).toHaveLength(1);
        expect((await store.outbound.get(message.id))!.attempts).toBe(1);
      }
    });

    it("two concurrent transitions inside transactions: exactly one wins (the loser waits and re-checks)", async () => {
      const { message } = await store.outbound.createOnce(newOutbound());
      const attempt = () =>
        inTransaction(db, async (tx) => {
          const r = await tx.outbound.transition(message.id, ["queued"], "sending", { countAttempt: true });
          await new Promise((res) => setTimeout(res, 30)); // hold the row lock a moment
          return r;
        });
      const results = await Promise.all([attempt(), attempt()]);
      expect(results.filter((r) => r !== null)).toHaveLength(1);
      expect((await store.outbound.get(message.id))!.attempts).toBe(1);
    });

    it("recordDeliveryStatus moves forward only; a late 'sent' never undoes 'delivered'", async () => {
      const sid = uniqueKey("SM");
      const { message } = await store.outbound.createOnce(newOutbound());
      await store.outbound.transition(message.id, ["queued"], "sending");
      await store.outbound.transition(message.id, ["sending"], "sending", { providerSid: sid });

      expect(await store.outbound.recordDeliveryStatus(sid, "sent", null)).toBe(true);
      expect((await store.outbound.get(message.id))!.status).toBe("sent");
      expect(await store.outbound.recordDeliveryStatus(sid, "delivered", null)).toBe(true);
      expect(await store.outbound.recordDeliveryStatus(sid, "sent", null)).toBe(false);
      expect(await store.outbound.recordDeliveryStatus(sid, "failed", "30008")).toBe(false);
      expect(await store.outbound.recordDeliveryStatus(sid, "undelivered", "30005")).toBe(false);
      const final = await store.outbound.get(message.id);
      expect(final).toMatchObject({ status: "delivered", errorCode: null });
      expect(await store.outbound.recordDeliveryStatus(uniqueKey("SM"), "delivered", null)).toBe(false);
    });

    it("recordDeliveryStatus: undelivered is final and keeps its error code", async () => {
      const sid = uniqueKey("SM");
      const { message } = await store.outbound.createOnce(newOutbound());
      await store.outbound.transition(message.id, ["queued"], "sending", { providerSid: sid });
      expect(await store.outbound.recordDeliveryStatus(sid, "undelivered", "30005")).toBe(true);
      expect(await store.outbound.recordDeliveryStatus(sid, "sent", null)).toBe(false);
      expect(await store.outbound.recordDeliveryStatus(sid, "delivered", null)).toBe(false);
      expect(await store.outbound.get(message.id)).toMatchObject({ status: "undelivered", errorCode: "30005" });
    });

    it("suppressed or skipped messages are not revived by a status callback", async () => {
      for (const terminal of ["suppressed", "skipped"] as const) {
        const sid = uniqueKey("SM");
        const { message } = await store.outbound.createOnce(newOutbound());
        await store.outbound.transition(message.id, ["queued"], terminal, { providerSid: sid });
        expect(await store.outbound.recordDeliveryStatus(sid, "delivered", null)).toBe(false);
        expect((await store.outbound.get(message.id))!.status).toBe(terminal);
      }
    });

    it("listTo returns one phone's messages oldest first", async () => {
      const phone = uniquePhone();
      const a = await store.outbound.createOnce(newOutbound({ toPhone: phone, body: "a" }));
      const b = await store.outbound.createOnce(newOutbound({ toPhone: phone, body: "b" }));
      await store.outbound.createOnce(newOutbound({ body: "elsewhere" }));
      await db.query("update outbound_messages set created_at = $2 where id = $1", [b.message.id, new Date(a.message.createdAt.getTime() + 1000)]);
      expect((await store.outbound.listTo(phone)).map((m) => m.id)).toEqual([a.message.id, b.message.id]);
    });
  });
});
