import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { journalPath, settleDirectPages } from "../../src/features/inbound/journal/replay";
import { responderCacheFor } from "../../src/features/inbound/journal/responder-cache";
import { jobId } from "../../src/jobs/queues";
import { REDIS_URL } from "../support/env";
import { startOutageApp, waitFor, type OutageApp } from "./app";
import { startPrivatePostgres, type PrivatePostgres } from "./services";

/**
 * Postgres really goes away (immediate shutdown of a private server) while a parent texts
 * in crisis: the safety reply still leaves in the webhook's answer, volunteers are paged
 * from the last responder list, and the journaled text becomes a case when Postgres is back.
 */
describe("Postgres down", () => {
  let pg: PrivatePostgres;
  let app: OutageApp;
  beforeAll(async () => {
    pg = await startPrivatePostgres();
    app = await startOutageApp({ redisUrl: REDIS_URL, databaseUrl: pg.url, env: { HOTLINE_ESCALATE_AFTER_SECONDS: "600" } });
  }, 30_000);
  afterAll(async () => {
    await app?.close();
    await pg?.stop();
  });

  it("answers a crisis text with the safety TwiML within 1 s, pages, and opens the case once Postgres is back", async () => {
    const parent = await app.enrol({ language: "es", phone: "+15555550123" });
    const volunteer = await app.addResponder({ name: "Vol One", phone: "+15555551001" });
    // The webhook keeps a copy of the active responders from its last successful read.
    await app.postSms(parent.phone, "hola");
    await waitFor(async () => (await responderCacheFor(app.deps).readNow())?.length === 1, 10_000, "responder cache");
    app.startWorkers();

    await pg.kill();

    const crisis = await app.postSms(parent.phone, "no quiero vivir, tengo las pastillas");
    expect(crisis.status).toBe(200);
    expect(crisis.ms).toBeLessThan(1000);
    // The participant could not be read, so the bilingual text for an unknown sender.
    expect(crisis.text).toMatch(/<Message>.*988.*<\/Message>/s);
    expect(crisis.text).toContain("AYUDA");
    expect(crisis.text).toMatch(/call or text 988/i);

    // A routine text meanwhile: answered (empty TwiML), journaled, not a 500.
    const routine = await app.postSms(parent.phone, "gracias");
    expect(routine.status).toBe(200);
    expect(routine.ms).toBeLessThan(1000);

    // Kept on disk: one JSON line per record, the crisis with its promised short id.
    const lines = (await readFile(journalPath(app.deps), "utf8")).trim().split("\n").map((l) => JSON.parse(l));
    const kept = lines.find((r) => r.messageSid === crisis.messageSid);
    expect(kept).toMatchObject({ kind: "inbound", crisis: { level: "imminent" } });
    expect(kept.shortId).toMatch(/^[A-Z0-9]{5}$/);
    expect(lines.some((r) => r.messageSid === routine.messageSid)).toBe(true);

    // Paged meanwhile, straight through the SMS port, naming the case id the case will carry.
    await settleDirectPages(app.deps);
    const pages = app.fakeTwilio.sentTo(volunteer.phone);
    expect(pages).toHaveLength(1);
    expect(pages[0]!.body).toContain(kept.shortId);
    expect(pages[0]!.body).not.toMatch(/vivir|pastillas/);

    await pg.start();

    // The retry loop replays the journal: the case opens under the promised id.
    const c = await waitFor(async () => app.store.cases.byShortId(kept.shortId), 10_000, "replayed case");
    expect(c.participantId).toBe(parent.id);
    expect(c.language).toBe("es");
    const sids = await waitFor(async () => {
      const { rows } = await app.db.query<{ message_sid: string }>("select message_sid from inbound_messages");
      return rows.length === 3 ? rows.map((r) => r.message_sid) : null;
    }, 5000, "both journaled texts stored");
    expect(sids).toEqual(expect.arrayContaining([crisis.messageSid, routine.messageSid]));
    const types = (await app.store.cases.events(c.id)).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["received", "safety_reply", "replayed_from_journal", "paged"]));
    await waitFor(async () => (await readFile(journalPath(app.deps), "utf8")).trim() === "", 5000, "journal emptied");

    // The paging chain's first step finds the page already recorded: nothing is sent twice.
    await waitFor(async () => (await app.deps.queues.hotline.getJob(jobId.escalate(c)))?.data.step === 1, 10_000, "escalation step 0 done");
    expect(app.fakeTwilio.sentTo(volunteer.phone)).toHaveLength(1);

    // Twilio re-delivering the same MessageSid is answered again but opens nothing new.
    const again = await app.postSms(parent.phone, "no quiero vivir, tengo las pastillas", crisis.messageSid);
    expect(again.text).toContain("988");
    expect(await app.store.cases.list({})).toHaveLength(1);

    const logs = app.logLines.join("\n");
    expect(logs).toContain("crisis text could not be stored; journaled");
    // No phone numbers or message bodies in the logs.
    expect(logs).not.toContain(parent.phone);
    expect(logs).not.toContain("pastillas");
  }, 30_000);

  it("still answers and pages when the journal cannot keep the text either (full)", async () => {
    const tiny = await startOutageApp({ redisUrl: REDIS_URL, databaseUrl: pg.url, env: { JOURNAL_MAX_BYTES: "10" } });
    try {
      await tiny.db.query("delete from responders");
      const volunteer = await tiny.addResponder({ name: "Vol Two", phone: "+15555551009" });
      await waitFor(async () => (await responderCacheFor(tiny.deps).readNow())?.length === 1, 10_000, "responder cache");
      await pg.kill();
      const crisis = await tiny.postSms("+15555550177", "i want to kill myself");
      expect(crisis.status).toBe(200);
      expect(crisis.ms).toBeLessThan(1000);
      expect(crisis.text).toMatch(/<Message>.*988.*<\/Message>/s);
      await settleDirectPages(tiny.deps);
      expect(tiny.fakeTwilio.sentTo(volunteer.phone)).toHaveLength(1);
      expect(tiny.logLines.some((l) => l.includes("could not be journaled either"))).toBe(true);
    } finally {
      await pg.start();
      await tiny.close();
    }
  }, 30_000);

  it("answers within 1 s when Postgres hangs instead of refusing (every lookup has a deadline)", async () => {
    const hung = await startOutageApp({ redisUrl: REDIS_URL, databaseUrl: pg.url });
    try {
      const before = (await hung.store.cases.list({})).length;
      await hung.db.query("delete from responders where phone <> '+15555551001'");
      const volunteer = await hung.addResponder({ name: "Vol Three", phone: "+15555551011" });
      await waitFor(async () => (await responderCacheFor(hung.deps).readNow())?.some((r) => r.id === volunteer.id), 10_000, "responder cache");
      hung.startWorkers();
      pg.freeze();
      let crisis: Awaited<ReturnType<OutageApp["postSms"]>>;
      try {
        crisis = await hung.postSms("+15555550178", "i want to kill myself tonight");
        await settleDirectPages(hung.deps);
      } finally {
        pg.thaw();
      }
      expect(crisis.status).toBe(200);
      expect(crisis.ms).toBeLessThan(1000);
      expect(crisis.text).toMatch(/<Message>.*988.*<\/Message>/s);
      expect(hung.logLines.some((l) => l.includes("crisis text could not be stored; journaled"))).toBe(true); // it did hang
      expect(hung.fakeTwilio.sentTo(volunteer.phone).length).toBeGreaterThanOrEqual(1);
      // Once Postgres answers again: one case for that text (the abandoned transaction may
      // have committed it; the replay then joins it), with a paging chain.
      const c = await waitFor(async () => {
        const open = (await hung.store.cases.list({})).filter((x) => x.fromPhone === "+15555550178");
        return open.length === 1 ? open[0] : null;
      }, 10_000, "one case for the text");
      expect((await hung.store.cases.list({})).length).toBe(before + 1);
      await waitFor(async () => hung.deps.queues.hotline.getJob(jobId.escalate(c)), 10_000, "paging chain");
      await waitFor(async () => (await readFile(journalPath(hung.deps), "utf8")).trim() === "", 10_000, "journal emptied");
    } finally {
      await hung.close();
    }
  }, 30_000);
});
