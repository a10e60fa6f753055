import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import twilio from "twilio";
import { createSandboxSms } from "../../src/adapters/sandbox/sms";
import { createTwilioSms } from "../../src/adapters/twilio/sms";
import type { Clock } from "../../src/ports/clock";
import { parseConfig, type Config } from "../../src/app/config";
import { createLogger } from "../../src/ports/log";
import type { QueueName } from "../../src/jobs/queues";
import { storeFor } from "../../src/adapters/postgres";
import { startWorkers, type RunningWorkers, type WorkerTuning } from "../../src/jobs/processors";
import { openTestDb, type DbKind } from "./db";
import { REDIS_URL } from "./env";
import { startFakeTwilio, type FakeTwilio } from "./fake-twilio";
import { slackTestEnv, startFakeSlack, type FakeSlack } from "./fake-slack";
import { trackListeners } from "./settle";
import { buildContainer } from "../../src/app/container";
import type { NotificationPort } from "../../src/ports/notify";
import type { Cadence } from "../../src/content/appointments-config";

export const ADMIN_TOKEN = "test-admin-token-0123456789";
export const TWILIO_AUTH_TOKEN = "test-twilio-auth-token";
export const PROGRAM_NUMBER = "+15550001111";
export const PUBLIC_URL = "https://buddyline.example.org";

export interface HarnessOptions {
  db?: DbKind;
  /** "twilio": real SDK against a loopback fake; "sandbox": no credentials. */
  sms?: "twilio" | "sandbox";
  clock?: Clock;
  env?: Record<string, string>;
  /** Replaces the notification port (a recording one); the deps are not changed after build. */
  notify?: NotificationPort;
  /** Adjusts the cadence read from flows/ (small thresholds, other offsets). */
  cadence?: (fromFiles: Cadence) => Cadence;
  /** Real Bolt against a loopback fake Slack: HTTP (/slack/events) or Socket Mode. */
  slack?: "http" | "socket";
}

/**
 * Everything a test needs, real all the way down: Redis (own queue prefix per harness),
 * Postgres or PGlite (own schema), the real twilio SDK talking to a fake server.
 */
export async function createHarness(opts: HarnessOptions = {}) {
  const fakeTwilio: FakeTwilio | null = opts.sms === "sandbox" ? null : await startFakeTwilio();
  const fakeSlack: FakeSlack | null = opts.slack ? await startFakeSlack() : null;
  const prefix = `bltest_${randomBytes(5).toString("hex")}`;
  const logLines: string[] = [];
  const config: Config = parseConfig({
    ADMIN_TOKEN,
    PUBLIC_URL,
    QUEUE_PREFIX: prefix,
    REDIS_URL,
    SMS_MAX_PER_SECOND: "50",
    LOG_LEVEL: "debug",
    ...(fakeTwilio
      ? {
          TWILIO_ACCOUNT_SID: "AC00000000000000000000000000000000",
          TWILIO_AUTH_TOKEN,
          TWILIO_FROM: PROGRAM_NUMBER,
          TWILIO_API_BASE_URL: fakeTwilio.url,
        }
      : {}),
    ...(fakeSlack ? slackTestEnv(fakeSlack, opts.slack!) : {}),
    ...opts.env,
  });
  // One clock for the code and for the rows it stores (created_at, received_at…).
  const clock: Clock = opts.clock ?? { now: () => new Date() };
  const db = await openTestDb(opts.db ?? "pglite", clock);
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const log = createLogger("debug", (line) => logLines.push(line));
  const sms = fakeTwilio
    ? createTwilioSms({
        accountSid: config.TWILIO_ACCOUNT_SID!,
        authToken: config.TWILIO_AUTH_TOKEN!,
        from: config.TWILIO_FROM!,
        apiBaseUrl: fakeTwilio.url,
        timeoutMs: 2000,
      })
    : createSandboxSms();
  const container = await buildContainer(config, { db, redis, sms, clock, log, notify: opts.notify, cadence: opts.cadence });
  const { deps, slack } = container;
  // Slack's HTTP listeners ack and then keep working: tests wait for them to return.
  const slackIdle = slack ? trackListeners(slack.app) : async () => undefined;
  const app = container.app();
  const running: RunningWorkers[] = [];

  const harness = {
    deps,
    app,
    db,
    redis,
    fakeTwilio,
    fakeSlack,
    slack,
    slackIdle,
    logLines,
    store: storeFor(db),
    startWorkers(tuning?: WorkerTuning, only?: QueueName[]) {
      const w = startWorkers(deps, redis, tuning, only);
      running.push(w);
      return w;
    },
    admin(method: string, path: string, body?: unknown) {
      return app.request(`/api${path}`, {
        method,
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    },
    /** A Twilio-signed inbound SMS webhook, exactly as Twilio would send it. */
    postSms(from: string, body: string, extra: Record<string, string> = {}) {
      const params = { MessageSid: newMessageSid(), AccountSid: config.TWILIO_ACCOUNT_SID ?? "", From: from, To: PROGRAM_NUMBER, Body: body, NumMedia: "0", ...extra };
      return harness.postSigned("/twilio/sms", params);
    },
    postSigned(path: string, params: Record<string, string>, signatureOverride?: string) {
      const signature = signatureOverride ?? twilio.getExpectedTwilioSignature(TWILIO_AUTH_TOKEN, PUBLIC_URL + path, params);
      return app.request(path, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
        body: new URLSearchParams(params).toString(),
      });
    },
    async close() {
      for (const w of running) await w.close();
      for (const q of Object.values(deps.queues)) {
        if (typeof q === "object" && "obliterate" in q) await q.obliterate({ force: true }).catch(() => undefined);
      }
      await deps.queues.close();
      await redis.quit().catch(() => redis.disconnect());
      await db.drop();
      await fakeTwilio?.close();
      await slack?.stop();
      await fakeSlack?.close();
    },
  };
  return harness;
}
export type Harness = Awaited<ReturnType<typeof createHarness>>;

export function newMessageSid(): string {
  return `SM${randomBytes(16).toString("hex")}`;
}

/** Polls until `check` returns a truthy value (real services answer asynchronously). */
export async function waitFor<T>(check: () => Promise<T> | T, timeoutMs = 10_000, what = "condition"): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Enrols a peer and a participant through the admin API and returns their ids. */
export async function enrol(h: Harness, overrides: Record<string, unknown> = {}) {
  const peerRes = await h.admin("POST", "/peers", { name: "Rosa Diaz", timeZone: "America/New_York" });
  const { peer } = (await peerRes.json()) as { peer: { id: string } };
  const res = await h.admin("POST", "/participants", {
    firstName: "Ana",
    phone: "+15555550100",
    timeZone: "America/New_York",
    language: "en",
    peerId: peer.id,
    ...overrides,
  });
  if (res.status !== 201) throw new Error(`enrol failed: ${res.status} ${await res.text()}`);
  const { participant } = (await res.json()) as { participant: { id: string; phone: string } };
  return { peerId: peer.id, participantId: participant.id, phone: participant.phone };
}
