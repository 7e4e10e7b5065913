/**
 * Worker-thread entry point for the comparison phase: receives the prepared records
 * in columnar form (typed arrays, transferred rather than cloned) and a slice of
 * candidate pairs, and the main thread's name frequencies (sent rather than recounted:
 * counting them costs more than cloning them), and returns the slice's comparison levels.
 */
import { parentPort } from 'node:worker_threads';
import {
  compareRange,
  decodeRecords,
  type ColumnarRecords,
  type NameFrequencies,
} from '../../core/linkage/index.js';

/** Message from the main thread. */
export interface CompareRequest {
  readonly records: ColumnarRecords;
  readonly freq: NameFrequencies;
  readonly left: Uint32Array;
  readonly right: Uint32Array;
}

parentPort?.on('message', (req: CompareRequest) => {
  const records = decodeRecords(req.records);
  const out = compareRange(records, req.freq, req.left, req.right);
  parentPort?.postMessage(out, [out.levels.buffer as ArrayBuffer, out.tf.buffer as ArrayBuffer]);
});
