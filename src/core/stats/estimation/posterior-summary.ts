/** Summary of posterior draws: mean, spread, median and quantiles. */
export interface PosteriorSummary {
  readonly draws: number;
  readonly mean: number;
  readonly sd: number;
  readonly median: number;
  /** Equal-tailed interval at the requested level (default 95%). */
  readonly lower: number;
  readonly upper: number;
  readonly min: number;
  readonly max: number;
}

/**
 * Quantile with linear interpolation between order statistics (R's default, type 7),
 * so summaries compare directly with the R package's.
 */
export function quantile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo] ?? NaN;
  const b = sorted[hi] ?? NaN;
  return a + (h - lo) * (b - a);
}

/** Summarises draws; `level` sets the equal-tailed interval. */
export function summarisePosterior(draws: ArrayLike<number>, level = 0.95): PosteriorSummary {
  const sorted = Float64Array.from(draws).sort();
  const n = sorted.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i] ?? 0;
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((sorted[i] ?? 0) - mean) ** 2;
  const tail = (1 - level) / 2;
  return {
    draws: n,
    mean,
    sd: n > 1 ? Math.sqrt(ss / (n - 1)) : 0,
    median: quantile(sorted, 0.5),
    lower: quantile(sorted, tail),
    upper: quantile(sorted, 1 - tail),
    min: sorted[0] ?? NaN,
    max: sorted[n - 1] ?? NaN,
  };
}
