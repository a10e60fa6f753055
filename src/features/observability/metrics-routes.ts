import { Hono, type MiddlewareHandler } from "hono";
import { collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { describeError } from "../../ports/log";
import type { Queues } from "../../jobs/queues";
import type { Deps } from "../../ports/deps";

/**
 * Prometheus metrics for `GET /metrics` (docs: README "Admin API"). Every value that
 * depends on Redis or the store is read at scrape time, so it is never stale; a source that
 * does not answer within SOURCE_TIMEOUT_MS is reported as down instead of hanging the
 * scrape, which is when the numbers matter most.
 *
 * Its own Registry per app (not prom-client's global one): tests build many apps in one
 * process, and two services in one process must not share counters.
 */
const SOURCE_TIMEOUT_MS = 2000;
const JOB_STATES = ["waiting", "active", "delayed", "failed"] as const;

type MetricsDeps = Pick<Deps, "queues" | "store" | "clock" | "log">;

export interface Metrics {
  /** Times a webhook into buddyline_webhook_duration_seconds{route, status}. */
  timeWebhook(route: string): MiddlewareHandler;
  /** GET / → the exposition text (mount behind a token guard). */
  routes: Hono;
}

export function createMetrics(deps: MetricsDeps): Metrics {
  const registry = new Registry();
  const queueJobs = new Gauge({
    name: "buddyline_queue_jobs",
    help: "Jobs per queue and state (waiting includes prioritized)",
    labelNames: ["queue", "state"] as const,
    registers: [registry],
  });
  const oldestUrgent = new Gauge({
    name: "buddyline_sms_urgent_oldest_waiting_seconds",
    help: "Age of the oldest crisis text waiting to be sent (queue sms-urgent); 0 when none waits",
    registers: [registry],
  });
  const cases = new Gauge({
    name: "buddyline_hotline_cases",
    help: "Hotline cases not closed (state=open) and of those the ones nobody has claimed (state=unclaimed)",
    labelNames: ["state"] as const,
    registers: [registry],
  });
  const sourceUp = new Gauge({
    name: "buddyline_metrics_source_up",
    help: "1 if the source answered this scrape (redis: queue metrics; store: case metrics), else 0",
    labelNames: ["source"] as const,
    registers: [registry],
  });
  const webhookSeconds = new Histogram({
    name: "buddyline_webhook_duration_seconds",
    help: "Time from request to response for Twilio webhooks",
    labelNames: ["route", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });

  async function readQueues() {
    const entries = queueEntries(deps.queues);
    const counts = await Promise.all(
      entries.map(([, q]) => q.getJobCounts("wait", "prioritized", "active", "delayed", "failed")),
    );
    // asc=true: the list's far end, i.e. the job that has waited longest.
    const [oldest] = await deps.queues.smsUrgent.getJobs(["wait"], 0, 0, true);
    queueJobs.reset();
    entries.forEach(([, q], i) => {
      const c = counts[i]!;
      const byState = { waiting: (c.wait ?? 0) + (c.prioritized ?? 0), active: c.active ?? 0, delayed: c.delayed ?? 0, failed: c.failed ?? 0 };
      for (const state of JOB_STATES) queueJobs.set({ queue: q.name, state }, byState[state]);
    });
    oldestUrgent.set(oldest ? Math.max(0, (deps.clock.now().getTime() - oldest.timestamp) / 1000) : 0);
  }

  async function readCases() {
    const { open, unclaimed } = await deps.store.cases.countOpen();
    cases.set({ state: "open" }, open);
    cases.set({ state: "unclaimed" }, unclaimed);
  }

  async function refresh(source: "redis" | "store", read: () => Promise<void>, reset: () => void) {
    try {
      await withTimeout(read(), SOURCE_TIMEOUT_MS);
      sourceUp.set({ source }, 1);
    } catch (err) {
      // No stale numbers: a dashboard showing last minute's "0 unclaimed" would mislead.
      reset();
      sourceUp.set({ source }, 0);
      deps.log.warn("metrics source unavailable", { source, error: describeError(err) });
    }
  }

  const routes = new Hono().get("/", async (c) => {
    await Promise.all([
      refresh("redis", readQueues, () => {
        queueJobs.reset();
        oldestUrgent.reset();
      }),
      refresh("store", readCases, () => cases.reset()),
    ]);
    const text = (await registry.metrics()) + (await processRegistry().metrics());
    return c.body(text, 200, { "content-type": registry.contentType });
  });

  return {
    routes,
    timeWebhook(route) {
      return async (c, next) => {
        // A duration of our own work: the monotonic clock, not the injected business Clock
        // (which a test may hold still).
        const t0 = performance.now();
        try {
          await next();
        } finally {
          webhookSeconds.observe({ route, status: String(c.res.status) }, (performance.now() - t0) / 1000);
        }
      };
    },
  };
}

function queueEntries(queues: Queues) {
  return Object.entries(queues).filter((e): e is [string, Queues["inbound"]] => typeof e[1] === "object" && e[1] !== null && "getJobCounts" in e[1]);
}

/** Process metrics (memory, CPU, event-loop lag): one collector per process, shared by every app. */
let processMetrics: Registry | null = null;
function processRegistry(): Registry {
  if (!processMetrics) {
    processMetrics = new Registry();
    collectDefaultMetrics({ register: processMetrics, prefix: "buddyline_" });
  }
  return processMetrics;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
