import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { QueueName } from "../../src/jobs/queues";
import { fakeClockEnv } from "./any-date";
import { TEST_DATABASE_URL } from "./env";
import type { Harness } from "./harness";

const CHILD_SCRIPT = fileURLToPath(new URL("./worker-child.ts", import.meta.url));

export interface WorkerProcess {
  child: ChildProcess;
  /** What the child wrote to stderr (its JSON logs), for failure messages. */
  stderr(): string;
  /** Kills the process at once (no graceful close: locks stay until they expire). */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts BullMQ workers for `queues` in a separate Node process that shares this harness's
 * Redis prefix, Postgres schema and fake Twilio, and resolves once they are ready.
 * The harness must use `db: "postgres"`.
 */
export async function spawnWorkerProcess(
  h: Harness,
  queues: QueueName[],
  opts: { lockDuration?: number; stalledInterval?: number; readyTimeoutMs?: number } = {},
): Promise<WorkerProcess> {
  if (h.db.kind !== "postgres") throw new Error("a worker process needs the Postgres test database (PGlite cannot be shared)");
  if (!h.fakeTwilio) throw new Error("a worker process needs the fake Twilio");
  const { rows } = await h.db.query<{ schema: string }>("select current_schema() as schema");
  const c = h.deps.config;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    ...fakeClockEnv(), // the child shares this process's clock, faked or not
    REDIS_URL: c.REDIS_URL,
    QUEUE_PREFIX: c.QUEUE_PREFIX,
    DATABASE_URL: TEST_DATABASE_URL,
    DB_SCHEMA: rows[0]!.schema,
    TWILIO_ACCOUNT_SID: c.TWILIO_ACCOUNT_SID!,
    TWILIO_AUTH_TOKEN: c.TWILIO_AUTH_TOKEN!,
    TWILIO_FROM: c.TWILIO_FROM!,
    TWILIO_API_BASE_URL: h.fakeTwilio.url,
    SMS_MAX_PER_SECOND: String(c.SMS_MAX_PER_SECOND),
    FLOWS_DIR: c.FLOWS_DIR,
    LOG_LEVEL: "debug",
    WORKER_QUEUES: queues.join(","),
    WORKER_LOCK_DURATION: String(opts.lockDuration ?? 1000),
    WORKER_STALLED_INTERVAL: String(opts.stalledInterval ?? 1000),
    HOTLINE_ESCALATE_AFTER_SECONDS: String(c.HOTLINE_ESCALATE_AFTER_SECONDS),
    HOTLINE_REPEAT_EVERY_SECONDS: String(c.HOTLINE_REPEAT_EVERY_SECONDS),
  };
  const child = spawn(process.execPath, ["--import", "tsx", CHILD_SCRIPT], {
    cwd: process.cwd(),
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  let out = "";
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (err += d));
  const exited = new Promise<void>((r) => child.once("exit", () => r()));

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`worker process not ready in time:\n${err}`));
    }, opts.readyTimeoutMs ?? 20_000);
    child.stdout!.setEncoding("utf8").on("data", (d: string) => {
      out += d;
      if (out.includes("ready\n")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`worker process exited before ready (${code ?? signal}):\n${err}`));
    });
  });

  return {
    child,
    stderr: () => err,
    async kill(signal: NodeJS.Signals = "SIGKILL") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
