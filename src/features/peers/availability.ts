import { nextAvailableAt, nextShiftAfterCurrent, unavailability, type Unavailability } from "../../domain/boundaries/availability";
import { RECHECK_MS } from "../../domain/boundaries/decide";
import type { Peer, PeerNotification } from "../../domain/model";
import type { Deps } from "../../ports/deps";
import { scheduleDigest } from "./digest";

/**
 * What the Slack handlers (/away, /back, Acknowledge, "Snooze until my next shift") and
 * the admin routes call. Every instant comes from deps.clock.
 */

/** A request that cannot be honoured as asked (e.g. /away until a time already past). */
export class AvailabilityError extends Error {}

export interface PeerAvailability {
  available: boolean;
  /** Now when available; null when away until further notice (or no shift within a year). */
  nextAvailableAt: Date | null;
  reason: Unavailability | null;
}

export async function peerAvailability(deps: Pick<Deps, "db" | "store" | "transaction" | "clock">, peerId: string): Promise<PeerAvailability | null> {
  const peer = await deps.store.peers.get(peerId);
  if (!peer) return null;
  const now = deps.clock.now();
  const reason = unavailability(peer, now);
  return { available: reason === null, nextAvailableAt: nextAvailableAt(peer, now), reason };
}

/**
 * /away [until]: an absence on top of working hours; `until` null = until further notice
 * (/back ends it). Notes already held keep their digest jobs, which re-check when they
 * fire and move to the end of the absence.
 */
export async function setAway(deps: Pick<Deps, "db" | "store" | "transaction" | "clock" | "log">, peerId: string, until: Date | null): Promise<Peer | null> {
  const now = deps.clock.now();
  if (until && until.getTime() <= now.getTime()) throw new AvailabilityError("until must be in the future");
  const peer = await deps.store.peers.setAway(peerId, { until, since: now });
  if (peer) deps.log.info("peer away", { peerId, until: until?.toISOString() ?? "further notice" });
  return peer;
}

/**
 * /back: ends the absence. Notes held for it come in one digest now if the peer is on
 * shift, else at their next shift start (not a day later, which is when an open-ended
 * absence would have looked again).
 */
export async function clearAway(deps: Pick<Deps, "db" | "store" | "transaction" | "clock" | "log" | "queues">, peerId: string): Promise<Peer | null> {
  const now = deps.clock.now();
  const peer = await deps.store.peers.setAway(peerId, null);
  if (!peer) return null;
  const next = nextAvailableAt(peer, now);
  if (next) {
    const held = deps.store.boundaries;
    await held.pullForward(peer.id, next);
    if ((await held.listDue(peer.id, next)).length) await scheduleDigest(deps, peer.id, next);
  }
  deps.log.info("peer back", { peerId, nextAvailableAt: next?.toISOString() ?? null });
  return peer;
}

/** The Acknowledge button. Null if there is no such note for this peer. Repeats are harmless. */
export async function acknowledgeNotification(
  deps: Pick<Deps, "db" | "store" | "transaction" | "clock">,
  notificationId: string,
  peerId: string,
): Promise<PeerNotification | null> {
  return deps.store.boundaries.acknowledge(notificationId, peerId, deps.clock.now());
}

/**
 * "Snooze until my next shift": the note comes back in the digest at the start of the
 * peer's next shift (the one after the current shift when they are on shift now).
 */
export async function snoozeUntilNextShift(
  deps: Pick<Deps, "db" | "store" | "transaction" | "clock" | "queues">,
  notificationId: string,
  peerId: string,
): Promise<{ notification: PeerNotification; until: Date } | null> {
  const now = deps.clock.now();
  const peer = await deps.store.peers.get(peerId);
  if (!peer) return null;
  const until = nextShiftAfterCurrent(peer, now) ?? new Date(now.getTime() + RECHECK_MS);
  const notification = await deps.store.boundaries.snooze(notificationId, peerId, until);
  if (!notification) return null;
  await scheduleDigest(deps, peer.id, until);
  return { notification, until };
}
