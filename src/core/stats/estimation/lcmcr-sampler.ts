import { observedCount, type CaptureTable } from './capture-table.js';
import { RandomSource } from './random-source.js';

/** Settings of the latent-class sampler; the defaults are the LCMCR package's. */
export interface LcmcrOptions {
  /** Truncation level of the stick-breaking process (most classes stay empty). */
  readonly K?: number;
  /** Gamma(a, b) prior on the Dirichlet-process concentration α. */
  readonly aAlpha?: number;
  readonly bAlpha?: number;
  readonly burnIn?: number;
  readonly samples?: number;
  readonly thinning?: number;
  readonly seed?: number;
}

/** The defaults: K = 10, a = b = 0.25, burn-in 10,000, 1,000 samples every 100th sweep. */
export const LCMCR_DEFAULTS: Required<LcmcrOptions> = {
  K: 10,
  aAlpha: 0.25,
  bAlpha: 0.25,
  burnIn: 10_000,
  samples: 1_000,
  thinning: 100,
  seed: 1,
};

/** Posterior draws of the total and of the sampler's own state. */
export interface LcmcrDraws {
  readonly observed: number;
  /** Draws of N = observed + unobserved, one per kept sweep. */
  readonly totals: Float64Array;
  /** Number of occupied latent classes at each kept sweep. */
  readonly occupiedClasses: Int32Array;
  readonly options: Required<LcmcrOptions>;
}

/** Sweeps of warm-up with α held small before the burn-in proper (as the package does). */
const WARM_UP = 500;

/**
 * The latent-class model of Manrique-Vallier (2016) for capture–recapture: people
 * fall into latent classes (a Dirichlet process truncated at K classes, by
 * stick-breaking); within a class, lists record people independently with
 * class-specific probabilities λ_jk. Heterogeneity in how "findable" people are is
 * what the classes absorb. The Gibbs sampler augments the data with the number of
 * people on no list, n0, drawn from its negative-binomial full conditional (this
 * corresponds to the prior p(N) ∝ 1/N).
 *
 * The sampler works on counts per capture pattern, never per person: each sweep
 * splits every pattern's count over the classes by a multinomial draw, so its cost
 * does not grow with the number of people.
 */
export function sampleLcmcr(table: CaptureTable, options: LcmcrOptions = {}): LcmcrDraws {
  const o: Required<LcmcrOptions> = { ...LCMCR_DEFAULTS, ...options };
  const J = table.lists.length;
  const K = o.K;
  if (!Number.isInteger(K) || K < 2) throw new Error('K must be an integer ≥ 2');
  const P = 1 << J;
  const n = observedCount(table);
  if (n === 0) throw new Error('no one is recorded on any list');
  const rng = new RandomSource(o.seed);

  // Observed patterns with their counts.
  const cellPattern: number[] = [];
  const cellCount: number[] = [];
  for (let m = 1; m < P; m++) {
    const c = table.counts[m] ?? 0;
    if (c > 0) {
      cellPattern.push(m);
      cellCount.push(c);
    }
  }
  const M = cellPattern.length;
  const patterns = Int32Array.from(cellPattern);
  const counts = Int32Array.from(cellCount);

  const lambda = new Float64Array(J * K); // λ[j*K + k]: list j records class k
  const nu = new Float64Array(K);
  const logNu = new Float64Array(K);
  const countMK = new Int32Array(M * K); // people of pattern m in class k
  const count0K = new Int32Array(K); // unobserved people in class k
  const countK = new Int32Array(K);
  const onesJK = new Int32Array(J * K);
  const observedK = new Int32Array(K);
  const table2 = new Float64Array(P * K); // ν_k Pr(pattern | class k), [pattern*K + k]
  const weights = new Float64Array(K);
  // Classes by decreasing weight, refreshed every sweep: multinomial draws finish sooner.
  const order = Int32Array.from({ length: K }, (_, k) => k);
  let alpha = 0.3 / K;
  let n0 = 0;

  // Start: λ at each list's share of the observed, most mass on four classes.
  for (let j = 0; j < J; j++) {
    let on = 0;
    for (let i = 0; i < M; i++) if ((patterns[i] ?? 0) & (1 << j)) on += counts[i] ?? 0;
    for (let k = 0; k < K; k++) lambda[j * K + k] = on / n;
  }
  for (let k = 0; k < K; k++) {
    nu[k] = K > 4 ? (k < 4 ? 0.25 * 0.9 : 0.1 / (K - 4)) : 1 / K;
    logNu[k] = Math.log(nu[k] ?? 0);
  }

  /** table2 from the current ν and λ: every pattern's weight in every class. */
  const tabulatePatterns = (): void => {
    for (let k = 0; k < K; k++) {
      table2[k] = nu[k] ?? 0;
      for (let j = 0; j < J; j++) {
        const l = lambda[j * K + k] ?? 0;
        const half = 1 << j;
        for (let p = 0; p < half; p++) {
          const v = table2[p * K + k] ?? 0;
          table2[(p | half) * K + k] = v * l;
          table2[p * K + k] = v * (1 - l);
        }
      }
    }
  };

  const sampleClasses = (): void =>
    splitPatterns(
      rng,
      K,
      J,
      M,
      patterns,
      counts,
      table2,
      weights,
      order,
      countMK,
      observedK,
      onesJK,
    );

  /** λ_jk | classes ~ Beta(1 + recorded, 1 + not recorded), the unobserved included. */
  const sampleLambda = (): void => {
    for (let k = 0; k < K; k++) {
      const inClass = (observedK[k] ?? 0) + (count0K[k] ?? 0);
      for (let j = 0; j < J; j++) {
        const ones = onesJK[j * K + k] ?? 0;
        lambda[j * K + k] = betaFast(rng, 1 + ones, 1 + inClass - ones);
      }
    }
  };

  /** Stick-breaking weights ν | class sizes, in logs so tiny weights do not underflow. */
  const sampleNu = (): void => {
    const N = n + n0;
    let accumulated = 0;
    let logRest = 0;
    for (let k = 0; k < K; k++) countK[k] = (observedK[k] ?? 0) + (count0K[k] ?? 0);
    for (let k = 0; k < K - 1; k++) {
      accumulated += countK[k] ?? 0;
      const g1 = rng.logGamma(1 + (countK[k] ?? 0));
      const g2 = rng.logGamma(alpha + (N - accumulated));
      const top = Math.max(g1, g2);
      const logSum = top + Math.log(Math.exp(g1 - top) + Math.exp(g2 - top));
      const l = g1 - logSum + logRest;
      logNu[k] = l;
      nu[k] = Math.exp(l);
      logRest += g2 - logSum;
    }
    logNu[K - 1] = logRest;
    nu[K - 1] = Math.exp(logRest);
    // Insertion sort of the class order by weight (K is small, the order changes little).
    for (let i = 1; i < K; i++) {
      const c = order[i] ?? 0;
      const w = nu[c] ?? 0;
      let j = i - 1;
      while (j >= 0 && (nu[order[j] ?? 0] ?? 0) < w) {
        order[j + 1] = order[j] ?? 0;
        j--;
      }
      order[j + 1] = c;
    }
  };

  /** n0 | rest ~ NegBin(n, 1 − p0), then its split over the classes. */
  const sampleUnobserved = (): void => {
    let p0 = 0;
    for (let k = 0; k < K; k++) p0 += table2[k] ?? 0;
    n0 = rng.negativeBinomial(n, 1 - p0);
    for (let k = 0; k < K; k++) weights[k] = table2[k] ?? 0;
    if (n0 === 0) count0K.fill(0);
    else rng.multinomial(n0, weights, K, p0, count0K, 0, order);
  };

  const sampleAlpha = (): void => {
    alpha = rng.gamma(o.aAlpha + K - 1) / (o.bAlpha - (logNu[K - 1] ?? 0));
  };

  const sweep = (withAlpha: boolean): void => {
    sampleClasses();
    sampleLambda();
    sampleNu();
    tabulatePatterns();
    sampleUnobserved();
    if (withAlpha) sampleAlpha();
  };

  tabulatePatterns();
  for (let i = 0; i < WARM_UP; i++) sweep(false);
  relabelByWeight(K, J, M, nu, logNu, lambda, countMK, count0K);
  tabulatePatterns();
  for (let i = 0; i < o.burnIn; i++) sweep(true);
  const totals = new Float64Array(o.samples);
  const occupied = new Int32Array(o.samples);
  for (let s = 0; s < o.samples; s++) {
    for (let i = 0; i < o.thinning; i++) sweep(true);
    totals[s] = n + n0;
    let used = 0;
    for (let k = 0; k < K; k++) if ((countK[k] ?? 0) > 0) used++;
    occupied[s] = used;
  }
  return { observed: n, totals, occupiedClasses: occupied, options: o };
}

/**
 * Splits each observed pattern's count over the classes (a multinomial draw per
 * pattern) and tallies class sizes and, per list, how many in each class it recorded.
 * A top-level function with its arrays as parameters: the hottest loop of the
 * sampler, where V8 keeps them in registers rather than reloading closure slots.
 */
function splitPatterns(
  rng: RandomSource,
  K: number,
  J: number,
  M: number,
  patterns: Int32Array,
  counts: Int32Array,
  table2: Float64Array,
  weights: Float64Array,
  order: Int32Array,
  countMK: Int32Array,
  observedK: Int32Array,
  onesJK: Int32Array,
): void {
  observedK.fill(0);
  onesJK.fill(0);
  for (let i = 0; i < M; i++) {
    const pattern = patterns[i] as number;
    const base = pattern * K;
    let total = 0;
    for (let k = 0; k < K; k++) {
      const w = table2[base + k] as number;
      weights[k] = w;
      total += w;
    }
    const row = i * K;
    const c = counts[i] as number;
    if (c === 1) {
      countMK.fill(0, row, row + K);
      countMK[row + rng.categorical(weights, K, total)] = 1;
    } else rng.multinomial(c, weights, K, total, countMK, row, order);
    for (let k = 0; k < K; k++) {
      const x = countMK[row + k] as number;
      if (x === 0) continue;
      observedK[k] = (observedK[k] as number) + x;
      for (let j = 0; j < J; j++)
        if (pattern & (1 << j)) onesJK[j * K + k] = (onesJK[j * K + k] as number) + x;
    }
  }
}

/** Beta draw with cheap exact forms when a parameter is 1 (empty classes are common). */
function betaFast(rng: RandomSource, a: number, b: number): number {
  if (a === 1 && b === 1) return rng.uniform();
  if (a === 1) return 1 - Math.exp(Math.log(rng.uniform()) / b);
  if (b === 1) return Math.exp(Math.log(rng.uniform()) / a);
  return rng.beta(a, b);
}

/** Orders the classes by decreasing weight after warm-up (as the package does). */
function relabelByWeight(
  K: number,
  J: number,
  M: number,
  nu: Float64Array,
  logNu: Float64Array,
  lambda: Float64Array,
  countMK: Int32Array,
  count0K: Int32Array,
): void {
  const order = Array.from({ length: K }, (_, k) => k).sort((a, b) => (nu[b] ?? 0) - (nu[a] ?? 0));
  const permute = (arr: Float64Array | Int32Array, rows: number): void => {
    const copy = arr.slice();
    for (let r = 0; r < rows; r++)
      for (let k = 0; k < K; k++) arr[r * K + k] = copy[r * K + (order[k] ?? k)] ?? 0;
  };
  permute(nu, 1);
  permute(logNu, 1);
  permute(lambda, J);
  permute(countMK, M);
  permute(count0K, 1);
}
