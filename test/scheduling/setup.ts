import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Job } from "bullmq";
import { DateTime } from "luxon";
import { jobId, QUEUE, type QueueName } from "../../src/jobs/queues";
import { runningClock } from "../support/clock";
import { createHarness, enrol, waitFor, type Harness } from "../support/harness";

/**
 * Shared set-up for the scheduling tests: a harness on real Redis/PGlite and the fake
 * Twilio, a running clock, and helpers to get a parent opted in with their check-ins
 * planned a couple of seconds before they are due, so BullMQ's real delays fire them.
 */
export const ZONE = "America/New_York";
/** A Wednesday on EDT: no DST change near it (the DST rules are in the pure tests). */
export const DAY = "2026-06-10";
export const at = (time: string, date = DAY, zone = ZONE) => DateTime.fromISO(`${date}T${time}`, { zone }).toJSDate();

export const MESSAGING: QueueName[] = [QUEUE.inbound, QUEUE.smsRoutine, QUEUE.smsUrgent, QUEUE.notify];
export const CHECKINS: QueueName[] = [QUEUE.checkins];

const FLOWS = fileURLToPath(new URL("../../flows", import.meta.url));

/** A copy of the real flows with a short reply window, so a window can close in a test. */
async function flowsWithReplyWindow(minutes: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "buddyline-flows-"));
  for (const file of await readdir(FLOWS)) {
    if (!file.endsWith(".json")) continue;
    const flow = JSON.parse(await readFile(join(FLOWS, file), "utf8")) as { kind: string; replyWindowMinutes?: number };
    if (flow.kind === "checkin") flow.replyWindowMinutes = minutes;
    await writeFile(join(dir, file), JSON.stringify(flow));
  }
  return dir;
}

export type Clock = ReturnType<typeof runningClock>;
export interface Scheduling {
  h: Harness;
  clock: Clock;
  close(): Promise<void>;
}

export async function schedulingHarness(opts: { replyWindowMinutes?: number } = {}): Promise<Scheduling> {
  const clock = runningClock(at("07:00"));
  const flowsDir = opts.replyWindowMinutes ? await flowsWithReplyWindow(opts.replyWindowMinutes) : null;
  const h = await createHarness({
    // The Postgres server: a fresh schema is ready in a fraction of PGlite's start-up.
    db: "postgres",
    sms: "twilio",
    clock,
    env: { MISSED_CHECKINS_ALERT_AFTER: "2", SEND_GRACE_MINUTES: "60", ...(flowsDir ? { FLOWS_DIR: flowsDir } : {}) },
  });
  return {
    h,
    clock,
    async close() {
      await h.close();
      if (flowsDir) await rm(flowsDir, { recursive: true, force: true });
    },
  };
}

/** Outbound rows that are check-in prompts (not thanks or acks). */
async function promptBodies(h: Harness, phone: string): Promise<Set<string>> {
  const rows = await h.store.outbound.listTo(phone, 500);
  return new Set(rows.filter((m) => m.kind === "checkin_daily" || m.kind === "checkin_nightly").map((m) => m.body));
}

/** Check-in prompts the fake Twilio actually received for `phone`. */
export async function checkinTexts(h: Harness, phone: string) {
  const prompts = await promptBodies(h, phone);
  return h.fakeTwilio!.sentTo(phone).filter((s) => prompts.has(s.body));
}

export const textsTo = (h: Harness, phone: string) => h.fakeTwilio!.sentTo(phone).map((s) => s.body);

/**
 * Enrols a parent through the admin API and opts them in with YES through the signed
 * webhook. Only the messaging workers must be running: the plan job that YES queues
 * waits on the check-ins queue until `startCheckins`.
 */
export async function enrolOptedIn(h: Harness, overrides: Record<string, unknown> = {}) {
  const ids = await enrol(h, overrides);
  await h.postSms(ids.phone, "YES");
  await waitFor(async () => (await h.store.participants.get(ids.participantId))?.consent === "opted_in", 10_000, "opt-in");
  await waitFor(() => textsTo(h, ids.phone).length === 2, 10_000, "opt-in confirmation");
  return ids;
}

export const dueJobId = (participantId: string, kind: "daily" | "nightly", localDate = DAY) =>
  jobId.checkinDue({ participantId, kind, localDate });
export const closeJobId = (participantId: string, kind: "daily" | "nightly", localDate = DAY) =>
  jobId.checkinClose({ participantId, kind, localDate });

export async function getJob(h: Harness, id: string): Promise<Job | undefined> {
  return h.deps.queues.checkins.getJob(id);
}

/** Waits until the check-in job `id` is on the schedule (planned by the worker). */
export function planned(h: Harness, id: string, dueAt?: Date) {
  return waitFor(
    async () => {
      const job = await getJob(h, id);
      return job && (!dueAt || job.data.dueAt === dueAt.toISOString()) ? job : undefined;
    },
    10_000,
    `job ${id} planned`,
  );
}

/** Waits until job `id` has run to completion and returns what the processor returned. */
export async function finished(h: Harness, id: string, timeoutMs = 10_000): Promise<unknown> {
  const job = await waitFor(
    async () => {
      const j = await getJob(h, id);
      // Read again once completed: `j` may have been read just before it finished, with no return value yet.
      return j && (await j.isCompleted()) ? getJob(h, id) : undefined;
    },
    timeoutMs,
    `job ${id} finished`,
  );
  return job.returnvalue;
}

/** Our clock's reading when the fake Twilio received `sms` (it stamps real time). */
export const clockAt = (clock: Clock, realMs: number) => new Date(realMs + (clock.now().getTime() - Date.now()));


/** Every check-in job with name "due" in any state, by id. */
export async function dueJobs(h: Harness): Promise<Job[]> {
  const jobs = await h.deps.queues.checkins.getJobs(["delayed", "waiting", "active", "completed", "failed", "prioritized"]);
  return jobs.filter((j) => j?.name === "due");
}
