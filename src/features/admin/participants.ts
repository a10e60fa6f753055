import type { Participant } from "../../domain/model";
import { type Store } from "../../adapters/postgres";
import type { ParticipantInput } from "../../adapters/postgres/participants";
import type { Deps } from "../../ports/deps";
import { dispatchEffects, noEffects, type Effects } from "../../jobs/effects";
import { renderFor, textVars } from "../texts";

export class NotFoundError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

/** Fields whose change moves a participant's check-ins. */
const SCHEDULE_FIELDS: (keyof ParticipantInput)[] = [
  "timeZone",
  "dailyCheckinTime",
  "nightlyCheckinTime",
  "sendWindowStart",
  "sendWindowEnd",
  "status",
];

/**
 * Enrols a parent: the record and the welcome text (asking for YES) land together.
 * Nothing scheduled goes out until they reply YES (double opt-in).
 */
export async function enrolParticipant(input: ParticipantInput, deps: Deps): Promise<Participant> {
  const effects = noEffects();
  const participant = await deps.transaction(async (store) => {
    await requirePeer(store, input.peerId);
    const p = await store.participants.create(input);
    await queueWelcome(store, p, deps, effects);
    return p;
  });
  await dispatchEffects(deps, effects);
  deps.log.info("participant enrolled", { participantId: participant.id });
  return participant;
}

export async function updateParticipant(
  id: string,
  patch: Partial<ParticipantInput>,
  deps: Deps,
): Promise<Participant | null> {
  const effects = noEffects();
  const updated = await deps.transaction(async (store) => {
    const before = await store.participants.get(id);
    if (!before) return null;
    if (patch.peerId !== undefined) await requirePeer(store, patch.peerId);
    let p = await store.participants.update(id, patch);
    if (!p) return null;
    if (patch.phone !== undefined && patch.phone !== before.phone) {
      // A new phone is a new device and maybe a new person holding it: ask for consent again.
      p = (await store.participants.setConsent(id, "pending", deps.clock.now()))!;
      await queueWelcome(store, p, deps, effects);
    }
    if (SCHEDULE_FIELDS.some((f) => patch[f] !== undefined)) effects.plans.push(id);
    return p;
  });
  await dispatchEffects(deps, effects);
  return updated;
}

async function requirePeer(store: Store, peerId: string | null | undefined) {
  if (peerId && !(await store.peers.get(peerId))) throw new NotFoundError("peerId", "no peer with this id");
}

async function queueWelcome(store: Store, p: Participant, deps: Deps, effects: Effects) {
  const peer = p.peerId ? await store.peers.get(p.peerId) : null;
  const { message, isNew } = await store.outbound.createOnce({
    idempotencyKey: `welcome|${p.id}|${p.phone}`,
    toPhone: p.phone,
    body: renderFor(deps.flows.program.welcome, p.language, textVars(deps, p, peer)),
    kind: "welcome",
    priority: "reply",
    participantId: p.id,
    notAfter: null,
  });
  if (isNew) effects.sms.push(message);
}
