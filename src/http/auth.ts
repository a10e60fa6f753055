import { timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";

/**
 * Bearer-token guard for the admin API. With no ADMIN_TOKEN configured the API is off
 * (503), never open.
 */
export function requireAdmin(token: string | undefined): MiddlewareHandler {
  const expected = token ? Buffer.from(token) : null;
  return async (c, next) => {
    if (!expected) return c.json({ error: "admin API disabled: set ADMIN_TOKEN" }, 503);
    const header = c.req.header("authorization") ?? "";
    // The auth scheme name is case-insensitive (RFC 9110 §11.1).
    const given = Buffer.from(/^bearer /i.test(header) ? header.slice(7) : "");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return c.json({ error: "unauthorised" }, 401);
    }
    await next();
  };
}

/** Read access for supervisors: either the admin token or the supervisor token. */
export function requireAnyToken(tokens: (string | undefined)[]): MiddlewareHandler {
  const expected = tokens.filter((t): t is string => !!t).map((t) => Buffer.from(t));
  return async (c, next) => {
    if (expected.length === 0) return c.json({ error: "API disabled: set ADMIN_TOKEN or SUPERVISOR_TOKEN" }, 503);
    const header = c.req.header("authorization") ?? "";
    const given = Buffer.from(/^bearer /i.test(header) ? header.slice(7) : "");
    if (!expected.some((e) => e.length === given.length && timingSafeEqual(e, given))) {
      return c.json({ error: "unauthorised" }, 401);
    }
    await next();
  };
}
