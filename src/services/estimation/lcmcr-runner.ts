import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  chainSamples,
  chainSeed,
  checkChains,
  DEFAULT_LCMCR_CHAINS,
  LCMCR_DEFAULTS,
  observedCount,
  sampleLcmcr,
  splitRHat,
  summarisePosterior,
  type CaptureTable,
  type LcmcrOptions,
  type PosteriorSummary,
} from '../../core/stats/estimation/index.js';
import type { LcmcrReply, LcmcrRequest } from './lcmcr-worker.js';

/** A finished LCMCR run. */
export interface LcmcrRun {
  readonly observed: number;
  readonly options: Required<LcmcrOptions>;
  readonly summary: PosteriorSummary;
  readonly totals: Float64Array;
  /** Mean number of occupied latent classes over the kept draws. */
  readonly meanOccupiedClasses: number;
  /** Independent chains the draws come from (`totals` holds them one after another). */
  readonly chains: number;
  /** Split-R̂ over the chains (NaN for too few draws): above 1.1 the chains disagree. */
  readonly rHat: number;
  /** Where it ran: worker threads (one per chain), or this thread (tests run TypeScript sources). */
  readonly ranIn: 'worker' | 'main-thread';
  readonly seconds: number;
}

/** How to run. */
export interface RunLcmcrOptions extends LcmcrOptions {
  /** Posterior interval level (default 0.95). */
  readonly level?: number;
  /** 'auto' (default): a worker when the compiled worker file is present. */
  readonly thread?: 'auto' | 'worker' | 'main';
  /**
   * Independent chains (default 2), run side by side in worker threads: each does the whole
   * burn-in from its own seed and keeps its share of the draws.
   */
  readonly chains?: number;
}

/**
 * The compiled worker sits next to this module, in dist/services/estimation/ (the
 * build) or dist-bench/src/services/estimation/ (the benchmark build); resolving it
 * relative to this file works in both. Under a TypeScript test runner there is no
 * .js file and the sampler runs in the calling thread.
 */
function workerUrl(): URL | null {
  const url = new URL('./lcmcr-worker.js', import.meta.url);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : null;
}

/** Runs the LCMCR sampler on a table, in a worker thread when possible. */
export async function runLcmcr(
  table: CaptureTable,
  options: RunLcmcrOptions = {},
): Promise<LcmcrRun> {
  const { level = 0.95, thread = 'auto', chains = DEFAULT_LCMCR_CHAINS, ...rest } = options;
  const sampler: Required<LcmcrOptions> = { ...LCMCR_DEFAULTS, ...rest };
  checkChains(chains, sampler.samples);
  const url = thread === 'main' ? null : workerUrl();
  if (thread === 'worker' && !url) throw new Error('the compiled LCMCR worker is not available');
  const start = performance.now();
  const chainOptions = Array.from({ length: chains }, (_, c) => ({
    ...sampler,
    seed: chainSeed(sampler.seed, c),
    samples: chainSamples(sampler.samples, chains, c),
  }));
  const draws = url
    ? await Promise.all(
        chainOptions.map((o) =>
          inWorker(url, { lists: table.lists, counts: table.counts.slice(), options: o }),
        ),
      )
    : chainOptions.map((o) => sampleLcmcr(table, o));
  const seconds = (performance.now() - start) / 1000;
  const totals = new Float64Array(sampler.samples);
  let at = 0;
  let occ = 0;
  for (const d of draws) {
    totals.set(d.totals, at);
    at += d.totals.length;
    for (const c of d.occupiedClasses) occ += c;
  }
  return {
    observed: observedCount(table),
    options: sampler,
    summary: summarisePosterior(totals, level),
    totals,
    meanOccupiedClasses: at > 0 ? occ / at : NaN,
    chains,
    rHat: splitRHat(draws.map((d) => d.totals)),
    ranIn: url ? 'worker' : 'main-thread',
    seconds,
  };
}

function inWorker(
  url: URL,
  request: LcmcrRequest,
): Promise<{ totals: Float64Array; occupiedClasses: Int32Array }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(url);
    let settled = false;
    worker.once('message', (reply: LcmcrReply) => {
      settled = true;
      if (reply.ok) resolve({ totals: reply.totals, occupiedClasses: reply.occupiedClasses });
      else reject(new Error(reply.error));
      void worker.terminate();
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the LCMCR worker stopped with exit code ${code}`));
    });
    worker.postMessage(request, [request.counts.buffer as ArrayBuffer]);
  });
}
