import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../support/harness";
import { runningClock } from "../support/clock";
import { consoleClient, makeUser, PASSWORD } from "./client";

/** Sign-in, sessions, CSRF and lockout through the whole app (buildApp), on PGlite. */
describe("console sign-in and sessions", () => {
  let h: Harness;
  const clock = runningClock(new Date("2026-03-02T15:00:00Z"));
  beforeAll(async () => {
    h = await createHarness({ sms: "sandbox", clock, env: { CONSOLE_LOCKOUT_ATTEMPTS: "3", CONSOLE_LOCKOUT_MINUTES: "15", CONSOLE_IP_ATTEMPTS: "8", CONSOLE_TRUST_PROXY: "true" } });
  });
  afterAll(async () => {
    await h.close();
  });

  it("signs in with the right password, keeps the session, and signs out", async () => {
    const admin = await makeUser(h, { role: "admin" });
    const c = consoleClient(h.app);
    const anonymous = await c.get("/console/caseload");
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get("location")).toBe("/console/login?next=%2Fconsole%2Fcaseload");

    const res = await c.signIn(admin.email, PASSWORD);
    expect(res.status).toBe(303);
    const cookie = res.headers.getSetCookie().find((l) => l.startsWith("bl_console="))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const page = await c.get("/console/caseload");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
    expect(page.headers.get("cache-control")).toBe("no-store");
    expect(c.html).toContain('<html lang="en">');

    // The stored session is the hash of the cookie, not the cookie.
    const token = c.jar.get("bl_console")!;
    const { rows } = await h.db.query<{ token_hash: string }>("select token_hash from console_sessions");
    expect(rows.map((r) => r.token_hash)).not.toContain(token);

    expect((await c.post("/console/logout")).status).toBe(303);
    expect((await c.get("/console/caseload")).status).toBe(303);
    // The old cookie is dead on the server too.
    const replay = consoleClient(h.app);
    replay.jar.set("bl_console", token);
    expect((await replay.get("/console/caseload")).status).toBe(303);
  });

  it("gives a new session at every sign-in and ends the one the browser had", async () => {
    const u = await makeUser(h, { role: "admin" });
    const c = consoleClient(h.app);
    await c.signIn(u.email, PASSWORD);
    const first = c.jar.get("bl_console")!;
    // Straight to the form again (as a second tab would post it), still holding the first cookie.
    await c.request("GET", "/console/login?x=1");
    const login = consoleClient(h.app);
    await login.get("/console/login");
    c.jar.set("bl_console_login", login.jar.get("bl_console_login")!);
    expect((await c.request("POST", "/console/login", { _csrf: login.csrf(), email: u.email, password: PASSWORD })).status).toBe(303);
    expect(c.jar.get("bl_console")).not.toBe(first);
    const stale = consoleClient(h.app);
    stale.jar.set("bl_console", first);
    expect((await stale.get("/console/caseload")).status).toBe(303);
    expect((await c.get("/console/caseload")).status).toBe(200);
  });

  it("goes back to the page asked for after sign-in, but never off the console", async () => {
    const u = await makeUser(h, { role: "admin" });
    for (const [next, expected] of [
      ["/console/audit?action=view", "/console/audit?action=view"],
      ["//evil.example/console", "/console"],
      ["https://evil.example/", "/console"],
      ["/console\\@evil.example", "/console"],
    ] as const) {
      const c = consoleClient(h.app);
      await c.get(`/console/login?next=${encodeURIComponent(next)}`);
      const res = await c.post("/console/login", { email: u.email, password: PASSWORD, next });
      expect(res.headers.get("location")).toBe(expected);
    }
  });

  it("marks the cookie Secure behind an https proxy", async () => {
    const u = await makeUser(h, { role: "admin" });
    const c = consoleClient(h.app, { headers: { "x-forwarded-proto": "https" } });
    const res = await c.signIn(u.email, PASSWORD);
    expect(res.headers.getSetCookie().find((l) => l.startsWith("bl_console="))).toMatch(/Secure/);
  });

  it("refuses a forged or missing CSRF token with 403, on sign-in and after", async () => {
    const u = await makeUser(h, { role: "admin" });
    const c = consoleClient(h.app);
    await c.get("/console/login");
    expect((await c.request("POST", "/console/login", { _csrf: "forged", email: u.email, password: PASSWORD })).status).toBe(403);
    expect((await c.request("POST", "/console/login", { email: u.email, password: PASSWORD })).status).toBe(403);
    expect((await c.signIn(u.email, PASSWORD)).status).toBe(303);
    await c.get("/console/caseload");
    expect((await c.request("POST", "/console/logout", { _csrf: "x".repeat(43) })).status).toBe(403);
    expect((await c.request("POST", "/console/logout", {})).status).toBe(403);
    // Another session's token is not this one's.
    const other = consoleClient(h.app);
    await other.signIn(u.email, PASSWORD);
    await other.get("/console/caseload");
    expect((await c.request("POST", "/console/logout", { _csrf: other.csrf() })).status).toBe(403);
    expect((await c.get("/console/caseload")).status).toBe(200);
  });

  it("locks the account after N wrong passwords, audits it, and unlocks after the window", async () => {
    const u = await makeUser(h, { role: "supervisor" });
    const c = consoleClient(h.app, { headers: { "x-forwarded-for": "203.0.113.7" } });
    expect((await c.signIn(u.email, "wrong password 1")).status).toBe(401);
    expect((await c.signIn(u.email, "wrong password 2")).status).toBe(401);
    const third = await c.signIn(u.email, "wrong password 3");
    expect(third.status).toBe(429);
    // Locked: even the right password is refused.
    expect((await c.signIn(u.email, PASSWORD)).status).toBe(429);
    const audit = await h.store.audit.list({ limit: 50, action: "lockout" });
    expect(audit.find((a) => a.userId === u.id)).toMatchObject({ actor: u.email, detail: { attempts: 3 } });
    expect(JSON.stringify(await h.store.audit.list({ limit: 200 }))).not.toContain("wrong password");

    clock.jump(16 * 60_000);
    expect((await c.signIn(u.email, PASSWORD)).status).toBe(303);
  });

  it("answers an unknown email like a wrong password, and locks it the same way", async () => {
    const c = consoleClient(h.app, { headers: { "x-forwarded-for": "203.0.113.8" } });
    expect((await c.signIn("nobody@example.org", "whatever")).status).toBe(401);
    expect(c.html).toContain("That email and password do not match an account.");
    await c.signIn("nobody@example.org", "whatever");
    expect((await c.signIn("nobody@example.org", "whatever")).status).toBe(429);
  });

  it("limits wrong passwords per address across accounts", async () => {
    const c = consoleClient(h.app, { headers: { "x-forwarded-for": "198.51.100.9" } });
    for (let i = 0; i < 8; i++) await c.signIn(`spray${i}@example.org`, "guess");
    const u = await makeUser(h, { role: "admin" });
    expect((await c.signIn(u.email, PASSWORD)).status).toBe(429);
    expect(c.html).toContain("from this network");
    // Another address is not affected.
    const elsewhere = consoleClient(h.app, { headers: { "x-forwarded-for": "198.51.100.10" } });
    expect((await elsewhere.signIn(u.email, PASSWORD)).status).toBe(303);
  });

  it("ends a session after the idle limit and after the absolute limit (by the injected clock)", async () => {
    const u = await makeUser(h, { role: "admin" });
    const c = consoleClient(h.app);
    await c.signIn(u.email, PASSWORD);
    clock.jump(29 * 60_000);
    expect((await c.get("/console/caseload")).status).toBe(200);
    clock.jump(31 * 60_000);
    expect((await c.get("/console/caseload")).status).toBe(303);

    const d = consoleClient(h.app);
    await d.signIn(u.email, PASSWORD);
    let kept = 0;
    for (; kept < 30; kept++) {
      clock.jump(29 * 60_000);
      if ((await d.get("/console/caseload")).status !== 200) break;
    }
    // Active every 29 minutes: alive at 24 × 29 min = 11.6 h, gone at 12.1 h (the 12-hour limit).
    expect(kept).toBe(24);
    // The next sign-in clears dead sessions and failures outside the window.
    await consoleClient(h.app).signIn(u.email, PASSWORD); // left unused: it goes idle
    await consoleClient(h.app).signIn("nobody-here@example.org", "wrong");
    clock.jump(31 * 60_000);
    const dead = `select count(*)::int as n from console_sessions where expires_at <= $1 or last_seen_at <= $2`;
    const now = clock.now();
    const idle = new Date(now.getTime() - 30 * 60_000);
    expect((await h.db.query<{ n: number }>(dead, [now, idle])).rows[0]!.n).toBeGreaterThan(0);
    await consoleClient(h.app).signIn(u.email, PASSWORD);
    expect((await h.db.query<{ n: number }>(dead, [now, idle])).rows[0]!.n).toBe(0);
    const failures = await h.db.query<{ n: number }>("select count(*)::int as n from console_login_failures where email = 'nobody-here@example.org'");
    expect(failures.rows[0]!.n).toBe(0);
  });
});
