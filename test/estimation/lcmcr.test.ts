import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  chainSamples,
  chainSeed,
  RandomSource,
  sampleLcmcr,
  splitRHat,
  summarisePosterior,
} from '../../src/core/stats/estimation/index.js';
import { runLcmcr } from '../../src/services/estimation/index.js';
import { kosovo, referenceRows } from './reference-data.js';

const table = kosovo();

/**
 * Tolerances from the reference runs themselves: the centre is the average of the
 * long (20,000-sample) runs, and a 1,000-sample run may stray from it by up to twice
 * (three times for the interval's ends) the largest deviation the R package's own
 * 1,000-sample runs show.
 */
function referenceBands() {
  const rows = referenceRows('lcmcr_runs.csv');
  const long = rows.filter((r) => r.samples === 20_000);
  const short = rows.filter((r) => r.samples === 1_000);
  const band = (key: string, factor: number) => {
    const centre = long.reduce((s, r) => s + Number(r[key]), 0) / long.length;
    const spread = Math.max(...short.map((r) => Math.abs(Number(r[key]) - centre)));
    return { centre, tolerance: factor * spread };
  };
  // The tails wander more than three R runs show (a run that visits low N for a few
  // thousand sweeps moves the 2.5% quantile by hundreds), hence a wider factor there.
  return {
    median: band('median', 2),
    mean: band('mean', 2),
    lower: band('q2.5', 3),
    upper: band('q97.5', 3),
  };
}

describe('LCMCR on the Kosovo table', () => {
  it('agrees with the R package within its Monte Carlo spread (reference settings, one full run)', () => {
    const bands = referenceBands();
    // Sanity of the bands read from the file: median about 10,420, interval about 9,030–13,750.
    expect(bands.median.centre).toBeCloseTo(10_422.5, 1);
    expect(bands.median.tolerance).toBeLessThan(400);
    const draws = sampleLcmcr(table, { seed: 2 });
    expect(draws.totals).toHaveLength(1000);
    const s = summarisePosterior(draws.totals);
    expect(Math.abs(s.median - bands.median.centre)).toBeLessThan(bands.median.tolerance);
    expect(Math.abs(s.mean - bands.mean.centre)).toBeLessThan(bands.mean.tolerance);
    expect(Math.abs(s.lower - bands.lower.centre)).toBeLessThan(bands.lower.tolerance);
    expect(Math.abs(s.upper - bands.upper.centre)).toBeLessThan(bands.upper.tolerance);
    expect(s.min).toBeGreaterThanOrEqual(4400);
  });

  it('agrees with the R package as run by default: two chains, each with the whole burn-in', async () => {
    const bands = referenceBands();
    const run = await runLcmcr(table, { seed: 2, thread: 'main' });
    expect(run.chains).toBe(2);
    expect(run.totals).toHaveLength(1000);
    const s = run.summary;
    expect(Math.abs(s.median - bands.median.centre)).toBeLessThan(bands.median.tolerance);
    expect(Math.abs(s.mean - bands.mean.centre)).toBeLessThan(bands.mean.tolerance);
    expect(Math.abs(s.lower - bands.lower.centre)).toBeLessThan(bands.lower.tolerance);
    expect(Math.abs(s.upper - bands.upper.centre)).toBeLessThan(bands.upper.tolerance);
    // Two chains from different seeds that sample one posterior agree.
    expect(run.rHat).toBeGreaterThan(0.95);
    expect(run.rHat).toBeLessThan(1.1);
  });

  it('runs chains as the plain sampler from their own seeds, one after another in the draws', async () => {
    const settings = { burnIn: 100, samples: 41, thinning: 3 };
    const run = await runLcmcr(table, { ...settings, seed: 9, chains: 3, thread: 'main' });
    const parts = [0, 1, 2].map(
      (c) =>
        sampleLcmcr(table, {
          ...settings,
          seed: chainSeed(9, c),
          samples: chainSamples(41, 3, c),
        }).totals,
    );
    expect(parts.map((p) => p.length)).toEqual([14, 14, 13]);
    expect([...run.totals]).toEqual(parts.flatMap((p) => [...p]));
    // One chain is the plain sampler with the run's own seed.
    const one = await runLcmcr(table, { ...settings, seed: 9, chains: 1, thread: 'main' });
    expect([...one.totals]).toEqual([...sampleLcmcr(table, { ...settings, seed: 9 }).totals]);
    await expect(runLcmcr(table, { ...settings, chains: 0 })).rejects.toThrow(/chains/);
    await expect(runLcmcr(table, { ...settings, samples: 5, chains: 3 })).rejects.toThrow(
      /at least 6/,
    );
  });

  it('is reproducible: the same seed gives the same draws, another seed different ones', () => {
    const settings = { burnIn: 200, samples: 50, thinning: 5 };
    const a = sampleLcmcr(table, { ...settings, seed: 7 });
    const b = sampleLcmcr(table, { ...settings, seed: 7 });
    const c = sampleLcmcr(table, { ...settings, seed: 8 });
    expect([...a.totals]).toEqual([...b.totals]);
    expect([...a.totals]).not.toEqual([...c.totals]);
    expect(a.totals.every((n) => n >= 4400 && Number.isInteger(n))).toBe(true);
  });

  it('runs through the service in this thread when the compiled worker is absent', async () => {
    const run = await runLcmcr(table, { seed: 3, burnIn: 200, samples: 40, thinning: 5 });
    expect(run.ranIn).toBe('main-thread');
    expect(run.summary.draws).toBe(40);
    expect(run.summary.lower).toBeLessThanOrEqual(run.summary.median);
    expect(run.summary.median).toBeLessThanOrEqual(run.summary.upper);
  });

  // The worker exists only in the build (npm test builds first); both modules are
  // taken from the same build so that a stale dist/ cannot disagree with the sources.
  const compiled = new URL('../../dist/services/estimation/lcmcr-runner.js', import.meta.url);
  const compiledCore = new URL('../../dist/core/stats/estimation/index.js', import.meta.url);
  it.skipIf(!existsSync(fileURLToPath(compiled)))(
    'runs in a worker thread from the compiled build, with the same draws as in-process',
    async () => {
      const mod = (await import(compiled.href)) as { runLcmcr: typeof runLcmcr };
      const core = (await import(compiledCore.href)) as { sampleLcmcr: typeof sampleLcmcr };
      const settings = { seed: 5, burnIn: 200, samples: 30, thinning: 5 };
      const inWorker = await mod.runLcmcr(table, { ...settings, chains: 1 });
      expect(inWorker.ranIn).toBe('worker');
      const here = core.sampleLcmcr(table, settings);
      expect([...inWorker.totals]).toEqual([...here.totals]);
      // Two chains in two workers: the same draws as the two chains run here in turn.
      const two = await mod.runLcmcr(table, { ...settings, chains: 2 });
      const inTurn = await runLcmcr(table, { ...settings, chains: 2, thread: 'main' });
      expect(two.chains).toBe(2);
      expect([...two.totals]).toEqual([...inTurn.totals]);
    },
  );
});

describe('chains', () => {
  it("seeds the first chain with the run's seed and the others apart", () => {
    expect(chainSeed(7, 0)).toBe(7);
    const seeds = new Set([0, 1, 2, 3].flatMap((s) => [1, 2, 3].map((c) => chainSeed(s, c))));
    expect(seeds.size).toBe(12);
    for (const s of seeds) expect(Number.isInteger(s) && s >= 0 && s < 2 ** 32).toBe(true);
  });

  it('shares the draws out exactly', () => {
    for (const [samples, chains] of [
      [1000, 2],
      [41, 3],
      [7, 7],
      [10, 4],
    ] as const) {
      let sum = 0;
      for (let c = 0; c < chains; c++) sum += chainSamples(samples, chains, c);
      expect(sum).toBe(samples);
    }
  });

  it('gives R-hat near 1 for chains of one distribution and above 1.1 for chains apart', () => {
    const rng = new RandomSource(3);
    const draw = (shift: number) => Float64Array.from({ length: 500 }, () => shift + rng.gamma(5));
    const same = splitRHat([draw(0), draw(0)]);
    expect(same).toBeGreaterThan(0.98);
    expect(same).toBeLessThan(1.02);
    expect(splitRHat([draw(0), draw(3)])).toBeGreaterThan(1.1);
    // A chain that drifts: its two halves disagree even alone.
    expect(
      splitRHat([Float64Array.from({ length: 400 }, (_, i) => i + rng.uniform())]),
    ).toBeGreaterThan(1.1);
    expect(splitRHat([Float64Array.from([1, 2, 3])])).toBeNaN();
  });
});

describe('random draws', () => {
  const rng = new RandomSource(42);
  const moments = (draw: () => number, n = 20_000) => {
    let s = 0;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const x = draw();
      s += x;
      ss += x * x;
    }
    const mean = s / n;
    return { mean, variance: ss / n - mean * mean };
  };

  it.each([
    [40, 0.1],
    [1131, 0.3],
    [6000, 0.85],
    [25, 0.5],
  ])('binomial(%i, %f) has the right mean and variance', (n, p) => {
    const m = moments(() => rng.binomial(n, p));
    const sd = Math.sqrt(n * p * (1 - p));
    expect(Math.abs(m.mean - n * p)).toBeLessThan((5 * sd) / Math.sqrt(20_000));
    expect(m.variance / (n * p * (1 - p))).toBeGreaterThan(0.93);
    expect(m.variance / (n * p * (1 - p))).toBeLessThan(1.07);
  });

  it.each([[0.3], [4.5], [60], [6000]])(
    'poisson(%f) and gamma(%f) have the right moments',
    (mu) => {
      const p = moments(() => rng.poisson(mu));
      expect(Math.abs(p.mean - mu)).toBeLessThan((5 * Math.sqrt(mu)) / Math.sqrt(20_000));
      expect(p.variance / mu).toBeGreaterThan(0.93);
      expect(p.variance / mu).toBeLessThan(1.07);
      const g = moments(() => rng.gamma(mu));
      expect(Math.abs(g.mean - mu)).toBeLessThan((5 * Math.sqrt(mu)) / Math.sqrt(20_000));
    },
  );

  it('multinomial places everyone, in proportion to the weights', () => {
    const weights = Float64Array.from([5, 3, 1, 1]);
    const order = Int32Array.from([0, 1, 2, 3]);
    const out = new Int32Array(4);
    const totals = [0, 0, 0, 0];
    for (let i = 0; i < 5000; i++) {
      rng.multinomial(i % 2 ? 7 : 300, weights, 4, 10, out, 0, order);
      expect(out.reduce((a, b) => a + b, 0)).toBe(i % 2 ? 7 : 300);
      out.forEach((x, k) => (totals[k] = (totals[k] ?? 0) + x));
    }
    const all = totals.reduce((a, b) => a + b, 0);
    expect((totals[0] ?? 0) / all).toBeCloseTo(0.5, 2);
    expect((totals[2] ?? 0) / all).toBeCloseTo(0.1, 2);
  });
});
