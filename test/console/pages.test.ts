import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../support/harness";
import { seedProgram, type SeededProgram } from "../browser/support";
import { consoleClient, makeUser, PASSWORD, type ConsoleClient } from "./client";
import type { ConsoleUser } from "../../src/features/console/session";

/** Caseload, parent page, access rules and escaping, through buildApp on PGlite. */
const NOW = new Date("2026-03-02T17:00:00Z");

describe("console pages", () => {
  let h: Harness;
  let program: SeededProgram;
  let peerUser: ConsoleUser;
  let peer: ConsoleClient;
  let supervisor: ConsoleClient;
  let admin: ConsoleClient;

  beforeAll(async () => {
    h = await createHarness({ sms: "sandbox", clock: { now: () => NOW } });
    program = await seedProgram(h.db, { peers: 2, parentsPerPeer: 3, days: 30, now: NOW });
    peerUser = await makeUser(h, { role: "peer", peerId: program.peerIds[0]! });
    const sup = await makeUser(h, { role: "supervisor" });
    const adm = await makeUser(h, { role: "admin" });
    peer = consoleClient(h.app);
    supervisor = consoleClient(h.app);
    admin = consoleClient(h.app);
    expect((await peer.signIn(peerUser.email, PASSWORD)).status).toBe(303);
    expect((await supervisor.signIn(sup.email, PASSWORD)).status).toBe(303);
    expect((await admin.signIn(adm.email, PASSWORD)).status).toBe(303);
  });
  afterAll(async () => {
    await h.close();
  });

  it("shows a peer their own caseload only, with scores, sparkline text and the guideline", async () => {
    const res = await peer.get("/console/caseload");
    expect(res.status).toBe(200);
    const html = peer.html;
    for (const id of program.parentsByPeer[0]!) expect(html).toContain(`/console/parents/${id}`);
    for (const id of program.parentsByPeer[1]!) expect(html).not.toContain(id);
    expect(html).toContain("3 active parents — guideline 10–15: ");
    expect(html).toContain("below the guideline");
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-label="[^"]*scores over the last 14 days, oldest first: /);
    expect(html).toMatch(/Court hearing, /);
    // Another peer's caseload by URL: refused and audited.
    expect((await peer.get(`/console/caseload?peer=${program.peerIds[1]}`)).status).toBe(403);
    const denied = await h.store.audit.list({ limit: 10, action: "denied" });
    expect(denied[0]).toMatchObject({ userId: peerUser.id, what: "caseload", subjectId: program.peerIds[1] });
  });

  it("shows supervisors an overview by peer, one peer's caseload, or every parent", async () => {
    expect((await supervisor.get("/console/caseload")).status).toBe(200);
    for (const id of program.peerIds) expect(supervisor.html).toContain(`/console/caseload?peer=${id}`);
    expect(supervisor.html).not.toContain("/console/parents/");
    // Seeded: parents 5, 10, … missed their last 3 days; peer 0 holds parents 1-3, peer 1 parents 4-6 (parent 5).
    expect(supervisor.html).toMatch(/Sam Lee<\/a><\/th><td class="num">3<\/td><td class="warn">below<\/td><td class="num"><span class="warn">1<\/span><\/td>/);
    expect(supervisor.html).toMatch(/Rosa Diaz<\/a><\/th><td class="num">3<\/td><td class="warn">below<\/td><td class="num">0<\/td>/);
    expect((await supervisor.get(`/console/caseload?peer=${program.peerIds[1]}`)).status).toBe(200);
    for (const id of program.parentsByPeer[1]!) expect(supervisor.html).toContain(`/console/parents/${id}`);
    for (const id of program.parentsByPeer[0]!) expect(supervisor.html).not.toContain(`/console/parents/${id}`);
    expect((await supervisor.get("/console/caseload?peer=all")).status).toBe(200);
    for (const id of program.participantIds) expect(supervisor.html).toContain(`/console/parents/${id}`);
    expect((await supervisor.get("/console/caseload?peer=nope")).status).toBe(400);
  });

  it("opens a parent of the peer's own caseload, and audits the view", async () => {
    const id = program.parentsByPeer[0]![0]!;
    const res = await peer.get(`/console/parents/${id}`);
    expect(res.status).toBe(200);
    expect(peer.html).toContain("Check-ins, last 90 days");
    expect(peer.html).toContain("How are you feeling today? Reply 1-5.");
    expect(peer.html).toContain("undelivered");
    expect(peer.html).toContain("Recovery-capital totals");
    expect(peer.html).toContain("Reunification");
    const views = await h.store.audit.list({ limit: 5, action: "view", subjectId: id });
    expect(views[0]).toMatchObject({ userId: peerUser.id, what: "parent", at: NOW });
  });

  it("pages the texts with a cursor, and rejects a forged cursor naming the field", async () => {
    const id = program.parentsByPeer[0]![1]!;
    await peer.get(`/console/parents/${id}`);
    const older = /href="(\/console\/parents\/[^"]+\?before=[^"#]+)#texts"/.exec(peer.html);
    expect(older).not.toBeNull();
    const firstPage = [...peer.html.matchAll(/<time datetime="([^"]+)"/g)].map((m) => m[1]);
    expect((await peer.get(older![1]!.replace(/&amp;/g, "&"))).status).toBe(200);
    const secondPage = [...peer.html.matchAll(/<time datetime="([^"]+)"/g)].map((m) => m[1]);
    expect(secondPage.length).toBeGreaterThan(0);
    expect(secondPage[0]! < firstPage[firstPage.length - 1]!).toBe(true);
    const bad = await peer.get(`/console/parents/${id}?before=2026-01-01`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/before/);
  });

  it("refuses another peer's parent with 403 and a guessed id with 404, auditing both", async () => {
    const other = program.parentsByPeer[1]![0]!;
    expect((await peer.get(`/console/parents/${other}`)).status).toBe(403);
    expect((await h.store.audit.list({ limit: 5, action: "denied", subjectId: other }))[0]).toMatchObject({ userId: peerUser.id, what: "parent" });
    const guessed = "00000000-0000-4000-8002-00000000ffff";
    expect((await peer.get(`/console/parents/${guessed}`)).status).toBe(404);
    expect((await peer.get(`/console/parents/1%20or%201=1`)).status).toBe(404);
    const notFound = await h.store.audit.list({ limit: 5, action: "not_found" });
    expect(notFound.map((a) => a.subjectId)).toEqual(expect.arrayContaining([guessed, "1 or 1=1"]));
    // The supervisor may open it.
    expect((await supervisor.get(`/console/parents/${other}`)).status).toBe(200);
  });

  it("lets a volunteer open only the parents of cases they were paged for", async () => {
    const responder = await h.store.responders.create({ name: "Val Volunteer", phone: "+15550009999", language: "en", timeZone: "America/New_York", shifts: [], tier: "primary", pageChannel: "sms", slackUserId: null, active: true } as never);
    const vol = await makeUser(h, { role: "volunteer", responderId: responder.id });
    const v = consoleClient(h.app);
    await v.signIn(vol.email, PASSWORD);
    const parent = await h.store.participants.get(program.parentsByPeer[1]![2]!);
    expect((await v.get(`/console/parents/${parent!.id}`)).status).toBe(403);
    expect((await v.get("/console/caseload")).status).toBe(403);
    const kase = await h.store.cases.create({ shortId: "K7Q2", participantId: parent!.id, fromPhone: parent!.phone, language: "en", level: "imminent", severity: 90, categories: [], supervisorReview: false });
    await h.store.cases.addEvent(kase.id, "paged", NOW, null, { responderIds: [responder.id] }, `page|${kase.id}|0|0`);
    expect((await v.get(`/console/parents/${parent!.id}`)).status).toBe(200);
    expect((await v.get(`/console/parents/${program.parentsByPeer[1]![1]!}`)).status).toBe(403);
    // A phone call that rang this volunteer's phone counts as being paged for it.
    const caller = await h.store.participants.get(program.parentsByPeer[0]![1]!);
    expect((await v.get(`/console/parents/${caller!.id}`)).status).toBe(403);
    const call = await h.store.cases.create({ shortId: "K7Q3", participantId: caller!.id, fromPhone: caller!.phone, language: "en", level: "imminent", severity: 90, categories: [], supervisorReview: false });
    await h.store.cases.addEvent(call.id, "call_rang", NOW, null, { callId: "c1", wave: 0, responderIds: [responder.id], failed: [] }, `call|c1|wave|0`);
    expect((await v.get(`/console/parents/${caller!.id}`)).status).toBe(200);
  });

  it("escapes HTML in a parent's name and in texts", async () => {
    const id = program.parentsByPeer[0]![2]!;
    await h.db.query("update participants set first_name = $1 where id = $2", ["<script>alert(1)</script>", id]);
    await h.store.inbound.insertOnce({ messageSid: "SMxss1", fromPhone: "+15550000001", toPhone: "+15550001111", body: '<script>alert("body")</script><img src=x onerror=alert(2)>', participantId: id });
    await peer.get("/console/caseload");
    expect(peer.html).not.toContain("<script>alert(1)");
    expect(peer.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    await peer.get(`/console/parents/${id}`);
    expect(peer.html).not.toContain("<script>");
    expect(peer.html).not.toContain("<img src=x");
    expect(peer.html).toContain("&lt;img src=x onerror=alert(2)&gt;");
  });

  it("keeps the audit log and users pages to admins", async () => {
    expect((await supervisor.get("/console/audit")).status).toBe(403);
    expect((await peer.get("/console/users")).status).toBe(403);
    expect((await admin.get("/console/audit")).status).toBe(200);
    expect(admin.html).toContain("denied");
    expect((await admin.get("/console/audit?action=DROP%20TABLE")).status).toBe(400);
    expect((await admin.get("/console/users")).status).toBe(200);
    expect(admin.html).toContain('href="/admin/queues"');
    expect(admin.html).toContain('href="/metrics"');
    expect(supervisor.html).not.toContain('href="/admin/queues"');
  });

  it("lets an admin create a user in the console, naming bad fields", async () => {
    await admin.get("/console/users");
    const bad = await admin.post("/console/users", { name: "Pat", email: "not-an-email", role: "peer", password: "short" });
    expect(bad.status).toBe(400);
    expect(admin.html).toMatch(/email: must be an email address/);
    expect(admin.html).toMatch(/password: must be at least 12 characters/);
    const ok = await admin.post("/console/users", { name: "Pat Peer", email: "pat@example.org", role: "peer", password: "a long enough password", peerId: program.peerIds[1]! });
    expect(ok.status).toBe(303);
    const pat = consoleClient(h.app);
    expect((await pat.signIn("pat@example.org", "a long enough password")).status).toBe(303);
    expect((await pat.get(`/console/parents/${program.parentsByPeer[1]![0]}`)).status).toBe(200);

    // Deactivating signs Pat out at once and keeps Pat out; activating lets Pat back in.
    const patId = (await h.store.users.byEmail("pat@example.org"))!.id;
    await admin.get("/console/users");
    expect((await admin.post(`/console/users/${patId}/deactivate`)).status).toBe(303);
    expect((await pat.get("/console/caseload")).status).toBe(303);
    expect((await consoleClient(h.app).signIn("pat@example.org", "a long enough password")).status).toBe(401);
    await admin.get("/console/users");
    expect((await admin.post(`/console/users/${patId}/activate`)).status).toBe(303);
    expect((await consoleClient(h.app).signIn("pat@example.org", "a long enough password")).status).toBe(303);
    await admin.get("/console/users");
    expect((await admin.post(`/console/users/${patId}/delete`)).status).toBe(404);
    expect((await h.store.audit.list({ limit: 5, subjectId: patId })).map((a) => a.action)).toEqual(expect.arrayContaining(["user_create", "user_deactivate", "user_activate"]));
  });
});
