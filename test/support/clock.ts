import type { Clock } from "../../src/ports/clock";

/**
 * A clock that starts at a chosen instant and then runs at real speed, so BullMQ's real
 * delays line up with the times our code computes. `jump` moves it (a process that was
 * down for an hour, a DST night).
 */
export function runningClock(startAt: Date): Clock & { jump(ms: number): void; set(at: Date): void } {
  let offset = startAt.getTime() - Date.now();
  return {
    now: () => new Date(Date.now() + offset),
    jump(ms) {
      offset += ms;
    },
    set(at) {
      offset = at.getTime() - Date.now();
    },
  };
}
