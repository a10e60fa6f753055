import { decideDigest } from "../../domain/boundaries/decide";
import { digestHeadline, orderDigestItems } from "../../domain/boundaries/digest";
import type { PeerNotification } from "../../domain/model";
import { jobId, RETRY_TRANSIENT } from "../../jobs/queues";
import type { Deps } from "../../ports/deps";
import { JOBS } from "../../jobs/catalog";
import { enqueue, jobRequest } from "../../jobs/define";

/**
 * The "while you were off" digest: ONE delayed job per peer per shift start on the notify
 * queue (job id `digest|<peer>|<shift start ms>`), however many notes were held for it.
 */

/** A held note is due if its time is within this of the digest running (timer jitter). */
const DUE_SLACK_MS = 60_000;

export async function scheduleDigest(deps: Pick<Deps, "queues" | "clock">, peerId: string, at: Date): Promise<void> {
  const id = jobId.digest(peerId, at);
  const data = { peerId, dueAt: at.getTime() };
  const opts = { ...RETRY_TRANSIENT, delay: Math.max(0, at.getTime() - deps.clock.now().getTime()) };
  const existing = await deps.queues.notify.getJob(id);
  const state = existing ? await existing.getState() : null;
  if (state === "failed") {
    // It gave up (the channel kept failing) with notes claimed into its digest row: only this
    // job's key re-sends them, so run it again; a new job would find nothing left to claim.
    await existing!.retry();
    return;
  }
  if (state === "completed") {
    // That shift's digest already went out (kept a day as a no-op guard): a note held for the
    // same start after it ran gets a follow-up digest right away instead of being stranded.
    const late = jobRequest(JOBS.digest, data);
    await deps.queues.notify.add(late.name, late.data, { ...late.opts, jobId: `${id}|late|${deps.clock.now().getTime()}` });
    return;
  }
  await enqueue(deps.queues, JOBS.digest, data, { delay: opts.delay });
}

export type DigestOutcome = "delivered" | "already" | "empty" | "re-deferred" | "missing";

/**
 * Runs a digest job: re-checks that the peer is available (they may have gone /away since),
 * claims the held notes into a digest row keyed by the job id, hands them to the channel
 * once, and marks them delivered. A retry of the same job re-sends exactly what it claimed.
 */
export async function runDigest(data: { peerId: string; dueAt: number }, key: string, deps: Deps): Promise<DigestOutcome> {
  const now = deps.clock.now();
  const store = deps.store;
  const held = deps.store.boundaries;
  const peer = await store.peers.get(data.peerId);
  if (!peer) return "missing";

  let digest = await held.digestByKey(key);
  if (digest?.deliveredAt) return "already";
  let items: PeerNotification[];
  if (digest) {
    items = await held.digestItems(digest.id); // a retry: exactly what this job claimed
  } else {
    const decision = decideDigest(peer, now);
    if (decision.action === "defer") {
      const moved = await held.redefer(peer.id, new Date(now.getTime() + DUE_SLACK_MS), decision.until);
      if (moved > 0) await scheduleDigest(deps, peer.id, decision.until);
      deps.log.info("digest held again", { peerId: peer.id, items: moved, until: decision.until.toISOString() });
      return "re-deferred";
    }
    const due = await held.listDue(peer.id, new Date(now.getTime() + DUE_SLACK_MS));
    if (!due.length) return "empty";
    const claimed = await deps.transaction(async (tx) => {
      const b = tx.boundaries;
      const { digest: d, items } = await b.claimIntoDigest(key, peer.id, due.map((n) => n.id));
      if (!items.length) {
        await b.deleteDigest(d.id);
        return null;
      }
      const headline = digestHeadline(items);
      await b.setDigestHeadline(d.id, headline, items.length);
      return { digest: { ...d, headline, itemCount: items.length }, items };
    });
    if (!claimed) return "empty";
    ({ digest, items } = claimed);
  }

  items = orderDigestItems(items);
  const participants = new Map(
    await Promise.all(
      [...new Set(items.map((n) => n.participantId).filter((id): id is string => !!id))].map(
        async (id) => [id, await store.participants.get(id)] as const,
      ),
    ),
  );
  await deps.notify.deliverDigest({
    peer,
    headline: digest.headline,
    items: items.map((notification) => ({
      notification,
      participant: notification.participantId ? (participants.get(notification.participantId) ?? null) : null,
    })),
  });
  await held.markDigestDelivered(digest.id, deps.notify.channel, now);
  deps.log.info("digest delivered", { peerId: peer.id, digestId: digest.id, items: items.length });
  return "delivered";
}
