/**
 * Under `npm run test:any-date` (faketime), this test process runs on a clock months
 * ahead through libfaketime in LD_PRELOAD. Servers a test starts itself (a private
 * redis-server or Postgres) must keep the real clock, like the shared ones: that mismatch
 * is what the run checks, and redis-server does not even start with libfaketime loaded.
 * So the preload is taken out of the environment children inherit, and handed back only
 * to our own Node children (`fakeClockEnv`), which must share this process's clock.
 * Registered in vitest.config.ts `setupFiles`; does nothing on a normal run.
 */
const preload = process.env.LD_PRELOAD;
if (preload?.includes("faketime")) {
  process.env.BUDDYLINE_FAKETIME_PRELOAD = preload;
  delete process.env.LD_PRELOAD;
}

/** The environment that puts a Node child on this process's (possibly faked) clock. */
export function fakeClockEnv(): Record<string, string> {
  const preloaded = process.env.BUDDYLINE_FAKETIME_PRELOAD;
  if (!preloaded || !process.env.FAKETIME) return {};
  return { LD_PRELOAD: preloaded, FAKETIME: process.env.FAKETIME, FAKETIME_ONLY_CMDS: "node" };
}
