import { Redis } from "ioredis";
import { describeError, type Logger } from "./log";

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
