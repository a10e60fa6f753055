import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import twilio from "twilio";
import { createTwilioSms } from "../../src/adapters/twilio/sms";
import type { Clock } from "../../src/ports/clock";
import { parseConfig } from "../../src/app/config";
import { buildApp } from "../../src/app/web";
import { stopReplay } from "../../src/features/inbound/journal/replay";
import { createLogger } from "../../src/ports/log";
import type { QueueName } from "../../src/jobs/queues";
import { migrate, openDb, storeFor, type Db } from "../../src/adapters/postgres";
import { startWorkers, type RunningWorkers, type WorkerTuning } from "../../src/jobs/processors";
import { startFakeTwilio } from "../support/fake-twilio";
import { buildContainer } from "../../src/app/container";

export const ADMIN_TOKEN = "outage-admin-token-0123456789";
const TWILIO_AUTH_TOKEN = "outage-twilio-auth-token";
const PUBLIC_URL = "https://buddyline.example.org";
export const PROGRAM_NUMBER = "+15550001111";

export const ALWAYS_ON_SHIFT = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: "00:00", end: "00:00" }));

/**
 * The real service wired for outage tests: the HTTP app (signed webhooks), BullMQ workers,
 * the real twilio SDK against the fake, and Redis/Postgres at URLs the test controls.
 * `databaseUrl` is either a private server (no schema) or the shared one with a schema.
 */
export async function startOutageApp(opts: {
  redisUrl: string;
  databaseUrl: string;
  schema?: string;
  clock?: Clock;
  env?: Record<string, string>;
}) {
  const fakeTwilio = await startFakeTwilio();
  const dataDir = mkdtempSync(join(tmpdir(), "buddyline-journal-"));
  const prefix = `blout_${randomBytes(5).toString("hex")}`;
  const logLines: string[] = [];
  const config = parseConfig({
    ADMIN_TOKEN,
    PUBLIC_URL,
    QUEUE_PREFIX: prefix,
    REDIS_URL: opts.redisUrl,
    DATABASE_URL: opts.databaseUrl,
    DATA_DIR: dataDir,
    SMS_MAX_PER_SECOND: "50",
    LOG_LEVEL: "debug",
    TWILIO_ACCOUNT_SID: "AC00000000000000000000000000000000",
    TWILIO_AUTH_TOKEN,
    TWILIO_FROM: PROGRAM_NUMBER,
    TWILIO_API_BASE_URL: fakeTwilio.url,
    JOURNAL_REPLAY_EVERY_MS: "200",
    ...opts.env,
  });
  const clock = opts.clock ?? { now: () => new Date() };
  const db: Db = await openDb({ databaseUrl: opts.databaseUrl, schema: opts.schema, clock } as Parameters<typeof openDb>[0]);
  await migrate(db);
  // Worker connections as the service makes them: reconnect for ever, never give up a command.
  const redis = new Redis(opts.redisUrl, { maxRetriesPerRequest: null, retryStrategy: () => 100 });
  redis.on("error", () => undefined);
  const log = createLogger("debug", (line) => logLines.push(line));
  const { deps } = await buildContainer(config, { db: db, redis: redis, sms: createTwilioSms({
      accountSid: config.TWILIO_ACCOUNT_SID!,
      authToken: TWILIO_AUTH_TOKEN,
      from: PROGRAM_NUMBER,
      apiBaseUrl: fakeTwilio.url,
      timeoutMs: 2000,
    }), clock: clock, log: log });
  const app = buildApp(deps);
  const running: RunningWorkers[] = [];

  const self = {
    deps,
    app,
    db,
    redis,
    fakeTwilio,
    logLines,
    dataDir,
    store: storeFor(db),
    startWorkers(tuning?: WorkerTuning, only?: QueueName[]) {
      const w = startWorkers(deps, redis, { lockDuration: 5000, stalledInterval: 5000, ...tuning }, only);
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
    /** A Twilio-signed inbound SMS webhook; returns the response and how long it took. */
    async postSms(from: string, body: string, messageSid = newMessageSid()) {
      const params = { MessageSid: messageSid, AccountSid: config.TWILIO_ACCOUNT_SID!, From: from, To: PROGRAM_NUMBER, Body: body, NumMedia: "0" };
      const signature = twilio.getExpectedTwilioSignature(TWILIO_AUTH_TOKEN, `${PUBLIC_URL}/twilio/sms`, params);
      const started = performance.now();
      const res = await app.request("/twilio/sms", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
        body: new URLSearchParams(params).toString(),
      });
      const text = await res.text();
      return { status: res.status, text, ms: performance.now() - started, messageSid };
    },
    async addResponder(body: Record<string, unknown>) {
      const res = await self.admin("POST", "/hotline/responders", { timeZone: "America/New_York", shifts: ALWAYS_ON_SHIFT, tier: "primary", ...body });
      if (res.status !== 201) throw new Error(`responder: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { responder: { id: string; phone: string } }).responder;
    },
    async enrol(overrides: Record<string, unknown> = {}) {
      const peerRes = await self.admin("POST", "/peers", { name: "Rosa Diaz", timeZone: "America/New_York" });
      const { peer } = (await peerRes.json()) as { peer: { id: string } };
      const res = await self.admin("POST", "/participants", {
        firstName: "Ana",
        phone: "+15555550100",
        timeZone: "America/New_York",
        language: "en",
        peerId: peer.id,
        ...overrides,
      });
      if (res.status !== 201) throw new Error(`enrol failed: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { participant: { id: string; phone: string } }).participant;
    },
    async close() {
      stopReplay(deps);
      for (const w of running) await w.close();
      await Promise.all(Object.values(deps.queues).map((q) => (typeof q === "object" && "obliterate" in q ? q.obliterate({ force: true }).catch(() => undefined) : undefined)));
      await deps.queues.close();
      redis.disconnect();
      if (opts.schema) await db.query(`drop schema if exists "${opts.schema}" cascade`).catch(() => undefined);
      await db.close().catch(() => undefined);
      await fakeTwilio.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return self;
}
export type OutageApp = Awaited<ReturnType<typeof startOutageApp>>;

export function newMessageSid(): string {
  return `SM${randomBytes(16).toString("hex")}`;
}

/** Polls until `check` returns a truthy value (the services answer asynchronously). */
export async function waitFor<T>(check: () => Promise<T> | T, timeoutMs = 10_000, what = "condition"): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await Promise.resolve().then(check).catch(() => null);
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
