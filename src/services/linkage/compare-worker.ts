/**
 * Worker-thread entry point for the comparison phase: reads the prepared records, the
 * name frequencies, the candidate pairs and the output buffers from shared memory
 * (nothing is copied), compares its range of pairs into the output, and says when done.
 */
import { parentPort } from 'node:worker_threads';
import {
  compareInto,
  type NameFrequencies,
  type PreparedRecords,
} from '../../core/linkage/index.js';

/** Message from the main thread: compare pairs `from`..`to` into slots `from`..`to`. */
export interface CompareRequest {
  readonly records: PreparedRecords;
  readonly freq: NameFrequencies;
  readonly left: Uint32Array;
  readonly right: Uint32Array;
  readonly levels: Uint8Array;
  readonly tf: Float32Array;
  readonly from: number;
  readonly to: number;
}

parentPort?.on('message', (req: CompareRequest) => {
  compareInto(
    req.records,
    req.freq,
    req.left,
    req.right,
    req.from,
    req.to,
    req.levels,
    req.tf,
    req.from,
  );
  parentPort?.postMessage('done');
});
