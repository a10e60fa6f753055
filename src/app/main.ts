import type { Server } from "node:http";
import { serve } from "@hono/node-server";
import { ConfigError, parseConfig, type Config, type Role } from "./config";
import { buildContainer, type Container } from "./container";
import { createLogger, describeError, type Logger } from "../ports/log";
import { RedisUnavailableError } from "../adapters/redis";
import { planAll } from "../features/checkins/checkins";
import { installSchedules, startWorkers } from "../jobs/processors";

/** A clean stop that takes longer than this (a job stuck in an SDK call) is cut short. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

export interface Running {
  /** Stops taking requests, lets workers finish their current job, closes every connection. */
  stop(): Promise<void>;
  /** The start-up plan, which runs after the listener is up; resolves when it is done. */
  planned: Promise<void>;
}

/**
 * Composition root: reads config, builds every port once, starts HTTP and/or workers.
 * `npm start` runs everything in one process; `--role web|worker` splits them.
 */
export async function start(config: Config, log: Logger): Promise<Running> {
  const step = stepTimer(log);
  const container = await buildContainer(config, { log, step });
  const { deps, redis, slack } = container;
  const stops: (() => Promise<unknown>)[] = [];
  if (config.role !== "web") {
    const workers = startWorkers(deps, redis);
    stops.push(() => workers.close());
  }
  if (config.role !== "worker") {
    const server = await step("http", () => listen(container.app(), config));
    stops.push(() => new Promise((r) => server.close(() => r(undefined))));
    if (slack) {
      await slack.start(); // Socket Mode connects here; HTTP mode is served at /slack/events
      stops.push(() => slack.stop());
    }
    log.info("listening", {
      url: `http://${config.HOST}:${config.PORT}`,
      mode: config.sandbox ? "sandbox" : "twilio",
      role: config.role,
      startupMs: Math.round(performance.now()),
    });
  }
  if (!config.ADMIN_TOKEN) log.warn("ADMIN_TOKEN is not set: the admin API and simulator are disabled");

  let stopping = false;
  // After the listener is up: a full plan takes seconds (20 s at 100k parents), and a
  // text — a crisis text above all — must not meet a closed port meanwhile. A stop
  // during the plan abandons it: job ids are business keys, the next start re-plans.
  const planned =
    config.role === "web"
      ? Promise.resolve()
      : (async () => {
          await step("schedules", () => installSchedules(deps));
          const result = await planAll(deps);
          log.info("check-ins planned", result);
        })().catch((err: unknown) => {
          if (!stopping) log.error("start-up plan failed", { error: describeError(err) });
        });

  return {
    planned,
    async stop() {
      stopping = true;
      // HTTP first (no new work), then workers finish their current job (BullMQ close),
      // then connections go.
      for (const s of stops.reverse()) await s();
      await container.close();
    },
  };
}

/** Resolves once the port is bound; a port in use is a message, not a stack trace. */
function listen(app: ReturnType<Container["app"]>, config: Config): Promise<Server> {
  return new Promise((resolvePromise, reject) => {
    const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }) as Server;
    server.once("listening", () => resolvePromise(server));
    server.once("error", (err: NodeJS.ErrnoException) => {
      reject(
        err.code === "EADDRINUSE"
          ? new ConfigError(`PORT ${config.PORT} on ${config.HOST} is already in use: stop the other server or set PORT.`)
          : err,
      );
    });
  });
}

/** Start-up steps at debug level, so a slow start can be read from the log. */
function stepTimer(log: Logger) {
  return async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const value = await work();
    log.debug("start-up step", { step: name, ms: Math.round(performance.now() - t0) });
    return value;
  };
}

function roleFromArgs(argv: string[]): Role {
  const i = argv.indexOf("--role");
  const role = i >= 0 ? argv[i + 1] : "all";
  if (role !== "web" && role !== "worker" && role !== "all") throw new ConfigError(`--role must be web, worker or all (got ${role})`);
  return role;
}

/**
 * SIGTERM and SIGINT stop the process cleanly whenever they arrive, also while it is
 * still starting. `npm start` execs node (package.json), so `kill <npm's pid>` reaches
 * this process: npm forwards the signal to its child.
 */
function stopOnSignals(running: Promise<Running | null>, log: Logger) {
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      // A terminal's Ctrl-C reaches both npm and node, and npm forwards it again.
      if (stopping) return;
      stopping = true;
      log.info("shutting down", { signal });
      setTimeout(() => {
        log.error("shutdown took too long; exiting", { timeoutMs: SHUTDOWN_TIMEOUT_MS });
        process.exit(1);
      }, SHUTDOWN_TIMEOUT_MS).unref();
      running
        .then((r) => r?.stop())
        .then(
          () => process.exit(0),
          (err: unknown) => {
            log.error("shutdown failed", { error: describeError(err) });
            process.exit(1);
          },
        );
    });
  }
}

/** The process entry: parse config and the role from argv, start, stop cleanly on signals. */
export async function main() {
  let log = createLogger("info");
  let config: Config;
  try {
    config = parseConfig(process.env, roleFromArgs(process.argv.slice(2)));
  } catch (err) {
    return fail(err);
  }
  log = createLogger(config.LOG_LEVEL);
  const running = start(config, log);
  stopOnSignals(running.catch(() => null), log);
  await running.catch(fail);
}

function fail(err: unknown): never {
  if (err instanceof ConfigError || err instanceof RedisUnavailableError) {
    process.stderr.write(`\n${err.message}\n\n`);
    process.exit(2);
  }
  throw err;
}

// Run when executed (tsx src/app/main.ts, or the bundle node dist/main.js), not when imported.
if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("src/app/main.ts")) {
  void main();
}
