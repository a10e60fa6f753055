import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeFor, type Store } from "../../src/adapters/postgres";
import { DB_KINDS, openTestDb } from "../support/db";
import { participantInput, peerInput, uniqueKey, uniquePhone } from "./fixtures";

const HOUR = 3_600_000;

describe.each(DB_KINDS)("check-ins, notifications, opt-outs (%s)", (kind) => {
  let db: Awaited<ReturnType<typeof openTestDb>>;
  let store: Store;
  beforeAll(async () => {
    db = await openTestDb(kind);
    store = storeFor(db);
  });
  afterAll(async () => db?.drop());

  const newParticipant = async () => (await store.participants.create(participantInput())).id;

  describe("checkins", () => {
    it("createOnce makes one record per (participant, kind, local date)", async () => {
      const pid = await newParticipant();
      const dueAt = new Date("2025-04-01T13:00:00.000Z");
      const windowClosesAt = new Date(dueAt.getTime() + 4 * HOUR);
      const c = await store.checkins.createOnce({ participantId: pid, kind: "daily", localDate: "2025-04-01", dueAt, status: "awaiting", windowClosesAt });
      expect(c).toMatchObject({ participantId: pid, kind: "daily", localDate: "2025-04-01", status: "awaiting", skipReason: null, score: null, answeredAt: null });
      expect(c!.dueAt.toISOString()).toBe(dueAt.toISOString());
      expect(c!.windowClosesAt!.toISOString()).toBe(windowClosesAt.toISOString());

      expect(
        await store.checkins.createOnce({ participantId: pid, kind: "daily", localDate: "2025-04-01", dueAt: new Date(), status: "skipped", skipReason: "x" }),
      ).toBeNull();
      expect(await store.checkins.find(pid, "daily", "2025-04-01")).toEqual(c);

      // Other kind, other date, other participant are separate keys.
      expect(await store.checkins.createOnce({ participantId: pid, kind: "nightly", localDate: "2025-04-01", dueAt, status: "awaiting" })).not.toBeNull();
      expect(await store.checkins.createOnce({ participantId: pid, kind: "daily", localDate: "2025-04-02", dueAt, status: "awaiting" })).not.toBeNull();
      const other = await newParticipant();
      expect(await store.checkins.createOnce({ participantId: other, kind: "daily", localDate: "2025-04-01", dueAt, status: "awaiting" })).not.toBeNull();
      expect(await store.checkins.find(pid, "daily", "2025-04-03")).toBeNull();
    });

    it("concurrent createOnce for one key makes one record", async () => {
      const pid = await newParticipant();
      const c = { participantId: pid, kind: "daily" as const, localDate: "2025-04-10", dueAt: new Date(), status: "awaiting" as const };
      const results = await Promise.all([store.checkins.createOnce(c), store.checkins.createOnce(c), store.checkins.createOnce(c)]);
      expect(results.filter((r) => r !== null)).toHaveLength(1);
    });

    it("openFor picks the latest check-in still open at the instant", async () => {
      const pid = await newParticipant();
      const t0 = new Date("2025-04-05T12:00:00.000Z").getTime();
      const mk = (kind: "daily" | "nightly", localDate: string, due: number, closes: number | undefined) =>
        store.checkins.createOnce({
          participantId: pid,
          kind,
          localDate,
          dueAt: new Date(due),
          status: "awaiting",
          ...(closes === undefined ? {} : { windowClosesAt: new Date(closes) }),
        });
      await mk("daily", "2025-04-04", t0 - 24 * HOUR, t0 - 20 * HOUR); // closed long ago
      await mk("nightly", "2025-04-04", t0 - 2 * HOUR, undefined); // no window: never open
      expect(await store.checkins.openFor(pid, new Date(t0))).toBeNull();
      const older = await mk("daily", "2025-04-05", t0, t0 + 12 * HOUR);
      expect(await store.checkins.openFor(pid, new Date(t0 + 1 * HOUR))).toMatchObject({ id: older!.id });
      // A nightly sent while the daily is still open: replies now go to the nightly.
      const newer = await mk("nightly", "2025-04-05", t0 + 8 * HOUR, t0 + 10 * HOUR);
      expect(await store.checkins.openFor(pid, new Date(t0 + 9 * HOUR))).toMatchObject({ id: newer!.id });
      // The window is open until, not including, its closing instant.
      expect(await store.checkins.openFor(pid, new Date(t0 + 10 * HOUR))).toMatchObject({ id: older!.id });
      expect(await store.checkins.openFor(pid, new Date(t0 + 12 * HOUR))).toBeNull();

      // Once answered, the newer one is no longer open; the older one is.
      const { message } = await store.inbound.insertOnce({
        messageSid: uniqueKey("SM"),
        fromPhone: uniquePhone(),
        toPhone: "+15550000000",
        body: "4",
        participantId: pid,
      });
      const answeredAt = new Date(t0 + 9 * HOUR);
      expect(await store.checkins.answer(newer!.id, 4, message.id, answeredAt)).toBe(true);
      expect(await store.checkins.answer(newer!.id, 5, message.id, answeredAt)).toBe(false);
      expect(await store.checkins.openFor(pid, new Date(t0 + 9 * HOUR))).toMatchObject({ id: older!.id });
      const answered = await store.checkins.find(pid, "nightly", "2025-04-05");
      expect(answered).toMatchObject({ status: "answered", score: 4 });
      expect(answered!.answeredAt!.toISOString()).toBe(answeredAt.toISOString());
    });

    it("markMissed closes only an awaiting check-in", async () => {
      const pid = await newParticipant();
      const dueAt = new Date("2025-04-07T13:00:00.000Z");
      await store.checkins.createOnce({ participantId: pid, kind: "daily", localDate: "2025-04-07", dueAt, status: "awaiting" });
      await store.checkins.createOnce({ participantId: pid, kind: "nightly", localDate: "2025-04-07", dueAt, status: "skipped", skipReason: "quiet day" });
      const answeredOne = await store.checkins.createOnce({ participantId: pid, kind: "daily", localDate: "2025-04-08", dueAt, status: "awaiting" });
      const { message } = await store.inbound.insertOnce({ messageSid: uniqueKey("SM"), fromPhone: uniquePhone(), toPhone: "+15550000000", body: "5", participantId: pid });
      await store.checkins.answer(answeredOne!.id, 5, message.id, new Date());

      expect(await store.checkins.markMissed(pid, "daily", "2025-04-07")).toBe(true);
      expect(await store.checkins.markMissed(pid, "daily", "2025-04-07")).toBe(false); // already missed
      expect(await store.checkins.markMissed(pid, "nightly", "2025-04-07")).toBe(false); // skipped
      expect(await store.checkins.markMissed(pid, "daily", "2025-04-08")).toBe(false); // answered
      expect(await store.checkins.markMissed(pid, "daily", "2025-04-09")).toBe(false); // absent
      expect((await store.checkins.find(pid, "daily", "2025-04-07"))!.status).toBe("missed");
      expect((await store.checkins.find(pid, "nightly", "2025-04-07"))!.status).toBe("skipped");
      expect((await store.checkins.find(pid, "daily", "2025-04-08"))!.status).toBe("answered");
    });

    it("recentSentStatuses lists the latest statuses, newest first, leaving out skipped ones", async () => {
      const pid = await newParticipant();
      const day = (d: number) => new Date(Date.UTC(2025, 3, d, 13));
      const date = (d: number) => `2025-04-${String(d).padStart(2, "0")}`;
      await store.checkins.createOnce({ participantId: pid, kind: "daily", localDate: date(1), dueAt: day(1), status: "awaiting" });
      await store.checkins.createOnce({ participantId: pid, kind: "daily", localDate: date(2), dueAt: day(2), status: "awaiting" });
      await store.checkins.createOnce({ participantId: pid, kind: "daily", localDate: date(3), dueAt: day(3), status: "skipped", skipReason: "holiday" });
      await store.checkins.createOnce({ participantId: pid, kind: "daily", localDate: date(4), dueAt: day(4), status: "awaiting" });
      await store.checkins.createOnce({ participantId: pid, kind: "daily", localDate: date(5), dueAt: day(5), status: "skipped", skipReason: "paused" });
      await store.checkins.markMissed(pid, "daily", date(1));
      await store.checkins.markMissed(pid, "daily", date(4));
      expect(await store.checkins.recentSentStatuses(pid, 10)).toEqual(["missed", "awaiting", "missed"]);
      expect(await store.checkins.recentSentStatuses(pid, 2)).toEqual(["missed", "awaiting"]);
      expect(await store.checkins.recentSentStatuses(await newParticipant(), 10)).toEqual([]);
      expect((await store.checkins.listForParticipant(pid, 10)).map((c) => c.localDate)).toEqual([date(5), date(4), date(3), date(2), date(1)]);
    });

    it("existingKeys returns the business keys recorded on the given dates only", async () => {
      const a = await newParticipant();
      const b = await newParticipant();
      const dueAt = new Date();
      await store.checkins.createOnce({ participantId: a, kind: "daily", localDate: "2031-01-01", dueAt, status: "awaiting" });
      await store.checkins.createOnce({ participantId: a, kind: "nightly", localDate: "2031-01-01", dueAt, status: "skipped", skipReason: "x" });
      await store.checkins.createOnce({ participantId: b, kind: "daily", localDate: "2031-01-02", dueAt, status: "awaiting" });
      await store.checkins.createOnce({ participantId: b, kind: "daily", localDate: "2031-01-03", dueAt, status: "awaiting" });
      expect(await store.checkins.existingKeys(["2031-01-01", "2031-01-02"])).toEqual(
        new Set([`${a}|daily|2031-01-01`, `${a}|nightly|2031-01-01`, `${b}|daily|2031-01-02`]),
      );
      expect(await store.checkins.existingKeys(["2031-01-01", "2031-01-02", "2031-01-03"], [b])).toEqual(
        new Set([`${b}|daily|2031-01-02`, `${b}|daily|2031-01-03`]),
      );
      expect(await store.checkins.existingKeys(["2031-01-01"], [])).toEqual(new Set());
      expect(await store.checkins.existingKeys([])).toEqual(new Set());
      expect(await store.checkins.existingKeys(["1999-01-01"])).toEqual(new Set());
    });

    it("rejects an out-of-range score", async () => {
      const pid = await newParticipant();
      const c = await store.checkins.createOnce({ participantId: pid, kind: "daily", localDate: "2025-04-20", dueAt: new Date(), status: "awaiting" });
      const { message } = await store.inbound.insertOnce({ messageSid: uniqueKey("SM"), fromPhone: uniquePhone(), toPhone: "+15550000000", body: "9", participantId: pid });
      await expect(store.checkins.answer(c!.id, 9, message.id, new Date())).rejects.toMatchObject({ code: "23514" });
      expect((await store.checkins.find(pid, "daily", "2025-04-20"))!.status).toBe("awaiting");
    });
  });

  describe("peer notifications", () => {
    it("createOnce is idempotent per key and markDelivered happens once", async () => {
      const peer = await store.peers.create(peerInput());
      const pid = await newParticipant();
      const key = uniqueKey("note");
      const first = await store.notifications.createOnce({ idempotencyKey: key, peerId: peer.id, participantId: pid, kind: "reply", summary: "Ana replied: 💬 «hola»" });
      expect(first.isNew).toBe(true);
      expect(first.notification).toMatchObject({ idempotencyKey: key, peerId: peer.id, participantId: pid, kind: "reply", summary: "Ana replied: 💬 «hola»", inboundMessageId: null, channel: null, deliveredAt: null });
      const second = await store.notifications.createOnce({ idempotencyKey: key, peerId: null, participantId: null, kind: "other", summary: "changed" });
      expect(second).toEqual({ notification: first.notification, isNew: false });
      expect(await store.notifications.list({ participantId: pid })).toEqual([first.notification]);
      expect(await store.notifications.list({ peerId: peer.id })).toEqual([first.notification]);

      const at = new Date("2025-04-01T00:00:00.000Z");
      expect(await store.notifications.markDelivered(first.notification.id, "slack", at)).toBe(true);
      expect(await store.notifications.markDelivered(first.notification.id, "sms", new Date())).toBe(false);
      const delivered = await store.notifications.get(first.notification.id);
      expect(delivered).toMatchObject({ channel: "slack" });
      expect(delivered!.deliveredAt!.toISOString()).toBe(at.toISOString());
    });

    it("concurrent createOnce with one key makes one notification", async () => {
      const key = uniqueKey("note");
      const n = { idempotencyKey: key, peerId: null, participantId: null, kind: "crisis", summary: "call now" };
      const results = await Promise.all([1, 2, 3].map(() => store.notifications.createOnce(n)));
      expect(results.filter((r) => r.isNew)).toHaveLength(1);
      expect(new Set(results.map((r) => r.notification.id)).size).toBe(1);
    });
  });

  describe("opt-outs", () => {
    it("add/has/remove, with add idempotent", async () => {
      const phone = uniquePhone();
      expect(await store.optOuts.has(phone)).toBe(false);
      await store.optOuts.add(phone, new Date("2025-01-01T00:00:00Z"));
      await store.optOuts.add(phone, new Date("2025-02-01T00:00:00Z"));
      expect(await store.optOuts.has(phone)).toBe(true);
      expect(await store.optOuts.has(uniquePhone())).toBe(false);
      const { rows } = await db.query<{ n: number }>("select count(*)::int as n from opted_out_phones where phone = $1", [phone]);
      expect(rows[0]!.n).toBe(1);
      await store.optOuts.remove(phone);
      expect(await store.optOuts.has(phone)).toBe(false);
      await store.optOuts.remove(phone); // removing again is harmless
      expect(await store.optOuts.has(phone)).toBe(false);
    });
  });
});
