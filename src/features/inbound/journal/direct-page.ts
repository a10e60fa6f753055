import type { HotlineCase, Responder } from "../../../domain/hotline/model";
import { whomToPage, type PageReason } from "../../../domain/hotline/escalation";
import { describeError } from "../../../ports/log";
import { deliverOutbound } from "../../outbound/deliver-sms";
import type { Deps } from "../../../ports/deps";
import { pageBody as hotlinePageBody } from "../../hotline/hotline-messages";
import type { Journal } from "./journal";
import { responderCacheFor } from "./responder-cache";

/**
 * First pages of a crisis case sent straight through the SMS port, for when the hotline
 * queue cannot take the escalation job. Later steps (re-pages, backups) wait for the
 * queue: the sweeper restarts every open case's chain once it is back, and step 0 then
 * finds these pages already recorded under its own idempotency keys and sends nothing twice.
 */

/** In-process retries for a direct page; the queue's own retries take over once it is back. */
const DIRECT_ATTEMPTS = 5;
const DIRECT_BACKOFF_MS = 1000;

function pageBody(deps: Pick<Deps, "flows" | "config">, r: Responder, shortId: string, reason: PageReason): string {
  // The escalation job's own wording (an ALERT when nobody is on shift), so either path reads the same.
  return hotlinePageBody(deps, r, { shortId, step: 0, reason, minutes: 1 });
}

async function withRetries<T>(attempt: () => Promise<T>): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (i >= DIRECT_ATTEMPTS) throw err;
      await new Promise((r) => setTimeout(r, DIRECT_BACKOFF_MS * 2 ** (i - 1)));
    }
  }
}

/**
 * Postgres is down: page whoever the last responder read says is on shift (or a fresh read
 * if Postgres answers after all), and journal each page sent so the replay records it on
 * the case instead of sending it again.
 */
export async function pageFromJournal(
  deps: Deps,
  journal: Journal,
  text: { messageSid: string; shortId: string; childSafety: boolean },
): Promise<number> {
  const cache = responderCacheFor(deps);
  const responders = (await cache.readNow()) ?? cache.responders ?? [];
  const { responders: toPage, reason } = whomToPage(0, responders, deps.clock.now(), { childSafety: text.childSafety });
  if (toPage.length === 0) deps.log.error("crisis text while Postgres is down and nobody known to page", { reason, cached: responders.length });
  let sent = 0;
  await Promise.all(
    toPage.map(async (r) => {
      const body = pageBody(deps, r, text.shortId, reason);
      let providerSid: string;
      try {
        ({ providerSid } = await withRetries(() => deps.sms.send({ to: r.phone, body })));
        sent++;
      } catch (err) {
        deps.log.error("direct page failed; the replayed case's chain will page again", { responderId: r.id, error: describeError(err) });
        return;
      }
      try {
        await journal.append({
          v: 1,
          kind: "page_sent",
          messageSid: text.messageSid,
          responderId: r.id,
          toPhone: r.phone,
          body,
          providerSid,
          sentAt: deps.clock.now().toISOString(),
        });
      } catch (err) {
        // Sent but not recorded: the replayed case's first step may page this person again.
        deps.log.error("direct page sent but not journaled", { responderId: r.id, error: describeError(err) });
      }
    }),
  );
  return sent;
}

/**
 * Redis is down, Postgres is up: create step 0's page rows exactly as the escalation job
 * would (same keys), record the "paged" event under the job's key, and deliver each row
 * now. The rows' compare-and-set status keeps a later queued job from sending them again.
 */
export async function pageFromStore(deps: Deps, c: Pick<HotlineCase, "id" | "shortId" | "escalationRound" | "supervisorReview">): Promise<number> {
  const store = deps.store;
  const now = deps.clock.now();
  const { responders: toPage, reason } = whomToPage(0, await store.responders.listActive(), now, { childSafety: c.supervisorReview });
  const ids: string[] = [];
  for (const r of toPage) {
    const { message, isNew } = await store.outbound.createOnce({
      idempotencyKey: `page|${c.id}|${c.escalationRound}|0|${r.id}`,
      toPhone: r.phone,
      body: pageBody(deps, r, c.shortId, reason),
      kind: "hotline_page",
      priority: "crisis",
      participantId: null,
      notAfter: null,
    });
    // A row that already existed was made by the chain's own step (the queue was slow,
    // not down): its job sends it.
    if (isNew) ids.push(message.id);
  }
  await store.cases.addEvent(
    c.id,
    "paged",
    now,
    null,
    { step: 0, round: c.escalationRound, reason, responderIds: toPage.map((r) => r.id), via: "direct" },
    `page|${c.id}|${c.escalationRound}|0`,
  );
  if (toPage.length === 0) deps.log.error("hotline case has nobody to page", { caseId: c.id, reason });
  const outcomes = await Promise.all(
    ids.map((id) =>
      withRetries(() => {
        // A failed try puts the row back to "queued" and throws: retried here a few times;
        // after that the sweeper queues it once Redis is back.
        return deliverOutbound(id, deps, { isLast: false, direct: true });
      }).catch((err: unknown) => {
        deps.log.error("direct page failed; the sweeper re-queues it", { outboundId: id, error: describeError(err) });
        return "failed" as const;
      }),
    ),
  );
  return outcomes.filter((o) => o === "sent").length;
}
