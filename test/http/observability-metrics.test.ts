import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { buildApp } from "../../src/app/web";
import { createQueues } from "../../src/jobs/queues";
import { ADMIN_TOKEN, createHarness, type Harness } from "../support/harness";

const METRICS_TOKEN = "metrics-scraper-token-0123456789";

/** One sample from the exposition text, e.g. value(text, 'buddyline_queue_jobs{queue="inbound",state="waiting"}'). */
function value(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(series + " "));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("GET /metrics", () => {
  let h: Harness;
  afterEach(async () => h?.close());

  const scrape = async (token = ADMIN_TOKEN) => {
    const res = await h.app.request("/metrics", { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    return res.text();
  };

  it("answers 401 without a token or with a wrong one, 200 with the admin or the metrics token", async () => {
    h = await createHarness({ sms: "sandbox", env: { METRICS_TOKEN } });
    expect((await h.app.request("/metrics")).status).toBe(401);
    expect((await h.app.request("/metrics", { headers: { authorization: `Bearer ${"x".repeat(METRICS_TOKEN.length)}` } })).status).toBe(401);
    const wrongBasic = await h.app.request("/metrics", { headers: { authorization: `Basic ${btoa(`u:${"x".repeat(ADMIN_TOKEN.length)}`)}` } });
    expect(wrongBasic.status).toBe(401);
    // A browser (the console's admin link) is asked for the token by HTTP Basic.
    expect(wrongBasic.headers.get("www-authenticate")).toMatch(/^Basic realm=/);
    expect((await h.app.request("/metrics", { headers: { authorization: `Basic ${btoa(`u:${ADMIN_TOKEN}`)}` } })).status).toBe(200);
    expect((await h.app.request("/metrics", { headers: { authorization: `Basic ${btoa(`prometheus:${METRICS_TOKEN}`)}` } })).status).toBe(200);
    await scrape(ADMIN_TOKEN);
    await scrape(METRICS_TOKEN);
    // The metrics token opens /metrics only, not the admin API.
    expect((await h.app.request("/api/peers", { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(401);
  });

  it("is off (503) when neither ADMIN_TOKEN nor METRICS_TOKEN is set", async () => {
    h = await createHarness({ sms: "sandbox", env: { ADMIN_TOKEN: "" } });
    expect((await h.app.request("/metrics", { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).status).toBe(503);
  });

  it("reports queue depths and the age of the oldest waiting urgent text, and they follow the queues", async () => {
    let now = new Date();
    h = await createHarness({ sms: "sandbox", clock: { now: () => now } });
    const before = await scrape();
    for (const queue of ["inbound", "sms-urgent", "sms-routine", "checkins", "hotline"]) {
      for (const state of ["waiting", "active", "delayed", "failed"]) {
        expect(value(before, `buddyline_queue_jobs{queue="${queue}",state="${state}"}`), `${queue} ${state}`).toBe(0);
      }
    }
    expect(value(before, "buddyline_sms_urgent_oldest_waiting_seconds")).toBe(0);
    expect(value(before, 'buddyline_metrics_source_up{source="redis"}')).toBe(1);

    // No workers run: the jobs stay where they are put.
    const first = await h.deps.queues.smsUrgent.add("send", { outboundId: randomUUID() });
    await h.deps.queues.smsUrgent.add("send", { outboundId: randomUUID() });
    await h.deps.queues.smsRoutine.add("send", { outboundId: randomUUID() }, { delay: 3600_000 });
    now = new Date(first.timestamp + 90_000);

    const after = await scrape();
    expect(value(after, 'buddyline_queue_jobs{queue="sms-urgent",state="waiting"}')).toBe(2);
    expect(value(after, 'buddyline_queue_jobs{queue="sms-routine",state="delayed"}')).toBe(1);
    expect(value(after, 'buddyline_queue_jobs{queue="sms-routine",state="waiting"}')).toBe(0);
    // The oldest of the two, by the injected clock.
    expect(value(after, "buddyline_sms_urgent_oldest_waiting_seconds")).toBe(90);
  });

  it("counts open and unclaimed hotline cases, and times the SMS webhook", async () => {
    h = await createHarness({ sms: "twilio" });
    const before = await scrape();
    expect(value(before, 'buddyline_hotline_cases{state="open"}')).toBe(0);
    expect(value(before, 'buddyline_hotline_cases{state="unclaimed"}')).toBe(0);
    expect(value(before, 'buddyline_webhook_duration_seconds_count{route="/twilio/sms",status="200"}')).toBeUndefined();

    expect((await h.postSms("+15555550171", "I want to kill myself tonight")).status).toBe(200);
    expect((await h.postSms("+15555550172", "i took all my pills i want to die")).status).toBe(200);
    const opened = await scrape();
    expect(value(opened, 'buddyline_hotline_cases{state="open"}')).toBe(2);
    expect(value(opened, 'buddyline_hotline_cases{state="unclaimed"}')).toBe(2);
    expect(value(opened, 'buddyline_webhook_duration_seconds_count{route="/twilio/sms",status="200"}')).toBe(2);
    expect(value(opened, 'buddyline_metrics_source_up{source="store"}')).toBe(1);

    const res = await h.admin("POST", "/hotline/responders", { name: "Vol", phone: "+15555550181", timeZone: "America/New_York", tier: "primary", shifts: [] });
    expect(res.status).toBe(201);
    const { responder } = (await res.json()) as { responder: { id: string } };
    const [c] = await h.store.cases.list({ status: "open" });
    expect(await h.store.cases.claim(c!.id, responder.id, new Date())).not.toBeNull();

    const claimed = await scrape();
    expect(value(claimed, 'buddyline_hotline_cases{state="open"}')).toBe(2);
    expect(value(claimed, 'buddyline_hotline_cases{state="unclaimed"}')).toBe(1);
  });

  it("still answers when Redis does not, saying which source is down", async () => {
    h = await createHarness({ sms: "sandbox" });
    // Nothing listens on port 1: every queue call waits for a connection that never comes.
    const deadRedis = new Redis("redis://127.0.0.1:1", { maxRetriesPerRequest: null, lazyConnect: true });
    deadRedis.on("error", () => undefined);
    const queues = createQueues(deadRedis, "bltest_dead");
    try {
      const app = buildApp({ ...h.deps, queues });
      const res = await app.request("/metrics", { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(value(text, 'buddyline_metrics_source_up{source="redis"}')).toBe(0);
      expect(value(text, 'buddyline_metrics_source_up{source="store"}')).toBe(1);
      expect(value(text, 'buddyline_queue_jobs{queue="sms-urgent",state="waiting"}')).toBeUndefined();
      expect(h.logLines.some((l) => l.includes("metrics source unavailable") && l.includes('"source":"redis"'))).toBe(true);
    } finally {
      deadRedis.disconnect();
      await Promise.race([queues.close(), new Promise((r) => setTimeout(r, 1000))]);
    }
  });
});
