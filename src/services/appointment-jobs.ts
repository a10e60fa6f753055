import type { Queue } from "bullmq";
import type { Deps } from "./deps";

const JOB_OPTS = { attempts: 5, backoff: { type: "exponential" as const, delay: 2000 } };

/**
 * Adds a delayed job, or moves one still waiting for another time. A job already running
 * or done is left alone: its processor re-checks the appointment's revision.
 */
export async function addOrMove(queue: Queue, name: string, data: Record<string, unknown>, id: string, at: Date, deps: Pick<Deps, "clock">) {
  const existing = await queue.getJob(id);
  if (existing) {
    if (existing.data.sendAt === data.sendAt) return;
    if (!(await existing.isDelayed())) return;
    await existing.remove();
  }
  await queue.add(name, data, { ...JOB_OPTS, jobId: id, delay: Math.max(0, at.getTime() - deps.clock.now().getTime()) });
}
