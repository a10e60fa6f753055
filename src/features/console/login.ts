import type { Deps } from "../../ports/deps";
import { recordEvent } from "./audit";
import { hashToken, newToken, toConsoleUser, type ConsoleUser } from "./session";
import { verifyPassword } from "./passwords";

export type SignInResult =
  | { ok: true; user: ConsoleUser; token: string; maxAgeSeconds: number }
  | { ok: false; reason: "wrong" | "locked" | "address_limited" };

/**
 * Sign-in (docs/console.md): per-address limit first (no hashing for a flood), then the
 * account's lockout, then the password (a dummy hash when the email is unknown, so the
 * time is the same). The Nth wrong password within the window locks the account for
 * CONSOLE_LOCKOUT_MINUTES and is audited; an unknown email is counted and "locked" the
 * same way, so the answers do not tell which emails exist.
 */
export async function signIn(deps: Deps, input: { email: string; password: string; ip: string }): Promise<SignInResult> {
  const { store, clock, config } = deps;
  const email = input.email.trim().toLowerCase();
  const now = clock.now();
  const windowMs = config.CONSOLE_LOCKOUT_MINUTES * 60_000;
  const since = new Date(now.getTime() - windowMs);
  const failures = await store.users.failuresSince(email, input.ip, since);
  if (failures.ip >= config.CONSOLE_IP_ATTEMPTS) {
    await recordEvent(deps, { actor: email, action: "login_refused", what: "address limit", detail: { ip: input.ip } });
    return { ok: false, reason: "address_limited" };
  }
  const user = await store.users.byEmail(email);
  const locked = user ? user.lockedUntil !== null && user.lockedUntil.getTime() > now.getTime() : failures.email >= config.CONSOLE_LOCKOUT_ATTEMPTS;
  if (locked) {
    await recordEvent(deps, { user: user ? toConsoleUser(user) : null, actor: email, action: "login_refused", what: "account locked", detail: { ip: input.ip } });
    return { ok: false, reason: "locked" };
  }
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !user.active || !passwordOk) {
    await store.users.recordFailure(email, input.ip, now);
    const count = failures.email + 1;
    await recordEvent(deps, { user: user ? toConsoleUser(user) : null, actor: email, action: "login_failed", detail: { ip: input.ip, attempt: count } });
    if (count >= config.CONSOLE_LOCKOUT_ATTEMPTS) {
      const until = new Date(now.getTime() + windowMs);
      if (user) {
        await store.users.setLockedUntil(user.id, until);
        // The account's count starts again once the lockout ends.
        await store.users.clearFailures(email);
      }
      await recordEvent(deps, {
        user: user ? toConsoleUser(user) : null,
        actor: email,
        action: "lockout",
        what: "account",
        detail: { ip: input.ip, attempts: count, until: until.toISOString() },
      });
      return { ok: false, reason: "locked" };
    }
    return { ok: false, reason: "wrong" };
  }
  await store.users.clearFailures(email);
  if (user.lockedUntil) await store.users.setLockedUntil(user.id, null);
  // Housekeeping on the (rare) successful sign-in rather than a job: dead sessions and
  // failures outside the window are never read again.
  await store.sessions.deleteExpired(now, new Date(now.getTime() - config.CONSOLE_SESSION_IDLE_MINUTES * 60_000));
  await store.users.forgetFailuresBefore(since);
  const token = newToken();
  const maxAgeSeconds = config.CONSOLE_SESSION_MAX_HOURS * 3600;
  await store.sessions.create({
    tokenHash: hashToken(token),
    userId: user.id,
    csrfToken: newToken(),
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + maxAgeSeconds * 1000),
  });
  const consoleUser = toConsoleUser(user);
  await recordEvent(deps, { user: consoleUser, action: "login", detail: { ip: input.ip } });
  return { ok: true, user: consoleUser, token, maxAgeSeconds };
}
