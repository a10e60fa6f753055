/**
 * Running the built service (`node dist/main.js`, as `npm start` does) and the other
 * bench servers as their own processes: build, spawn, wait for readiness, read their CPU
 * from /proc, private Postgres databases and data folders, and cleanup.
 */
import { spawn, spawnSync, fork, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

export const ROOT = new URL("..", import.meta.url).pathname;
/**
 * Where the service under test is built and run from: this tree, or BENCH_SERVICE_DIR (an
 * export of another commit with node_modules linked, for a before/after on the same machine).
 */
export const SERVICE_DIR = process.env.BENCH_SERVICE_DIR ?? ROOT;

/** `npm run build`: dist/main.js and the empty-store template, from the current src/. */
export function buildService(): void {
  const r = spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: SERVICE_DIR, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`build failed:\n${r.stdout}\n${r.stderr}`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface Proc {
  child: ChildProcess;
  pid: number;
  output(): string;
  /** SIGTERM, then SIGKILL after 5 s; resolves when it has exited. */
  stop(): Promise<void>;
}

function track(child: ChildProcess): Proc {
  let out = "";
  child.stdout?.setEncoding("utf8").on("data", (d: string) => (out = (out + d).slice(-20_000)));
  child.stderr?.setEncoding("utf8").on("data", (d: string) => (out = (out + d).slice(-20_000)));
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  return {
    child,
    pid: child.pid!,
    output: () => out,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * How `npm start` runs node (package.json): its environment assignments and node flags,
 * so the spawned service has the same memory settings a user gets.
 */
export function startCommand(): { env: Record<string, string>; flags: string[] } {
  const start = (JSON.parse(readFileSync(join(SERVICE_DIR, "package.json"), "utf8")) as { scripts: { start: string } }).scripts.start;
  const m = /exec\s+node\s+(.*?)\s*dist\/main\.js/.exec(start);
  const before = start.slice(0, start.indexOf("exec node")).split("&&").pop() ?? "";
  const env = Object.fromEntries(before.trim().split(/\s+/).filter((kv) => /^[A-Z_]+=/.test(kv)).map((kv) => kv.split("=", 2) as [string, string]));
  return { env, flags: (m?.[1] ?? "").split(/\s+/).filter(Boolean) };
}

/** BENCH_CHILD_ENV="PGLITE_THREAD=off …" adds variables to the service's environment (to compare settings). */
export const benchChildEnv = (): Record<string, string> =>
  Object.fromEntries((process.env.BENCH_CHILD_ENV ?? "").split(" ").filter(Boolean).map((kv) => kv.split("=", 2) as [string, string]));
/** BENCH_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof" adds flags, e.g. to profile the service under a bench. */
const extraNodeFlags = () => (process.env.BENCH_NODE_FLAGS ?? "").split(" ").filter(Boolean);

/** The built service as its own process; resolves once GET /health answers. */
export async function startService(env: Record<string, string>, args: string[] = []): Promise<Proc & { url: string }> {
  const port = await freePort();
  const npmStart = startCommand();
  const child = spawn(process.execPath, [...npmStart.flags, ...extraNodeFlags(), "dist/main.js", ...args], {
    cwd: SERVICE_DIR,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...npmStart.env, ...env, ...benchChildEnv(), PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const p = track(child);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`service exited during start-up (${child.exitCode}):\n${p.output()}`);
    const ok = await fetch(`${url}/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      await p.stop();
      throw new Error(`service not healthy within 90 s:\n${p.output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { ...p, url };
}

/** A TypeScript bench server (e.g. bench/durable-floor.ts) as its own process; waits for "listening <port>". */
export async function startTsServer(file: string, env: Record<string, string>): Promise<Proc & { port: number }> {
  const child = spawn(process.execPath, ["--import", "tsx", file], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const p = track(child);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${file} not listening within 30 s:\n${p.output()}`)), 30_000);
    child.stdout!.on("data", () => {
      const m = /listening (\d+)/.exec(p.output());
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${file} exited (${code}):\n${p.output()}`));
    });
  });
  return { ...p, port };
}

/** A forked TypeScript module answering `{id, cmd}` messages with `{id, value | error}` (bench/loadgen.ts). */
export async function forkWorker(file: string) {
  const child = fork(join(ROOT, file), [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextId = 1;
  await new Promise<void>((resolve, reject) => {
    child.once("error", reject);
    child.on("message", (m: { id: number; value?: unknown; error?: string }) => {
      if (m.id === 0) return resolve();
      const w = waiting.get(m.id);
      waiting.delete(m.id);
      if (m.error) w?.reject(new Error(m.error));
      else w?.resolve(m.value);
    });
  });
  return {
    pid: child.pid!,
    call<T>(cmd: unknown): Promise<T> {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ id, cmd });
      });
    },
    async close() {
      const exited = new Promise<void>((r) => child.once("exit", () => r()));
      child.send({ id: -1, cmd: "exit" });
      const t = setTimeout(() => child.kill("SIGKILL"), 3000);
      await exited;
      clearTimeout(t);
    },
  };
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

/** Peak resident set (VmHWM) in MB. */
export function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** A private database on the test server (trust auth), dropped by `drop()`. */
export async function privateDatabase(adminUrl: string): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `h7bench_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    name,
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function privateDataDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "h7bench-"));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
