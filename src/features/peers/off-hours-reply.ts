import { offHoursPeriod } from "../../domain/boundaries/availability";
import { formatReadAfter } from "../../domain/boundaries/auto-reply";
import type { InboundMessage, Participant, Peer } from "../../domain/model";
import type { Store } from "../../adapters/postgres";
import type { Deps } from "../../ports/deps";
import type { Effects } from "../../jobs/effects";
import { renderFor, textVars } from "../texts";

/**
 * A parent wrote to their peer while the peer is off: one auto-reply per off-hours period
 * (idempotency key per participant and period), in the parent's language, saying who
 * will read it and when (in the parent's zone), and to call or text 988 if it cannot
 * wait. Returns true when the peer is off (the caller then skips its usual "got it" ack,
 * so the parent never gets two texts that disagree about when they will be read).
 * Never for texts the crisis screen flagged: those have their own reply and path.
 */
export async function offHoursAutoReply(ctx: {
  msg: InboundMessage;
  participant: Participant;
  peer: Peer | null;
  store: Store;
  deps: Pick<Deps, "config" | "flows">;
  now: Date;
  effects: Effects;
}): Promise<boolean> {
  const { msg, participant, peer, deps, now } = ctx;
  if (!peer || msg.crisisLevel || participant.consent !== "opted_in") return false;
  const period = offHoursPeriod(peer, now);
  if (!period) return false;
  const { next } = period;
  const program = deps.flows.program;
  const vars = {
    ...textVars(deps, participant, peer),
    when: next ? formatReadAfter(next, participant.timeZone, participant.language) : "",
    hotline: deps.config.PROGRAM_HOTLINE ?? "",
  };
  let body = renderFor(next ? program.offHoursReply : program.offHoursReplyNoTime, participant.language, vars);
  if (deps.config.PROGRAM_HOTLINE) body += " " + renderFor(program.offHoursHotline, participant.language, vars);
  const { message, isNew } = await ctx.store.outbound.createOnce({
    idempotencyKey: `off_hours_reply|${participant.id}|${period.key}`,
    toPhone: participant.phone,
    body,
    kind: "off_hours_reply",
    priority: "reply",
    participantId: participant.id,
    notAfter: null,
  });
  if (isNew) ctx.effects.sms.push(message);
  return true;
}
