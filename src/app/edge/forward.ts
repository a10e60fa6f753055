/**
 * Forwarding a Twilio webhook from the edge to the Node origin: the same path and query,
 * the same body bytes and the same X-Twilio-Signature, so the origin re-verifies it
 * against the same PUBLIC_URL. Hop-by-hop headers are dropped; the edge's own marker
 * headers are set here and never passed through from outside.
 */
export type FetchOrigin = (request: Request) => Promise<Response>;

export type OriginResult =
  | { kind: "answered"; response: Response }
  /** Network error, timeout, or a 5xx: the origin did not take the request. */
  | { kind: "failed"; reason: string };

export interface ForwardOptions {
  originUrl: string;
  timeoutMs: number;
  /** Sent as x-buddyline-edge-secret, so the origin can refuse webhooks that bypass the edge. */
  forwardSecret: string | undefined;
  fetchOrigin: FetchOrigin;
}

export const EDGE_HEADER = "x-buddyline-edge";
export const EDGE_SECRET_HEADER = "x-buddyline-edge-secret";

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
  EDGE_HEADER,
  EDGE_SECRET_HEADER,
]);

export async function forwardToOrigin(raw: Request, body: string, options: ForwardOptions): Promise<OriginResult> {
  const url = new URL(raw.url);
  const headers = new Headers();
  raw.headers.forEach((value, name) => {
    if (!DROPPED_HEADERS.has(name.toLowerCase())) headers.set(name, value);
  });
  headers.set(EDGE_HEADER, "1");
  if (options.forwardSecret) headers.set(EDGE_SECRET_HEADER, options.forwardSecret);
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const res = await options.fetchOrigin(
      new Request(options.originUrl + url.pathname + url.search, { method: "POST", headers, body, signal, redirect: "manual" }),
    );
    // Read the whole answer inside the same deadline; a body that stalls is a timeout too.
    const text = res.status === 204 || res.status === 205 || res.status === 304 ? null : await res.text();
    if (res.status >= 500) return { kind: "failed", reason: `origin answered ${res.status}` };
    const out = new Headers();
    const type = res.headers.get("content-type");
    if (type) out.set("content-type", type);
    return { kind: "answered", response: new Response(text, { status: res.status, headers: out }) };
  } catch (err) {
    return {
      kind: "failed",
      reason: signal.aborted ? `origin timed out after ${options.timeoutMs} ms` : `origin unreachable: ${errorName(err)}`,
    };
  }
}

/**
 * After a crisis text got the safety reply because the origin failed, keep re-forwarding
 * it after these delays, so the origin still stores it (once per MessageSid) and opens the
 * hotline case once it answers.
 */
export async function retryForward(attempt: () => Promise<OriginResult>, delaysMs: readonly number[]): Promise<void> {
  for (const [i, delay] of delaysMs.entries()) {
    await new Promise((resolve) => setTimeout(resolve, delay));
    const result = await attempt();
    if (result.kind === "answered") {
      console.warn("edge: crisis text reached the origin on a background retry", { attempt: i + 1, status: result.response.status });
      return;
    }
  }
  console.error("edge: crisis text never reached the origin; only Twilio's message log has it", { attempts: delaysMs.length });
}

function errorName(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
