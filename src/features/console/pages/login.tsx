import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import { constantTimeEqual } from "../../../domain/text/constant-time";
import type { Deps } from "../../../ports/deps";
import { clientAddress, renderPage, safeNext } from "../http";
import { BarePage } from "../layout";
import { signIn } from "../login";
import { isHttps, LOGIN_CSRF_COOKIE, newToken, setSessionCookie } from "../session";

const loginForm = z.object({
  email: z.string().trim().min(3, "enter your email").max(254),
  password: z.string().min(1, "enter your password").max(1024),
  _csrf: z.string().min(1).max(200),
  next: z.string().max(2000).optional(),
});

function LoginPage(props: { csrf: string; next: string; error?: string; email?: string }) {
  return (
    <BarePage title="Sign in to the Buddyline console">
      {props.error ? (
        <p class="error" role="alert">
          {props.error}
        </p>
      ) : null}
      <form class="stack" method="post" action="/console/login">
        <input type="hidden" name="_csrf" value={props.csrf} />
        <input type="hidden" name="next" value={props.next} />
        <label>
          Email
          <input type="email" name="email" autocomplete="username" required value={props.email ?? ""} />
        </label>
        <label>
          Password
          <input type="password" name="password" autocomplete="current-password" required />
        </label>
        <button class="primary" type="submit">
          Sign in
        </button>
      </form>
    </BarePage>
  );
}

const MESSAGES = {
  wrong: "That email and password do not match an account.",
  locked: "Too many wrong passwords: sign-in for this account is paused for a while. Try again later or ask an admin.",
  address_limited: "Too many wrong passwords from this network. Try again later.",
  invalid: "Enter your email and password.",
};

/**
 * Sign-in and sign-out. Registered before the session CSRF guard: before sign-in there
 * is no session, so the form carries a double-submit token (cookie = field).
 */
export function loginRoutes(deps: Deps) {
  const app = new Hono();

  app.get("/login", async (c) => {
    if (c.get("user")) return c.redirect(safeNext(c.req.query("next")), 303);
    const csrf = loginCsrf(c);
    return renderPage(c, <LoginPage csrf={csrf} next={safeNext(c.req.query("next"))} />);
  });

  app.post("/login", async (c) => {
    const body: Record<string, unknown> = await c.req.parseBody().catch(() => ({}));
    const cookie = getCookie(c, LOGIN_CSRF_COOKIE);
    const given = typeof body["_csrf"] === "string" ? body["_csrf"] : "";
    if (!cookie || !given || !constantTimeEqual(given, cookie)) {
      return c.text("Forbidden: the sign-in form's security token is missing or wrong. Reload the page and try again.", 403);
    }
    const parsed = loginForm.safeParse(body);
    const next = safeNext(typeof body["next"] === "string" ? body["next"] : undefined);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => i.path.join(".")).join(", ");
      return renderPage(c, <LoginPage csrf={cookie} next={next} error={`${MESSAGES.invalid} (${fields})`} />, 400);
    }
    const result = await signIn(deps, { email: parsed.data.email, password: parsed.data.password, ip: clientAddress(c, deps) });
    if (!result.ok) {
      const status = result.reason === "wrong" ? 401 : 429;
      return renderPage(c, <LoginPage csrf={cookie} next={next} email={parsed.data.email} error={MESSAGES[result.reason]} />, status);
    }
    // A session this browser already had is ended, not kept beside the new one.
    const previous = c.get("consoleSession");
    if (previous) await deps.store.sessions.delete(previous.tokenHash);
    deleteCookie(c, LOGIN_CSRF_COOKIE, { path: "/console/login", secure: isHttps(c) });
    setSessionCookie(c, result.token, result.maxAgeSeconds);
    return c.redirect(next, 303);
  });

  return app;
}

function loginCsrf(c: Parameters<typeof getCookie>[0]): string {
  const existing = getCookie(c, LOGIN_CSRF_COOKIE);
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const token = newToken();
  setCookie(c, LOGIN_CSRF_COOKIE, token, { httpOnly: true, sameSite: "Strict", secure: isHttps(c), path: "/console/login", maxAge: 3600 });
  return token;
}
