import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import type { Deps } from "../../../ports/deps";
import { describeError } from "../../../ports/log";
import type { ConsoleUser } from "../session";
import { loadQueue } from "./queue-data";
import { renderQueueFragment } from "./render";

/**
 * How the queue stays live across processes (docs/console.md, "Hotline queue"): each open
 * stream polls a fingerprint of the unclosed cases (one indexed query, ids and update
 * times) every POLL_MS and re-renders only when it or the minute changes. The store is
 * what every web process sees, whichever process opened or claimed the case, and a
 * restart or a dropped connection loses nothing (the first event is the whole queue).
 */
export const LIVE_POLL_MS = 2000;
/** Ends a stream after this long (EventSource reconnects): the session is checked again. */
export const LIVE_MAX_MS = 5 * 60_000;
const KEEPALIVE_MS = 25_000;

/**
 * Supervisors and admins all see the same queue, so one render per change serves every
 * such page this process streams (keyed by the fingerprint and the minute); volunteers'
 * queues depend on their pages, so theirs are rendered per stream.
 */
const sharedRender = new WeakMap<Deps, { key: string; html: Promise<string> }>();

function fragmentFor(deps: Deps, user: ConsoleUser, key: string): Promise<string> {
  const render = async () => renderQueueFragment(deps, await loadQueue(deps, user));
  if (user.role !== "admin" && user.role !== "supervisor") return render();
  const hit = sharedRender.get(deps);
  if (hit?.key === key) return hit.html;
  const html = render();
  sharedRender.set(deps, { key, html });
  // A failed render is not kept: the next poll tries again.
  html.catch(() => sharedRender.get(deps)?.html === html && sharedRender.delete(deps));
  return html;
}

/**
 * Whether the session that opened the stream still holds (not signed out, not past its
 * absolute expiry, user still active): checked on every poll, so signing out or an admin
 * deactivating the account ends the stream within one poll. Reconnects go through the
 * session middleware like any request (and count as activity for the idle limit).
 */
async function sessionHolds(deps: Deps, tokenHash: string | undefined, userId: string): Promise<boolean> {
  if (!tokenHash) return false;
  const session = await deps.store.sessions.get(tokenHash);
  if (!session || session.userId !== userId || session.expiresAt.getTime() <= deps.clock.now().getTime()) return false;
  const record = await deps.store.users.get(userId);
  return !!record?.active;
}

export function queueStream(c: Context, deps: Deps, user: ConsoleUser, opts: { pollMs?: number; maxMs?: number } = {}) {
  const tokenHash = c.get("consoleSession")?.tokenHash;
  const pollMs = opts.pollMs ?? LIVE_POLL_MS;
  const maxMs = opts.maxMs ?? LIVE_MAX_MS;
  return streamSSE(
    c,
    async (stream) => {
      // Connection age and keep-alive are real elapsed time on this socket, not a business
      // time: performance.now(), so a test that moves deps.clock does not end the stream.
      const started = performance.now();
      let lastWrite = started;
      let lastStamp: string | null = null;
      let lastMinute = -1;
      let lastHtml = "";
      let seq = 0;
      await stream.writeSSE({ event: "hello", data: "live", retry: 3000 });
      try {
        while (!stream.aborted && !stream.closed && performance.now() - started < maxMs) {
          if (!(await sessionHolds(deps, tokenHash, user.id))) break;
          const stamp = await deps.store.cases.queueStamp();
          const minute = Math.floor(deps.clock.now().getTime() / 60_000);
          if (stamp !== lastStamp || minute !== lastMinute) {
            const html = await fragmentFor(deps, user, `${stamp}|${minute}`);
            if (html !== lastHtml) {
              await stream.writeSSE({ event: "queue", data: html, id: String(++seq) });
              lastWrite = performance.now();
              lastHtml = html;
            }
            lastStamp = stamp;
            lastMinute = minute;
          }
          if (performance.now() - lastWrite > KEEPALIVE_MS) {
            await stream.write(": keep-alive\n\n");
            lastWrite = performance.now();
          }
          await stream.sleep(pollMs);
        }
      } catch (err) {
        // Caught here rather than by streamSSE's onError, which would send the error's
        // message to the browser. The stream ends; EventSource reconnects and the next
        // stream starts with the whole queue again.
        deps.log.warn("console hotline stream failed", { userId: user.id, error: describeError(err) });
      }
    },
  );
}
