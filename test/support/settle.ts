import type { App } from "@slack/bolt";
import type { Job, Queue } from "bullmq";
import type { QueueName, Queues } from "../../src/jobs/queues";
import type { Db } from "../../src/adapters/postgres";
import { waitFor } from "./harness";

/**
 * Waiting for observable events instead of sleeping. A test that must show something did
 * NOT happen first waits until the work that would have done it has demonstrably finished
 * (its jobs ran, its listener returned), then looks for the absence.
 */

const RUNNABLE = ["waiting", "active", "prioritized", "waiting-children", "paused"] as const;

/** Jobs of `queue` still to run: waiting or active, or delayed but already due (a retry's backoff). */
async function pendingJobs(queue: Queue): Promise<Job[]> {
  const now = Date.now(); // BullMQ schedules on this process's clock, as the workers do
  const jobs = [
    ...(await queue.getJobs([...RUNNABLE])),
    ...(await queue.getJobs(["delayed"])).filter((j) => j.timestamp + (j.delay ?? j.opts.delay ?? 0) <= now + 250),
  ];
  return jobs.filter(Boolean);
}

/** Until the job `id` has completed or failed; returns which. */
export function jobFinished(queue: Queue, id: string, timeoutMs = 15_000): Promise<"completed" | "failed"> {
  return waitFor(
    async () => {
      const state = await queue.getJobState(id);
      return state === "completed" || state === "failed" ? state : null;
    },
    timeoutMs,
    `job ${id} on ${queue.name} finished`,
  );
}

/**
 * Until everything in flight has finished: every Slack listener returned, every stored
 * inbound text processed (when the inbound queue is watched), and no watched queue with a
 * runnable job, seen twice in a row with no job finishing in between (a job that ends by
 * enqueueing another cannot slip through).
 * `only`: the queues that matter here; leave out queues without a worker in this test
 * (they never drain) and, while a crisis case is open, its paging chain (hotline,
 * sms-urgent), which keeps running on its own schedule.
 */
export async function quiet(
  h: { db: Db; deps: { queues: Queues }; slackIdle?: () => Promise<void> },
  opts: { only?: QueueName[]; timeoutMs?: number } = {},
): Promise<void> {
  const queues = Object.values(h.deps.queues).filter(
    (q): q is Queue => typeof q === "object" && q !== null && "getJobs" in q && (!opts.only || opts.only.includes(q.name as QueueName)),
  );
  const finished = async () => {
    let n = 0;
    for (const q of queues) {
      const c = await q.getJobCounts("completed", "failed");
      n += (c.completed ?? 0) + (c.failed ?? 0);
    }
    return n;
  };
  const watchesInbound = queues.some((q) => q.name === "inbound");
  let lastBusy = "";
  const busy = async () => {
    await h.slackIdle?.();
    if (watchesInbound) {
      const { rows } = await h.db.query<{ n: number }>("select count(*)::int as n from inbound_messages where processed_at is null");
      if (rows[0]!.n > 0) return (lastBusy = `${rows[0]!.n} inbound text(s) not processed`), true;
    }
    for (const q of queues) {
      const jobs = await pendingJobs(q);
      if (jobs.length > 0) return (lastBusy = `${q.name}: ${jobs.map(describeJob).join(", ")}`), true;
    }
    return false;
  };
  try {
    await waitFor(
      async () => {
        const before = await finished();
        if (await busy()) return false;
        const after = await finished();
        return after === before && !(await busy()) && (await finished()) === after;
      },
      opts.timeoutMs ?? 20_000,
      "all work finished",
    );
  } catch (err) {
    throw new Error(`${(err as Error).message} (still pending: ${lastBusy || "jobs kept finishing"})`);
  }
}

const describeJob = (j: Job) => `${j.name} ${j.id} (attempts ${j.attemptsMade}, due in ${j.timestamp + (j.delay ?? 0) - Date.now()} ms)`;

/**
 * Counts Bolt's processing of each request (HTTP mode acks first and keeps working after
 * the answer), so a test can wait until every listener has returned. Calls through.
 */
export function trackListeners(app: App): () => Promise<void> {
  const inFlight = new Set<Promise<unknown>>();
  const processEvent = app.processEvent.bind(app);
  app.processEvent = (event) => {
    const run = processEvent(event);
    const tracked = run.catch(() => undefined).finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
    return run;
  };
  return async () => {
    while (inFlight.size > 0) await Promise.all([...inFlight]);
  };
}

/**
 * When BullMQ will run a delayed job, on the test's clock: its due time on this process's
 * clock (added at + delay), shifted by the test clock's offset. Checks "planned for the
 * right instant" without depending on how late a busy machine actually ran it.
 */
export async function scheduledFor(job: Job, clock: { now(): Date }): Promise<Date> {
  // A job moved with changeDelay keeps its first timestamp; its due time is the delayed
  // set's score (ms × 4096 + a counter), so read that while the job is still delayed.
  const q = (job as unknown as { queue: { client: Promise<{ zscore(k: string, m: string): Promise<string | null> }>; keys: { delayed: string } } }).queue;
  const score = await (await q.client).zscore(q.keys.delayed, job.id!);
  const due = score !== null ? Math.floor(Number(score) / 4096) : job.timestamp + (job.opts.delay ?? 0);
  return new Date(due + (clock.now().getTime() - Date.now()));
}
