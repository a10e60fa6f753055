import { storeFor } from "../store";
import type { Deps } from "./deps";

/** Hands one stored note to the peer's channel, once. */
export async function deliverNotification(notificationId: string, deps: Deps): Promise<"delivered" | "already" | "missing"> {
  const store = storeFor(deps.db);
  const n = await store.notifications.get(notificationId);
  if (!n) return "missing";
  if (n.deliveredAt) return "already";
  const [peer, participant] = await Promise.all([
    n.peerId ? store.peers.get(n.peerId) : null,
    n.participantId ? store.participants.get(n.participantId) : null,
  ]);
  await deps.notify.deliver(n, { peer, participant });
  await store.notifications.markDelivered(n.id, deps.notify.channel, deps.clock.now());
  return "delivered";
}
