/**
 * Estimation benchmark: LCMCR at the reference settings (K=10, burn-in 10,000, 1,000
 * samples, thinning 100) and every log-linear model up to order 3 with profile
 * intervals, on the Kosovo table. Prints name=value lines; never fails on time.
 * Usage: node dist-bench/bench/estimate.js [--runs N] [--seed S] [--thread worker|main] [--chains C]
 * `lcmcr_seconds` is a run as `sijil estimate` does it (C chains side by side, default 2, each
 * with the whole burn-in and its share of the 1,000 draws); `lcmcr_one_chain_seconds` is one
 * chain doing all the draws, as the R package does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_LCMCR_CHAINS,
  fitAllModels,
  modelAverage,
  parseCaptureCsv,
} from '../src/core/stats/estimation/index.js';
import { runLcmcr } from '../src/services/estimation/index.js';
import { numberOption, textOption } from './options.js';

const runs = Math.max(1, numberOption('runs', 3));
const seed = numberOption('seed', 1);
const thread = textOption('thread', 'worker') === 'main' ? 'main' : 'auto';

// The Kosovo table bundled with LCMCR (see test/fixtures/mse/README.md); run from the repository root.
const table = parseCaptureCsv(
  readFileSync(join(process.cwd(), 'test', 'fixtures', 'mse', 'kosovo.csv'), 'utf8'),
);
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] ?? NaN) : ((s[m - 1] ?? NaN) + (s[m] ?? NaN)) / 2;
};
const out = (name: string, value: string | number): void => {
  process.stdout.write(`${name}=${value}\n`);
};

const chains = numberOption('chains', DEFAULT_LCMCR_CHAINS);
out('lcmcr_chains', chains);
const lcmcrSeconds: number[] = [];
const oneChainSeconds: number[] = [];
for (let r = 0; r < runs; r++) {
  // The same seed with one chain, interleaved: what a single chain costs on this machine now.
  oneChainSeconds.push((await runLcmcr(table, { seed: seed + r, thread, chains: 1 })).seconds);
  const run = await runLcmcr(table, { seed: seed + r, thread, chains });
  lcmcrSeconds.push(run.seconds);
  out(`lcmcr_run${r + 1}_seconds`, run.seconds.toFixed(3));
  out(`lcmcr_run${r + 1}_one_chain_seconds`, (oneChainSeconds[r] ?? NaN).toFixed(3));
  out(`lcmcr_run${r + 1}_rhat`, run.rHat.toFixed(3));
  out(`lcmcr_run${r + 1}_seed`, seed + r);
  out(`lcmcr_run${r + 1}_median`, run.summary.median);
  out(`lcmcr_run${r + 1}_mean`, run.summary.mean.toFixed(1));
  out(`lcmcr_run${r + 1}_q2_5`, run.summary.lower.toFixed(1));
  out(`lcmcr_run${r + 1}_q97_5`, run.summary.upper.toFixed(1));
  out(`lcmcr_run${r + 1}_thread`, run.ranIn);
}
out('lcmcr_seconds', median(lcmcrSeconds).toFixed(3));
out('lcmcr_one_chain_seconds', median(oneChainSeconds).toFixed(3));

// The machine is shared: CPU time of a run in this thread is steadier than wall time.
const cpuSeconds: number[] = [];
for (let r = 0; r < runs; r++) {
  const before = process.cpuUsage();
  await runLcmcr(table, { seed: seed + r, thread: 'main', chains: 1 });
  const used = process.cpuUsage(before);
  cpuSeconds.push((used.user + used.system) / 1e6);
}
out('lcmcr_main_thread_cpu_seconds', median(cpuSeconds).toFixed(3));

const llSeconds: number[] = [];
let fits = fitAllModels(table);
for (let r = 0; r < runs; r++) {
  const start = performance.now();
  fits = fitAllModels(table, { maxOrder: 3 });
  llSeconds.push((performance.now() - start) / 1000);
}
out('loglinear_models', fits.length);
out('loglinear_seconds', median(llSeconds).toFixed(3));
const best = fits[0];
if (best) {
  out('loglinear_best_model', best.name);
  out('loglinear_best_estimate', best.estimate.toFixed(1));
  out('loglinear_best_lower', (best.interval?.lower ?? NaN).toFixed(1));
  out('loglinear_best_upper', (best.interval?.upper ?? NaN).toFixed(1));
}
const avg = modelAverage(fits, 'bic');
out('loglinear_bic_average_estimate', avg.estimate.toFixed(1));
out('loglinear_bic_average_lower', avg.interval.lower.toFixed(1));
out('loglinear_bic_average_upper', avg.interval.upper.toFixed(1));
