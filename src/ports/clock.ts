/** Time is a dependency so tests can move it; only the composition root uses the real one. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
