import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { jobId } from "../../src/jobs/queues";
import { createHarness, waitFor, type Harness } from "../support/harness";

const ALWAYS = ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({ weekday, start: "00:00", end: "00:00" }));

/**
 * The first pages of a crisis case are sent by the escalation job itself (one queue hop
 * fewer, issue 13). What it cannot send goes to sms-urgent, whose retries take over.
 */
describe("first pages sent from the escalation step", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness({ db: "postgres", sms: "twilio", env: { HOTLINE_ESCALATE_AFTER_SECONDS: "3600", SMS_RETRY_MAX_BACKOFF_SECONDS: "0.05" } });
    for (const [name, phone] of [["Prim", "+15555557101"], ["Prim2", "+15555557102"]] as const) {
      const res = await h.admin("POST", "/hotline/responders", { name, phone, tier: "primary", timeZone: "America/Chicago", shifts: ALWAYS });
      expect(res.status).toBe(201);
    }
  });
  afterEach(async () => h.close());

  const pages = async () =>
    (await h.db.query<{ id: string; status: string; attempts: number }>("select id, status, attempts from outbound_messages where kind = 'hotline_page'")).rows;

  it("pages every on-shift primary without an sms-urgent job", async () => {
    // The hotline worker only: a page that needed sms-urgent would never leave.
    h.startWorkers({}, ["hotline"]);
    const res = await h.postSms("+15555559980", "i took all my pills");
    expect(await res.text()).toMatch(/988/);
    await waitFor(() => h.fakeTwilio!.sentTo("+15555557101").length === 1 && h.fakeTwilio!.sentTo("+15555557102").length === 1, 15_000, "both first pages");
    const rows = await waitFor(async () => {
      const r = await pages();
      return r.length === 2 && r.every((p) => p.status === "sent") ? r : null;
    }, 10_000, "pages recorded as sent");
    for (const p of rows) expect(await h.deps.queues.smsUrgent.getJob(jobId.sms(p.id))).toBeUndefined();
  });

  it("a page Twilio refuses for now goes to sms-urgent and is retried there, sent once", async () => {
    h.fakeTwilio!.script({ kind: "error", status: 500, code: 20500 }, { kind: "error", status: 500, code: 20500 });
    h.startWorkers({}, ["hotline", "sms-urgent"]);
    await h.postSms("+15555559981", "i took all my pills");
    const rows = await waitFor(async () => {
      const r = await pages();
      return r.length === 2 && r.every((p) => p.status === "sent") ? r : null;
    }, 20_000, "both pages sent");
    expect(h.fakeTwilio!.sentTo("+15555557101")).toHaveLength(1);
    expect(h.fakeTwilio!.sentTo("+15555557102")).toHaveLength(1);
    // The two refused first tries were retried by sms-urgent jobs.
    const retried = rows.filter((p) => p.attempts > 1);
    expect(retried.length).toBeGreaterThan(0);
    for (const p of retried) expect(await h.deps.queues.smsUrgent.getJob(jobId.sms(p.id))).toBeDefined();
  });
});
