import type { Deps } from "../../ports/deps";

/**
 * The monthly drafting job: one BullMQ job scheduler, 06:00 on the 1st in the program's
 * zone (SUPERVISOR_TIME_ZONE), upserted so any number of processes share it. 06:00 is
 * outside the 01:00–03:00 DST switch hours where cron-with-tz has fired twice or never;
 * by then the previous month is over in every inhabited zone west to Hawaii and east to
 * Kiribati. Which month, and its bounds per parent, are decided in draft.ts.
 */
export async function installMonthlyReports(deps: Pick<Deps, "queues" | "config">): Promise<void> {
  await deps.queues.housekeeping.upsertJobScheduler(
    "draft-monthly-reports",
    { pattern: "0 6 1 * *", tz: deps.config.SUPERVISOR_TIME_ZONE },
    { name: "draft-monthly-reports", data: {} },
  );
}
