/**
 * Worker-thread entry point for the LCMCR sampler: a run takes seconds of pure
 * computation, which must not block the CLI's or the server's event loop.
 */
import { parentPort } from 'node:worker_threads';
import { sampleLcmcr, type LcmcrOptions } from '../../core/stats/estimation/index.js';

/** Message from the main thread: the table's cells and the sampler's settings. */
export interface LcmcrRequest {
  readonly lists: readonly string[];
  readonly counts: Float64Array;
  readonly options: LcmcrOptions;
}

/** Reply: the draws, or why the run failed. */
export type LcmcrReply =
  | { readonly ok: true; readonly totals: Float64Array; readonly occupiedClasses: Int32Array }
  | { readonly ok: false; readonly error: string };

parentPort?.once('message', (req: LcmcrRequest) => {
  let reply: LcmcrReply;
  try {
    const draws = sampleLcmcr({ lists: req.lists, counts: req.counts }, req.options);
    reply = { ok: true, totals: draws.totals, occupiedClasses: draws.occupiedClasses };
    parentPort?.postMessage(reply, [
      draws.totals.buffer as ArrayBuffer,
      draws.occupiedClasses.buffer as ArrayBuffer,
    ]);
  } catch (error) {
    reply = { ok: false, error: error instanceof Error ? error.message : String(error) };
    parentPort?.postMessage(reply);
  }
});
