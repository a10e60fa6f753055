import type { LocalDate } from "../domain/time";
import type { Participant, Peer, PeerNotification } from "../domain/model";
import type { Logger } from "./log";

export interface NotificationContext {
  peer: Peer | null;
  participant: Participant | null;
}

/** One "while you were off" message at the start of a peer's shift. Composed by the domain. */
export interface PeerDigest {
  peer: Peer;
  /** e.g. "While you were off: 3 messages from 2 parents, 1 hotline case handled by a volunteer" */
  headline: string;
  items: { notification: PeerNotification; participant: Participant | null }[];
}

/** The supervisors' daily summary (boundaries held, open items). Composed by the domain. */
export interface SupervisorSummary {
  /** The supervisor channel's local date the summary covers. */
  date: LocalDate;
  headline: string;
  lines: string[];
}

/** Urgent, for the supervisors' channel: case ids and counts, never a parent's words or number. */
export interface SupervisorAlert {
  caseShortId: string;
  headline: string;
  lines: string[];
}

/**
 * How notes reach peers and supervisors. The sandbox keeps them in the store (the
 * peer_notifications table is the outbox); Slack posts Block Kit messages.
 */
export interface NotificationPort {
  readonly channel: string;
  deliver(n: PeerNotification, ctx: NotificationContext): Promise<void>;
  deliverDigest(digest: PeerDigest): Promise<void>;
  postSupervisorSummary(summary: SupervisorSummary): Promise<void>;
  /** An urgent note to the supervisors (a hotline case with no volunteer on shift). Optional: SMS is the floor. */
  postSupervisorAlert?(alert: SupervisorAlert): Promise<void>;
}

/** Sandbox: the log says one was delivered (ids and counts only, never text about a person). */
export function createSandboxNotifications(log: Logger): NotificationPort {
  return {
    channel: "sandbox",
    async deliver(n) {
      log.info("peer notification (sandbox)", { notificationId: n.id, kind: n.kind, peerId: n.peerId });
    },
    async deliverDigest(d) {
      log.info("peer digest (sandbox)", { peerId: d.peer.id, items: d.items.length });
    },
    async postSupervisorSummary(s) {
      log.info("supervisor summary (sandbox)", { date: s.date, lines: s.lines.length });
    },
    async postSupervisorAlert(a) {
      log.warn("supervisor alert (sandbox)", { caseShortId: a.caseShortId });
    },
  };
}
