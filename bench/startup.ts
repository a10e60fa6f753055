/**
 * Start-up: time from spawning `npm start` to its "listening" log line, with an empty
 * data folder and a fresh queue prefix each run (the first start a newcomer sees), then
 * SIGTERM to the spawned process and the time until it has exited and freed its port.
 *
 *   npx tsx bench/startup.ts [--runs 3] [--command "npm start"]
 *
 * Target (issue 9): listening in <= 5 s on a quiet machine. Each run prints the load
 * average, because the box is shared and a start-up is mostly CPU-bound work.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Redis } from "ioredis";
import { fmt, heading, machineLine, median, verdict, type BenchResult } from "./lib";

const TARGET_SECONDS = 5;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

interface RunResult {
  listeningSeconds: number;
  /** The node process' own view: ms from its start to listening (excludes npm and the build). */
  nodeStartupMs: number;
  /**
   * CPU seconds (user + system) up to listening, of the spawned process and the node that
   * serves (with the build it waited for): much less load-dependent than wall time, and
   * about what a quiet machine's wall time would be (start-up is mostly one thread).
   */
  cpuSeconds: number;
  /** Start-up steps as logged at debug level (name → ms). */
  steps: string;
  exitSeconds: number;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  portFreed: boolean;
}

async function oneRun(command: string, redisUrl: string): Promise<RunResult> {
  const dataDir = await mkdtemp(join(tmpdir(), "buddyline-start-"));
  const prefix = `benchstart_${process.pid}_${Date.now()}`;
  const port = await freePort();
  const [bin, ...args] = command.split(" ");
  const started = performance.now();
  const child = spawn(bin!, args, {
    env: {
      ...process.env,
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATA_DIR: dataDir,
      QUEUE_PREFIX: prefix,
      REDIS_URL: redisUrl,
      ADMIN_TOKEN: "bench-startup-admin-token-0123",
      LOG_LEVEL: "debug",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const listening = new Promise<{ at: number; cpu: number }>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split("\n").find((l) => l.includes('"msg":"listening"'));
      if (line) {
        const nodePid = (JSON.parse(line) as { pid: number }).pid;
        const cpu = cpuSeconds(nodePid, true) + (nodePid === child.pid ? 0 : cpuSeconds(child.pid!, false));
        resolve({ at: performance.now(), cpu });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    void exited.then(({ code }) => reject(new Error(`exited (${code}) before listening:\n${output.slice(-2000)}`)));
  });
  try {
    const { at, cpu } = await listening;
    const logged = output.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Record<string, unknown>);
    const nodeStartupMs = Number(logged.find((l) => l.msg === "listening")?.startupMs);
    const steps = logged
      .filter((l) => l.msg === "start-up step")
      .map((l) => `${String(l.step)} ${String(l.ms)}`)
      .join(", ");
    const stopAt = performance.now();
    child.kill("SIGTERM");
    const { code, signal } = await exited;
    const exitSeconds = (performance.now() - stopAt) / 1000;
    return { listeningSeconds: (at - started) / 1000, nodeStartupMs, cpuSeconds: cpu, steps, exitSeconds, exitCode: code, signal, portFreed: await portIsFree(port) };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await rm(dataDir, { recursive: true, force: true });
    await dropPrefix(redisUrl, prefix);
  }
}

/**
 * utime + stime of a live process (and, with `children`, of the children it has waited
 * for: the build that ran before `exec node`), from /proc (Linux; NaN elsewhere).
 */
function cpuSeconds(pid: number, children: boolean): number {
  try {
    // Fields after the ")" that ends the command name: utime, stime, cutime, cstime are 14–17.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ").map(Number);
    return (f[11]! + f[12]! + (children ? f[13]! + f[14]! : 0)) / 100; // USER_HZ is 100 on Linux
  } catch {
    return NaN;
  }
}

/** The run installed schedules under its own prefix; leave Redis as it was. */
async function dropPrefix(redisUrl: string, prefix: string) {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}

export async function run(opts: { runs?: number; command?: string } = {}): Promise<BenchResult> {
  const runs = opts.runs ?? 3;
  const command = opts.command ?? "npm start";
  const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  const lines: string[] = [`command: ${command} (fresh DATA_DIR and QUEUE_PREFIX per run, embedded store)`];
  const times: number[] = [];
  const cpus: number[] = [];
  for (let i = 1; i <= runs; i++) {
    const r = await oneRun(command, redisUrl);
    times.push(r.listeningSeconds);
    cpus.push(r.cpuSeconds);
    lines.push(
      `run ${i}: listening after ${fmt(r.listeningSeconds)} s (node: ${fmt(r.nodeStartupMs / 1000)} s from its start, ` +
        `${fmt(r.cpuSeconds)} CPU s in all; steps ms: ${r.steps}); SIGTERM → exit ${fmt(r.exitSeconds)} s ` +
        `(code ${r.exitCode}, signal ${r.signal ?? "none"}), port freed: ${r.portFreed ? "yes" : "NO"}; ${machineLine()}`,
    );
  }
  const med = median(times);
  const met = med <= TARGET_SECONDS;
  const summary =
    `start-up to listening: median ${fmt(med)} s of ${runs}, median CPU ${fmt(median(cpus))} s ` +
    `(target <= ${TARGET_SECONDS} s on a quiet machine): ${verdict(met)}`;
  lines.push(summary);
  heading("start-up", lines);
  return { name: "startup", summary: [summary], met };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { runs: { type: "string", default: "3" }, command: { type: "string", default: "npm start" } } });
  run({ runs: Number(values.runs), command: values.command }).then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
