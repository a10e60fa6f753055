import { Redis } from "ioredis";
import { createHash, randomBytes } from "node:crypto";
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

/**
 * The account-wide send limiter (docs/perf.md "Outbound rate"): a sliding log in one
 * Redis sorted set, shared by every worker process, so Twilio never sees more than
 * `perWindow` requests in any window of `windowMs`, urgent and routine together.
 *
 * A send holds its slot from the grant until `windowMs` after its HTTP request has
 * finished (`done()` moves its log entry to that moment). Twilio receives a request
 * somewhere between the two, so however long the claim, the SDK and the network take
 * for one send and not another, two sends that share a slot reach Twilio at least a
 * window apart: the bound holds where Twilio counts, not only where we count. Cost: each
 * slot is busy for one send's latency longer (about 1 % at 100/s). Until `done()`, the
 * entry is dated `PENDING_HOLD_US` ahead, so a worker that dies mid-send frees its slot
 * after that plus a window.
 *
 * One Lua script decides atomically, on Redis's clock (TIME: one clock for every process):
 * - entries that left the window are dropped; fewer than `perWindow` left → granted;
 * - otherwise → refused, with the microseconds until the oldest entry leaves;
 * - urgent first: a refused urgent caller registers as waiting (a second sorted set,
 *   each entry lapsing after `URGENT_WAITER_TTL_US`, so a crashed worker cannot hold
 *   routine back) and a routine caller is refused while any urgent caller waits. So at
 *   the account's limit the next free slot goes to a page, never to a check-in; an urgent
 *   text waits only for a slot to free (at most one window), not behind the backlog.
 */
const ACQUIRE_SEND_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local perWindow = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local urgent = ARGV[3] == '1'
local waiter = ARGV[4]
local waiterTtl = tonumber(ARGV[5])
local hold = tonumber(ARGV[6])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
if not urgent and redis.call('ZCARD', KEYS[2]) > 0 then
  return {0, 5000, now}
end
if redis.call('ZCARD', KEYS[1]) < perWindow then
  redis.call('ZADD', KEYS[1], now + hold, waiter)
  redis.call('PEXPIRE', KEYS[1], math.ceil((window + hold) / 1000) + 1000)
  if urgent then redis.call('ZREM', KEYS[2], waiter) end
  return {1, 0, now}
end
if urgent then
  redis.call('ZADD', KEYS[2], now + waiterTtl, waiter)
  redis.call('PEXPIRE', KEYS[2], math.ceil(waiterTtl / 1000) + 1000)
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {0, math.max(1, tonumber(oldest[2]) + window - now), now}
`;

/** The send finished (dated now, so it holds its slot one window from here) or never happened (slot freed). */
const RELEASE_SEND_LUA = `
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
if ARGV[2] == '1' then
  local t = redis.call('TIME')
  redis.call('ZADD', KEYS[1], 'XX', tonumber(t[1]) * 1000000 + tonumber(t[2]), ARGV[1])
else
  redis.call('ZREM', KEYS[1], ARGV[1])
end
return 1
`;

const ANNOUNCE_URGENT_LUA = `
local t = redis.call('TIME')
redis.call('ZADD', KEYS[1], tonumber(t[1]) * 1000000 + tonumber(t[2]) + tonumber(ARGV[2]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], math.ceil(tonumber(ARGV[2]) / 1000) + 1000)
return 1
`;

/** An urgent caller re-polls well within this, so its "waiting" mark lapses only if it died. */
const URGENT_WAITER_TTL_US = 2_000_000;
/** How far ahead a granted send's entry is dated until it reports done (a dead worker's slot frees after this + a window). */
const PENDING_HOLD_US = 5_000_000;
/** Longest sleep between polls: a refused caller re-checks at least this often. */
const MAX_POLL_MS = 100;

/** The slice of an ioredis client the limiter needs. */
export interface EvalClient {
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
  evalsha(sha: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
}

export interface SendLimit {
  /** Sends allowed in any window. */
  perWindow: number;
  windowMs: number;
}

/**
 * SMS_MAX_PER_SECOND as a sliding-log limit. A rate below 1 becomes one send per 1/rate
 * seconds; above 1 the fraction is dropped (2.5/s allows 2 in any second: never more).
 */
export function sendLimitFor(perSecond: number): SendLimit {
  if (perSecond < 1) return { perWindow: 1, windowMs: Math.ceil(1000 / perSecond) };
  return { perWindow: Math.floor(perSecond), windowMs: 1000 };
}

export interface SendGrant {
  /** Redis's clock (ms) when the slot was granted. */
  at: number;
  /** How long the caller waited for it. */
  waitedMs: number;
  /**
   * Call once the request has been made (`sent`), or with false if nothing was sent.
   * Never rejects: if Redis fails here the slot just frees itself later (PENDING_HOLD_US),
   * and a send that went out must not be reported as failed (it would be retried).
   */
  done(sent: boolean): Promise<void>;
}
export type GrantInfo = Omit<SendGrant, "done"> & { priority: "urgent" | "routine" };

export interface RedisSendLimiter {
  /** Resolves when this send may go; urgent callers are served before routine ones. `member`: an announced urgent send's id. */
  acquire(priority: "urgent" | "routine", member?: string): Promise<SendGrant>;
  /**
   * An urgent send's job has started: routine grants stop from now, not only once it asks
   * for its slot after its own checks (a few queries, hundreds of ms on a busy box, in
   * which a routine backlog at 50/s would slip 20–30 texts ahead). The mark lapses like a
   * waiting caller's; `withdraw` removes it when the job ends without sending.
   */
  announceUrgent(): Promise<{ member: string; withdraw(): Promise<void> }>;
}

export function createSendLimiter(opts: {
  client: () => Promise<EvalClient>;
  /** The queue prefix: every process with the same prefix shares one limit. */
  prefix: string;
  limit: SendLimit;
  /** Test seam: called with each grant (the rate-limit test checks them all). */
  onGrant?: (grant: GrantInfo) => void;
}): RedisSendLimiter {
  const log = `${opts.prefix}:sms-rate:log`;
  const keys = [log, `${opts.prefix}:sms-rate:urgent-waiting`];
  let seq = 0;
  const tag = randomBytes(6).toString("hex");
  const script = (lua: string) => {
    const sha = createHash("sha1").update(lua).digest("hex");
    return async (client: EvalClient, numKeys: number, args: (string | number)[]) => {
      try {
        return await client.evalsha(sha, numKeys, ...args);
      } catch (err) {
        if (!String((err as Error)?.message).includes("NOSCRIPT")) throw err;
        return client.eval(lua, numKeys, ...args);
      }
    };
  };
  const acquireScript = script(ACQUIRE_SEND_LUA);
  const announceScript = script(ANNOUNCE_URGENT_LUA);
  const releaseScript = script(RELEASE_SEND_LUA);
  return {
    async announceUrgent() {
      const member = `${tag}:${++seq}`;
      await announceScript(await opts.client(), 1, [keys[1]!, member, URGENT_WAITER_TTL_US]);
      return {
        member,
        async withdraw() {
          await (await opts.client()).eval("return redis.call('ZREM', KEYS[1], ARGV[1])", 1, keys[1]!, member);
        },
      };
    },
    async acquire(priority, announced) {
      const started = performance.now();
      const member = announced ?? `${tag}:${++seq}`;
      const args = [...keys, opts.limit.perWindow, opts.limit.windowMs * 1000, priority === "urgent" ? "1" : "0", member, URGENT_WAITER_TTL_US, PENDING_HOLD_US];
      for (;;) {
        const [granted, waitUs, now] = (await acquireScript(await opts.client(), 2, args)) as [number, number, number];
        if (granted === 1) {
          const grant = { at: now / 1000, waitedMs: performance.now() - started };
          opts.onGrant?.({ ...grant, priority });
          let released = false;
          return {
            ...grant,
            async done(sent: boolean) {
              if (released) return;
              released = true;
              await releaseScript(await opts.client(), 1, [log, member, sent ? "1" : "0"]).catch(() => undefined);
            },
          };
        }
        // A routine caller refused for a waiting page re-polls soon: the page takes its slot first.
        const waitMs = Math.min(MAX_POLL_MS, Math.max(1, Math.ceil(waitUs / 1000)));
        await new Promise((r) => setTimeout(r, waitMs + (priority === "routine" ? Math.random() * 2 : 0)));
      }
    },
  };
}
