import { AsyncLocalStorage } from "node:async_hooks";

/**
 * How soon the work running now must reach the store (issue 13). The embedded PGlite runs
 * one query at a time; its thread serves urgent work (the crisis webhook, an escalation
 * step, a page) before normal work (any other HTTP request, a routine text being stored),
 * and that before background work (routine jobs). Postgres ignores it: its pool runs
 * queries side by side.
 *
 * Carried as async context rather than a parameter because it is a property of the whole
 * call chain (a crisis job's every repository call). Only the urgent gate
 * (src/jobs/urgent-gate.ts) sets it: urgent() for crisis work, routine() for routine jobs.
 */
export type WorkPriority = "urgent" | "normal" | "background";

const context = new AsyncLocalStorage<WorkPriority>();

export function runWithPriority<T>(priority: WorkPriority, work: () => T): T {
  return context.run(priority, work);
}

export function currentPriority(): WorkPriority {
  return context.getStore() ?? "normal";
}
