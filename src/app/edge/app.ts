/**
 * The edge Worker's app (entry: src/app/edge.ts; see docs/edge.md). It sits between Twilio
 * and the Node origin and does only what needs no state: verify the Twilio signature,
 * screen the text for crisis, forward the request byte-for-byte to the origin (which
 * re-verifies the same signature and does all the real work), and — when the origin is
 * down or slow — still answer a crisis text with the safety message. It runs no queues
 * (BullMQ/ioredis cannot run in workerd) and stores nothing.
 */
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { TWIML_CONTENT_TYPE, twimlMessage } from "../../adapters/twilio/twiml";
import { isRejection, readSignedWebhook } from "../../adapters/twilio/webhook-request";
import { screenForCrisis } from "../../domain/crisis";
import { forwardToOrigin, retryForward, type FetchOrigin, type ForwardOptions } from "./forward";
import { safetyTextOrFallback } from "./safety-text";

/** Worker bindings: [vars] and secrets from wrangler.toml. */
export interface EdgeEnv {
  /** The public base URL Twilio calls (this Worker's route), e.g. https://sms.example.org. Signatures are computed over it. */
  PUBLIC_URL: string;
  /** The Node origin's base URL, e.g. https://origin.example.org. */
  ORIGIN_URL: string;
  PROGRAM_NAME?: string;
  /** Secret. Without it every webhook is refused (403), as on the origin in sandbox mode. */
  TWILIO_AUTH_TOKEN?: string;
  /** Secret. Sent to the origin as x-buddyline-edge-secret; the origin refuses webhooks without it when it has one too. */
  EDGE_FORWARD_SECRET?: string;
  /** How long to wait for the origin, in ms (default 3000). Twilio itself gives up after 15 s. */
  ORIGIN_TIMEOUT_MS?: string;
}

export interface EdgeOptions {
  fetchOrigin?: FetchOrigin;
  /**
   * Delays of the background re-forwarding of a crisis text the origin did not take
   * (ctx.waitUntil). Workers allow ~30 s of waitUntil work after the response.
   */
  crisisRetryDelaysMs?: readonly number[];
}

/** 64 KiB: a Twilio SMS webhook is ~1–2 KiB even with a 1,600-character body. */
export const MAX_WEBHOOK_BYTES = 64 * 1024;
const DEFAULT_ORIGIN_TIMEOUT_MS = 3_000;
const DEFAULT_CRISIS_RETRY_DELAYS_MS = [1_000, 2_000, 4_000, 8_000] as const;

export function buildEdgeApp(env: EdgeEnv, options: EdgeOptions = {}) {
  const signing = { authToken: env.TWILIO_AUTH_TOKEN, publicUrl: trimSlash(env.PUBLIC_URL ?? "") };
  const forwarding: ForwardOptions = {
    originUrl: trimSlash(env.ORIGIN_URL ?? ""),
    timeoutMs: positiveInt(env.ORIGIN_TIMEOUT_MS) ?? DEFAULT_ORIGIN_TIMEOUT_MS,
    forwardSecret: env.EDGE_FORWARD_SECRET || undefined,
    fetchOrigin: options.fetchOrigin ?? ((r) => fetch(r)),
  };
  const retryDelays = options.crisisRetryDelaysMs ?? DEFAULT_CRISIS_RETRY_DELAYS_MS;
  const safetyTwiml = twimlMessage(safetyTextOrFallback(env.PROGRAM_NAME || "Buddyline"));

  const app = new Hono();
  app.use(
    "/twilio/*",
    bodyLimit({ maxSize: MAX_WEBHOOK_BYTES, onError: (c) => c.text(`body over ${MAX_WEBHOOK_BYTES} bytes`, 413) }),
  );

  app.post("/twilio/sms", async (c) => {
    const signed = await readSignedWebhook(c.req.raw, { ...signing, path: "/twilio/sms" });
    if (isRejection(signed)) return c.text(signed.error, signed.status);
    // Pure and sub-millisecond: screened up front so the fallback never waits on it.
    const imminent = screenForCrisis(signed.params.Body ?? "").level === "imminent";
    const result = await forwardToOrigin(c.req.raw, signed.body, forwarding);
    if (result.kind === "answered" && (result.response.ok || !imminent)) return result.response;

    const why = result.kind === "failed" ? result.reason : `origin answered ${result.response.status}`;
    if (!imminent) {
      // Twilio's fallback URL (if configured) takes over; nothing was stored, nothing lost twice.
      console.warn("edge: origin failed on an inbound text; answering 503", { reason: why });
      return c.text("origin unavailable", 503, { "retry-after": "1" });
    }
    console.error("edge: origin failed on an imminent-crisis text; answering with the safety reply", { reason: why });
    // The 200 below stops Twilio from retrying, so keep trying the origin in the background:
    // it stores the text once per MessageSid and opens the hotline case (its own TwiML is discarded).
    if (result.kind === "failed") {
      waitUntil(c, retryForward(() => forwardToOrigin(c.req.raw, signed.body, forwarding), retryDelays));
    }
    return c.body(safetyTwiml, 200, { "content-type": TWIML_CONTENT_TYPE });
  });

  app.post("/twilio/status", async (c) => {
    const signed = await readSignedWebhook(c.req.raw, { ...signing, path: "/twilio/status" });
    if (isRejection(signed)) return c.text(signed.error, signed.status);
    const result = await forwardToOrigin(c.req.raw, signed.body, forwarding);
    if (result.kind === "answered") return result.response;
    console.warn("edge: origin failed on a status callback; answering 503", { reason: result.reason });
    return c.text("origin unavailable", 503, { "retry-after": "1" });
  });

  return app;
}

/** ctx.waitUntil on Workers; without an ExecutionContext (plain Node), let the promise run on. */
function waitUntil(c: Context, work: Promise<void>): void {
  try {
    c.executionCtx.waitUntil(work);
  } catch {
    void work;
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

function positiveInt(s: string | undefined): number | undefined {
  const n = s === undefined ? NaN : Number(s);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
