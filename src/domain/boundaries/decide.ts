import { isAvailable, nextAvailableAt, unavailability, type PeerSchedule, type Unavailability } from "./availability";

/**
 * Which notes may break through a peer's off-hours. Crises themselves never wait for a
 * peer (they page the hotline); what a peer gets about one is an FYI. Everything else,
 * including kinds this module does not know yet, is routine and waits for the shift.
 */
export type NotificationClass = "crisis_fyi" | "routine";

/** Hotline case updates about the peer's parent, and concern-level crisis screens. */
export function classifyNotification(kind: string): NotificationClass {
  return kind.startsWith("hotline_") || kind === "concern" ? "crisis_fyi" : "routine";
}

export interface DeliverySubject extends PeerSchedule {
  crisisFyiImmediately: boolean;
}

export type DeliveryDecision =
  /** `offHours`: the peer is off and gets it anyway (an after-hours interruption). */
  | { action: "deliver"; offHours: boolean }
  /** `recheck`: no next shift is known (away until further notice, or none within a year). */
  | { action: "defer"; until: Date; reason: Unavailability; recheck: boolean };

/** With no known next shift, the held note is looked at again this often (the digest job re-checks). */
export const RECHECK_MS = 24 * 3600_000;

/**
 * Deliver now, or hold until the peer's next shift. A peer who opted in to immediate
 * crisis FYIs gets them off-hours, but not on an off date (PTO, holiday) nor while /away:
 * decided, because a declared absence is a stronger boundary than the end of a shift.
 */
export function decideDelivery(peer: DeliverySubject, kind: string, at: Date): DeliveryDecision {
  const why = unavailability(peer, at);
  if (why === null) return { action: "deliver", offHours: false };
  if (why === "off_shift" && peer.crisisFyiImmediately && classifyNotification(kind) === "crisis_fyi") {
    return { action: "deliver", offHours: true };
  }
  const next = nextAvailableAt(peer, at);
  return next
    ? { action: "defer", until: next, reason: why, recheck: false }
    : { action: "defer", until: new Date(at.getTime() + RECHECK_MS), reason: why, recheck: true };
}

/** When a held digest's time comes: send it, or hold again (the peer went /away meanwhile). */
export function decideDigest(peer: PeerSchedule, at: Date): { action: "send" } | { action: "defer"; until: Date } {
  if (isAvailable(peer, at)) return { action: "send" };
  const next = nextAvailableAt(peer, at);
  return { action: "defer", until: next ?? new Date(at.getTime() + RECHECK_MS) };
}
