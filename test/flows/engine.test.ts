import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { jobId } from "../../src/jobs/queues";
import { runFlowTimer, startFlow } from "../../src/features/flows/flow-engine";
import { runningClock } from "../support/clock";
import { waitFor, type Harness } from "../support/harness";
import { quiet } from "../support/settle";
import { flowHarness, optedIn, textsTo } from "./support";

/** The engine on real BullMQ (delayed jobs) and PGlite, texts through the real twilio SDK to the fake. */
describe("flow engine", () => {
  let h: Harness;
  let close: () => Promise<void>;
  beforeEach(async () => {
    ({ h, close } = await flowHarness());
  });
  afterEach(async () => close());

  const run = async (participantId: string) => (await h.store.flowRuns.listFor(participantId))[0]!;

  it("starts a run, records answers, notes the peer, and a timeout fires as a delayed job", async () => {
    const { phone, participantId } = await optedIn(h, { language: "es" });
    expect(await startFlow(h.deps, participantId, "tiny")).toBe("started");
    await waitFor(() => textsTo(h, phone).length === 3, 10_000, "first question");
    expect(textsTo(h, phone)[2]).toBe("P1 Ana: ¿1-5?");
    // The ask's timeout is a delayed job keyed by run, step and wait token.
    const first = await run(participantId);
    const timer = await h.deps.queues.flows.getJob(jobId.flowTimer({ runId: first.id, stepId: "q1", token: 1 }));
    expect(await timer?.isDelayed()).toBe(true);

    await h.postSms(phone, "4");
    await waitFor(() => textsTo(h, phone).length === 4, 10_000, "second question");
    expect(textsTo(h, phone)[3]).toBe("P2: ¿reuniones esta semana?");
    expect((await run(participantId)).state).toMatchObject({ status: "active", stepId: "q2", values: { a: 4 } });
    const notes = await h.store.notifications.list({ participantId });
    expect(notes.map((n) => [n.kind, n.summary])).toContainEqual(["flow_note", "Tiny answer 4"]);

    // q2 times out after 1 s: the worker runs the delayed job and the run takes its onTimeout path.
    await waitFor(() => textsTo(h, phone).length === 5, 10_000, "timeout text");
    expect(textsTo(h, phone)[4]).toBe("No pasa nada, Ana.");
    const ended = await run(participantId);
    expect(ended.state.status).toBe("timed_out");
    expect(ended.endedAt).not.toBeNull();
  });

  it("a timeout for a wait already answered is a no-op", async () => {
    const { phone, participantId } = await optedIn(h);
    await startFlow(h.deps, participantId, "tiny");
    await waitFor(() => textsTo(h, phone).length === 3);
    const r = await run(participantId);
    await h.postSms(phone, "5");
    await waitFor(() => textsTo(h, phone).length === 4);
    await h.postSms(phone, "2");
    await waitFor(() => textsTo(h, phone).length === 5);
    expect(textsTo(h, phone)[4]).toBe("Thanks Ana, 5 and 2.");
    // Fire q1's (1-hour) timer now, as BullMQ would: the run has moved on, so nothing happens.
    const timer = await h.deps.queues.flows.getJob(jobId.flowTimer({ runId: r.id, stepId: "q1", token: 1 }));
    await timer!.promote();
    await waitFor(async () => (await h.deps.queues.flows.getJob(timer!.id!))?.isCompleted(), 10_000, "stale timer ran");
    expect((await h.deps.queues.flows.getJob(timer!.id!))!.returnvalue).toBe("stale");
    expect(await runFlowTimer({ runId: r.id, stepId: "q2", token: 2 }, h.deps)).toBe("stale");
    await quiet(h);
    expect(textsTo(h, phone)).toHaveLength(5);
    expect((await run(participantId)).state.status).toBe("completed");
  });

  it("one active run per participant: a second start is refused as busy", async () => {
    const { phone, participantId } = await optedIn(h);
    expect(await startFlow(h.deps, participantId, "tiny")).toBe("started");
    expect(await startFlow(h.deps, participantId, "recovery-capital")).toBe("busy");
    await waitFor(() => textsTo(h, phone).length === 3);
    await quiet(h);
    expect(textsTo(h, phone)).toHaveLength(3);
  });

  it("a crisis text mid-flow interrupts the run: safety reply, no more flow texts, the timeout does nothing", async () => {
    const { phone, participantId } = await optedIn(h);
    await startFlow(h.deps, participantId, "tiny");
    await waitFor(() => textsTo(h, phone).length === 3);
    const r = await run(participantId);
    const res = await h.postSms(phone, "I want to kill myself");
    expect(await res.text()).toMatch(/988/);
    await waitFor(async () => (await run(participantId)).state.status === "interrupted", 10_000, "interrupted");
    expect(await h.store.cases.activeForPhone(phone)).not.toBeNull();
    expect(await runFlowTimer({ runId: r.id, stepId: "q1", token: 1 }, h.deps)).toBe("stale");
    // A later "4" is not taken as an answer by the interrupted run.
    await h.postSms(phone, "4");
    // Its handling is over (the open case's paging chain goes on, on its own queues).
    await quiet(h, { only: ["inbound", "sms-routine", "notify", "flows"] });
    expect((await run(participantId)).state.values).toEqual({});
    expect(textsTo(h, phone).filter((b) => b.startsWith("Q2"))).toEqual([]);
  });

  it("a concern text mid-flow: the run continues and the concern still reaches the peer", async () => {
    const { phone, participantId } = await optedIn(h);
    await startFlow(h.deps, participantId, "tiny");
    await waitFor(() => textsTo(h, phone).length === 3);
    await h.postSms(phone, "I relapsed last night");
    await waitFor(async () => (await h.store.notifications.list({ participantId })).some((n) => n.kind === "concern"), 10_000, "concern note");
    const r = await run(participantId);
    expect(r.state.status).toBe("active");
    const kinds = (await h.store.notifications.list({ participantId })).map((n) => n.kind);
    expect(kinds).toContain("parent_message");
  });

  it("STOP mid-flow cancels the run and opts out; HELP is answered and the run keeps waiting", async () => {
    const { phone, participantId } = await optedIn(h);
    await startFlow(h.deps, participantId, "tiny");
    await waitFor(() => textsTo(h, phone).length === 3);
    await h.postSms(phone, "HELP");
    await waitFor(() => textsTo(h, phone).length === 4);
    expect(textsTo(h, phone)[3]).toMatch(/STOP/);
    expect((await run(participantId)).state.status).toBe("active");
    await h.postSms(phone, "STOP");
    await waitFor(() => textsTo(h, phone).length === 5);
    expect(textsTo(h, phone)[4]).toMatch(/unsubscribed/);
    expect((await run(participantId)).state.status).toBe("cancelled");
    expect((await h.store.participants.get(participantId))!.consent).toBe("opted_out");
  });
});

describe("flow engine with a lost timer", () => {
  it("a run long past its deadline (its timer job lost) is cancelled when a new flow starts", async () => {
    const clock = runningClock(new Date("2026-11-23T15:00:00Z"));
    const { h, close } = await flowHarness({ clock });
    try {
      const { phone, participantId } = await optedIn(h);
      expect(await startFlow(h.deps, participantId, "tiny")).toBe("started");
      await waitFor(() => textsTo(h, phone).length === 3);
      const tiny = (await h.store.flowRuns.listFor(participantId))[0]!;
      await h.deps.queues.flows.remove(jobId.flowTimer({ runId: tiny.id, stepId: "q1", token: 1 }));
      // Within its hour (plus an hour's grace) the run still holds the participant.
      clock.jump(90 * 60_000);
      expect(await startFlow(h.deps, participantId, "recovery-capital")).toBe("busy");
      clock.jump(40 * 60_000);
      expect(await startFlow(h.deps, participantId, "recovery-capital")).toBe("started");
      expect((await h.store.flowRuns.get(tiny.id))!.state.status).toBe("cancelled");
    } finally {
      await close();
    }
  });
});
