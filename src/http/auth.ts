import { timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";

/**
 * Bearer-token guard for the admin API. With no ADMIN_TOKEN configured the API is off
 * (503), never open.
 */
export function requireAdmin(token: string | undefined): MiddlewareHandler {
  return requireAnyToken([token], "admin API disabled: set ADMIN_TOKEN");
}

/** Passes a request bearing any of the configured tokens (e.g. admin or supervisor). */
export function requireAnyToken(
  tokens: (string | undefined)[],
  disabledMessage = "API disabled: set ADMIN_TOKEN or SUPERVISOR_TOKEN",
): MiddlewareHandler {
  const expected = tokens.filter((t): t is string => !!t).map((t) => Buffer.from(t));
  return async (c, next) => {
    if (expected.length === 0) return c.json({ error: disabledMessage }, 503);
    const header = c.req.header("authorization") ?? "";
    // The auth scheme name is case-insensitive (RFC 9110 §11.1).
    const given = Buffer.from(/^bearer /i.test(header) ? header.slice(7) : "");
    if (!expected.some((e) => e.length === given.length && timingSafeEqual(e, given))) {
      return c.json({ error: "unauthorised" }, 401);
    }
    await next();
  };
}
