import { DateTime } from "luxon";
import type { NotificationPort, PeerDigest, SupervisorSummary } from "../../src/ports/notify";
import type { PeerNotification } from "../../src/domain/model";
import { jobId, QUEUE, type QueueName } from "../../src/jobs/queues";
import { enqueueNotifications } from "../../src/jobs/effects";
import { runningClock } from "../support/clock";
import { createHarness, enrol, waitFor, type Harness } from "../support/harness";

export const NY = "America/New_York";
export const at = (isoLocal: string, zone = NY) => DateTime.fromISO(isoLocal, { zone }).toJSDate();
export const MESSAGING: QueueName[] = [QUEUE.inbound, QUEUE.smsRoutine, QUEUE.smsUrgent, QUEUE.notify];
export const WEEKDAYS_9_TO_5 = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: "09:00", end: "17:00" }));
export type Clock = ReturnType<typeof runningClock>;

/** A NotificationPort that records what reached the peer and when (by the injected clock). */
export function recordingPort(clock: Clock) {
  const delivered: { notification: PeerNotification; at: Date }[] = [];
  const digests: { digest: PeerDigest; at: Date }[] = [];
  const summaries: SupervisorSummary[] = [];
  const port: NotificationPort = {
    channel: "test",
    async deliver(n) {
      delivered.push({ notification: n, at: clock.now() });
    },
    async deliverDigest(d) {
      digests.push({ digest: d, at: clock.now() });
    },
    async postSupervisorSummary(s) {
      summaries.push(s);
    },
  };
  return { port, delivered, digests, summaries };
}

export interface Boundaries {
  h: Harness;
  clock: Clock;
  rec: ReturnType<typeof recordingPort>;
  close(): Promise<void>;
}

export async function boundariesHarness(startAt: Date, env: Record<string, string> = {}): Promise<Boundaries> {
  const clock = runningClock(startAt);
  const rec = recordingPort(clock);
  const h = await createHarness({ db: "postgres", sms: "twilio", clock, env, notify: rec.port });
  return { h, clock, rec, close: () => h.close() };
}

/** A peer with working hours and a parent of theirs who has said YES. */
export async function enrolWithHours(
  h: Harness,
  peer: Record<string, unknown> = {},
  participant: Record<string, unknown> = {},
) {
  const ids = await enrol(h, participant);
  const res = await h.admin("PATCH", `/peers/${ids.peerId}`, { workingHours: WEEKDAYS_9_TO_5, ...peer });
  if (res.status !== 200) throw new Error(`peer patch failed: ${res.status} ${await res.text()}`);
  await h.store.participants.setConsent(ids.participantId, "opted_in", h.deps.clock.now());
  return ids;
}

/** A second parent for the same peer. */
export async function addParent(h: Harness, peerId: string, over: Record<string, unknown>) {
  const res = await h.admin("POST", "/participants", { firstName: "Bea", timeZone: NY, language: "en", peerId, ...over });
  if (res.status !== 201) throw new Error(`enrol failed: ${res.status} ${await res.text()}`);
  const { participant } = (await res.json()) as { participant: { id: string; phone: string } };
  await h.store.participants.setConsent(participant.id, "opted_in", h.deps.clock.now());
  return { participantId: participant.id, phone: participant.phone };
}

/** A note for the peer stored and enqueued the way every use case does. */
export async function noteForPeer(h: Harness, over: { peerId: string; participantId: string; kind: string; key: string }) {
  const { notification } = await h.store.notifications.createOnce({
    idempotencyKey: over.key,
    peerId: over.peerId,
    participantId: over.participantId,
    kind: over.kind,
    summary: "test note",
  });
  await enqueueNotifications(h.deps, [notification]);
  return notification;
}

export function waitForNote(h: Harness, id: string, pred: (n: PeerNotification) => boolean, what: string) {
  return waitFor(async () => {
    const n = await h.store.notifications.get(id);
    return n && pred(n) ? n : null;
  }, 10_000, what);
}

export async function outboundOfKind(h: Harness, phone: string, kind: string) {
  return (await h.store.outbound.listTo(phone, 200)).filter((m) => m.kind === kind);
}

/** The digest job for a peer's shift start, once it is on the queue (added right after the hold commits). */
export function digestJob(h: Harness, peerId: string, at: Date) {
  return waitFor(() => h.deps.queues.notify.getJob(jobId.digest(peerId, at)), 5000, `digest job for ${at.toISOString()}`);
}
