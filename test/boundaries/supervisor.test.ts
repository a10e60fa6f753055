import { afterEach, describe, expect, it } from "vitest";
import { QUEUE } from "../../src/jobs/queues";
import { installSupervisorSummary } from "../../src/features/peers/supervisor-summary";
import { waitFor } from "../support/harness";
import { at, boundariesHarness, enrolWithHours, MESSAGING, noteForPeer, waitForNote, type Boundaries } from "./setup";

const SUPERVISOR_TOKEN = "test-supervisor-token-0123456789";

describe("supervisors' daily summary", () => {
  let b: Boundaries;
  afterEach(async () => b?.close());

  it("counts held notes, after-hours interruptions, old unacknowledged items and open cases, without bodies or phones", async () => {
    b = await boundariesHarness(at("2026-11-23T21:00:00"), { SUPERVISOR_TOKEN, UNACKED_ALERT_HOURS: "24" });
    const { h, clock, rec } = b;
    const rosa = await enrolWithHours(h, { name: "Rosa Diaz" });
    const luis = await enrolWithHours(h, { name: "Luis Ortega", crisisFyiImmediately: true }, { phone: "+15555550104" });
    await h.admin("PATCH", `/peers/${luis.peerId}`, { name: "Luis Ortega" });
    await h.admin("PATCH", `/peers/${rosa.peerId}`, { name: "Rosa Diaz" });
    h.startWorkers(undefined, [...MESSAGING, QUEUE.housekeeping]);

    const held = [
      await noteForPeer(h, { ...rosa, kind: "parent_message", key: "s|1" }),
      await noteForPeer(h, { ...rosa, kind: "low_score", key: "s|2" }),
      await noteForPeer(h, { ...luis, kind: "parent_message", key: "s|3" }),
    ];
    for (const n of held) await waitForNote(h, n.id, (x) => !!x.deferredUntil, "held");
    const interrupt = await noteForPeer(h, { ...luis, kind: "hotline_case_closed", key: "s|4" });
    await waitForNote(h, interrupt.id, (x) => !!x.deliveredAt, "interruption delivered");
    // Two days old and never acknowledged.
    await h.db.query("update peer_notifications set created_at = $1 where id = $2", [new Date(clock.now().getTime() - 48 * 3600_000), held[0]!.id]);
    // An open hotline case (stored directly: what the crisis path adds around it is not counted here).
    const c = await h.store.cases.create({
      shortId: "K7Q2A",
      participantId: rosa.participantId,
      fromPhone: rosa.phone,
      language: "en",
      level: "imminent",
      severity: 3,
      categories: ["suicide_self_harm"],
      supervisorReview: false,
    });

    const unauth = await h.app.request("/api/supervisor/summary");
    expect(unauth.status).toBe(401);
    const res = await h.app.request("/api/supervisor/summary", { headers: { authorization: `Bearer ${SUPERVISOR_TOKEN}` } });
    expect(res.status).toBe(200);
    const { summary } = (await res.json()) as { summary: { date: string; headline: string; lines: string[] } };
    expect(summary.date).toBe("2026-11-23");
    expect(summary.headline).toBe(
      "Daily summary 2026-11-23: 1 unacknowledged item over 24 h, 1 open hotline case; boundaries held 3 times, 1 after-hours interruption",
    );
    expect(summary.lines[0]).toBe("Unacknowledged over 24 h: 1 (Rosa Diaz 1); oldest 2 d; 1 still held for a shift");
    expect(summary.lines[1]).toMatch(new RegExp(`^Open hotline cases: 1 \\(${c.shortId} unclaimed \\d+ (min|h|d)\\)$`));
    expect(summary.lines).toContain("Rosa Diaz: 2 notes held off-hours, 0 after-hours interruptions");
    expect(summary.lines).toContain("Luis Ortega: 1 note held off-hours, 1 after-hours interruption");
    const text = JSON.stringify(summary);
    for (const secret of [rosa.phone, luis.phone, "kill", "Ana"]) expect(text).not.toContain(secret);

    // The scheduled job posts the same summary through the port.
    await h.deps.queues.housekeeping.add("supervisor-summary", {});
    await waitFor(() => rec.summaries.length === 1, 8000, "posted summary");
    expect(rec.summaries[0]!.headline).toBe(summary.headline);
  });

  it("is one job scheduler at the configured local time and zone", async () => {
    b = await boundariesHarness(at("2026-11-23T10:00:00"), { SUPERVISOR_SUMMARY_TIME: "07:45", SUPERVISOR_TIME_ZONE: "America/Chicago" });
    await installSupervisorSummary(b.h.deps);
    await installSupervisorSummary(b.h.deps);
    const schedulers = await b.h.deps.queues.housekeeping.getJobSchedulers();
    expect(schedulers.filter((s) => s.key === "supervisor-summary")).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ pattern: "45 7 * * *", tz: "America/Chicago" });
  });
});

describe("admin API for boundaries", () => {
  let b: Boundaries;
  afterEach(async () => b?.close());

  it("sets the new peer fields and answers 400 naming the field, writing nothing", async () => {
    b = await boundariesHarness(at("2026-11-23T10:00:00"));
    const { h } = b;
    const created = await h.admin("POST", "/peers", {
      name: "Rosa Diaz",
      timeZone: "America/New_York",
      crisisFyiImmediately: true,
      slackChannelId: "C0123ABCD",
    });
    expect(created.status).toBe(201);
    const { peer } = (await created.json()) as { peer: { id: string; crisisFyiImmediately: boolean; slackChannelId: string } };
    expect(peer).toMatchObject({ crisisFyiImmediately: true, slackChannelId: "C0123ABCD", awayUntil: null, awayIndefinitely: false });

    const bad = await h.admin("PATCH", `/peers/${peer.id}`, { crisisFyiImmediately: "yes", name: "Changed" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { fields: Record<string, string> }).fields).toHaveProperty("crisisFyiImmediately");
    const badChannel = await h.admin("PATCH", `/peers/${peer.id}`, { slackChannelId: "general" });
    expect(((await badChannel.json()) as { fields: Record<string, string> }).fields).toHaveProperty("slackChannelId");
    expect((await h.store.peers.get(peer.id))!.name).toBe("Rosa Diaz");

    const past = await h.admin("POST", `/peers/${peer.id}/away`, { until: "2026-11-23T09:00:00-05:00" });
    expect(past.status).toBe(400);
    expect(((await past.json()) as { fields: Record<string, string> }).fields).toHaveProperty("until");
    const garbage = await h.admin("POST", `/peers/${peer.id}/away`, { until: "tomorrow" });
    expect(((await garbage.json()) as { fields: Record<string, string> }).fields).toHaveProperty("until");
    const extra = await h.admin("POST", `/peers/${peer.id}/away`, { untill: "2026-11-24T09:00:00Z" });
    expect(((await extra.json()) as { fields: Record<string, string> }).fields).toHaveProperty("untill");
    expect((await h.store.peers.get(peer.id))!.awayIndefinitely).toBe(false);

    const ok = await h.admin("POST", `/peers/${peer.id}/away`, { until: "2026-11-24T09:00:00-05:00" });
    expect(ok.status).toBe(200);
    expect((await h.store.peers.get(peer.id))!.awayUntil).toEqual(new Date("2026-11-24T14:00:00Z"));
    expect((await h.admin("POST", "/peers/00000000-0000-4000-8000-000000000000/back")).status).toBe(404);
  });
});
