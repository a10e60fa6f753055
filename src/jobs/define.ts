import { DelayedError, UnrecoverableError, type Job, type JobsOptions, type Queue } from "bullmq";

/** For step jobs and permanent failures in use cases, which do not import bullmq themselves. */
export { DelayedError, UnrecoverableError, type Job } from "bullmq";
import type { Redis } from "ioredis";
import type { z } from "zod";

/**
 * Puts the running job back to sleep until `at` on the injected clock (`now`), then stops
 * this attempt. BullMQ counts delays on the machine's clock, which the injected one may
 * not match (tests move it), so the wait is passed as "in N ms", never as `at` itself.
 */
export async function sleepUntil(job: Job, token: string | undefined, at: Date, now: Date): Promise<never> {
  await job.moveToDelayed(Date.now() + Math.max(0, at.getTime() - now.getTime()), token);
  throw new DelayedError();
}

/**
 * One job kind, defined once: the queue it lives on, its name, the payload schema that
 * producers and processors both parse with, the retry policy, and the rule that turns a
 * payload into its job id (a business key, so adding the same work twice is a no-op).
 */
export interface JobDefinition<Q extends string = string, S extends z.ZodType = z.ZodType> {
  queue: Q;
  name: string;
  payload: S;
  /** The business key; undefined lets BullMQ number it (work that may repeat, e.g. a plan request). */
  id(p: z.infer<S>): string | undefined;
  options: Pick<JobsOptions, "attempts" | "backoff" | "priority">;
}

export function defineJob<Q extends string, S extends z.ZodType>(def: JobDefinition<Q, S>): JobDefinition<Q, S> {
  return def;
}

export type PayloadOf<D extends JobDefinition> = z.infer<D["payload"]>;

/** What BullMQ's add/addBulk take for one job of `def`; the payload is validated here, before Redis sees it. */
export function jobRequest<D extends JobDefinition>(def: D, data: PayloadOf<D>, extra: Pick<JobsOptions, "delay" | "priority"> = {}) {
  const parsed = def.payload.parse(data) as PayloadOf<D>;
  const id = def.id(parsed);
  return { queue: def.queue as D["queue"], name: def.name, data: parsed, opts: { ...def.options, ...extra, ...(id === undefined ? {} : { jobId: id }) } };
}

/** The queues by catalog key (src/jobs/queues.ts createQueues). */
type QueueSet = object;
const queueFor = (queues: QueueSet, def: JobDefinition): Queue => {
  const q = (queues as Record<string, Queue | undefined>)[def.queue];
  if (!q) throw new Error(`no queue ${def.queue} for job ${def.name}`);
  return q;
};

export async function enqueue<D extends JobDefinition>(queues: QueueSet, def: D, data: PayloadOf<D>, extra?: Pick<JobsOptions, "delay" | "priority">) {
  const r = jobRequest(def, data, extra);
  await queueFor(queues, def).add(r.name, r.data, r.opts);
}

export async function enqueueMany<D extends JobDefinition>(queues: QueueSet, def: D, items: { data: PayloadOf<D>; delay?: number; priority?: number }[]) {
  if (!items.length) return;
  await queueFor(queues, def).addBulk(items.map((i) => jobRequest(def, i.data, { delay: i.delay, priority: i.priority })));
}

/**
 * Adds the job to run `delayMs` from now, or moves the one already waiting (BullMQ's
 * changeDelay, with its payload updated) when the time or payload changed. A job that is
 * already running or done is left alone: processors re-check what they act on.
 * Returns whether anything was added or moved.
 */
export async function scheduleIn<D extends JobDefinition>(queues: QueueSet, def: D, data: PayloadOf<D>, delayMs: number): Promise<boolean> {
  const r = jobRequest(def, data, { delay: Math.max(0, delayMs) });
  const q = queueFor(queues, def);
  const id = (r.opts as { jobId?: string }).jobId;
  if (id === undefined) throw new Error(`${def.name}: scheduleIn needs a job id rule`);
  const existing = await q.getJob(id);
  if (!existing) {
    await q.add(r.name, r.data, r.opts);
    return true;
  }
  if (JSON.stringify(existing.data) === JSON.stringify(r.data)) return false;
  if (!(await existing.isDelayed())) return false;
  await existing.updateData(r.data);
  await existing.changeDelay(r.opts.delay!);
  return true;
}

/**
 * scheduleIn for many jobs of one kind at once (the periodic safety-net planners): one
 * Redis round trip reads the payloads already stored under their ids, one addBulk adds the
 * missing ones, and only a job whose payload changed (rare: a changed schedule) is moved
 * one by one. At 100k participants one getJob each was 100k round trips and as many job
 * objects built only to be compared. Returns how many were added or moved.
 */
export async function scheduleManyIn<D extends JobDefinition>(queues: QueueSet, def: D, items: { data: PayloadOf<D>; delayMs: number }[]): Promise<number> {
  if (!items.length) return 0;
  const q = queueFor(queues, def);
  const requests = items.map((i) => ({ item: i, r: jobRequest(def, i.data, { delay: Math.max(0, i.delayMs) }) }));
  // BullMQ types its client loosely; it is an ioredis client.
  const pipeline = ((await q.client) as unknown as Redis).pipeline();
  for (const { r } of requests) {
    const id = (r.opts as { jobId?: string }).jobId;
    if (id === undefined) throw new Error(`${def.name}: scheduleManyIn needs a job id rule`);
    // BullMQ keeps a job's payload as JSON in the field "data" of the hash at toKey(id).
    pipeline.hget(q.toKey(id), "data");
  }
  const stored = ((await pipeline.exec()) ?? []).map(([err, v]) => {
    if (err) throw err;
    return v as string | null;
  });
  const missing = requests.filter((_, i) => stored[i] === null);
  const changed = requests.filter((x, i) => stored[i] !== null && stored[i] !== JSON.stringify(x.r.data));
  if (missing.length) await q.addBulk(missing.map((x) => x.r));
  let moved = 0;
  for (const { item } of changed) if (await scheduleIn(queues, def, item.data, item.delayMs)) moved++;
  return missing.length + moved;
}

/** A processor for one job kind: gets the parsed payload and the BullMQ job (for step jobs). */
export interface JobHandler<D extends JobDefinition = JobDefinition> {
  def: D;
  run(data: PayloadOf<D>, job: Job, token?: string): Promise<unknown>;
}

export function handle<D extends JobDefinition>(def: D, run: JobHandler<D>["run"]): JobHandler<D> {
  return { def, run };
}

/** One BullMQ processor for a queue: dispatches on job name, parses the payload first. */
export function dispatcher(queueName: string, handlers: readonly JobHandler[]) {
  const byName = new Map(handlers.filter((h) => h.def.queue === queueName).map((h) => [h.def.name, h]));
  return async (job: Job, token?: string) => {
    const h = byName.get(job.name);
    if (!h) throw new UnrecoverableError(`no handler for job ${job.name} on ${queueName}`);
    return h.run(h.def.payload.parse(job.data), job, token);
  };
}
