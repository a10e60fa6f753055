import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initialState } from "../../src/domain/flows/interpreter";
import { storeFor } from "../../src/adapters/postgres";
import { DB_KINDS, openTestDb } from "../support/db";
import { participantInput } from "../store/fixtures";

describe.each(DB_KINDS)("flow runs, recovery capital and pause storage (%s)", (kind) => {
  let db: Awaited<ReturnType<typeof openTestDb>>;
  beforeAll(async () => {
    db = await openTestDb(kind);
  });
  afterAll(async () => db.drop());

  it("one active run per participant; start keys are unique; saves are compare-and-set", async () => {
    const store = storeFor(db);
    const p = await store.participants.create(participantInput());
    const run = await store.flowRuns.create({ participantId: p.id, flowId: "a", startKey: "a|1", state: initialState() });
    expect(run).not.toBeNull();
    expect(await store.flowRuns.create({ participantId: p.id, flowId: "b", startKey: null, state: initialState() })).toBeNull();
    const next = { status: "active" as const, stepId: "q", values: { q1: 4, note: "sí" }, waiting: { kind: "ask" as const, stepId: "q", token: 1, attempts: 0 }, version: 1 };
    const at = new Date("2026-11-23T15:00:00Z");
    expect(await store.flowRuns.save(run!.id, 0, next, at, at)).toBe(true);
    expect(await store.flowRuns.save(run!.id, 0, next, at, at)).toBe(false);
    const loaded = await store.flowRuns.activeFor(p.id);
    expect(loaded?.state).toEqual(next);
    expect(loaded?.waitingSince?.toISOString()).toBe(at.toISOString());
    await store.flowRuns.save(run!.id, 1, { ...next, status: "completed", waiting: null, version: 2 }, null, at);
    expect(await store.flowRuns.activeFor(p.id)).toBeNull();
    expect((await store.flowRuns.get(run!.id))?.endedAt?.toISOString()).toBe(at.toISOString());
    // Ended: a new run may start, but never a second one with the same start key.
    expect(await store.flowRuns.create({ participantId: p.id, flowId: "a", startKey: "a|1", state: initialState() })).toBeNull();
    expect(await store.flowRuns.create({ participantId: p.id, flowId: "a", startKey: "a|2", state: initialState() })).not.toBeNull();
  });

  it("recovery-capital checks: one per run, previous complete, trend oldest first", async () => {
    const store = storeFor(db);
    const p = await store.participants.create(participantInput());
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push((await store.flowRuns.create({ participantId: p.id, flowId: "rc", startKey: `rc|${p.id}|${i}`, state: { ...initialState(), status: "completed" } }))!);
    const day = (d: number) => new Date(Date.UTC(2026, 10, d, 22));
    await store.recoveryCapital.createOnce({ participantId: p.id, runId: runs[0]!.id, status: "complete", total: 30, items: { q1: 3 }, finishedAt: day(1) });
    await store.recoveryCapital.createOnce({ participantId: p.id, runId: runs[1]!.id, status: "incomplete", total: null, items: { q1: "skipped" }, finishedAt: day(8) });
    expect(await store.recoveryCapital.createOnce({ participantId: p.id, runId: runs[1]!.id, status: "complete", total: 1, items: {}, finishedAt: day(8) })).toBeNull();
    await store.recoveryCapital.createOnce({ participantId: p.id, runId: runs[2]!.id, status: "complete", total: 33, items: { q1: 5 }, finishedAt: day(15) });
    expect((await store.recoveryCapital.previousComplete(p.id, day(15), runs[2]!.id))?.total).toBe(30);
    const trend = await store.recoveryCapital.listFor(p.id);
    expect(trend.map((c) => [c.status, c.total, c.items.q1])).toEqual([["complete", 30, 3], ["incomplete", null, "skipped"], ["complete", 33, 5]]);
    expect(await store.recoveryCapital.cadenceFor(p.id)).toBeNull();
    await store.recoveryCapital.setCadence(p.id, "monthly");
    expect(await store.recoveryCapital.cadenceFor(p.id)).toBe("monthly");
  });

  it("pause and resume: only a due pause ends by the job's date; discharged cannot be paused", async () => {
    const store = storeFor(db);
    const p = await store.participants.create(participantInput());
    const until = new Date("2026-12-07T14:00:00Z");
    expect(await store.pauses.pause(p.id, until, "rehab")).toEqual({ pausedUntil: until });
    expect((await store.participants.get(p.id))).toMatchObject({ status: "paused", pausedUntil: until });
    expect(await store.pauses.resume(p.id, new Date("2026-12-01T00:00:00Z"))).toBe(false);
    expect(await store.pauses.resume(p.id, until)).toBe(true);
    expect((await store.participants.get(p.id))).toMatchObject({ status: "active", pausedUntil: null });
    const gone = await store.participants.create(participantInput({ status: "discharged" }));
    expect(await store.pauses.pause(gone.id, until, null)).toBeNull();
  });
});
