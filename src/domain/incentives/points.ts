/**
 * Contingency management (seed M3): points for showing up, and the totals at which the
 * peer hands an incentive. Points only accumulate; nothing here subtracts.
 */
export interface ThresholdRule {
  /** Ascending totals. */
  thresholds: number[];
  /** After the last threshold, again every this many points; 0 = no more. */
  thenEvery: number;
}

/** Every threshold t with before < t <= after, in order. Several at once if one event jumps past more than one. */
export function thresholdsCrossed(before: number, after: number, rule: ThresholdRule): number[] {
  if (after <= before) return [];
  const crossed = rule.thresholds.filter((t) => t > before && t <= after);
  const last = rule.thresholds[rule.thresholds.length - 1];
  if (rule.thenEvery > 0 && last !== undefined) {
    // Next repeat above max(before, last): last + k·every.
    const k0 = Math.max(1, Math.floor((before - last) / rule.thenEvery) + 1);
    for (let t = last + k0 * rule.thenEvery; t <= after; t += rule.thenEvery) if (t > before) crossed.push(t);
  }
  return crossed;
}

/** The next total that will notify the peer, or null when none is configured. */
export function nextThreshold(total: number, rule: ThresholdRule): number | null {
  const listed = rule.thresholds.find((t) => t > total);
  if (listed !== undefined) return listed;
  const last = rule.thresholds[rule.thresholds.length - 1];
  if (!rule.thenEvery || last === undefined) return null;
  return last + (Math.floor((total - last) / rule.thenEvery) + 1) * rule.thenEvery;
}
