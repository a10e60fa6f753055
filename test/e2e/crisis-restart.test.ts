import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, waitFor, type Harness } from "../support/harness";
import { spawnWorkerProcess } from "../support/worker-process";

const ALWAYS = ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({ weekday, start: "00:00", end: "00:00" }));

describe("the escalation chain survives a worker killed mid-chain", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness({
      db: "postgres",
      sms: "twilio",
      env: { HOTLINE_ESCALATE_AFTER_SECONDS: "3", HOTLINE_REPEAT_EVERY_SECONDS: "3" },
    });
  });
  afterEach(async () => h.close());

  it("a new worker picks up the delayed step and pages the backups; nothing is paged twice", async () => {
    for (const [name, phone, tier] of [
      ["Prim", "+15555557001", "primary"],
      ["Back", "+15555557002", "backup"],
    ] as const) {
      const res = await h.admin("POST", "/hotline/responders", { name, phone, tier, timeZone: "America/Chicago", shifts: ALWAYS });
      expect(res.status).toBe(201);
    }
    const child = await spawnWorkerProcess(h, ["hotline", "sms-urgent"]);
    const res = await h.postSms("+15555559990", "i want to kill myself tonight");
    expect(await res.text()).toMatch(/988/);
    await waitFor(() => h.fakeTwilio!.sentTo("+15555557001").length === 1, 15_000, "first page from the child worker");

    // Once the page is recorded as sent, the chain is a delayed job in Redis; the process
    // holding it dies. (A kill mid-send would re-send the page: crisis policy, tested in
    // test/outbound/crash.test.ts.)
    await waitFor(async () => {
      const { rows } = await h.db.query<{ status: string }>("select status from outbound_messages where kind = 'hotline_page'");
      return rows.length === 1 && rows[0]!.status === "sent";
    }, 15_000, "page recorded as sent");
    await child.kill("SIGKILL");
    const [c] = await h.store.cases.list({ status: "open" });
    expect(c).toBeDefined();

    h.startWorkers({ lockDuration: 1000, stalledInterval: 1000 }, ["hotline", "sms-urgent"]);
    await waitFor(() => h.fakeTwilio!.sentTo("+15555557002").length >= 1, 20_000, "escalation by the new worker");
    const events = await h.store.cases.events(c!.id);
    expect(events.filter((e) => e.type === "paged")).toHaveLength(1);
    expect(events.filter((e) => e.type === "escalated").length).toBeGreaterThanOrEqual(1);
    // The first page was not repeated by the restart (only escalation steps page again).
    const primaryPages = h.fakeTwilio!.sentTo("+15555557001").map((s) => s.body);
    expect(primaryPages.filter((b) => /new urgent case/.test(b))).toHaveLength(1);
  });
});
