/**
 * The Cloudflare Worker entry (wrangler.toml → main = "src/edge.ts"); see docs/edge.md.
 *
 * It sits between Twilio and the Node origin and does only what needs no state:
 * verify the Twilio signature, screen the text for crisis, forward the request
 * byte-for-byte to the origin (which re-verifies the same signature and does all the
 * real work), and — when the origin is down or slow — still answer a crisis text with
 * the safety message. It runs no queues (BullMQ/ioredis cannot run here) and stores
 * nothing. Imports: Hono, the pure crisis screen, templates, the flow JSON, Web Crypto.
 */
import { Hono, type Context, type ExecutionContext } from "hono";
import { bodyLimit } from "hono/body-limit";
import programMessages from "../flows/program-messages.json";
import { formParams, verifyTwilioSignature } from "./channels/twilio-signature";
import { screenForCrisis } from "./domain/crisis";
import { renderTemplate } from "./domain/text/template";

/** Worker bindings: [vars] and secrets from wrangler.toml. */
export interface EdgeEnv {
  /** The public base URL Twilio calls (this Worker's route), e.g. https://sms.example.org. Signatures are computed over it. */
  PUBLIC_URL: string;
  /** The Node origin's base URL, e.g. https://origin.example.org. */
  ORIGIN_URL: string;
  PROGRAM_NAME?: string;
  /** Secret. Without it every webhook is refused (403), as on the origin in sandbox mode. */
  TWILIO_AUTH_TOKEN?: string;
  /** Secret. Sent to the origin as x-buddyline-edge-secret so it can tell the real edge from a forged header. */
  EDGE_FORWARD_SECRET?: string;
  /** How long to wait for the origin, in ms (default 3000). Twilio itself gives up after 15 s. */
  ORIGIN_TIMEOUT_MS?: string;
}

export type FetchOrigin = (request: Request) => Promise<Response>;

export interface EdgeOptions {
  /**
   * After a crisis text got the safety reply because the origin failed, keep re-forwarding
   * it in the background (ctx.waitUntil) after these delays, so the origin still stores it
   * and opens the hotline case once it answers. Workers allow ~30 s of waitUntil work.
   */
  crisisRetryDelaysMs?: readonly number[];
}

/** 64 KiB: a Twilio SMS webhook is ~1–2 KiB even with a 1,600-character body. */
export const MAX_WEBHOOK_BYTES = 64 * 1024;
const DEFAULT_ORIGIN_TIMEOUT_MS = 3_000;
const DEFAULT_CRISIS_RETRY_DELAYS_MS = [1_000, 2_000, 4_000, 8_000] as const;

const FORM = "application/x-www-form-urlencoded";
const TWIML_TYPE = "text/xml; charset=utf-8";
/** Never forwarded: hop-by-hop, recomputed by fetch, or ours to set. */
const DROPPED_HEADERS = new Set([
  "host",
  "content-length",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
  "proxy-authorization",
  "proxy-connection",
  // fetch would decompress the origin's answer while we copied its content-encoding.
  "accept-encoding",
  "x-buddyline-edge",
  "x-buddyline-edge-secret",
]);

/** Used only if the flow text cannot be rendered; the safety path must never fail. */
const FALLBACK_SAFETY_TEXT =
  "You are not alone. In danger now: call 911. Call or text 988 any time (en español: envíe AYUDA al 988).";

/**
 * The unknown-sender safety text (bilingual in its "en" form, as the origin's
 * safetyReply uses it for senders it does not know). The edge cannot know the sender,
 * so it always uses this one.
 */
export function edgeSafetyText(programName: string): string {
  const template = (programMessages as { texts?: { crisisSafetyUnknown?: { en?: unknown } } }).texts?.crisisSafetyUnknown?.en;
  if (typeof template !== "string") throw new Error("flows/program-messages.json: texts.crisisSafetyUnknown.en is missing");
  return renderTemplate(template, { programName, firstName: "", peerName: "Your peer" });
}

/** The same TwiML the origin answers with (src/http/twilio-webhooks.ts `twiml`). */
export function twimlMessage(message: string | null): string {
  const inner = message === null ? "" : `<Message>${escapeXml(message)}</Message>`;
  return `<?xml version="1.0" encoding="UTF-8"?><Response>${inner}</Response>`;
}

function escapeXml(s: string): string {
  return s.replace(/[<>&'"]/g, (ch) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[ch]!);
}

type OriginResult =
  | { kind: "answered"; response: Response }
  /** Network error, timeout, or a 5xx: the origin did not take the request. */
  | { kind: "failed"; reason: string };

export function buildEdgeApp(env: EdgeEnv, fetchOrigin: FetchOrigin = (r) => fetch(r), options: EdgeOptions = {}) {
  const publicUrl = trimSlash(env.PUBLIC_URL ?? "");
  const originUrl = trimSlash(env.ORIGIN_URL ?? "");
  const authToken = env.TWILIO_AUTH_TOKEN ?? "";
  const timeoutMs = positiveInt(env.ORIGIN_TIMEOUT_MS) ?? DEFAULT_ORIGIN_TIMEOUT_MS;
  const retryDelays = options.crisisRetryDelaysMs ?? DEFAULT_CRISIS_RETRY_DELAYS_MS;
  const safetyTwiml = twimlMessage(safetyTextOrFallback(env.PROGRAM_NAME || "Buddyline"));

  /** Re-send the request Twilio made to us, same body and signature, to the same path on the origin. */
  const forward = async (raw: Request, body: string): Promise<OriginResult> => {
    const url = new URL(raw.url);
    const headers = new Headers();
    raw.headers.forEach((value, name) => {
      if (!DROPPED_HEADERS.has(name.toLowerCase())) headers.set(name, value);
    });
    headers.set("x-buddyline-edge", "1");
    if (env.EDGE_FORWARD_SECRET) headers.set("x-buddyline-edge-secret", env.EDGE_FORWARD_SECRET);
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const res = await fetchOrigin(
        new Request(originUrl + url.pathname + url.search, { method: "POST", headers, body, signal, redirect: "manual" }),
      );
      // Read the whole answer inside the same deadline; a body that stalls is a timeout too.
      const text = res.status === 204 || res.status === 205 || res.status === 304 ? null : await res.text();
      if (res.status >= 500) return { kind: "failed", reason: `origin answered ${res.status}` };
      const out = new Headers();
      const type = res.headers.get("content-type");
      if (type) out.set("content-type", type);
      return { kind: "answered", response: new Response(text, { status: res.status, headers: out }) };
    } catch (err) {
      return { kind: "failed", reason: signal.aborted ? `origin timed out after ${timeoutMs} ms` : `origin unreachable: ${errorName(err)}` };
    }
  };

  /** Read, size-check and verify a Twilio webhook; a Response means "answer this and stop". */
  const readSigned = async (c: Context, path: string): Promise<{ body: string; params: Record<string, string> } | Response> => {
    if (!authToken) return c.text("Twilio webhooks are off: TWILIO_AUTH_TOKEN is not set", 403);
    if (!(c.req.header("content-type") ?? "").includes(FORM)) return c.text(`body must be ${FORM}`, 400);
    const body = await c.req.text();
    const params = formParams(body);
    const signature = c.req.header("x-twilio-signature");
    const query = new URL(c.req.url).search;
    if (!(await verifyTwilioSignature(authToken, signature, publicUrl + path + query, params))) {
      return c.text("invalid signature", 403);
    }
    return { body, params };
  };

  const app = new Hono();
  app.use(
    "/twilio/*",
    bodyLimit({ maxSize: MAX_WEBHOOK_BYTES, onError: (c) => c.text(`body over ${MAX_WEBHOOK_BYTES} bytes`, 413) }),
  );

  app.post("/twilio/sms", async (c) => {
    const signed = await readSigned(c, "/twilio/sms");
    if (signed instanceof Response) return signed;
    // Pure and sub-millisecond: screened up front so the fallback never waits on it.
    const imminent = screenForCrisis(signed.params.Body ?? "").level === "imminent";
    const result = await forward(c.req.raw, signed.body);
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
      waitUntil(c, retryForward(() => forward(c.req.raw, signed.body), retryDelays));
    }
    return c.body(safetyTwiml, 200, { "content-type": TWIML_TYPE });
  });

  app.post("/twilio/status", async (c) => {
    const signed = await readSigned(c, "/twilio/status");
    if (signed instanceof Response) return signed;
    const result = await forward(c.req.raw, signed.body);
    if (result.kind === "answered") return result.response;
    console.warn("edge: origin failed on a status callback; answering 503", { reason: result.reason });
    return c.text("origin unavailable", 503, { "retry-after": "1" });
  });

  return app;
}

async function retryForward(attempt: () => Promise<OriginResult>, delays: readonly number[]): Promise<void> {
  for (const [i, delay] of delays.entries()) {
    await new Promise((resolve) => setTimeout(resolve, delay));
    const result = await attempt();
    if (result.kind === "answered") {
      console.warn("edge: crisis text reached the origin on a background retry", { attempt: i + 1, status: result.response.status });
      return;
    }
  }
  console.error("edge: crisis text never reached the origin; only Twilio's message log has it", { attempts: delays.length });
}

/** ctx.waitUntil on Workers; without an ExecutionContext (plain Node), let the promise run on. */
function waitUntil(c: Context, work: Promise<void>): void {
  try {
    c.executionCtx.waitUntil(work);
  } catch {
    void work;
  }
}

function safetyTextOrFallback(programName: string): string {
  try {
    return edgeSafetyText(programName);
  } catch (err) {
    console.error("edge: crisisSafetyUnknown could not be rendered; using the built-in safety text", { error: errorName(err) });
    return FALLBACK_SAFETY_TEXT;
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

function positiveInt(s: string | undefined): number | undefined {
  const n = s === undefined ? NaN : Number(s);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

function errorName(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

/** Workers build the app once per isolate per env object (env is fixed for a deployment). */
const apps = new WeakMap<object, ReturnType<typeof buildEdgeApp>>();

export default {
  fetch(request: Request, env: EdgeEnv, ctx?: ExecutionContext) {
    let app = apps.get(env);
    if (!app) {
      app = buildEdgeApp(env);
      apps.set(env, app);
    }
    return app.fetch(request, env, ctx);
  },
};
