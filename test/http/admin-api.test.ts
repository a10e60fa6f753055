import { randomUUID } from "node:crypto";
import type { Job } from "bullmq";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/app/config";
import { buildApp } from "../../src/app/web";
import { ADMIN_TOKEN, createHarness, PUBLIC_URL, waitFor, type Harness } from "../support/harness";

/**
 * The admin JSON API: bearer-token guard, peers and participants, zod validation naming
 * each bad field, no partial writes, conflicts, and re-planning on a schedule change.
 * Real PGlite, real Redis/BullMQ.
 */
interface Fields {
  error: string;
  fields: Record<string, string>;
}

describe("admin API", () => {
  let h: Harness;
  let peerId: string;
  /** Every admin answer in this file: none may be a 500. */
  const answers: { what: string; status: number }[] = [];

  beforeAll(async () => {
    h = await createHarness({ sms: "sandbox" });
    const res = await admin("POST", "/peers", { name: "Rosa Diaz", timeZone: "America/New_York" });
    expect(res.status).toBe(201);
    peerId = ((await res.json()) as { peer: { id: string } }).peer.id;
  });
  afterAll(async () => h?.close());

  async function admin(method: string, path: string, body?: unknown): Promise<Response> {
    const res = await h.admin(method, path, body);
    answers.push({ what: `${method} ${path}`, status: res.status });
    expect(res.status, `${method} ${path}: never a 500`).toBeLessThan(500);
    return res;
  }

  async function raw(path: string, init: RequestInit): Promise<Response> {
    const res = await h.app.request(`/api${path}`, init);
    answers.push({ what: `raw ${path}`, status: res.status });
    expect(res.status, `${path}: never a 500`).toBeLessThan(500);
    return res;
  }

  async function count(table: "participants" | "peers" | "outbound_messages"): Promise<number> {
    const { rows } = await h.db.query<{ n: number }>(`select count(*)::int as n from ${table}`);
    return Number(rows[0]!.n);
  }

  let phoneSeq = 200;
  const nextPhone = () => `+1555555${String(phoneSeq++).padStart(4, "0")}`;
  const participantBody = (over: Record<string, unknown> = {}) => ({
    firstName: "Ana",
    phone: nextPhone(),
    timeZone: "America/New_York",
    language: "en",
    peerId,
    ...over,
  });

  async function createParticipant(over: Record<string, unknown> = {}) {
    const res = await admin("POST", "/participants", participantBody(over));
    expect(res.status, await res.clone().text()).toBe(201);
    return ((await res.json()) as { participant: { id: string; phone: string; dailyCheckinTime: string } }).participant;
  }

  /** Posts a body expected to be rejected; checks 400, that `field` is named, and that nothing was written. */
  async function expectRejected(method: string, path: string, body: unknown, field: string) {
    const before = { participants: await count("participants"), peers: await count("peers"), out: await count("outbound_messages") };
    const res = await admin(method, path, body);
    const text = await res.clone().text();
    expect(res.status, `${JSON.stringify(body)} → ${text}`).toBe(400);
    const json = (await res.json()) as Fields;
    expect(Object.keys(json.fields), `${JSON.stringify(body)} → ${text}`).toContain(field);
    expect({ participants: await count("participants"), peers: await count("peers"), out: await count("outbound_messages") }).toEqual(before);
    return json;
  }

  describe("bearer token", () => {
    it("answers 401 with no token, a wrong token, or another scheme, and does nothing", async () => {
      const peersBefore = await count("peers");
      const body = JSON.stringify({ name: "Intruder", timeZone: "UTC" });
      const attempts: Record<string, Record<string, string>> = {
        none: {},
        "wrong, same length": { authorization: `Bearer ${"x".repeat(ADMIN_TOKEN.length)}` },
        "wrong, shorter": { authorization: "Bearer test" },
        "token with a suffix": { authorization: `Bearer ${ADMIN_TOKEN}x` },
        "basic scheme": { authorization: `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString("base64")}` },
        "bare token": { authorization: ADMIN_TOKEN },
        "empty bearer": { authorization: "Bearer " },
      };
      for (const [what, headers] of Object.entries(attempts)) {
        for (const [method, path] of [
          ["POST", "/peers"],
          ["GET", "/peers"],
          ["GET", "/participants"],
          ["GET", `/participants/${randomUUID()}`],
          ["POST", "/sandbox/sms"],
          ["GET", "/no-such-route"],
        ] as const) {
          const res = await raw(path, {
            method,
            headers: { "content-type": "application/json", ...headers },
            body: method === "POST" ? body : undefined,
          });
          expect(res.status, `${what}: ${method} ${path}`).toBe(401);
          expect(await res.text()).not.toContain("Rosa");
        }
      }
      // The token in the query string is not a credential either.
      expect((await raw(`/peers?token=${ADMIN_TOKEN}`, { method: "GET" })).status).toBe(401);
      expect(await count("peers")).toBe(peersBefore);
    });

    it("accepts the right token (the control), with the scheme in any case", async () => {
      expect((await admin("GET", "/peers")).status).toBe(200);
      const res = await raw("/peers", { headers: { authorization: `bearer ${ADMIN_TOKEN}` } });
      expect(res.status).toBe(200);
    });

    it("answers 503 on every admin route when ADMIN_TOKEN is not configured", async () => {
      // As in production with no ADMIN_TOKEN in the environment.
      const config = parseConfig({ PUBLIC_URL, QUEUE_PREFIX: h.deps.config.QUEUE_PREFIX });
      expect(config.ADMIN_TOKEN).toBeUndefined();
      const off = buildApp({ ...h.deps, config });
      const peersBefore = await count("peers");
      for (const [method, path, auth] of [
        ["GET", "/api/peers", undefined],
        ["GET", "/api/peers", `Bearer ${ADMIN_TOKEN}`],
        ["GET", "/api/peers", "Bearer "],
        ["POST", "/api/peers", `Bearer ${ADMIN_TOKEN}`],
        ["GET", "/api/participants", undefined],
        ["POST", "/api/sandbox/sms", undefined],
      ] as const) {
        const res = await off.request(path, {
          method,
          headers: { "content-type": "application/json", ...(auth ? { authorization: auth } : {}) },
          body: method === "POST" ? JSON.stringify({ name: "X", timeZone: "UTC" }) : undefined,
        });
        expect(res.status, `${method} ${path} ${auth ?? "(no auth)"}`).toBe(503);
      }
      expect(await count("peers")).toBe(peersBefore);
      // The rest of the app still works.
      expect((await off.request("/health")).status).toBe(200);
    });
  });

  describe("peers", () => {
    it("creates, lists, gets and patches a peer", async () => {
      const res = await admin("POST", "/peers", {
        name: "  Marcus Lee ",
        timeZone: "America/Chicago",
        workingHours: [{ weekday: 1, start: "09:00", end: "17:00" }],
        offDates: ["2026-12-25"],
        slackUserId: "U012ABCDEF",
      });
      expect(res.status).toBe(201);
      const { peer } = (await res.json()) as { peer: Record<string, unknown> & { id: string } };
      expect(peer).toMatchObject({
        name: "Marcus Lee",
        timeZone: "America/Chicago",
        workingHours: [{ weekday: 1, start: "09:00", end: "17:00" }],
        offDates: ["2026-12-25"],
        slackUserId: "U012ABCDEF",
      });

      const list = (await (await admin("GET", "/peers")).json()) as { peers: { id: string }[] };
      expect(list.peers.map((p) => p.id)).toEqual(expect.arrayContaining([peerId, peer.id]));

      const got = await admin("GET", `/peers/${peer.id}`);
      expect(got.status).toBe(200);
      expect(((await got.json()) as { peer: { name: string } }).peer.name).toBe("Marcus Lee");

      const patched = await admin("PATCH", `/peers/${peer.id}`, { timeZone: "Europe/Madrid", slackUserId: null });
      expect(patched.status).toBe(200);
      expect((await patched.json()) as { peer: unknown }).toMatchObject({
        peer: { id: peer.id, name: "Marcus Lee", timeZone: "Europe/Madrid", slackUserId: null },
      });
      expect((await h.store.peers.get(peer.id))!.timeZone).toBe("Europe/Madrid");
    });

    it.each([
      ["name", { name: "", timeZone: "UTC" }],
      ["name", { name: "Bad\u0000Name", timeZone: "UTC" }],
      ["name", { timeZone: "UTC" }],
      ["timeZone", { name: "P", timeZone: "Mars/Base" }],
      ["timeZone", { name: "P", timeZone: "UTC+3" }],
      ["slackUserId", { name: "P", timeZone: "UTC", slackUserId: "bob" }],
      ["workingHours.0.weekday", { name: "P", timeZone: "UTC", workingHours: [{ weekday: 8, start: "09:00", end: "17:00" }] }],
      ["workingHours.0.start", { name: "P", timeZone: "UTC", workingHours: [{ weekday: 1, start: "25:00", end: "17:00" }] }],
      ["workingHours.0.note", { name: "P", timeZone: "UTC", workingHours: [{ weekday: 1, start: "09:00", end: "17:00", note: "x" }] }],
      ["offDates.0", { name: "P", timeZone: "UTC", offDates: ["2026-02-30"] }],
      ["nickname", { name: "P", timeZone: "UTC", nickname: "Pat" }],
    ])("rejects a new peer naming %s", async (field, body) => {
      await expectRejected("POST", "/peers", body, field);
    });

    it("rejects a bad peer patch naming the field, and leaves the peer as it was", async () => {
      const before = await h.store.peers.get(peerId);
      await expectRejected("PATCH", `/peers/${peerId}`, { name: "Renamed", timeZone: "Mars/Base" }, "timeZone");
      await expectRejected("PATCH", `/peers/${peerId}`, { name: "Renamed", extra: 1 }, "extra");
      expect(await h.store.peers.get(peerId)).toEqual(before);
    });
  });

  describe("participants", () => {
    it("creates with program defaults, lists, filters by peer, gets and patches", async () => {
      const p = await createParticipant({ firstName: "Lucía", language: "es" });
      expect(p).toMatchObject({
        firstName: "Lucía",
        language: "es",
        peerId,
        dailyCheckinTime: "09:00",
        nightlyCheckinTime: "20:30",
        sendWindow: { start: "08:00", end: "21:00" },
        status: "active",
        consent: "pending",
      });
      const loner = await createParticipant({ firstName: "Zed", peerId: null });

      const all = (await (await admin("GET", "/participants")).json()) as { participants: { id: string }[] };
      expect(all.participants.map((x) => x.id)).toEqual(expect.arrayContaining([p.id, loner.id]));
      const mine = (await (await admin("GET", `/participants?peerId=${peerId}`)).json()) as { participants: { id: string }[] };
      expect(mine.participants.map((x) => x.id)).toContain(p.id);
      expect(mine.participants.map((x) => x.id)).not.toContain(loner.id);
      const badFilter = await admin("GET", "/participants?peerId=nope");
      expect(badFilter.status).toBe(400);
      expect(((await badFilter.json()) as Fields).fields).toHaveProperty("peerId");

      const got = await admin("GET", `/participants/${p.id}`);
      expect(got.status).toBe(200);
      expect(await got.json()).toMatchObject({ participant: { id: p.id, phone: p.phone }, checkins: [] });

      const patched = await admin("PATCH", `/participants/${p.id}`, { firstName: "Lucia", peerId: null, status: "paused" });
      expect(patched.status).toBe(200);
      expect(await patched.json()).toMatchObject({ participant: { id: p.id, firstName: "Lucia", peerId: null, status: "paused" } });
      expect(await h.store.participants.get(p.id)).toMatchObject({ firstName: "Lucia", peerId: null, status: "paused" });
    });

    it.each([
      ["phone", { phone: "5555550100" }],
      ["phone", { phone: "+1 555 555 0100" }],
      ["phone", { phone: "+15555550100x12" }],
      ["phone", { phone: undefined }],
      ["timeZone", { timeZone: "Mars/Base" }],
      ["timeZone", { timeZone: "" }],
      ["language", { language: "fr" }],
      ["dailyCheckinTime", { dailyCheckinTime: "25:00" }],
      ["dailyCheckinTime", { dailyCheckinTime: "9:00" }],
      ["dailyCheckinTime", { dailyCheckinTime: "07:00" }],
      ["dailyCheckinTime", { dailyCheckinTime: "21:00" }],
      ["dailyCheckinTime", { dailyCheckinTime: "09:00", sendWindow: { start: "10:00", end: "18:00" } }],
      ["nightlyCheckinTime", { nightlyCheckinTime: "24:00" }],
      ["sendWindow.end", { sendWindow: { start: "21:00", end: "08:00" } }],
      ["status", { status: "deleted" }],
      ["firstName", { firstName: "" }],
      ["firstName", { firstName: "Ana\u0000" }],
      ["firstName", { firstName: "A".repeat(51) }],
      ["peerId", { peerId: "not-a-uuid" }],
      ["nickname", { nickname: "Annie" }],
      ["consent", { consent: "opted_in" }],
    ])("rejects a new participant naming %s, writing nothing", async (field, over) => {
      await expectRejected("POST", "/participants", participantBody(over), field);
    });

    it("names every bad field at once", async () => {
      const json = await expectRejected(
        "POST",
        "/participants",
        participantBody({ phone: "555", timeZone: "Mars/Base", language: "fr", dailyCheckinTime: "25:00", nickname: "x" }),
        "phone",
      );
      expect(Object.keys(json.fields).sort()).toEqual(["dailyCheckinTime", "language", "nickname", "phone", "timeZone"]);
    });

    it("rejects a body that is not a JSON object with 400", async () => {
      const before = await count("participants");
      for (const body of ["{", "", "not json", "[]", "null", '"Ana"', "42", '{"firstName": "Ana",}']) {
        const res = await raw("/participants", {
          method: "POST",
          headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
          body,
        });
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(((await res.json()) as Fields).fields, JSON.stringify(body)).toBeTypeOf("object");
      }
      expect(await count("participants")).toBe(before);
    });

    it("answers 413 to an oversized admin body", async () => {
      const res = await admin("POST", "/participants", participantBody({ firstName: "A".repeat(70_000) }));
      expect(res.status).toBe(413);
    });

    it("rejects a peerId that does not exist with 400 naming peerId, and writes no participant and no text", async () => {
      const body = participantBody({ peerId: randomUUID() });
      await expectRejected("POST", "/participants", body, "peerId");
      expect(await h.store.participants.byPhone(body.phone)).toBeNull();
      expect(await h.store.outbound.listTo(body.phone)).toEqual([]);
    });

    it("answers 409 to a phone that is already enrolled, leaving the first enrolment alone", async () => {
      const first = await createParticipant({ firstName: "First" });
      const before = await count("participants");
      const res = await admin("POST", "/participants", participantBody({ firstName: "Second", phone: first.phone }));
      expect(res.status).toBe(409);
      expect(((await res.json()) as Fields).fields).toHaveProperty("phone");
      expect(await count("participants")).toBe(before);
      expect((await h.store.participants.byPhone(first.phone))!.firstName).toBe("First");

      // Moving another participant onto that phone is the same conflict.
      const other = await createParticipant({ firstName: "Other" });
      const patch = await admin("PATCH", `/participants/${other.id}`, { phone: first.phone, firstName: "Changed" });
      expect(patch.status).toBe(409);
      expect(await h.store.participants.get(other.id)).toMatchObject({ phone: other.phone, firstName: "Other" });
    });

    it("rejects a bad patch naming the field, and changes nothing (no partial write)", async () => {
      const p = await createParticipant();
      const before = await h.store.participants.get(p.id);
      const cases: [string, Record<string, unknown>][] = [
        ["phone", { firstName: "Changed", phone: "555-0100" }],
        ["timeZone", { firstName: "Changed", timeZone: "Mars/Base" }],
        ["language", { firstName: "Changed", language: "fr" }],
        ["dailyCheckinTime", { firstName: "Changed", dailyCheckinTime: "25:00" }],
        ["dailyCheckinTime", { firstName: "Changed", dailyCheckinTime: "22:00" }],
        // Moving the window so the current 09:00 falls outside it.
        ["dailyCheckinTime", { firstName: "Changed", sendWindow: { start: "10:00", end: "20:00" } }],
        ["peerId", { firstName: "Changed", peerId: randomUUID() }],
        ["nickname", { firstName: "Changed", nickname: "x" }],
        ["id", { firstName: "Changed", id: randomUUID() }],
      ];
      for (const [field, body] of cases) {
        await expectRejected("PATCH", `/participants/${p.id}`, body, field);
      }
      expect(await h.store.participants.get(p.id)).toEqual(before);
    });

    it("answers 404 to an unknown or malformed id, never a 500", async () => {
      const unknown = randomUUID();
      const malformed = ["123", "not-a-uuid", encodeURIComponent("' or 1=1 --"), "%00", `${unknown}0`, unknown.replace(/-/g, ""), "x".repeat(2000)];
      for (const id of [unknown, ...malformed]) {
        for (const resource of ["peers", "participants"]) {
          const get = await admin("GET", `/${resource}/${id}`);
          expect(get.status, `GET ${resource}/${id.slice(0, 40)}`).toBe(404);
          expect(((await get.json()) as { error: string }).error).toMatch(/not found/);
          const patch = await admin("PATCH", `/${resource}/${id}`, resource === "peers" ? { name: "X" } : { firstName: "X" });
          expect(patch.status, `PATCH ${resource}/${id.slice(0, 40)}`).toBe(404);
        }
      }
    });
  });

  describe("re-planning", () => {
    const localTimesOf = async (participantId: string) => {
      const jobs = (await h.deps.queues.checkins.getJobs(["delayed", "waiting"])) as Job[];
      return jobs
        .filter((j) => j.name === "due" && j.data.participantId === participantId && j.data.kind === "daily")
        .map((j) => DateTime.fromISO(j.data.dueAt as string).setZone("America/New_York").toFormat("HH:mm"));
    };
    const planRequests = async (participantId: string) => {
      const jobs = (await h.deps.queues.checkins.getJobs(["waiting", "delayed", "prioritized", "active", "completed"])) as Job[];
      return jobs.filter((j) => j.name === "plan-participant" && j.data.participantId === participantId).length;
    };

    it("re-plans the daily check-in when its time changes, and not for a name change", async () => {
      const p = await createParticipant();
      await h.store.participants.setConsent(p.id, "opted_in", h.deps.clock.now());

      expect((await admin("PATCH", `/participants/${p.id}`, { firstName: "Annie" })).status).toBe(200);
      expect(await planRequests(p.id)).toBe(0);

      expect((await admin("PATCH", `/participants/${p.id}`, { dailyCheckinTime: "09:30" })).status).toBe(200);
      expect(await planRequests(p.id)).toBe(1);

      h.startWorkers(undefined, ["checkins"]);
      // Only the next occurrence of each kind is a job (docs/perf.md): one daily job.
      const first = await waitFor(async () => {
        const times = await localTimesOf(p.id);
        return times.length >= 1 && times.every((t) => t === "09:30") ? times : null;
      }, 10_000, "the next daily check-in planned at 09:30");
      expect(first).toHaveLength(1);

      const res = await admin("PATCH", `/participants/${p.id}`, { dailyCheckinTime: "10:45" });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { participant: { dailyCheckinTime: string } }).participant.dailyCheckinTime).toBe("10:45");
      await waitFor(async () => {
        const times = await localTimesOf(p.id);
        return times.length === 1 && times[0] === "10:45";
      }, 10_000, "the next daily check-in moved to 10:45");
    });
  });

  it("never answered a 500 (runs last)", () => {
    expect(answers.length).toBeGreaterThan(100);
    expect(answers.filter((a) => a.status >= 500)).toEqual([]);
  });
});
