import { DateTime } from "luxon";
import { QUEUE, type QueueName } from "../../src/jobs/queues";
import { runningClock } from "../support/clock";
import { createHarness, waitFor, type Harness, type HarnessOptions } from "../support/harness";

/**
 * Appointment tests run on real Redis, Postgres and the fake Twilio, with a running clock
 * placed a few seconds before the moment under test so BullMQ's real delays fire jobs.
 */
export const NY = "America/New_York";
export const at = (date: string, time: string, zone = NY) => DateTime.fromISO(`${date}T${time}`, { zone }).toJSDate();
export const WORKERS: QueueName[] = [QUEUE.inbound, QUEUE.smsRoutine, QUEUE.smsUrgent, QUEUE.notify, QUEUE.appointments];

/**
 * The harness with the appointment workers running. `rewind()` puts the clock back to
 * `start` once enrolment is done, however long that took on a busy machine.
 */
export async function appointmentHarness(start: Date, opts: Pick<HarnessOptions, "cadence"> = {}) {
  const clock = runningClock(start);
  const h = await createHarness({ db: "postgres", sms: "twilio", clock, env: { SEND_GRACE_MINUTES: "60" }, ...opts });
  h.startWorkers(undefined, WORKERS);
  return { h, clock, rewind: () => clock.set(start) };
}

export async function createAppt(h: Harness, participantId: string, body: Record<string, unknown>) {
  const res = await h.admin("POST", `/participants/${participantId}/appointments`, body);
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { appointment: { id: string; revision: number } }).appointment;
}

export const textsTo = (h: Harness, phone: string) => h.fakeTwilio!.sentTo(phone).map((s) => s.body);

export async function outboundOfKind(h: Harness, phone: string, kind: string) {
  return (await h.store.outbound.listTo(phone, 500)).filter((m) => m.kind === kind);
}

export async function notificationsOfKind(h: Harness, participantId: string, kind: string) {
  return (await h.store.notifications.list({ participantId })).filter((n) => n.kind === kind);
}

export const waitForText = (h: Harness, phone: string, match: (body: string) => boolean, what: string, timeoutMs = 10_000) =>
  waitFor(() => textsTo(h, phone).find(match), timeoutMs, what);
