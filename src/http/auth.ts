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
    const given = Buffer.from(header.startsWith("Bearer ") ? header.slice(7) : "");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return c.json({ error: "unauthorised" }, 401);
    }
    await next();
  };
}
