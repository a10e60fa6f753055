import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeFor, type Store } from "../../src/adapters/postgres";
import { DB_KINDS, openTestDb } from "../support/db";
import { participantInput, peerInput, sqlState, uniquePhone } from "./fixtures";

describe.each(DB_KINDS)("peers and participants (%s)", (kind) => {
  let db: Awaited<ReturnType<typeof openTestDb>>;
  let store: Store;
  beforeAll(async () => {
    db = await openTestDb(kind);
    store = storeFor(db);
  });
  afterAll(async () => db?.drop());

  describe("peers", () => {
    it("create returns the stored peer with JSON fields as structured values, get reads it back", async () => {
      const input = peerInput({
        name: "Marisol",
        workingHours: [
          { weekday: 1, start: "09:00", end: "17:00" },
          { weekday: 6, start: "22:00", end: "06:00" },
        ],
        offDates: ["2025-07-04", "2025-12-25"],
        slackUserId: "U123",
      });
      const peer = await store.peers.create(input);
      expect(peer).toMatchObject(input);
      expect(peer.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(peer.createdAt).toBeInstanceOf(Date);
      expect(await store.peers.get(peer.id)).toEqual(peer);
    });

    it("get of an unknown id is null", async () => {
      expect(await store.peers.get("00000000-0000-4000-8000-000000000000")).toBeNull();
    });

    it("update changes only the given fields and bumps updated_at; an empty patch changes nothing", async () => {
      const peer = await store.peers.create(peerInput({ name: "Before", slackUserId: "U1" }));
      const updated = await store.peers.update(peer.id, { name: "After", offDates: [], slackUserId: null });
      expect(updated).toMatchObject({
        id: peer.id,
        name: "After",
        offDates: [],
        slackUserId: null,
        timeZone: peer.timeZone,
        workingHours: peer.workingHours,
      });
      expect(updated!.updatedAt.getTime()).toBeGreaterThanOrEqual(peer.updatedAt.getTime());
      expect(await store.peers.get(peer.id)).toEqual(updated);
      expect(await store.peers.update(peer.id, {})).toEqual(updated);
      expect(await store.peers.update("00000000-0000-4000-8000-000000000000", { name: "x" })).toBeNull();
    });

    it("list orders by name", async () => {
      const z = await store.peers.create(peerInput({ name: "zz-list" }));
      const a = await store.peers.create(peerInput({ name: "aa-list" }));
      const names = (await store.peers.list()).map((p) => p.id);
      expect(names.indexOf(a.id)).toBeLessThan(names.indexOf(z.id));
    });
  });

  describe("participants", () => {
    it("create/get/byPhone round-trip every field", async () => {
      const peer = await store.peers.create(peerInput());
      const input = participantInput({
        firstName: "José María",
        language: "es",
        peerId: peer.id,
        dailyCheckinTime: "08:30",
        nightlyCheckinTime: "20:15",
        sendWindowStart: "07:00",
        sendWindowEnd: "22:00",
      });
      const p = await store.participants.create(input);
      expect(p).toMatchObject({
        firstName: "José María",
        phone: input.phone,
        timeZone: input.timeZone,
        language: "es",
        peerId: peer.id,
        dailyCheckinTime: "08:30",
        nightlyCheckinTime: "20:15",
        sendWindow: { start: "07:00", end: "22:00" },
        status: "active",
        consent: "pending",
      });
      expect(await store.participants.get(p.id)).toEqual(p);
      expect(await store.participants.byPhone(input.phone)).toEqual(p);
      expect(await store.participants.byPhone(uniquePhone())).toBeNull();
    });

    it("phone is unique, on create and on update", async () => {
      const phone = uniquePhone();
      await store.participants.create(participantInput({ phone }));
      expect(await sqlState(store.participants.create(participantInput({ phone, firstName: "Other" })))).toBe("23505");
      const other = await store.participants.create(participantInput());
      expect(await sqlState(store.participants.update(other.id, { phone }))).toBe("23505");
      expect((await store.participants.get(other.id))!.phone).toBe(other.phone);
    });

    it("update changes only the given fields; setConsent records consent and when", async () => {
      const p = await store.participants.create(participantInput({ nightlyCheckinTime: "21:00" }));
      const updated = await store.participants.update(p.id, { status: "paused", nightlyCheckinTime: null });
      expect(updated).toMatchObject({ status: "paused", nightlyCheckinTime: null, dailyCheckinTime: p.dailyCheckinTime });
      expect(updated!.firstName).toBe(p.firstName);
      expect(await store.participants.update(p.id, {})).toEqual(updated);

      const at = new Date("2025-03-01T12:34:56.789Z");
      const consented = await store.participants.setConsent(p.id, "opted_in", at);
      expect(consented).toMatchObject({ consent: "opted_in", status: "paused" });
      expect(consented!.consentChangedAt.toISOString()).toBe(at.toISOString());
    });

    it("rejects values outside the allowed sets", async () => {
      expect(
        await sqlState(store.participants.create(participantInput({ language: "fr" as unknown as "en" }))),
      ).toBe("23514");
      const p = await store.participants.create(participantInput());
      expect(await sqlState(store.participants.update(p.id, { status: "gone" as unknown as "active" }))).toBe("23514");
    });

    it("list filters by peer and orders by first name", async () => {
      const peer = await store.peers.create(peerInput());
      const b = await store.participants.create(participantInput({ firstName: "Beatriz", peerId: peer.id }));
      const a = await store.participants.create(participantInput({ firstName: "Alma", peerId: peer.id }));
      await store.participants.create(participantInput({ firstName: "Aaron" })); // no peer
      expect((await store.participants.list({ peerId: peer.id })).map((p) => p.id)).toEqual([a.id, b.id]);
      const all = await store.participants.list();
      expect(all.map((p) => p.id)).toEqual(expect.arrayContaining([a.id, b.id]));
      expect(all.map((p) => p.firstName)).toEqual([...all.map((p) => p.firstName)].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
    });

    it("listSchedulable pages through active, opted-in participants only, by keyset, without gaps or repeats", async () => {
      // Only this test creates opted-in participants in this schema.
      const at = new Date();
      const expected: string[] = [];
      for (let i = 0; i < 7; i++) {
        const p = await store.participants.create(participantInput({ firstName: `Sched${i}` }));
        await store.participants.setConsent(p.id, "opted_in", at);
        expected.push(p.id);
      }
      const paused = await store.participants.create(participantInput({ status: "paused" }));
      await store.participants.setConsent(paused.id, "opted_in", at);
      const discharged = await store.participants.create(participantInput({ status: "discharged" }));
      await store.participants.setConsent(discharged.id, "opted_in", at);
      const optedOut = await store.participants.create(participantInput());
      await store.participants.setConsent(optedOut.id, "opted_out", at);
      await store.participants.create(participantInput()); // pending consent

      const seen: string[] = [];
      const pageSizes: number[] = [];
      let after: string | null = null;
      for (let guard = 0; guard < 10; guard++) {
        const page = await store.participants.listSchedulable(after, 3);
        pageSizes.push(page.length);
        if (page.length === 0) break;
        seen.push(...page.map((p) => p.id));
        after = page[page.length - 1]!.id;
      }
      expect(pageSizes).toEqual([3, 3, 1, 0]);
      expect(seen).toEqual([...expected].sort());
      expect(new Set(seen).size).toBe(seen.length);
    });
  });
});
