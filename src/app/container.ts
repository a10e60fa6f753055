import { constants, cpSync, existsSync } from "node:fs";
import { mkdir, readdir, rename, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Redis } from "ioredis";
import { createSandboxNotifications, type NotificationPort } from "../ports/notify";
import { createSandboxSms } from "../adapters/sandbox/sms";
import type { SmsPort } from "../ports/sms";
import { createTwilioSms } from "../adapters/twilio/sms";
import { systemClock, type Clock } from "../ports/clock";
import type { Config } from "./config";
import { loadCadence, type Cadence } from "../content/appointments-config";
import { loadFlows } from "../content/catalog";
import { buildApp } from "./web";
import { createLogger, describeError, type Logger } from "../ports/log";
import { createQueues } from "../jobs/queues";
import { connectRedis } from "../adapters/redis";
import type { Deps } from "../ports/deps";
import { createSlackRuntime, slackSettings, type SlackRuntime } from "../adapters/slack/app";
import { registerSlackListeners } from "../features/peers/slack/register";
import { inTransaction, migrate, openDb, storeFor, type Db } from "../adapters/postgres";
import { createSandboxVoice, createTwilioVoice, type VoicePort } from "../adapters/twilio/voice";

/** What a test, a bench or a child process may swap; everything else comes from config. */
export interface ContainerOverrides {
  clock?: Clock;
  log?: Logger;
  /** An open, migrated connection (tests: a schema of their own). */
  db?: Db;
  redis?: Redis;
  sms?: SmsPort;
  voice?: VoicePort;
  notify?: NotificationPort;
  cadence?: (fromFiles: Cadence) => Cadence;
  /** Twilio request timeout for the SMS adapter (tests kill a worker mid-request). */
  twilioTimeoutMs?: number;
  /** Start-up step timing (main logs each step). */
  step?: <T>(name: string, work: () => Promise<T>) => Promise<T>;
}

export interface Container {
  deps: Deps;
  redis: Redis;
  /** Bolt, when Slack is configured: main starts Socket Mode; HTTP mode is served by the app. */
  slack: SlackRuntime | null;
  /** The Hono app over these deps (one per call: tests build variants). */
  app(): ReturnType<typeof buildApp>;
  /** Closes what the container opened (not what was passed in as an override). */
  close(): Promise<void>;
}

/**
 * The one place adapters are built: main (every role), tests, child processes and
 * benches all call this, so what runs in a test is what runs in production. The deps it
 * returns are not changed afterwards.
 */
export async function buildContainer(config: Config, o: ContainerOverrides = {}): Promise<Container> {
  const log = o.log ?? createLogger(config.LOG_LEVEL);
  const clock = o.clock ?? systemClock;
  const step = o.step ?? ((_name, work) => work());
  // Independent, so together: opening the embedded store (PGlite's WebAssembly start-up;
  // on a first run, copying the build's template) is most of the start-up.
  const [redis, db, flows, cadence] = await Promise.all([
    o.redis ?? step("redis", () => connectRedis(config.REDIS_URL, log)),
    o.db ?? openStore(config, log, clock, step),
    step("flows", () => loadFlows(config.FLOWS_DIR)),
    step("cadence", () => loadCadence(config.FLOWS_DIR)),
  ]);
  const sms =
    o.sms ??
    (config.sandbox
      ? createSandboxSms()
      : createTwilioSms({
          accountSid: config.TWILIO_ACCOUNT_SID!,
          authToken: config.TWILIO_AUTH_TOKEN!,
          from: config.TWILIO_FROM!,
          apiBaseUrl: config.TWILIO_API_BASE_URL,
          statusCallbackUrl: `${config.PUBLIC_URL.replace(/\/$/, "")}/twilio/status`,
          ...(o.twilioTimeoutMs ? { timeoutMs: o.twilioTimeoutMs } : {}),
        }));
  const voice =
    o.voice ??
    (config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN && config.TWILIO_FROM
      ? createTwilioVoice({ accountSid: config.TWILIO_ACCOUNT_SID, authToken: config.TWILIO_AUTH_TOKEN, from: config.TWILIO_FROM, apiBaseUrl: config.TWILIO_API_BASE_URL })
      : createSandboxVoice());
  const queues = createQueues(redis, config.QUEUE_PREFIX);
  const slack = createSlackRuntime({ db, clock, log }, slackSettings(config));
  if (slack) log.info("slack on", { mode: slack.mode, redact: slack.redact });
  const store = storeFor(db);
  const deps: Deps = Object.freeze({
    config,
    db,
    store,
    transaction: <R>(fn: (s: typeof store) => Promise<R>) => inTransaction(db, fn),
    queues,
    sms,
    voice,
    notify: o.notify ?? slack?.notifications ?? createSandboxNotifications(log),
    flows,
    cadence: o.cadence ? o.cadence(cadence) : cadence,
    clock,
    log,
  });
  if (slack) registerSlackListeners(slack, deps);
  return {
    deps,
    redis,
    slack,
    app: () => buildApp(deps, slack),
    async close() {
      await slack?.stop();
      await queues.close();
      if (!o.db) await db.close();
      if (!o.redis) redis.disconnect();
    },
  };
}

async function openStore(config: Config, log: Logger, clock: Clock, step: NonNullable<ContainerOverrides["step"]>) {
  const dataDir = resolve(config.DATA_DIR, "pglite");
  if (!config.DATABASE_URL) {
    await mkdir(resolve(config.DATA_DIR), { recursive: true });
    await step("store seed", () => seedEmbeddedStore(dataDir, log));
  }
  const db = await step("store open", () => openDb({ databaseUrl: config.DATABASE_URL, dataDir, clock, pgliteThread: config.PGLITE_THREAD === "on" }));
  const applied = await step("migrations", () => migrate(db));
  if (applied.length) log.info("migrations applied", { count: applied.length });
  return db;
}

/**
 * A first start in an empty folder copies the initialised empty database that
 * scripts/build.mjs keeps next to the bundle, instead of letting PGlite run initdb (about
 * half of a first start's CPU). Without the template (run through tsx, or a failed copy)
 * PGlite initialises the folder itself, as before.
 */
async function seedEmbeddedStore(dataDir: string, log: Logger) {
  const template = fileURLToPath(new URL("./pglite-template/", import.meta.url));
  if (existsSync(join(dataDir, "PG_VERSION")) || !existsSync(join(template, "PG_VERSION"))) return;
  if (existsSync(dataDir) && (await readdir(dataDir)).length > 0) return; // not a folder we made
  const tmp = `${dataDir}.seeding-${process.pid}`;
  try {
    // cpSync: ~1,100 small files; the synchronous copy costs half the CPU of fs/promises'
    // cp here, and nothing else is being served yet.
    cpSync(template, tmp, { recursive: true, mode: constants.COPYFILE_FICLONE });
    await rm(join(tmp, ".template-key"), { force: true });
    await rm(dataDir, { recursive: true, force: true });
    await rename(tmp, dataDir);
    log.info("embedded store created from the build's template");
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    log.warn("could not copy the embedded store template; PGlite initialises the folder", { error: describeError(err) });
  }
}
