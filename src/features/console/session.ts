import { createHash, randomBytes } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { constantTimeEqual } from "../../domain/text/constant-time";
import type { ConsoleRole, ConsoleUserRecord } from "../../adapters/postgres/users";
import type { Deps } from "../../ports/deps";

/**
 * Who is signed in to the console, and the guards every console route uses
 * (docs/console.md). This file is the contract the hotline, workload and report pages
 * import: keep its exports stable.
 */
export type Role = ConsoleRole;

export interface ConsoleUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** The peers row of a peer (their caseload). */
  peerId: string | null;
  /** The responders row of a volunteer or supervisor (paged cases; the `by` of supervisor actions). */
  responderId: string | null;
}

export interface ConsoleSessionState {
  tokenHash: string;
  csrf: string;
}

declare module "hono" {
  interface ContextVariableMap {
    /** Set by the console's session middleware for a signed-in request (requireRole guarantees it). */
    user: ConsoleUser;
    consoleSession: ConsoleSessionState;
  }
}

export const SESSION_COOKIE = "bl_console";
/** The sign-in form's CSRF token before there is a session (double-submit cookie). */
export const LOGIN_CSRF_COOKIE = "bl_console_login";
export const CSRF_FIELD = "_csrf";
export const CSRF_HEADER = "x-csrf-token";

/**
 * The CSRF token of the user's session, for the Layout (sign-out form) and CsrfField,
 * which see the user object but not the request: the middleware registers the very
 * object it puts in the context.
 */
const csrfByUser = new WeakMap<ConsoleUser, string>();

export function csrfForUser(user: ConsoleUser): string {
  return csrfByUser.get(user) ?? "";
}

/** The CSRF token to put in a form (or the x-csrf-token header) of this request's session. */
export function csrfToken(c: Context): string {
  return c.get("consoleSession")?.csrf ?? "";
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export function toConsoleUser(u: ConsoleUserRecord): ConsoleUser {
  return { id: u.id, email: u.email, name: u.name, role: u.role, peerId: u.peerId, responderId: u.responderId };
}

/** Secure when the request came over https, directly or through a proxy that says so. */
export function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === "https:" || (c.req.header("x-forwarded-proto") ?? "").split(",")[0]?.trim() === "https";
}

export function setSessionCookie(c: Context, token: string, maxAgeSeconds: number): void {
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: "Lax", secure: isHttps(c), path: "/console", maxAge: Math.floor(maxAgeSeconds) });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/console", secure: isHttps(c) });
}

/** A session is touched at most this often: idle expiry is exact to this, and a page view is not always a write. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Reads the session cookie: an unexpired session (idle and absolute limits, by
 * deps.clock) of an active user sets `user` and `consoleSession`; anything else leaves
 * them unset (and forgets a dead session). Never answers by itself.
 */
export function loadSession(deps: Deps): MiddlewareHandler {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const tokenHash = hashToken(token);
      const session = await deps.store.sessions.get(tokenHash);
      const now = deps.clock.now();
      const idleMs = deps.config.CONSOLE_SESSION_IDLE_MINUTES * 60_000;
      const alive = session && session.expiresAt.getTime() > now.getTime() && now.getTime() - session.lastSeenAt.getTime() < idleMs;
      const record = alive ? await deps.store.users.get(session.userId) : null;
      if (session && alive && record?.active) {
        const user = toConsoleUser(record);
        csrfByUser.set(user, session.csrfToken);
        c.set("user", user);
        c.set("consoleSession", { tokenHash, csrf: session.csrfToken });
        if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) await deps.store.sessions.touch(tokenHash, now);
      } else {
        if (session) await deps.store.sessions.delete(tokenHash);
        clearSessionCookie(c);
      }
    }
    await next();
  };
}

/**
 * Every state-changing request of a signed-in user carries the session's CSRF token
 * (form field `_csrf` or header `x-csrf-token`), else 403. Requests without a session
 * pass on to requireRole, which refuses them (nothing to forge). The sign-in form is
 * registered before this guard and checks its own double-submit token.
 */
export function csrfGuard(): MiddlewareHandler {
  return async (c, next) => {
    if (["GET", "HEAD", "OPTIONS"].includes(c.req.method)) return next();
    const session = c.get("consoleSession");
    if (!session) return next();
    const given = c.req.header(CSRF_HEADER) ?? (await formField(c, CSRF_FIELD));
    if (!given || !constantTimeEqual(given, session.csrf)) {
      return c.text("Forbidden: the form's security token is missing or wrong. Reload the page and try again.", 403);
    }
    await next();
  };
}

/** A field of a urlencoded or multipart body (Hono caches the parsed body for the handler). */
export async function formField(c: Context, name: string): Promise<string | undefined> {
  const type = c.req.header("content-type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) return undefined;
  const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const v = body[name];
  return typeof v === "string" ? v : undefined;
}

/**
 * Lets a signed-in user with one of `roles` through (admin always). Not signed in: a GET
 * is redirected to the sign-in page (coming back afterwards), anything else is 401.
 * Signed in without the role: 403.
 */
export function requireRole(...roles: Role[]): MiddlewareHandler {
  return async (c, next) => {
    const user = c.get("user");
    if (!user) {
      if (c.req.method === "GET" || c.req.method === "HEAD") {
        const url = new URL(c.req.url);
        return c.redirect(`/console/login?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
      }
      return c.text("Unauthorised: sign in first.", 401);
    }
    if (user.role !== "admin" && !roles.includes(user.role)) return c.text("Forbidden: your role cannot open this page.", 403);
    await next();
  };
}
