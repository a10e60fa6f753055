import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, waitFor, type Harness } from "../support/harness";
import { quiet } from "../support/settle";
import { accept, addResponder, openCase, WAIT, type TestResponder } from "../e2e/hotline-helpers";
import { consoleClient, makeUser, PASSWORD, type ConsoleClient } from "./client";
import { sseReader } from "./sse";

/**
 * The console's hotline pages through the whole app (buildApp), real Redis and workers,
 * signed Twilio webhooks against the fake: the queue, its live stream, the case page,
 * supervisors' actions as forms, and who may see what.
 */
describe("console hotline queue, case page and supervisor actions", { timeout: 120_000 }, () => {
  let h: Harness;
  let v1: TestResponder;
  let v2: TestResponder;
  let vOff: TestResponder;
  let sup: TestResponder;
  let supervisor: ConsoleClient;
  let volunteer: ConsoleClient;
  let stranger: ConsoleClient;
  let strangerId: string;
  let unlinked: ConsoleClient;
  let peer: ConsoleClient;

  const signedIn = async (role: "supervisor" | "volunteer" | "admin", responderId: string | null) => {
    const user = await makeUser(h, { role, responderId });
    const c = consoleClient(h.app);
    expect((await c.signIn(user.email, PASSWORD)).status).toBe(303);
    return { c, user };
  };

  beforeAll(async () => {
    h = await createHarness({ sms: "twilio", env: { HOTLINE_ESCALATE_AFTER_SECONDS: "600", HOTLINE_REPEAT_EVERY_SECONDS: "600" } });
    h.startWorkers();
    v1 = await addResponder(h, { name: "Vera One", phone: "+15555581001", tier: "primary" });
    v2 = await addResponder(h, { name: "Vic Two", phone: "+15555581002", tier: "primary" });
    // Never on shift, so never paged.
    vOff = await addResponder(h, { name: "Olga Off", phone: "+15555581003", tier: "backup", shifts: [] });
    sup = await addResponder(h, { name: "Sam Super", phone: "+15555581004", tier: "supervisor", shifts: [] });
    supervisor = (await signedIn("supervisor", sup.id)).c;
    volunteer = (await signedIn("volunteer", v1.id)).c;
    const s = await signedIn("volunteer", vOff.id);
    stranger = s.c;
    strangerId = s.user.id;
    unlinked = (await signedIn("supervisor", null)).c;
    const peerRow = await h.store.peers.create({ name: "Rosa Diaz", timeZone: "America/New_York", workingHours: [], offDates: [], slackUserId: null });
    const peerUser = await makeUser(h, { role: "peer", peerId: peerRow.id });
    peer = consoleClient(h.app);
    expect((await peer.signIn(peerUser.email, PASSWORD)).status).toBe(303);
  });
  afterAll(async () => {
    await quiet(h, { timeoutMs: WAIT }).catch(() => undefined);
    await h.close();
  });

  const pagedTo = (caseId: string, responderId: string) =>
    waitFor(async () => (await h.store.cases.events(caseId)).some((e) => e.type === "paged" && (e.detail.responderIds as string[]).includes(responderId)), WAIT, "page");

  it("orders the queue gravest first, then longest waiting, with waiting minutes from the clock", async () => {
    // Straight into the store (no paging chain): severities and queue times chosen here.
    const base = { participantId: null, language: "en" as const, level: "imminent" as const, categories: [], supervisorReview: false };
    const help = await h.store.cases.create({ ...base, shortId: "QHELP", fromPhone: "+15555589001", severity: 80, categories: ["explicit_help"] });
    const older = await h.store.cases.create({ ...base, shortId: "QOLD1", fromPhone: "+15555589002", severity: 100, categories: ["suicide_self_harm"] });
    const newer = await h.store.cases.create({ ...base, shortId: "QNEW1", fromPhone: "+15555589003", severity: 100, categories: ["overdose_medical"] });
    const now = h.deps.clock.now().getTime();
    await h.db.query("update hotline_cases set queued_at = $2 where id = $1", [help.id, new Date(now - 30 * 60_000)]);
    await h.db.query("update hotline_cases set queued_at = $2 where id = $1", [older.id, new Date(now - 12 * 60_000)]);
    await h.db.query("update hotline_cases set queued_at = $2 where id = $1", [newer.id, new Date(now - 3 * 60_000 - 5_000)]);

    const res = await supervisor.get("/console/hotline");
    expect(res.status).toBe(200);
    const html = supervisor.html;
    const order = ["QOLD1", "QNEW1", "QHELP"].map((id) => html.indexOf(`data-case="${id}"`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const row = (id: string) => html.slice(html.indexOf(`data-case="${id}"`), html.indexOf("</tr>", html.indexOf(`data-case="${id}"`)));
    expect(row("QOLD1")).toContain("12 min");
    expect(row("QNEW1")).toContain("3 min");
    expect(row("QHELP")).toContain("30 min");
    expect(row("QHELP")).toContain("Asked for help");
    expect(row("QOLD1")).toContain("Life at risk");
    // Minimum necessary: no phone number on the page.
    expect(html).not.toContain("5555589001");
    expect(html).toContain('src="/console/hotline/live.js"');
    expect(html).toMatch(/<noscript><meta http-equiv="refresh" content="30"/);
    for (const c of [help, older, newer]) await h.db.query("update hotline_cases set status = 'closed', closed_at = now() where id = $1", [c.id]);
  });

  it("the live stream sends the queue, then an update when a signed crisis webhook opens a case", async () => {
    await supervisor.get("/console/hotline");
    const res = await supervisor.request("GET", "/console/hotline/stream", undefined, { accept: "text/event-stream" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const stream = sseReader(res);
    try {
      const first = await stream.until((e) => e.event === "queue", WAIT, "first queue event");
      const parent = "+15555582001";
      const { c } = await openCase(h, parent); // the signed /twilio/sms webhook
      expect(first.data).not.toContain(c.shortId);
      const update = await stream.until((e) => e.event === "queue" && e.data.includes(`data-case="${c.shortId}"`), WAIT, "queue update naming the new case");
      expect(update.data).toContain("Life at risk");
      expect(update.data).not.toContain(parent.slice(2));
    } finally {
      await stream.close();
    }
  });

  it("signing out ends an open live stream", async () => {
    const { c } = await signedIn("supervisor", sup.id);
    await c.get("/console/hotline");
    const stream = sseReader(await c.request("GET", "/console/hotline/stream"));
    try {
      await stream.until((e) => e.event === "queue", WAIT, "first queue event");
      expect((await c.post("/console/logout")).status).toBe(303);
      await stream.ended(WAIT);
    } finally {
      await stream.close();
    }
  });

  it("a supervisor reassigns by form: the case moves, the timeline and the audit log say who did it", async () => {
    const parent = "+15555582002";
    const { c } = await openCase(h, parent);
    await pagedTo(c.id, v1.id);
    await accept(h, v1, c.shortId);

    expect((await supervisor.get(`/console/hotline/cases/${c.shortId}`)).status).toBe(200);
    expect(supervisor.html).toContain("Claimed by Vera One");
    const res = await supervisor.post(`/console/hotline/cases/${c.shortId}/reassign`, { to: v2.id });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/console/hotline/cases/${c.shortId}?done=reassign`);
    const moved = (await h.store.cases.get(c.id))!;
    expect(moved.claimedBy).toBe(v2.id);
    const ev = (await h.store.cases.events(c.id)).find((e) => e.type === "reassigned")!;
    expect(ev.responderId).toBe(sup.id);
    expect(ev.detail).toMatchObject({ via: "console", from: v1.id, to: v2.id });
    await waitFor(() => h.fakeTwilio!.sentTo(v2.phone).some((s) => /assigned case/.test(s.body)), WAIT, "v2 told");

    await supervisor.get(`/console/hotline/cases/${c.shortId}?done=reassign`);
    expect(supervisor.html).toContain("The case was reassigned");
    expect(supervisor.html).toMatch(/Reassigned<\/strong> by Sam Super/);
    expect(supervisor.html).toContain("to Vic Two");
    const audit = await h.store.audit.list({ limit: 10, subjectId: c.id, action: "hotline_reassign" });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toMatchObject({ responderId: sup.id, to: v2.id });
    expect((await h.store.audit.list({ limit: 10, subjectId: c.id, action: "view" })).length).toBeGreaterThan(0);

    // Reassigning to the holder again is a conflict, said on the page.
    const again = await supervisor.post(`/console/hotline/cases/${c.shortId}/reassign`, { to: v2.id });
    expect(again.status).toBe(409);
    expect(supervisor.html).toContain("already held by that responder");
  });

  it("forged CSRF is refused (403) and changes nothing", async () => {
    const parent = "+15555582003";
    const { c } = await openCase(h, parent);
    await supervisor.get(`/console/hotline/cases/${c.shortId}`);
    const forged = await supervisor.request("POST", `/console/hotline/cases/${c.shortId}/take`, { _csrf: "forged-token" });
    expect(forged.status).toBe(403);
    const missing = await supervisor.request("POST", `/console/hotline/cases/${c.shortId}/take`, {});
    expect(missing.status).toBe(403);
    expect((await h.store.cases.get(c.id))!.status).toBe("open");
  });

  it("bad form input answers 400 naming the field; roles without a supervisor responder get 403 with the reason", async () => {
    const parent = "+15555582004";
    const { c } = await openCase(h, parent);
    await supervisor.get(`/console/hotline/cases/${c.shortId}`);
    const noNote = await supervisor.post(`/console/hotline/cases/${c.shortId}/close`, { note: "   " });
    expect(noNote.status).toBe(400);
    expect(supervisor.html).toContain("note: required");
    const badTo = await supervisor.post(`/console/hotline/cases/${c.shortId}/reassign`, { to: "not-a-uuid" });
    expect(badTo.status).toBe(400);
    expect(supervisor.html).toMatch(/Not done: to /);
    const ghost = await supervisor.post(`/console/hotline/cases/${c.shortId}/reassign`, { to: "00000000-0000-4000-8000-000000000000" });
    expect(ghost.status).toBe(400);
    expect(supervisor.html).toContain("to must be an active responder");

    await unlinked.get(`/console/hotline/cases/${c.shortId}`);
    expect(unlinked.html).toContain("not linked to a hotline responder");
    const refused = await unlinked.post(`/console/hotline/cases/${c.shortId}/take`);
    expect(refused.status).toBe(403);
    expect(unlinked.html).toContain("not linked to a hotline responder");

    // A volunteer may open a case they were paged for, but not act on it as a supervisor.
    await pagedTo(c.id, v1.id);
    await volunteer.get(`/console/hotline/cases/${c.shortId}`);
    expect((await volunteer.post(`/console/hotline/cases/${c.shortId}/take`)).status).toBe(403);
    expect((await h.store.cases.get(c.id))!.status).toBe("open");
  });

  it("a volunteer sees only cases they were paged for; opening another is 403 and audited; bodies only for the holder", async () => {
    const parent = "+15555582005";
    const { c } = await openCase(h, parent, "i want to kill myself tonight");
    await pagedTo(c.id, v1.id);

    expect((await stranger.get("/console/hotline")).status).toBe(200);
    expect(stranger.html).not.toContain(`data-case="${c.shortId}"`);
    const denied = await stranger.get(`/console/hotline/cases/${c.shortId}`);
    expect(denied.status).toBe(403);
    const entries = await h.store.audit.list({ limit: 5, subjectId: c.id, action: "denied" });
    expect(entries.some((e) => e.userId === strangerId)).toBe(true);
    // Nor does the stranger's live stream carry it.
    const res = await stranger.request("GET", "/console/hotline/stream");
    const stream = sseReader(res);
    try {
      const first = await stream.until((e) => e.event === "queue", WAIT, "stranger's queue");
      expect(first.data).not.toContain(c.shortId);
    } finally {
      await stream.close();
    }
    // Peers are not responders: no queue, no case page.
    expect((await peer.get("/console/hotline")).status).toBe(403);
    expect((await peer.get(`/console/hotline/cases/${c.shortId}`)).status).toBe(403);
    // Guessing ids: 404, audited too.
    expect((await stranger.get("/console/hotline/cases/ZZZZZ")).status).toBe(404);
    expect((await h.store.audit.list({ limit: 5, subjectId: "ZZZZZ", action: "denied" })).length).toBe(1);

    await volunteer.get("/console/hotline");
    expect(volunteer.html).toContain(`data-case="${c.shortId}"`);
    expect((await volunteer.get(`/console/hotline/cases/${c.shortId}`)).status).toBe(200);
    expect(volunteer.html).not.toContain("i want to kill myself tonight");
    expect(volunteer.html).toContain("Message texts are shown to supervisors and to the volunteer holding the case");
    await accept(h, v1, c.shortId);
    await volunteer.get(`/console/hotline/cases/${c.shortId}`);
    expect(volunteer.html).toContain("i want to kill myself tonight");
    expect(volunteer.html).not.toContain(parent.slice(2));
  });

  it("take over, release and review by form, each on the timeline by the supervisor and in the audit log", async () => {
    const parent = "+15555582007";
    const { c } = await openCase(h, parent, "he is hitting me and the baby");
    await supervisor.get(`/console/hotline/cases/${c.shortId}`);
    expect(supervisor.html).toContain("child safety: supervisor review needed");
    expect((await supervisor.post(`/console/hotline/cases/${c.shortId}/take`)).status).toBe(303);
    expect((await h.store.cases.get(c.id))!).toMatchObject({ status: "claimed", claimedBy: sup.id });
    await supervisor.get(`/console/hotline/cases/${c.shortId}`);
    expect((await supervisor.post(`/console/hotline/cases/${c.shortId}/release`)).status).toBe(303);
    expect((await h.store.cases.get(c.id))!.status).toBe("open");
    await supervisor.get(`/console/hotline/cases/${c.shortId}`);
    expect((await supervisor.post(`/console/hotline/cases/${c.shortId}/review`, { note: "reported to CPS hotline" })).status).toBe(303);
    expect((await h.store.cases.get(c.id))!.reviewedBy).toBe(sup.id);
    const events = (await h.store.cases.events(c.id)).filter((e) => ["taken_over", "released", "supervisor_reviewed"].includes(e.type));
    expect(events.map((e) => [e.type, e.responderId])).toEqual([
      ["taken_over", sup.id],
      ["released", sup.id],
      ["supervisor_reviewed", sup.id],
    ]);
    for (const action of ["hotline_take", "hotline_release", "hotline_review"]) {
      expect((await h.store.audit.list({ limit: 5, subjectId: c.id, action })).length).toBe(1);
    }
    await supervisor.get(`/console/hotline/cases/${c.shortId}`);
    expect(supervisor.html).toContain("child safety: supervisor review done");
  });

  it("escapes <script> in a parent's text and in a supervisor's note", async () => {
    const parent = "+15555582006";
    const { c } = await openCase(h, parent, "i took all my pills <script>alert(1)</script>");
    await supervisor.get(`/console/hotline/cases/${c.shortId}`);
    const closed = await supervisor.post(`/console/hotline/cases/${c.shortId}/close`, { note: 'safe now <script>alert("x")</script>' });
    expect(closed.status).toBe(303);
    await supervisor.get(`/console/hotline/cases/${c.shortId}`);
    const html = supervisor.html;
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("safe now &lt;script&gt;");
    expect(html).not.toMatch(/<script>alert/);
    expect((await h.store.audit.list({ limit: 5, subjectId: c.id, action: "hotline_close" })).length).toBe(1);
  });
});
