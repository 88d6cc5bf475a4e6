/** Small statistics and formatting helpers for the benchmark's figures. */

/**
 * The q-quantile (0…1) of some numbers, by linear interpolation between the closest ranks, so a
 * median of an even count is the mean of the middle two and p95 of 20 samples is not just the max.
 * @param {number[]} values
 * @param {number} q
 */
export function quantile(values, q) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (sorted.length - 1) * q;
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

/**
 * @param {number[]} values
 * @returns {{ median: number, p95: number, min: number, max: number, n: number, samples: number[] }}
 */
export function summarise(values) {
  return {
    median: round(quantile(values, 0.5)),
    p95: round(quantile(values, 0.95)),
    min: round(Math.min(...values)),
    max: round(Math.max(...values)),
    n: values.length,
    samples: values.map(round),
  };
}

/** Rounds to 0.1: finer than that is noise for timings taken with performance.now() in a page. */
export function round(value) {
  return Math.round(value * 10) / 10;
}

/** "123 ms", or "12.3 ms" under 100 ms, where the decimal still means something. */
export function ms(value) {
  return value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`;
}
