import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../src/app/config";
import { FlowError, loadFlows } from "../src/content/catalog";
import { createLogger } from "../src/ports/log";
import { connectRedis, RedisUnavailableError } from "../src/adapters/redis";
import { REDIS_URL } from "./support/env";

describe("parseConfig", () => {
  it("defaults to sandbox mode with no Twilio credentials", () => {
    const c = parseConfig({});
    expect(c.sandbox).toBe(true);
    expect(c.REDIS_URL).toBe("redis://127.0.0.1:6379");
    expect(c.SEND_GRACE_MINUTES).toBe(60);
    expect(c.MISSED_CHECKINS_ALERT_AFTER).toBe(2);
  });

  it("names every bad variable at once", () => {
    let message = "";
    try {
      parseConfig({ PORT: "abc", ADMIN_TOKEN: "short", TWILIO_ACCOUNT_SID: "AC123", SEND_GRACE_MINUTES: "-5" });
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      message = (err as Error).message;
    }
    for (const name of ["PORT", "ADMIN_TOKEN", "TWILIO_ACCOUNT_SID", "SEND_GRACE_MINUTES"]) expect(message).toContain(name);
  });

  it("needs all three Twilio variables for live mode", () => {
    const c = parseConfig({ TWILIO_ACCOUNT_SID: "AC1", TWILIO_AUTH_TOKEN: "t", TWILIO_FROM: "+15550001111" });
    expect(c.sandbox).toBe(false);
  });
});

describe("connectRedis", () => {
  it("says exactly what is wrong and how to start Redis when it is not reachable", async () => {
    const err = await connectRedis("redis://127.0.0.1:1", createLogger("silent")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RedisUnavailableError);
    expect((err as Error).message).toMatch(/not reachable at redis:\/\/127\.0\.0\.1:1/);
    expect((err as Error).message).toMatch(/redis-server/);
  });

  it("warns when maxmemory-policy would evict jobs", async () => {
    const lines: string[] = [];
    const probe = await connectRedis(REDIS_URL, createLogger("debug", (l) => lines.push(l)));
    const [, policy] = (await probe.config("GET", "maxmemory-policy")) as string[];
    await probe.quit();
    const warned = lines.some((l) => l.includes("maxmemory-policy"));
    expect(warned).toBe(policy !== "noeviction");
  });
});

describe("loadFlows", () => {
  it("loads the shipped flows", async () => {
    const flows = await loadFlows("flows");
    expect(flows.checkins.daily.trigger).toBe("daily");
    expect(flows.checkins.nightly.trigger).toBe("nightly");
    expect(flows.program.welcome.es).toMatch(/SI/);
  });

  async function copyFlows(edit: (name: string, json: Record<string, unknown>) => void) {
    const dir = await mkdtemp(join(tmpdir(), "flows-"));
    for (const f of await readdir("flows")) {
      const json = JSON.parse(await readFile(join("flows", f), "utf8")) as Record<string, unknown>;
      edit(f, json);
      await writeFile(join(dir, f), JSON.stringify(json));
    }
    return dir;
  }

  it("fails start-up naming the file and field of an unknown template variable", async () => {
    const dir = await copyFlows((f, json) => {
      if (f === "daily-checkin.json") (json.texts as { prompt: { es: string } }).prompt.es = "Hola {nombre}";
    });
    await expect(loadFlows(dir)).rejects.toThrow(FlowError);
    await expect(loadFlows(dir)).rejects.toThrow(/daily-checkin\.json: texts\.prompt\.es/);
  });

  it("fails start-up naming a missing language", async () => {
    const dir = await copyFlows((f, json) => {
      if (f === "nightly-checkin.json") delete (json.texts as { thanks: { en?: string } }).thanks.en;
    });
    await expect(loadFlows(dir)).rejects.toThrow(/nightly-checkin\.json: texts\.thanks\.en/);
  });
});

describe("npm start", () => {
  const ADMIN = "startup-test-admin-token-0123";

  async function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
      const srv = createServer();
      srv.once("error", reject);
      srv.listen(0, "127.0.0.1", () => {
        const { port } = srv.address() as { port: number };
        srv.close(() => resolve(port));
      });
    });
  }

  const portIsFree = (port: number) =>
    new Promise<boolean>((resolve) => {
      const srv = createServer();
      srv.once("error", () => resolve(false));
      srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
    });

  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  /** `npm start` as a newcomer runs it: empty data folder, own port and queue prefix. */
  async function startService() {
    const dataDir = await mkdtemp(join(tmpdir(), "buddyline-start-"));
    const prefix = `bltest_start_${process.pid}_${Date.now()}`;
    const port = await freePort();
    const child = spawn("npm", ["start"], {
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, QUEUE_PREFIX: prefix, REDIS_URL, ADMIN_TOKEN: ADMIN, LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const lines: string[] = [];
    let partial = "";
    const onData = (chunk: Buffer) => {
      const text = partial + chunk.toString();
      const parts = text.split("\n");
      partial = parts.pop()!;
      lines.push(...parts);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once("exit", (code, signal) => resolve({ code, signal })),
    );
    const logged = (msg: string) =>
      lines
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as { msg: string; pid: number })
        .find((l) => l.msg === msg);
    const cleanup = async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      const pid = logged("listening")?.pid;
      if (pid && alive(pid)) process.kill(pid, "SIGKILL");
      await rm(dataDir, { recursive: true, force: true });
      const redis = new Redis(REDIS_URL);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    };
    return { child, port, lines, exited, logged, cleanup };
  }

  async function until<T>(check: () => T | undefined, what: string, child: ChildProcess, timeoutMs = 150_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = check();
      if (v) return v;
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`npm start exited before ${what}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it("listens, answers /health, and stops cleanly when the npm process gets SIGTERM (kill $!)", { timeout: 240_000 }, async () => {
    const s = await startService();
    try {
      const listening = await until(() => s.logged("listening"), "listening", s.child);
      const health = await fetch(`http://127.0.0.1:${s.port}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ ok: true, mode: "sandbox" });
      // The empty data folder was filled from the build's migrated template, and it works.
      expect(s.logged("embedded store created from the build's template")).toBeDefined();
      const peer = await fetch(`http://127.0.0.1:${s.port}/api/peers`, {
        method: "POST",
        headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
        body: JSON.stringify({ name: "Rosa Diaz", timeZone: "America/New_York" }),
      });
      expect(peer.status).toBe(201);
      // npm is not node: the signal must still reach the server (npm start execs node).
      expect(listening.pid).not.toBe(s.child.pid);

      s.child.kill("SIGTERM");
      await s.exited;
      // npm may be gone before node has finished closing: wait for node itself.
      const deadline = Date.now() + 30_000;
      while (alive(listening.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(alive(listening.pid)).toBe(false);
      expect(s.logged("shutting down")).toBeDefined();
      expect(await portIsFree(s.port)).toBe(true);
    } finally {
      await s.cleanup();
    }
  });

  it("stops cleanly when node itself gets SIGINT, and npm exits with it", { timeout: 240_000 }, async () => {
    const s = await startService();
    try {
      const listening = await until(() => s.logged("listening"), "listening", s.child);
      process.kill(listening.pid, "SIGINT");
      const { code } = await s.exited;
      expect(code).toBe(0); // node's clean exit, passed on by npm
      expect(alive(listening.pid)).toBe(false);
      expect(s.logged("shutting down")).toBeDefined();
      expect(await portIsFree(s.port)).toBe(true);
    } finally {
      await s.cleanup();
    }
  });
});
