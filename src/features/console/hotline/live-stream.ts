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

export function queueStream(c: Context, deps: Deps, user: ConsoleUser, opts: { pollMs?: number; maxMs?: number } = {}) {
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
      while (!stream.aborted && !stream.closed && performance.now() - started < maxMs) {
        const stamp = await deps.store.cases.queueStamp();
        const minute = Math.floor(deps.clock.now().getTime() / 60_000);
        if (stamp !== lastStamp || minute !== lastMinute) {
          const html = await renderQueueFragment(deps, await loadQueue(deps, user));
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
    },
    async (err) => {
      // The client reconnects; the next stream starts with the whole queue again.
      deps.log.warn("console hotline stream failed", { userId: user.id, error: describeError(err) });
    },
  );
}
