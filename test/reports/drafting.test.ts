import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { createHarness, waitFor, type Harness } from "../support/harness";
import { runningClock } from "../support/clock";
import { DB_KINDS } from "../support/db";
import { JOBS } from "../../src/jobs/catalog";
import { jobRequest } from "../../src/jobs/define";
import { draftMonthlyReports, draftReportFor } from "../../src/features/reports/draft";
import { seedProgram } from "../browser/support";
import { installMonthlyReports } from "../../src/features/reports/schedule";
import type { MonthlyReport } from "../../src/adapters/postgres/reports";
import { enrolParent, seedMonth } from "./support";

const ENROLLED = new Date("2026-10-15T16:00:00Z");
const RUN_AT = new Date("2026-12-01T11:00:00Z"); // 06:00 in New York on the 1st

describe("monthly drafting job through the real queue", () => {
  let h: Harness;
  const clock = runningClock(ENROLLED);
  let ana: string, paused: string, lucia: string;

  beforeAll(async () => {
    h = await createHarness({ sms: "sandbox", clock });
    ana = (await enrolParent(h, { firstName: "Ana", phone: "+15555550101" })).participantId;
    paused = (await enrolParent(h, { firstName: "Bea", phone: "+15555550102" })).participantId;
    lucia = (await enrolParent(h, { firstName: "Lucía", phone: "+15555550103", timeZone: "America/Santiago", language: "es" })).participantId;
    expect((await h.admin("PATCH", `/participants/${paused}`, { status: "paused" })).status).toBe(200);
    await seedMonth(h, ana, {
      checkins: [["2026-10-31", "missed"], ["2026-11-01", "answered"], ["2026-11-02", "answered"], ["2026-11-03", "missed"], ["2026-11-04", "skipped"], ["2026-11-20", "answered"], ["2026-12-01", "missed"]],
      appointments: [["2026-11-05", "court_hearing", "attended"], ["2026-11-12", "drug_test", "missed"], ["2026-12-02", "drug_test", "attended"]],
      points: [["2026-10-20T12:00:00Z", 5], ["2026-11-10T12:00:00Z", 10]],
      // 2026-12-01T03:00Z is still 30 November in New York: it counts.
      texts: [["2026-11-03T15:00:00Z", ["return_to_use"]], ["2026-11-04T15:00:00Z", []], ["2026-12-01T03:00:00Z", []], ["2026-12-01T06:00:00Z", ["return_to_use"]]],
      recoveryCapital: [["2026-10-20T15:00:00Z", 30], ["2026-11-20T15:00:00Z", 34]],
    });
    // 00:30 on 1 November in Santiago (UTC-3) is 03:30Z: inside her November, outside New York's.
    await seedMonth(h, lucia, { texts: [["2026-11-01T03:30:00Z", []]] });
    clock.set(RUN_AT);
    h.startWorkers({}, ["housekeeping"]);
  });
  afterAll(async () => h?.close());

  async function runJob(data: { month?: string }) {
    const r = jobRequest(JOBS.draftMonthlyReports, data);
    const job = await h.deps.queues.housekeeping.add(r.name, r.data, r.opts);
    return waitFor(async () => {
      const j = await h.deps.queues.housekeeping.getJob(job.id!);
      if (await j?.isFailed()) throw new Error(`job failed: ${j?.failedReason}`);
      // Read again once completed: the copy fetched above may predate its return value.
      return (await j?.isCompleted()) ? ((await h.deps.queues.housekeeping.getJob(job.id!))!.returnvalue as Record<string, number | string>) : null;
    }, 20_000, "draft job");
  }

  it("drafts last month for every active parent, none for a paused one", async () => {
    const out = await runJob({});
    expect(out).toMatchObject({ month: "2026-11", parents: 2, drafted: 2, existing: 0 });
    expect(await h.store.reports.find(paused, "2026-11")).toBeNull();
    const report = (await h.store.reports.find(ana, "2026-11"))!;
    expect(report.figures.checkins).toMatchObject({ answered: 3, missed: 1, answeredPct: 75 });
    expect(report.figures.appointments).toMatchObject({ kept: 1, missed: 1 });
    expect(report.figures.participation).toMatchObject({ daysWithContact: 3, pointsEarned: 10, pointsTotal: 15 });
    expect(report.figures.returnToUse).toEqual({ shared: 1, dates: ["2026-11-03"] });
    expect(report.figures.recoveryCapital).toMatchObject({ latest: 34, change: 4, inMonth: 1 });
    expect(report.notes.return_to_use).toMatch(/part of recovery/);
    const hers = (await h.store.reports.find(lucia, "2026-11"))!;
    expect(hers.timeZone).toBe("America/Santiago");
    expect(hers.figures.participation.daysWithContact).toBe(1);
  });

  it("re-running does not draft twice, and keeps the peer's edits", async () => {
    const report = (await h.store.reports.find(ana, "2026-11"))!;
    await h.store.reports.updateNotes(report.id, { ...report.notes, participation: "Edited by the peer." }, "peer");
    const again = await runJob({});
    expect(again).toMatchObject({ month: "2026-11", drafted: 0, existing: 2 });
    expect(await h.store.reports.countForMonth("2026-11")).toBe(2);
    expect((await h.store.reports.find(ana, "2026-11"))!.notes.participation).toBe("Edited by the peer.");
  });

  it("a month not over yet, or before enrolment, is not drafted", async () => {
    const current = await runJob({ month: "2026-12" });
    expect(current).toMatchObject({ drafted: 0, notDue: 2 });
    const before = await runJob({ month: "2026-09" });
    expect(before).toMatchObject({ drafted: 0, notDue: 2 });
  });

  it("the recurring schedule is 06:00 on the 1st in the program's zone", async () => {
    await installMonthlyReports(h.deps);
    const s = await h.deps.queues.housekeeping.getJobScheduler("draft-monthly-reports");
    expect(s).toMatchObject({ pattern: "0 6 1 * *", tz: "America/New_York" });
    const next = DateTime.fromMillis(Number(s!.next), { zone: "America/New_York" });
    expect([next.day, next.hour, next.minute]).toEqual([1, 6, 0]);
  });
});

describe.each(DB_KINDS)("month facts in the parent's zone (%s)", (db) => {
  let h: Harness;
  const clock = runningClock(ENROLLED);
  beforeAll(async () => {
    h = await createHarness({ sms: "sandbox", clock, db });
  });
  afterAll(async () => h?.close());

  it("texts count on the parent's local date, across the end of daylight time", async () => {
    const { participantId } = await enrolParent(h, { phone: "+15555550111" });
    await seedMonth(h, participantId, {
      // 1 Nov 05:30Z = 01:30 EDT and 06:30Z = 01:30 EST (the repeated hour): one local day.
      texts: [["2026-11-01T05:30:00Z", []], ["2026-11-01T06:30:00Z", ["return_to_use"]], ["2026-11-01T03:59:00Z", []], ["2026-12-01T04:59:00Z", []]],
    });
    clock.set(RUN_AT);
    const r = (await draftReportFor(h.deps, participantId, "2026-11")) as MonthlyReport;
    // 03:59Z on 1 Nov is still 31 October in New York; 04:59Z on 1 Dec is 23:59 on 30 November.
    expect(r.figures.participation.daysWithContact).toBe(2);
    expect(r.figures.returnToUse.dates).toEqual(["2026-11-01"]);
    // A month still running is not drafted by hand: its one draft would be partial.
    expect(await draftReportFor(h.deps, participantId, "2026-12")).toBe("month_not_over");
    expect(await h.store.reports.find(participantId, "2026-12")).toBeNull();
  });

  it("drafts every active parent across several batches (25 on PGlite, 250 on Postgres), once", async () => {
    clock.set(RUN_AT);
    const program = await seedProgram(h.db, { peers: 2, parentsPerPeer: 20, days: 45, now: RUN_AT });
    await h.db.query("update participants set created_at = $2 where id = any($1::uuid[])", [program.participantIds, ENROLLED]);
    const first = await draftMonthlyReports(h.deps, {});
    expect(first).toMatchObject({ month: "2026-11", drafted: 40 });
    const again = await draftMonthlyReports(h.deps, {});
    expect(again).toMatchObject({ drafted: 0, existing: first.parents - first.notDue });
    const reports = await h.store.reports.listForMonth("2026-11", program.participantIds);
    expect(reports).toHaveLength(40);
    expect(reports.every((r) => r.figures.checkins.sent === 30)).toBe(true);
  });
});
