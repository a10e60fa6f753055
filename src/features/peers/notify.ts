import { decideDelivery } from "../../domain/boundaries/decide";
import type { Deps } from "../../ports/deps";
import { scheduleDigest } from "./digest";

/**
 * Hands one stored note to the peer's channel, once, or holds it for the peer's next
 * shift (see docs/boundaries.md): off-hours nothing but an opted-in crisis FYI gets through.
 */
export async function deliverNotification(
  notificationId: string,
  deps: Deps,
): Promise<"delivered" | "already" | "missing" | "deferred"> {
  const store = deps.store;
  const held = deps.store.boundaries;
  const n = await store.notifications.get(notificationId);
  if (!n) return "missing";
  if (n.deliveredAt) return "already";
  const [peer, participant] = await Promise.all([
    n.peerId ? store.peers.get(n.peerId) : null,
    n.participantId ? store.participants.get(n.participantId) : null,
  ]);
  const now = deps.clock.now();
  let offHours = false;
  if (peer) {
    if (n.deferredUntil) {
      // Already held (a retry, or the sweeper after a lost digest job): make sure its digest comes.
      await scheduleDigest(deps, peer.id, n.deferredUntil);
      return "deferred";
    }
    const decision = decideDelivery(peer, n.kind, now);
    if (decision.action === "defer") {
      await held.markDeferred(n.id, decision.until, now);
      await scheduleDigest(deps, peer.id, decision.until);
      deps.log.info("notification held for the peer's shift", {
        notificationId: n.id,
        peerId: peer.id,
        reason: decision.reason,
        until: decision.until.toISOString(),
      });
      return "deferred";
    }
    offHours = decision.offHours;
  }
  await deps.notify.deliver(n, { peer, participant });
  await store.notifications.markDelivered(n.id, deps.notify.channel, now, offHours);
  return "delivered";
}
