import { Redis } from "ioredis";
import { describeError, type Logger } from "../ports/log";

export class RedisUnavailableError extends Error {}

/**
 * Connects to Redis or explains exactly what is wrong and how to fix it. BullMQ needs
 * `maxRetriesPerRequest: null` on connections its workers block on.
 */
export async function connectRedis(url: string, log: Logger): Promise<Redis> {
  const redis = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true, connectTimeout: 3000, retryStrategy: () => null });
  // Without a listener ioredis prints every connection error (with the URL) to stderr.
  redis.on("error", (err) => log.warn("redis connection error", { error: describeError(err) }));
  try {
    await redis.connect();
    await redis.ping();
  } catch {
    redis.disconnect();
    throw new RedisUnavailableError(
      `Redis is not reachable at ${safeUrl(url)}.\n` +
        `Buddyline keeps its queues and schedules in Redis. Start one with:\n` +
        `  redis-server --daemonize yes --port 6379\n` +
        `(or apt-get install redis-server), or point REDIS_URL at a running server.`,
    );
  }
  // Reconnect forever from here on: a Redis restart must not stop the service.
  redis.options.retryStrategy = (times: number) => Math.min(times * 200, 5000);
  await warnIfEvicting(redis, log);
  return redis;
}

/** Evicting keys would silently drop scheduled check-ins and pages. */
async function warnIfEvicting(redis: Redis, log: Logger) {
  try {
    const reply = (await redis.config("GET", "maxmemory-policy")) as string[];
    const policy = reply[1];
    if (policy && policy !== "noeviction") {
      log.warn(`Redis maxmemory-policy is "${policy}"; set it to "noeviction" or scheduled jobs may be evicted`, { policy });
    }
  } catch {
    log.warn("could not read Redis maxmemory-policy (CONFIG may be disabled); make sure it is noeviction");
  }
}

/** The URL without its password, for messages. */
function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable REDIS_URL)";
  }
}

/** The slice of a Redis client the marker check needs. */
export interface MarkerClient {
  set(key: string, value: string): Promise<unknown>;
  exists(key: string): Promise<number>;
}

export interface RedisWatch {
  /** One check now: true when the marker was gone and `onEmpty` ran. */
  check(): Promise<boolean>;
  stop(): void;
}

/**
 * Notices a Redis that came back empty (restarted without persistence, or flushed): a
 * marker key written at start is gone. Then `onEmpty` puts back what only Redis held
 * (recurring schedules, planned check-ins, paging chains) without a process restart, and
 * the marker is written again only after it succeeded, so a failed repair is retried.
 * While Redis is down a check just fails quietly; the next one tries again.
 */
export function watchForEmptyRedis(opts: {
  client: () => Promise<MarkerClient>;
  key: string;
  everyMs: number;
  onEmpty: () => Promise<void>;
  log: Logger;
}): RedisWatch {
  let running: Promise<boolean> | null = null;
  let stopped = false;
  const start = async () => {
    try {
      await (await opts.client()).set(opts.key, "1");
    } catch {
      // Redis is down at start: the first check after it returns writes the marker (and repairs).
    }
  };
  const started = start();
  const once = async (): Promise<boolean> => {
    await started;
    const client = await opts.client();
    if ((await client.exists(opts.key)) === 1) return false;
    opts.log.warn("Redis came back empty (its marker key is gone): reinstalling schedules and re-planning");
    await opts.onEmpty();
    await client.set(opts.key, "1");
    opts.log.info("schedules reinstalled after an empty Redis");
    return true;
  };
  const check = () => {
    running ??= once().finally(() => {
      running = null;
    });
    return running;
  };
  const timer = setInterval(() => {
    if (stopped) return;
    check().catch((err: unknown) => opts.log.debug("redis marker check failed", { error: describeError(err) }));
  }, opts.everyMs);
  timer.unref();
  return {
    check,
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
