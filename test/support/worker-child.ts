/**
 * A worker process for tests that must kill one (SIGKILL mid-send). Spawned by
 * worker-process.ts with everything it needs in its environment; it builds the same real
 * ports as the service (Redis, Postgres, the real twilio SDK against the fake), starts
 * the BullMQ workers for WORKER_QUEUES and prints "ready" on stdout.
 *
 * The database must be a Postgres server (DATABASE_URL + DB_SCHEMA): PGlite in memory
 * cannot be shared between processes.
 */
import { Redis } from "ioredis";
import { parseConfig } from "../../src/app/config";
import { createLogger } from "../../src/ports/log";
import type { QueueName } from "../../src/jobs/queues";
import { buildContainer } from "../../src/app/container";
import { openDb } from "../../src/adapters/postgres";
import { startWorkers } from "../../src/jobs/processors";

const env = process.env;
const config = parseConfig(env, "worker");
if (!config.DATABASE_URL) throw new Error("worker-child needs DATABASE_URL (a Postgres server shared with the test)");
if (config.sandbox) throw new Error("worker-child needs TWILIO_* and TWILIO_API_BASE_URL (the fake)");

const log = createLogger(config.LOG_LEVEL, (line) => process.stderr.write(line + "\n"));
const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
const clock = { now: () => new Date() };
const db = await openDb({ databaseUrl: config.DATABASE_URL, schema: env.DB_SCHEMA, clock });
const { deps } = await buildContainer(config, {
  db,
  redis,
  clock,
  log,
  // Long enough that the child is killed while the request is still open.
  twilioTimeoutMs: Number(env.TWILIO_TIMEOUT_MS ?? 60_000),
});
const queues = (env.WORKER_QUEUES ?? "").split(",").filter(Boolean) as QueueName[];
const running = startWorkers(
  deps,
  redis,
  {
    lockDuration: Number(env.WORKER_LOCK_DURATION ?? 1000),
    stalledInterval: Number(env.WORKER_STALLED_INTERVAL ?? 1000),
  },
  queues,
);
await Promise.all(running.workers.map((w) => w.waitUntilReady()));
process.stdout.write("ready\n");

process.once("SIGTERM", () => {
  void running.close().finally(() => process.exit(0));
});
