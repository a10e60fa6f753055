import { describe, expect, it } from "vitest";
import { createUrgentGate } from "../../src/jobs/urgent-gate";

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};
/** Lets every already-runnable callback run (so a gate that wrongly let work start would show it). */
const settle = () => new Promise((r) => setImmediate(r));

describe("urgent gate: crisis work first within one process", () => {
  it("a routine job queued during crisis work starts only after it ends", async () => {
    const gate = createUrgentGate({ slots: 2, maxWaitMs: 60_000 });
    const log: string[] = [];
    const crisis = deferred();
    const u = gate.urgent(async () => {
      log.push("crisis start");
      await crisis.promise;
      log.push("crisis end");
    });
    const r = gate.routine("inbound", async () => void log.push("routine"));
    await settle();
    expect(gate.stats()).toEqual({ urgentInFlight: 1, routineRunning: 0, routineWaiting: 1 });
    crisis.resolve();
    await Promise.all([u, r]);
    expect(log).toEqual(["crisis start", "crisis end", "routine"]);
  });

  it("runs at most `slots` routine jobs per lane at once; another lane has its own slots", async () => {
    const gate = createUrgentGate({ slots: 2 });
    const gates = Array.from({ length: 5 }, deferred);
    let running = 0;
    let peak = 0;
    const jobs = gates.map((d) =>
      gate.routine("inbound", async () => {
        peak = Math.max(peak, ++running);
        await d.promise;
        running--;
      }),
    );
    await settle();
    expect(gate.stats().routineRunning).toBe(2);
    // The other lane is not blocked by a full one.
    await gate.routine("notify", async () => undefined);
    for (const d of gates) d.resolve();
    await Promise.all(jobs);
    expect(peak).toBe(2);
    expect(gate.stats()).toEqual({ urgentInFlight: 0, routineRunning: 0, routineWaiting: 0 });
  });

  it("a crisis call that hangs delays routine work at most maxWaitMs, never stops it", async () => {
    const gate = createUrgentGate({ slots: 1, maxWaitMs: 20 });
    const hung = deferred();
    const u = gate.urgent(() => hung.promise);
    const t0 = performance.now();
    await gate.routine("inbound", async () => undefined);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(19);
    expect(gate.stats().urgentInFlight).toBe(1); // it ran while the crisis call was still in flight
    hung.resolve();
    await u;
  });

  it("during a crisis step's Twilio call routine work may run; after it, the step holds it back again", async () => {
    const gate = createUrgentGate({ slots: 1, maxWaitMs: 60_000 });
    const log: string[] = [];
    const twilio = deferred();
    const rest = deferred();
    const step = gate.urgent(async () => {
      await gate.networkWait(async () => {
        log.push("page call");
        await twilio.promise;
      });
      log.push("page recorded");
      await rest.promise;
    });
    await gate.routine("inbound", async () => void log.push("routine during the call"));
    twilio.resolve();
    await settle();
    const later = gate.routine("inbound", async () => void log.push("routine after the step"));
    await settle();
    expect(log).toEqual(["page call", "routine during the call", "page recorded"]);
    rest.resolve();
    await Promise.all([step, later]);
    expect(log.at(-1)).toBe("routine after the step");
  });

  it("tells the store while crisis work is in flight or held for, and not during its network waits", async () => {
    const told: boolean[] = [];
    let holdOver!: () => void;
    const fourth = new Promise<void>((r) => (holdOver = r));
    const gate = createUrgentGate({
      onActiveChange: (active) => {
        told.push(active);
        if (told.length === 4) holdOver();
      },
    });
    const twilio = deferred();
    const step = gate.urgent(() => gate.networkWait(() => twilio.promise), 20);
    await settle();
    expect(told).toEqual([true, false]); // in flight, then the page's network wait
    twilio.resolve();
    await step;
    const stepEnded = performance.now();
    expect(told).toEqual([true, false, true]); // back in the step, and held after it
    await fourth; // the gate says by itself when the hold runs out
    expect(told).toEqual([true, false, true, false]);
    expect(performance.now() - stepEnded).toBeGreaterThanOrEqual(19);
  });

  it("the hold after crisis work keeps routine work back until it ends", async () => {
    let t = 0;
    const gate = createUrgentGate({ slots: 1, maxWaitMs: 60_000, now: () => t });
    await gate.urgent(async () => undefined, 50);
    let ran = false;
    const r = gate.routine("inbound", async () => void (ran = true));
    await settle();
    expect(ran).toBe(false);
    t = 50; // the hold has passed on the gate's clock; its timer fires and starts the job
    await r;
    expect(ran).toBe(true);
  });
});
