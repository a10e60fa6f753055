import type { Participant, Peer, PeerNotification } from "../domain/model";
import type { Logger } from "../log";

/** How a note for a peer reaches them. Slack arrives later; the sandbox keeps it in the store. */
export interface NotificationPort {
  readonly channel: string;
  deliver(n: PeerNotification, ctx: { peer: Peer | null; participant: Participant | null }): Promise<void>;
}

/** Sandbox: the peer_notifications table is the outbox; the log says one was delivered (ids only). */
export function createSandboxNotifications(log: Logger): NotificationPort {
  return {
    channel: "sandbox",
    async deliver(n) {
      log.info("peer notification (sandbox)", { notificationId: n.id, kind: n.kind, peerId: n.peerId });
    },
  };
}
