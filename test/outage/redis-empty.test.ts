import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobId } from "../../src/jobs/queues";
import { TEST_DATABASE_URL } from "../support/env";
import { installSchedules } from "../../src/jobs/processors";
import { startOutageApp, waitFor, type OutageApp } from "./app";
import { startPrivateRedis, type PrivateRedis } from "./services";

/**
 * Redis restarted without persistence loses every schedule and delayed job. The worker
 * role notices (its marker key is gone) and puts them back from Postgres, no restart.
 */
describe("Redis comes back empty", () => {
  let redis: PrivateRedis;
  let app: OutageApp;
  beforeAll(async () => {
    redis = await startPrivateRedis();
    app = await startOutageApp({
      redisUrl: redis.url,
      databaseUrl: TEST_DATABASE_URL,
      schema: `t_${randomBytes(6).toString("hex")}`,
      env: { REDIS_CHECK_EVERY_SECONDS: "0.2" },
    });
  }, 30_000);
  afterAll(async () => {
    await app?.close();
    await redis?.stop();
  });

  const checkinJobs = async (participantId: string) =>
    (await app.deps.queues.checkins.getJobs(["delayed", "waiting"])).filter((j) => j.id?.startsWith(`checkin|${participantId}|`));
  const schedulers = async () => (await app.deps.queues.housekeeping.getJobSchedulers()).map((s) => s.key).sort();

  it("reinstalls the recurring schedules, re-plans upcoming check-ins and restarts open cases' paging", async () => {
    const parent = await app.enrol({ phone: "+15555550125" });
    await app.addResponder({ name: "Vol One", phone: "+15555551005" });
    app.startWorkers();
    await app.postSms(parent.phone, "YES");
    await waitFor(async () => (await app.store.participants.get(parent.id))?.consent === "opted_in", 10_000, "opt-in");
    await installSchedules(app.deps);
    await waitFor(async () => (await checkinJobs(parent.id)).length > 0, 10_000, "check-ins planned after opt-in");
    const crisis = await app.postSms("+15555550126", "i took all my pills");
    expect(crisis.text).toContain("988");
    const [c] = await app.store.cases.list({ status: "open" });
    await waitFor(async () => app.deps.queues.hotline.getJob(jobId.escalate(c!)), 10_000, "paging chain");
    const before = await schedulers();
    expect(before).toEqual(expect.arrayContaining(["plan-all", "sweep"]));

    await redis.kill();
    await redis.start();

    await waitFor(async () => (await schedulers()).join() === before.join(), 15_000, "schedules reinstalled");
    await waitFor(async () => (await checkinJobs(parent.id)).length > 0, 15_000, "check-ins re-planned");
    await waitFor(async () => app.deps.queues.hotline.getJob(jobId.escalate(c!)), 15_000, "paging chain restarted");
    expect(app.logLines.some((l) => l.includes("Redis came back empty"))).toBe(true);
  }, 30_000);
});
