/**
 * Nearest-rank percentile: the smallest value with at least p % of the values at or below
 * it. Always one of the observed values (no interpolation), so "p90 = 4 min" means some
 * claim really took 4 minutes; null when there is nothing to rank.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (!(p > 0 && p <= 100)) throw new RangeError(`p must be in (0, 100]: ${p}`);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[rank - 1]!;
}
