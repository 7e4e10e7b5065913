import { normalQuantile } from './special-functions.js';

/** What two lists share: sizes and overlap. */
export interface TwoListCounts {
  /** People on the first list. */
  readonly n1: number;
  /** People on the second list. */
  readonly n2: number;
  /** People on both. */
  readonly both: number;
}

/** A two-list estimate of the total, with its standard error and 95% interval. */
export interface TwoListEstimate {
  readonly method: 'lincoln-petersen' | 'chapman';
  /** People on at least one of the two lists. */
  readonly observed: number;
  readonly estimate: number;
  readonly standardError: number;
  readonly variance: number;
  /** Log-normal interval (Chao 1987): never below the observed count. */
  readonly lower: number;
  readonly upper: number;
}

/**
 * Lincoln–Petersen: N = n1·n2/m. Infinite when the lists share nobody. Variance
 * n1·n2·(n1−m)(n2−m)/m³ (Seber 1982).
 */
export function lincolnPetersen(c: TwoListCounts, level = 0.95): TwoListEstimate {
  const { n1, n2, both: m } = c;
  const estimate = m > 0 ? (n1 * n2) / m : Infinity;
  const variance = m > 0 ? (n1 * n2 * (n1 - m) * (n2 - m)) / (m * m * m) : Infinity;
  return finish('lincoln-petersen', c, estimate, variance, level);
}

/**
 * Chapman's nearly unbiased form: N = (n1+1)(n2+1)/(m+1) − 1, variance
 * (n1+1)(n2+1)(n1−m)(n2−m) / ((m+1)²(m+2)). Finite even with no overlap, but then
 * meaningless: the caller warns.
 */
export function chapman(c: TwoListCounts, level = 0.95): TwoListEstimate {
  const { n1, n2, both: m } = c;
  const estimate = ((n1 + 1) * (n2 + 1)) / (m + 1) - 1;
  const variance = ((n1 + 1) * (n2 + 1) * (n1 - m) * (n2 - m)) / ((m + 1) * (m + 1) * (m + 2));
  return finish('chapman', c, estimate, variance, level);
}

function finish(
  method: TwoListEstimate['method'],
  c: TwoListCounts,
  estimate: number,
  variance: number,
  level: number,
): TwoListEstimate {
  const observed = c.n1 + c.n2 - c.both;
  const standardError = Math.sqrt(variance);
  const { lower, upper } = logNormalInterval(observed, estimate, standardError, level);
  return { method, observed, estimate, standardError, variance, lower, upper };
}

/**
 * Chao's (1987) log-normal interval for N: the unobserved part N − n is taken as
 * log-normal, so the interval is skewed upwards and never falls below n. Used by
 * Rcapture for the same purpose.
 */
export function logNormalInterval(
  observed: number,
  estimate: number,
  standardError: number,
  level = 0.95,
): { lower: number; upper: number } {
  const unseen = estimate - observed;
  if (!Number.isFinite(estimate) || !Number.isFinite(standardError))
    return { lower: observed, upper: Infinity };
  if (unseen <= 0) return { lower: observed, upper: observed };
  const z = normalQuantile(0.5 + level / 2);
  const c = Math.exp(
    z * Math.sqrt(Math.log(1 + (standardError * standardError) / (unseen * unseen))),
  );
  return { lower: observed + unseen / c, upper: observed + unseen * c };
}
