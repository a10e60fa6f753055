import { webApi, LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "../../ports/log";

/** "http://127.0.0.1:4000" or ".../api" → ".../api/" (the Web API base every method is appended to). */
export function slackApiUrl(base: string | undefined): string | undefined {
  if (!base) return undefined;
  const trimmed = base.replace(/\/+$/, "");
  return trimmed.endsWith("/api") ? `${trimmed}/` : `${trimmed}/api/`;
}

/**
 * The SDKs' own logging goes through ours at warn and above, first argument only when it
 * is a string: their debug output includes request bodies, which carry message text.
 */
export function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.WARN;
  const pick = (args: unknown[]) => (typeof args[0] === "string" ? args[0].slice(0, 200) : "slack sdk message");
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (...args: unknown[]) => log.warn("slack sdk", { detail: pick(args) }),
    error: (...args: unknown[]) => log.error("slack sdk", { detail: pick(args) }),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

/**
 * Options shared by Bolt's App and stand-alone WebClients. Few SDK retries: the notify
 * queue retries with backoff, and an SDK retrying for half an hour would hold a worker.
 */
export function webClientOptions(apiBaseUrl: string | undefined, log: Logger): webApi.WebClientOptions {
  return {
    slackApiUrl: slackApiUrl(apiBaseUrl),
    logger: boltLogger(log),
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2000 },
    timeout: 10_000,
  };
}

export function createWebClient(token: string, apiBaseUrl: string | undefined, log: Logger): webApi.WebClient {
  return new webApi.WebClient(token, webClientOptions(apiBaseUrl, log));
}
