/**
 * @module
 * The statistics shared by capabilities: quantiles as numpy's default (linear interpolation) and the median.
 */

/** The q-quantile (0..1) of sorted values, interpolated linearly as numpy's default. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] as number;
  return a + ((sorted[hi] as number) - a) * (pos - lo);
}

/** The median of values in any order (the mean of the middle two for an even count); null when empty. */
export function median(xs: readonly number[]): number | null {
  if (!xs.length) return null;
  return quantile(
    [...xs].sort((a, b) => a - b),
    0.5,
  );
}
