/**
 * Worker-thread entry point for the comparison phase: receives prepared records,
 * name frequencies and a slice of candidate pairs, returns their comparison levels.
 */
import { parentPort } from 'node:worker_threads';
import {
  compareRange,
  type NameFrequencies,
  type PreparedRecord,
} from '../../core/linkage/index.js';

/** Message from the main thread. */
export interface CompareRequest {
  readonly records: readonly PreparedRecord[];
  readonly freq: NameFrequencies;
  readonly left: Uint32Array;
  readonly right: Uint32Array;
}

parentPort?.on('message', (req: CompareRequest) => {
  const out = compareRange(req.records, req.freq, req.left, req.right);
  parentPort?.postMessage(out, [out.levels.buffer as ArrayBuffer, out.tf.buffer as ArrayBuffer]);
});
