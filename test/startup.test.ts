import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../src/config";
import { FlowError, loadFlows } from "../src/flows/catalog";
import { createLogger } from "../src/log";
import { connectRedis, RedisUnavailableError } from "../src/redis";
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
