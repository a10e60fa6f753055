/**
 * The built service (dist/main.js, built for this run in a folder of its own) as separate
 * `--role web` / `--role worker` processes that the chaos run can SIGKILL and restart.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, type WriteStream } from "node:fs";

export interface ServiceProcess {
  name: string;
  role: "web" | "worker";
  port: number | null;
  /** Starts it and resolves when it is ready (web: /health answers; worker: its start-up plan is done). */
  start(): Promise<void>;
  /** SIGKILL: no shutdown, BullMQ locks stay until they expire. */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL after 5 s: for the end of the run. */
  stop(): Promise<void>;
  /** Unexpected exits (code or signal), for the report. */
  crashes: string[];
}

/** Start-up is ~2 s on a quiet machine; 24 s was seen at load 20 on 2 cores. */
const READY_TIMEOUT_MS = 90_000;

export function serviceProcess(opts: {
  name: string;
  role: "web" | "worker";
  /** Where the service runs (its flows/ folder). */
  cwd: string;
  mainJs: string;
  env: Record<string, string>;
  port: number | null;
  logFile: string;
}): ServiceProcess {
  let child: ChildProcess | null = null;
  let expectingExit = false;
  const crashes: string[] = [];
  let log: WriteStream | null = null;

  const waitExit = (c: ChildProcess) => (c.exitCode !== null || c.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => c.once("exit", () => r())));

  const self: ServiceProcess = {
    name: opts.name,
    role: opts.role,
    port: opts.port,
    crashes,
    async start() {
      expectingExit = false;
      log ??= createWriteStream(opts.logFile, { flags: "a" });
      const c = spawn(process.execPath, ["--enable-source-maps", opts.mainJs, "--role", opts.role], {
        cwd: opts.cwd,
        env: { ...opts.env, ...(opts.port ? { PORT: String(opts.port) } : {}) },
        stdio: ["ignore", "pipe", "pipe"],
      });
      child = c;
      let planned = false;
      let listening = false;
      let tail = "";
      const onData = (d: Buffer) => {
        log!.write(d);
        tail = (tail + d.toString("utf8")).slice(-4000);
        if (!planned && /"check-ins planned"|"start-up plan failed"/.test(tail)) planned = true;
        if (!listening && /"msg":"listening"/.test(tail)) listening = true;
      };
      c.stdout!.on("data", onData);
      c.stderr!.on("data", onData);
      c.once("exit", (code, signal) => {
        if (!expectingExit) crashes.push(`${opts.name} exited (${signal ?? code}) at ${new Date().toISOString()}`);
      });
      const deadline = Date.now() + READY_TIMEOUT_MS;
      for (;;) {
        if (c.exitCode !== null || c.signalCode !== null) throw new Error(`${opts.name} exited during start-up:\n${tail}`);
        if (Date.now() > deadline) throw new Error(`${opts.name} not ready after ${READY_TIMEOUT_MS} ms:\n${tail}`);
        // A web process is ready when it says "listening" and /health answers (on a
        // saturated machine an answer can take seconds: healthy() waits up to 5 s).
        if (opts.role === "worker" ? planned : listening && (await healthy(opts.port!))) return;
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async kill() {
      const c = child;
      if (!c) return;
      expectingExit = true;
      c.kill("SIGKILL");
      await waitExit(c);
      child = null;
    },
    async stop() {
      const c = child;
      if (!c) return;
      expectingExit = true;
      c.kill("SIGTERM");
      const t = setTimeout(() => c.kill("SIGKILL"), 5000);
      await waitExit(c);
      clearTimeout(t);
      child = null;
      log?.end();
      log = null;
    },
  };
  return self;
}

async function healthy(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(5000) });
    return res.status === 200;
  } catch {
    return false;
  }
}
