import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  LCMCR_DEFAULTS,
  observedCount,
  sampleLcmcr,
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
  /** Where it ran: a worker thread, or this thread (tests run TypeScript sources). */
  readonly ranIn: 'worker' | 'main-thread';
  readonly seconds: number;
}

/** How to run. */
export interface RunLcmcrOptions extends LcmcrOptions {
  /** Posterior interval level (default 0.95). */
  readonly level?: number;
  /** 'auto' (default): a worker when the compiled worker file is present. */
  readonly thread?: 'auto' | 'worker' | 'main';
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
  const { level = 0.95, thread = 'auto', ...rest } = options;
  const sampler: Required<LcmcrOptions> = { ...LCMCR_DEFAULTS, ...rest };
  const url = thread === 'main' ? null : workerUrl();
  if (thread === 'worker' && !url) throw new Error('the compiled LCMCR worker is not available');
  const start = performance.now();
  let totals: Float64Array;
  let occupied: Int32Array;
  if (url) {
    const reply = await inWorker(url, {
      lists: table.lists,
      counts: table.counts.slice(),
      options: sampler,
    });
    totals = reply.totals;
    occupied = reply.occupiedClasses;
  } else {
    const draws = sampleLcmcr(table, sampler);
    totals = draws.totals;
    occupied = draws.occupiedClasses;
  }
  const seconds = (performance.now() - start) / 1000;
  let occ = 0;
  for (const c of occupied) occ += c;
  return {
    observed: observedCount(table),
    options: sampler,
    summary: summarisePosterior(totals, level),
    totals,
    meanOccupiedClasses: occupied.length > 0 ? occ / occupied.length : NaN,
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
