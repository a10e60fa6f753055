import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isoWeekday, planFlowStarts, decideStart } from "../../src/domain/flows/cadence";
import { jobId } from "../../src/jobs/queues";
import { startFlow } from "../../src/features/flows/flow-engine";
import { planAllRecoveryCapital, planRecoveryCapital, runFlowStart } from "../../src/features/flows/recovery-capital";
import { runningClock } from "../support/clock";
import { waitFor, type Harness } from "../support/harness";
import { flowHarness, optedIn, textsTo } from "./support";
import { DateTime } from "luxon";

const NY = "America/New_York";
const at = (iso: string, zone = NY) => DateTime.fromISO(iso, { zone }).toJSDate();

describe("recovery-capital cadence (pure)", () => {
  const p = { timeZone: NY, sendWindow: { start: "08:00", end: "21:00" } };
  const weekly = { cadence: "weekly" as const, weekday: 7, time: "17:00" };

  it("weekly on the chosen weekday at local time, across the fall-back night", () => {
    expect(isoWeekday("2026-11-01")).toBe(7);
    const plans = planFlowStarts(p, weekly, "weekly", at("2026-10-28T12:00"), 14, new Date(0));
    expect(plans.map((x) => x.localDate)).toEqual(["2026-11-01", "2026-11-08"]);
    // 2026-11-01 is the DST change in New York: 17:00 EST is 22:00 UTC, the week before 21:00 UTC.
    expect(plans[0]!.dueAt.toISOString()).toBe("2026-11-01T22:00:00.000Z");
    const before = planFlowStarts(p, weekly, "weekly", at("2026-10-21T12:00"), 7, new Date(0));
    expect(before[0]!.dueAt.toISOString()).toBe("2026-10-25T21:00:00.000Z");
  });

  it("monthly is the first such weekday of the month; nothing before opt-in", () => {
    const plans = planFlowStarts(p, weekly, "monthly", at("2026-11-03T12:00"), 40, new Date(0));
    expect(plans.map((x) => x.localDate)).toEqual(["2026-12-06"]);
    expect(planFlowStarts(p, weekly, "weekly", at("2026-10-28T12:00"), 14, at("2026-11-02T00:00")).map((x) => x.localDate)).toEqual(["2026-11-08"]);
  });

  it("starts on time, late only within the grace, never in quiet hours", () => {
    const due = at("2026-11-08T17:00");
    expect(decideStart(p, due, at("2026-11-08T16:00"), 60)).toEqual({ action: "wait", until: due });
    expect(decideStart(p, due, at("2026-11-08T17:30"), 60)).toEqual({ action: "start" });
    expect(decideStart(p, due, at("2026-11-08T18:30"), 60)).toEqual({ action: "skip", reason: "missed_send_window" });
    const lateWindow = { ...p, sendWindow: { start: "08:00", end: "17:10" } };
    expect(decideStart(lateWindow, due, at("2026-11-08T17:20"), 60)).toEqual({ action: "skip", reason: "quiet_hours" });
  });
});

describe("recovery capital, end to end", () => {
  let h: Harness;
  let close: () => Promise<void>;
  const clock = runningClock(at("2026-11-01T17:00"));
  beforeEach(async () => {
    clock.set(at("2026-11-01T17:00"));
    ({ h, close } = await flowHarness({ clock }));
  });
  afterEach(async () => close());

  /** Plays one check through the webhook, one reply per question as a parent would. */
  async function check(phone: string, participantId: string, answers: string[]) {
    const before = textsTo(h, phone).length;
    expect(await startFlow(h.deps, participantId, "recovery-capital")).toBe("started");
    // The intro, then the first statement a moment later, so they arrive in that order.
    await waitFor(() => textsTo(h, phone).length === before + 2, 10_000, "intro and first statement");
    expect(textsTo(h, phone)[before]).toMatch(/recovery check|chequeo/);
    expect(textsTo(h, phone)[before + 1]).toMatch(/^1\/10 /);
    for (const a of answers) {
      const n = textsTo(h, phone).length;
      await h.postSms(phone, a);
      await waitFor(() => textsTo(h, phone).length > n, 10_000, `reply to ${a}`);
    }
    await waitFor(async () => (await h.store.flowRuns.listFor(participantId))[0]?.state.status !== "active", 10_000, "run ended");
  }
  const rcNotes = async (participantId: string) =>
    (await h.store.notifications.list({ participantId })).filter((n) => n.kind === "recovery_capital").map((n) => n.summary).reverse();
  const encouragements = async (phone: string) => (await h.store.outbound.listTo(phone, 100)).filter((m) => m.kind === "recovery_capital_encouragement");
  const threes = Array.from({ length: 10 }, () => "3");

  it("stores score and answers; encourages on any rise, not on the same or a lower score; trend over the API", async () => {
    const { phone, participantId } = await optedIn(h, { language: "es" });
    await check(phone, participantId, threes); // 30
    expect(await encouragements(phone)).toEqual([]);
    expect(await rcNotes(participantId)).toEqual(["Recovery capital check: 30/50 (first check)"]);

    clock.jump(7 * 86_400_000);
    await check(phone, participantId, ["4", ...threes.slice(1)]); // 31: up by one
    await waitFor(async () => (await encouragements(phone)).length === 1, 10_000, "encouragement");
    const [cheer] = await encouragements(phone);
    expect(cheer!.body).toBe("¡Muy bien, Ana! Su chequeo de hoy es mejor que el anterior. Es un avance real y Rosa lo ve. ¡Siga adelante!");
    await waitFor(() => textsTo(h, phone).includes(cheer!.body), 10_000, "encouragement delivered");

    clock.jump(7 * 86_400_000);
    await check(phone, participantId, ["4", ...threes.slice(1)]); // 31: same
    clock.jump(7 * 86_400_000);
    await check(phone, participantId, ["2", "2", ...threes.slice(2)]); // 28: down
    expect(await encouragements(phone)).toHaveLength(1);
    expect(await rcNotes(participantId)).toEqual([
      "Recovery capital check: 30/50 (first check)",
      "Recovery capital check: 31/50 (+1 since 2026-11-01)",
      "Recovery capital check: 31/50 (no change since 2026-11-08)",
      "Recovery capital check: 28/50 (-3 since 2026-11-15)",
    ]);

    const res = await h.admin("GET", `/participants/${participantId}/recovery-capital`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { maxTotal: number; checks: { date: string; total: number; change: number | null; status: string; items: Record<string, unknown> }[] };
    expect(body.maxTotal).toBe(50);
    expect(body.checks.map((c) => [c.date, c.total, c.change])).toEqual([
      ["2026-11-01", 30, null],
      ["2026-11-08", 31, 1],
      ["2026-11-15", 31, 0],
      ["2026-11-22", 28, -3],
    ]);
    expect(body.checks[3]!.items).toMatchObject({ q1: 2, q2: 2, q3: 3, q10: 3 });
    expect(Object.keys(body.checks[0]!.items)).toHaveLength(10);
  }, 60_000);

  it("a skipped item or a timeout leaves the check incomplete: answers kept, no score, no encouragement", async () => {
    const { phone, participantId } = await optedIn(h);
    await check(phone, participantId, threes);
    clock.jump(7 * 86_400_000);
    await check(phone, participantId, ["5", "skip", ...Array.from({ length: 8 }, () => "5")]);
    const checks = await h.store.recoveryCapital.listFor(participantId);
    expect(checks.map((c) => [c.status, c.total])).toEqual([
      ["complete", 30],
      ["incomplete", null],
    ]);
    expect(checks[1]!.items).toMatchObject({ q1: 5, q2: "skipped", q3: 5 });
    expect(await encouragements(phone)).toEqual([]);
    expect((await rcNotes(participantId)).at(-1)).toBe("Recovery capital check not finished (9 of 10 answered)");
  }, 60_000);

  it("the planner schedules the next start; the start job opens the check in the parent's send window", async () => {
    const { phone, participantId } = await optedIn(h);
    clock.set(at("2026-11-02T10:00"));
    await planRecoveryCapital(participantId, h.deps);
    const id = jobId.flowStart({ participantId, flowId: "recovery-capital", localDate: "2026-11-08" });
    const job = await waitFor(() => h.deps.queues.flows.getJob(id), 5000, "start job");
    expect(job.data.dueAt).toBe(at("2026-11-08T17:00").toISOString());
    // Cadence off: the start job finds nothing due.
    const put = await h.admin("PUT", `/participants/${participantId}/recovery-capital/cadence`, { cadence: "off" });
    expect(put.status).toBe(200);
    expect(await runFlowStart({ ...job.data }, h.deps)).toBe("not_due");
    expect((await h.admin("PUT", `/participants/${participantId}/recovery-capital/cadence`, { cadence: "daily" })).status).toBe(400);
    await h.admin("PUT", `/participants/${participantId}/recovery-capital/cadence`, { cadence: null });

    clock.set(at("2026-11-08T17:00:30"));
    expect(await runFlowStart({ ...job.data }, h.deps)).toBe("started");
    await waitFor(() => textsTo(h, phone).some((b) => /^1\/10 /.test(b)), 10_000, "first statement");
    // The same start again (a retried job) is a no-op.
    expect(await runFlowStart({ ...job.data }, h.deps)).toBe("duplicate");
    // It planned the week after.
    expect(await h.deps.queues.flows.getJob(jobId.flowStart({ participantId, flowId: "recovery-capital", localDate: "2026-11-15" }))).toBeTruthy();
  }, 30_000);

  it("the periodic planner, a page at a time: re-creates a missing next start, leaves a current one, moves a changed one, none for cadence off", async () => {
    clock.set(at("2026-11-02T10:00"));
    const [a, b, c, d] = [await optedIn(h, { phone: "+15555550111" }), await optedIn(h, { phone: "+15555550112" }), await optedIn(h, { phone: "+15555550113" }), await optedIn(h, { phone: "+15555550114" })];
    const idOf = (participantId: string) => jobId.flowStart({ participantId, flowId: "recovery-capital", localDate: "2026-11-08" });
    const jobOf = (participantId: string) => h.deps.queues.flows.getJob(idOf(participantId));
    // Opting in planned each one's next start.
    for (const p of [a, b, c, d]) await waitFor(() => jobOf(p.participantId), 5000, "start job after opt-in");
    expect((await h.admin("PUT", `/participants/${c.participantId}/recovery-capital/cadence`, { cadence: "off" })).status).toBe(200);
    await (await jobOf(c.participantId))?.remove();
    await (await jobOf(a.participantId))!.remove(); // lost, as with a flushed Redis
    const right = (await jobOf(b.participantId))!.data;
    await (await jobOf(b.participantId))!.updateData({ ...right, dueAt: at("2026-11-08T09:00").toISOString() }); // a schedule changed since

    expect(await planAllRecoveryCapital(h.deps, 3)).toEqual({ participants: 4, jobs: 2 });
    expect((await jobOf(a.participantId))?.data.dueAt).toBe(at("2026-11-08T17:00").toISOString());
    expect((await jobOf(b.participantId))?.data).toEqual(right);
    expect(await jobOf(c.participantId)).toBeUndefined();
    expect((await jobOf(d.participantId))?.data.dueAt).toBe(at("2026-11-08T17:00").toISOString());
    // Nothing left to do: a second pass adds and moves nothing.
    expect(await planAllRecoveryCapital(h.deps, 3)).toEqual({ participants: 4, jobs: 0 });
  }, 60_000);

  it("the trend endpoint: 404 for an unknown participant", async () => {
    expect((await h.admin("GET", "/participants/00000000-0000-4000-8000-000000000000/recovery-capital")).status).toBe(404);
  });
});
