import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chownSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer, createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Private Redis and Postgres servers that a test can really kill and restart, so an
 * outage is an outage (refused connections, lost state), not a stub.
 */

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = createConnection({ port, host: "127.0.0.1" });
    sock.once("connect", () => {
      sock.destroy();
      resolve(true);
    });
    sock.once("error", () => resolve(false));
  });
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface PrivateRedis {
  url: string;
  /** SIGSTOP: connections stay open, no command is answered. */
  freeze(): void;
  thaw(): void;
  /** SIGKILL: no shutdown save, connections drop at once. */
  kill(): Promise<void>;
  /** Starts it again on the same port (empty without `aofDir`; with it, from the AOF). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * `aofDir`: persist as production should (AOF, fsync every second, noeviction) in that
 * folder, so a restart keeps what was written up to about a second before a SIGKILL
 * (the chaos run, bench/chaos). Without it: no persistence, a restart comes back empty.
 */
export async function startPrivateRedis(opts: { aofDir?: string } = {}): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const persistence = opts.aofDir
    ? ["--appendonly", "yes", "--appendfsync", "everysec", "--dir", opts.aofDir, "--maxmemory-policy", "noeviction"]
    : ["--appendonly", "no"];
  const start = async () => {
    child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", ...persistence, "--loglevel", "warning"], {
      stdio: "ignore",
    });
    await until(() => portAnswers(port), 10_000, "private redis to listen");
  };
  const kill = async () => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once("exit", r));
    c.kill("SIGKILL");
    await exited;
    child = null;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    freeze: () => child?.kill("SIGSTOP"),
    thaw: () => child?.kill("SIGCONT"),
    kill,
    start,
    stop: kill,
  };
}

export interface PrivatePostgres {
  url: string;
  /** SIGSTOP to the postmaster and every backend: connections stay open, nothing answers. */
  freeze(): void;
  thaw(): void;
  /** Immediate shutdown (SIGQUIT to the postmaster): no checkpoint, crash recovery on start. */
  kill(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

function pgBin(name: string): string {
  const versions = readdirSync("/usr/lib/postgresql").sort((a, b) => Number(b) - Number(a));
  return `/usr/lib/postgresql/${versions[0]}/bin/${name}`;
}

/** Postgres refuses to run as root: run its tools as the postgres user when we are root. */
function asPostgres(args: string[]) {
  const argv = process.getuid?.() === 0 ? ["runuser", "-u", "postgres", "--", ...args] : args;
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${args[0]} failed: ${r.stderr || r.stdout}`);
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "buddyline-pg-"));
  if (process.getuid?.() === 0) {
    const pw = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
    const gid = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
    chownSync(dir, Number(pw.stdout.trim()), Number(gid.stdout.trim()));
  }
  const data = join(dir, "data");
  asPostgres([pgBin("initdb"), "-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
  const start = async () => {
    asPostgres([
      pgBin("pg_ctl"),
      "-D",
      data,
      "-l",
      join(dir, "log"),
      "-o",
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`,
      "-w",
      "-t",
      "30",
      "start",
    ]);
  };
  const kill = async () => {
    try {
      readFileSync(join(data, "postmaster.pid"));
    } catch {
      return; // not running
    }
    asPostgres([pgBin("pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop"]);
    await until(async () => !(await portAnswers(port)), 10_000, "private postgres to stop");
  };
  // Only this cluster's processes: the postmaster named in its pid file and its children.
  const clusterPids = (): number[] => {
    const postmaster = Number(readFileSync(join(data, "postmaster.pid"), "utf8").split("\n")[0]);
    const children = spawnSync("ps", ["-o", "pid=", "--ppid", String(postmaster)], { encoding: "utf8" })
      .stdout.split("\n")
      .map((l) => Number(l.trim()))
      .filter((n) => n > 0);
    return [...children, postmaster];
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    freeze() {
      for (const pid of clusterPids()) process.kill(pid, "SIGSTOP");
    },
    thaw() {
      for (const pid of clusterPids().reverse()) process.kill(pid, "SIGCONT");
    },
    kill,
    start,
    async stop() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
