import type { PointsReason } from "../../domain/appointments/model";
import type { Participant } from "../../domain/model";
import { thresholdsCrossed } from "../../domain/incentives/points";
import { canReceiveRoutine } from "../../domain/routine-texts";
import type { Store } from "../../adapters/postgres";
import type { Deps } from "../../ports/deps";
import type { Effects } from "../../jobs/effects";
import { renderCadence } from "../../content/config-file";
import { textVars } from "../texts";

/**
 * Awards points for one event, inside the caller's transaction. The source key makes an
 * event score once (a retried job, a second reply, a repeated outcome call). Crossing a
 * configured total tells the peer to hand an incentive and tells the parent; each
 * threshold does so once per parent. Nothing in the product subtracts points.
 */
export async function awardPoints(
  store: Store,
  deps: Pick<Deps, "cadence" | "config">,
  effects: Effects,
  event: { participant: Participant; reason: PointsReason; sourceKey: string },
): Promise<void> {
  const config = deps.cadence.incentives;
  const points = config.points[event.reason];
  if (points <= 0) return;
  const entry = await store.points.awardOnce({ participantId: event.participant.id, sourceKey: event.sourceKey, reason: event.reason, points });
  if (!entry) return;
  const total = await store.points.total(event.participant.id);
  const crossed = thresholdsCrossed(total - points, total, config);
  const { participant } = event;
  for (const threshold of crossed) {
    const { notification, isNew } = await store.notifications.createOnce({
      idempotencyKey: `incentive|${participant.id}|${threshold}`,
      peerId: participant.peerId,
      participantId: participant.id,
      kind: "incentive_earned",
      summary: `${participant.firstName} reached ${threshold} points for showing up. Time to hand an incentive.`,
    });
    if (isNew) effects.notifications.push(notification);
  }
  // One text to the parent, for the highest total reached (a jump past two thresholds is one piece of news).
  const threshold = crossed[crossed.length - 1];
  if (threshold !== undefined && canReceiveRoutine(participant)) {
    const peer = participant.peerId ? await store.peers.get(participant.peerId) : null;
    const { message, isNew: smsIsNew } = await store.outbound.createOnce({
      idempotencyKey: `incentive|${participant.id}|${threshold}`,
      toPhone: participant.phone,
      body: renderCadence(config.texts.thresholdReached, participant.language, { ...textVars(deps, participant, peer), points: threshold }),
      kind: "incentive_earned",
      priority: "routine",
      participantId: participant.id,
      notAfter: null,
    });
    if (smsIsNew) effects.sms.push(message);
  }
}
