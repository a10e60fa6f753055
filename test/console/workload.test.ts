import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../support/harness";
import { runningClock } from "../support/clock";
import { consoleClient, makeUser, PASSWORD, type ConsoleClient } from "./client";

/**
 * The workload page through the whole app on PGlite, with notes and case timelines written
 * at chosen times (a running clock pinned to Wed 2026-11-25 15:00 in New York).
 */
// Both stores: the weekly counts use width_bucket over a timestamptz[] and the events a text[] filter.
describe.each(["pglite", "postgres"] as const)("console workload page (%s)", (db) => {
  let h: Harness;
  let supervisor: ConsoleClient;
  const clock = runningClock(new Date("2026-11-25T20:00:00Z"));
  const HOUR = 3600_000;
  const MIN = 60_000;
  const ago = (ms: number) => new Date(clock.now().getTime() - ms);
  let rosaId = "";
  let v1 = "";
  let v2 = "";

  async function note(peerId: string, key: string, opts: { heldAt?: Date; deliveredAt?: Date; offHours?: boolean; ackAt?: Date }) {
    const { notification: n } = await h.store.notifications.createOnce({ idempotencyKey: key, peerId, participantId: null, kind: "parent_message", summary: "x" });
    if (opts.heldAt) await h.store.boundaries.markDeferred(n.id, new Date(opts.heldAt.getTime() + 8 * HOUR), opts.heldAt);
    if (opts.deliveredAt) await h.store.notifications.markDelivered(n.id, "slack", opts.deliveredAt, opts.offHours ?? false);
    if (opts.ackAt) await h.store.boundaries.acknowledge(n.id, peerId, opts.ackAt);
  }

  beforeAll(async () => {
    h = await createHarness({ db, sms: "sandbox", clock, env: { SUPERVISOR_TIME_ZONE: "America/New_York" } });
    const peer = (name: string) => h.store.peers.create({ name, timeZone: "America/New_York", workingHours: [], offDates: [], slackUserId: null });
    const rosa = await peer("Rosa Diaz");
    rosaId = rosa.id;
    const lee = await peer("Lee <script>alert(1)</script>");
    // This week (from Mon Nov 23): Rosa 2 held, 1 delivered off-hours (unacknowledged).
    await note(rosa.id, "r1", { heldAt: ago(2 * HOUR) });
    await note(rosa.id, "r2", { heldAt: ago(30 * HOUR) });
    await note(rosa.id, "r3", { deliveredAt: ago(5 * HOUR), offHours: true });
    // Last week: Rosa 1 held then delivered in its digest and acknowledged; Lee 1 delivered, never acknowledged.
    await note(rosa.id, "r4", { heldAt: ago(7 * 24 * HOUR), deliveredAt: ago(7 * 24 * HOUR - 8 * HOUR), ackAt: ago(6 * 24 * HOUR) });
    await note(lee.id, "l1", { deliveredAt: ago(8 * 24 * HOUR) });
    // Ten weeks ago: outside the default 8 weeks.
    await note(rosa.id, "old", { heldAt: ago(70 * 24 * HOUR) });

    const responder = (name: string, phone: string) =>
      h.store.responders.create({ name, phone, language: "en", timeZone: "America/New_York", shifts: [], tier: "primary", pageChannel: "sms", slackUserId: null, active: true });
    v1 = (await responder("Vera One", "+15555583001")).id;
    v2 = (await responder("Vic Two", "+15555583002")).id;
    const base = { participantId: null, language: "en" as const, level: "imminent" as const, severity: 100, categories: [], supervisorReview: false };
    const a = await h.store.cases.create({ ...base, shortId: "WKA01", fromPhone: "+15555583101" });
    const b = await h.store.cases.create({ ...base, shortId: "WKB01", fromPhone: "+15555583102" });
    // Case A: v1 and v2 paged, re-paged 2 min later, v1 claims 3 min after the first page.
    await h.store.cases.addEvent(a.id, "paged", ago(3 * HOUR), null, { step: 0, round: 0, responderIds: [v1, v2] });
    await h.store.cases.addEvent(a.id, "escalated", ago(3 * HOUR - 2 * MIN), null, { step: 1, round: 0, responderIds: [v1, v2] });
    await h.store.cases.addEvent(a.id, "claimed", ago(3 * HOUR - 3 * MIN), v1);
    // Case B: v1 paged and claims after 1 min.
    await h.store.cases.addEvent(b.id, "paged", ago(2 * HOUR), null, { step: 0, round: 0, responderIds: [v1] });
    await h.store.cases.addEvent(b.id, "claimed", ago(2 * HOUR - MIN), v1);

    const sup = await makeUser(h, { role: "supervisor" });
    supervisor = consoleClient(h.app);
    expect((await supervisor.signIn(sup.email, PASSWORD)).status).toBe(303);
  });
  afterAll(async () => {
    await h.close();
  });

  const row = (html: string, attr: string) => {
    const at = html.indexOf(attr);
    expect(at).toBeGreaterThan(0);
    return html.slice(at, html.indexOf("</tr>", at));
  };
  const cells = (tr: string) => [...tr.matchAll(/<td class="num[^"]*">([^<]*)<\/td>/g)].map((m) => m[1]);

  it("per peer per week: held vs delivered off-hours as a chart with its numbers, and unacknowledged notes", async () => {
    const res = await supervisor.get("/console/workload");
    expect(res.status).toBe(200);
    const html = supervisor.html;
    const rosa = row(html, `data-peer="${rosaId}"`);
    expect(cells(rosa)).toEqual(["3", "1", "1"]); // held (2 this week + 1 last), delivered off-hours, unacknowledged
    expect(rosa).toContain('role="img"');
    expect(rosa).toContain("Nov 23: 2 held, 1 delivered off-hours");
    expect(rosa).toContain("Nov 16: 1 held, 0 delivered off-hours");
    expect(rosa).not.toContain("Sep"); // the note ten weeks ago is outside the 8 weeks shown
    // The totals table: this week's row.
    expect(html).toMatch(/<th scope="row">Nov 23<\/th><td class="num">2<\/td><td class="num">1<\/td><td class="num">1<\/td>/);
    expect(html).toMatch(/<th scope="row">Nov 16<\/th><td class="num">1<\/td><td class="num">0<\/td><td class="num">1<\/td>/);
    // HTML in a name is escaped.
    expect(html).toContain("Lee &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>alert(1)");
  });

  it("per volunteer: pages, claims and time-to-claim p50/p90", async () => {
    await supervisor.get("/console/workload");
    const vera = row(supervisor.html, `data-responder="${v1}"`);
    // pages 3 (A twice, B once), cases 2, claims 2, p50 1 min (B), p90 3 min (A: from the first page), 2 timed.
    expect(cells(vera)).toEqual(["3", "2", "2", "1 min 0 s", "3 min 0 s", "2"]);
    const vic = row(supervisor.html, `data-responder="${v2}"`);
    expect(cells(vic)).toEqual(["2", "1", "0", "—", "—", "0"]);
  });

  it("a longer range includes older weeks; a bad range is 400 naming the field; other roles are refused", async () => {
    await supervisor.get("/console/workload?weeks=12");
    expect(cells(row(supervisor.html, `data-peer="${rosaId}"`))[0]).toBe("4");
    const bad = await supervisor.get("/console/workload?weeks=99");
    expect(bad.status).toBe(400);
    expect(supervisor.html).toContain("weeks: must be 1 to 26");
    expect((await supervisor.get("/console/workload?weeks=abc")).status).toBe(400);

    for (const role of ["volunteer", "peer"] as const) {
      const u = await makeUser(h, { role, ...(role === "volunteer" ? { responderId: v2 } : { peerId: rosaId }) });
      const c = consoleClient(h.app);
      await c.signIn(u.email, PASSWORD);
      expect((await c.get("/console/workload")).status).toBe(403);
    }
  });
});
