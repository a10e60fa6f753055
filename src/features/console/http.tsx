import type { Context, MiddlewareHandler } from "hono";
import type { Child } from "hono/jsx";
import type { Deps } from "../../ports/deps";

/**
 * Headers on every console answer: a CSP with no inline or foreign scripts (scripts only
 * from this origin, for the live hotline page), inline CSS allowed (the one stylesheet is
 * inline, and charts set widths), no framing, no caching of records, no referrer.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join("; ");

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.res.headers.set("content-security-policy", CONSOLE_CSP);
    c.res.headers.set("x-frame-options", "DENY");
    c.res.headers.set("x-content-type-options", "nosniff");
    c.res.headers.set("referrer-policy", "no-referrer");
    c.res.headers.set("cache-control", "no-store");
    c.res.headers.set("cross-origin-opener-policy", "same-origin");
  };
}

/** A full HTML page (with its doctype, which hono/jsx does not add). */
export async function renderPage(c: Context, node: Child, status: 200 | 400 | 401 | 403 | 404 | 409 | 429 = 200): Promise<Response> {
  // A JSX node renders to a string, or to a promise of one when a component is async.
  const body = await (node as { toString(): string | Promise<string> }).toString();
  return c.html("<!DOCTYPE html>" + body, status);
}

/** The client's address for the per-address sign-in limit (docs/console.md). */
export function clientAddress(c: Context, deps: Pick<Deps, "config">): string {
  if (deps.config.CONSOLE_TRUST_PROXY) {
    const last = (c.req.header("x-forwarded-for") ?? "").split(",").pop()?.trim();
    if (last) return last;
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? "unknown";
}

/** Only a path inside the console: never an open redirect to another site (//evil, /\evil). */
export function safeNext(next: string | undefined): string {
  if (!next || !next.startsWith("/console") || next.startsWith("//") || next.includes("\\")) return "/console";
  return next;
}
