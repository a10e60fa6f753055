import type { Context, MiddlewareHandler } from "hono";
import { constantTimeEqual } from "../../domain/text/constant-time";

/**
 * Token guards. A route whose tokens are all unset is off (503), never open. Every check
 * goes through the one constant-time compare (./constant-time.ts).
 *
 * Not hono/bearer-auth: it answers 400 to a token outside RFC 6750's token68 characters,
 * and ADMIN_TOKEN may be any string of 16+ characters, so a valid token could be refused;
 * and every failed attempt here is a 401, whatever its shape (test/http/admin-api.test.ts).
 */
export function requireAdmin(token: string | undefined): MiddlewareHandler {
  return requireAnyToken([token], "admin API disabled: set ADMIN_TOKEN");
}

/** Passes a request bearing any of the configured tokens (e.g. admin or supervisor). */
export function requireAnyToken(
  tokens: (string | undefined)[],
  disabledMessage = "API disabled: set ADMIN_TOKEN or SUPERVISOR_TOKEN",
): MiddlewareHandler {
  const expected = configured(tokens);
  return async (c, next) => {
    if (expected.length === 0) return c.json({ error: disabledMessage }, 503);
    if (!matchesAny(bearerToken(c), expected)) return c.json({ error: "unauthorised" }, 401);
    await next();
  };
}

/**
 * For pages a browser opens (the queue dashboard, /metrics from the console's admin
 * links): a browser cannot send a bearer token, so HTTP Basic with one of the tokens as
 * the password (any user name) is accepted too, and a 401 carries the Basic challenge so
 * the browser asks for it. Prometheus can scrape with either.
 */
export function requireAdminBrowser(token: string | undefined): MiddlewareHandler {
  return requireAnyTokenBrowser([token], "admin pages disabled: set ADMIN_TOKEN");
}

export function requireAnyTokenBrowser(tokens: (string | undefined)[], disabledMessage: string): MiddlewareHandler {
  const expected = configured(tokens);
  return async (c, next) => {
    if (expected.length === 0) return c.json({ error: disabledMessage }, 503);
    if (!matchesAny(bearerToken(c), expected) && !matchesAny(basicPassword(c), expected)) {
      c.header("WWW-Authenticate", 'Basic realm="Buddyline admin", charset="UTF-8"');
      return c.json({ error: "unauthorised" }, 401);
    }
    await next();
  };
}

function configured(tokens: (string | undefined)[]): string[] {
  return tokens.filter((t): t is string => !!t);
}

function matchesAny(given: string | null, expected: string[]): boolean {
  if (given === null) return false;
  // Every expected token is compared, so the time does not say which one matched.
  let ok = false;
  for (const e of expected) ok = constantTimeEqual(given, e) || ok;
  return ok;
}

/** The auth scheme name is case-insensitive (RFC 9110 §11.1). */
function bearerToken(c: Context): string | null {
  const header = c.req.header("authorization") ?? "";
  return /^bearer /i.test(header) ? header.slice(7) : null;
}

function basicPassword(c: Context): string | null {
  const header = c.req.header("authorization") ?? "";
  if (!/^basic /i.test(header)) return null;
  let decoded: string;
  try {
    decoded = new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(atob(header.slice(6).trim()), (ch) => ch.charCodeAt(0)));
  } catch {
    return null;
  }
  const colon = decoded.indexOf(":");
  return colon === -1 ? null : decoded.slice(colon + 1);
}
