import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { serve } from "@hono/node-server";
import { createSandboxNotifications } from "./channels/notify";
import { createSandboxSms } from "./channels/sandbox-sms";
import { createTwilioSms } from "./channels/twilio-sms";
import { systemClock } from "./clock";
import { ConfigError, parseConfig, type Config, type Role } from "./config";
import { loadCadence } from "./flows/appointments-config";
import { loadFlows } from "./flows/catalog";
import { buildApp } from "./http/app";
import { attachSlack } from "./slack/app";
import { createLogger, type Logger } from "./log";
import { createQueues } from "./queues";
import { connectRedis, RedisUnavailableError } from "./redis";
import { planAll } from "./services/checkins";
import type { Deps } from "./services/deps";
import { migrate, openDb } from "./store";
import { installSchedules, startWorkers } from "../workers";

/**
 * Composition root: reads config, builds every port once, starts HTTP and/or workers.
 * `npm start` runs everything in one process; `--role web|worker` splits them.
 */
export async function start(config: Config, log: Logger) {
  const redis = await connectRedis(config.REDIS_URL, log);
  if (!config.DATABASE_URL) await mkdir(resolve(config.DATA_DIR), { recursive: true });
  const db = await openDb({ databaseUrl: config.DATABASE_URL, dataDir: resolve(config.DATA_DIR, "pglite"), clock: systemClock });
  const applied = await migrate(db);
  if (applied.length) log.info("migrations applied", { count: applied.length });
  const flows = await loadFlows(config.FLOWS_DIR);

  const sms = config.sandbox
    ? createSandboxSms()
    : createTwilioSms({
        accountSid: config.TWILIO_ACCOUNT_SID!,
        authToken: config.TWILIO_AUTH_TOKEN!,
        from: config.TWILIO_FROM!,
        apiBaseUrl: config.TWILIO_API_BASE_URL,
        statusCallbackUrl: `${config.PUBLIC_URL.replace(/\/$/, "")}/twilio/status`,
      });
  const queues = createQueues(redis, config.QUEUE_PREFIX);
  const deps: Deps = {
    config,
    db,
    queues,
    sms,
    notify: createSandboxNotifications(log),
    flows,
    cadence: await loadCadence(config.FLOWS_DIR),
    clock: systemClock,
    log,
  };

  const slack = attachSlack(deps);
  const stops: (() => Promise<unknown>)[] = [];
  if (config.role !== "web") {
    const workers = startWorkers(deps, redis);
    stops.push(() => workers.close());
    await installSchedules(deps);
  }
  if (config.role !== "worker") {
    const app = buildApp(deps);
    const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST });
    stops.push(() => new Promise((r) => server.close(() => r(undefined))));
    if (slack) {
      await slack.start(); // Socket Mode connects here; HTTP mode is served at /slack/events
      stops.push(() => slack.stop());
    }
    log.info("listening", { url: `http://${config.HOST}:${config.PORT}`, mode: config.sandbox ? "sandbox" : "twilio", role: config.role });
  }
  if (config.role !== "web") {
    // After the listener is up: a full plan takes seconds (20 s at 100k parents), and a
    // text — a crisis text above all — must not meet a closed port meanwhile.
    const planned = await planAll(deps);
    log.info("check-ins planned", planned);
  }
  if (!config.ADMIN_TOKEN) log.warn("ADMIN_TOKEN is not set: the admin API and simulator are disabled");

  return async function stop() {
    // Workers finish their current job first (BullMQ close), then connections go.
    for (const s of stops.reverse()) await s();
    await queues.close();
    await db.close();
    redis.disconnect();
  };
}

function roleFromArgs(argv: string[]): Role {
  const i = argv.indexOf("--role");
  const role = i >= 0 ? argv[i + 1] : "all";
  if (role !== "web" && role !== "worker" && role !== "all") throw new ConfigError(`--role must be web, worker or all (got ${role})`);
  return role;
}

async function main() {
  let log = createLogger("info");
  try {
    const config = parseConfig(process.env, roleFromArgs(process.argv.slice(2)));
    log = createLogger(config.LOG_LEVEL);
    const stop = await start(config, log);
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      process.once(signal, () => {
        log.info("shutting down", { signal });
        stop().then(() => process.exit(0), () => process.exit(1));
      });
    }
  } catch (err) {
    if (err instanceof ConfigError || err instanceof RedisUnavailableError) {
      process.stderr.write(`\n${err.message}\n\n`);
      process.exit(2);
    }
    throw err;
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("src/main.ts")) {
  void main();
}
