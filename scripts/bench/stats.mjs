// Small statistics and formatting helpers of the benchmarks.

/** Median, minimum and maximum of a list of numbers. */
export function summary(values) {
  const sorted = [...values].filter(Number.isFinite).sort((a, b) => a - b);
  if (!sorted.length) return { median: NaN, min: NaN, max: NaN, n: 0 };
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted.at(-1), n: sorted.length };
}

/** `median (min–max)` with `digits` decimals and a unit. */
export const spread = ({ median, min, max }, digits = 1, unit = '') =>
  `${median.toFixed(digits)}${unit} (${min.toFixed(digits)}–${max.toFixed(digits)})`;

export const kib = (bytes) => (bytes / 1024).toFixed(1);

/** Resolves with `promise`, or rejects after `ms` naming `what`. */
export function bounded(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms / 1000} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export const holds = (ok) => (ok ? 'holds' : '**does not hold**');
