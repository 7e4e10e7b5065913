/**
 * The LCMCR sampler run as several independent chains: each chain does the whole warm-up
 * and burn-in from its own seed and keeps its share of the draws, so chains can run on
 * different cores, and their agreement says whether the burn-in was long enough (R̂).
 */

/** Chains a run uses unless told otherwise: one per core of a two-core machine. */
export const DEFAULT_LCMCR_CHAINS = 2;

/** Largest number of chains a run may ask for. */
export const MAX_LCMCR_CHAINS = 16;

/**
 * Seed of chain `c`: the run's seed for the first chain (a one-chain run is the plain
 * sampler), a well-mixed derivative for the others so that no two chains share a stream.
 */
export function chainSeed(seed: number, chain: number): number {
  if (chain === 0) return seed;
  let h = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(chain, 0x85ebca77)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** How many of `samples` draws chain `c` of `chains` keeps (the first chains take the remainder). */
export function chainSamples(samples: number, chains: number, chain: number): number {
  return Math.floor(samples / chains) + (chain < samples % chains ? 1 : 0);
}

/** Checks a number of chains against the number of draws; returns it. */
export function checkChains(chains: number, samples: number): number {
  if (!Number.isInteger(chains) || chains < 1 || chains > MAX_LCMCR_CHAINS)
    throw new Error(`the number of chains is a whole number from 1 to ${MAX_LCMCR_CHAINS}`);
  if (samples < 2 * chains)
    throw new Error(
      `${samples} draws cannot be shared by ${chains} chains: ask for at least ${2 * chains}`,
    );
  return chains;
}

/**
 * Potential scale reduction R̂ of Gelman and Rubin (split-R̂ of Gelman et al., BDA3 §11.4):
 * each chain is cut in halves, and the spread between the halves' means is compared with
 * the spread within them. Near 1 when the chains sample the same distribution; above 1.1
 * the burn-in or the number of draws was too short. NaN when there are too few draws or
 * no spread at all (every draw equal).
 */
export function splitRHat(chains: readonly Float64Array[]): number {
  const halves: Float64Array[] = [];
  for (const c of chains) {
    const h = Math.floor(c.length / 2);
    if (h < 2) return NaN;
    halves.push(c.subarray(0, h), c.subarray(c.length - h));
  }
  const n = Math.min(...halves.map((h) => h.length));
  const m = halves.length;
  const means = halves.map((h) => mean(h.subarray(0, n)));
  const grand = means.reduce((s, x) => s + x, 0) / m;
  const between = (n / (m - 1)) * means.reduce((s, x) => s + (x - grand) ** 2, 0);
  const within = halves.reduce((s, h, i) => s + variance(h.subarray(0, n), means[i] ?? 0), 0) / m;
  if (!(within > 0)) return NaN;
  const pooled = ((n - 1) / n) * within + between / n;
  return Math.sqrt(pooled / within);
}

function mean(xs: Float64Array): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

function variance(xs: Float64Array, m: number): number {
  let s = 0;
  for (const x of xs) s += (x - m) ** 2;
  return s / (xs.length - 1);
}
