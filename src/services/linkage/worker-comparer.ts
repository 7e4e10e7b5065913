import type { CompareRequest } from './compare-worker.js';
import { compiledWorker, runWorker } from './run-worker.js';
import {
  FIELD_COUNT,
  inProcessComparer,
  NAME_FIELD_COUNT,
  shared,
  shareFrequencies,
  shareRecords,
  type PairComparer,
} from '../../core/linkage/index.js';

/**
 * Below this many pairs a worker's start-up (loading modules) costs more than it
 * saves. Workers share the records, frequencies, pairs and output buffers, so start-up
 * no longer grows with the input.
 */
const MIN_PAIRS_FOR_WORKERS = 200_000;

/**
 * A comparer that splits candidate pairs into contiguous partitions, one per worker
 * thread, all reading the same shared memory and writing their own range of one shared
 * output. Partitions are independent (the same design lets a job queue spread them
 * over processes or machines). With `workers` = 0, or when the compiled worker file is
 * not present (running TypeScript sources under a test runner), it compares in the
 * calling thread.
 */
export function createWorkerComparer(workers: number): PairComparer {
  const url = compiledWorker('compare-worker', import.meta.url);
  if (workers <= 0 || url === undefined) return inProcessComparer;
  return {
    async compare(records, freq, left, right) {
      const n = left.length;
      if (n < MIN_PAIRS_FOR_WORKERS) return inProcessComparer.compare(records, freq, left, right);
      const parts = Math.min(workers, Math.ceil(n / MIN_PAIRS_FOR_WORKERS));
      const size = Math.ceil(n / parts);
      const levels = new Uint8Array(new SharedArrayBuffer(n * FIELD_COUNT));
      const tf = new Float32Array(new SharedArrayBuffer(n * NAME_FIELD_COUNT * 4));
      const base = {
        records: shareRecords(records),
        freq: shareFrequencies(freq),
        left: shared(left),
        right: shared(right),
        levels,
        tf,
      };
      await Promise.all(
        Array.from({ length: parts }, (_, k) =>
          runWorker<string>(url, {
            ...base,
            from: k * size,
            to: Math.min(n, (k + 1) * size),
          } satisfies CompareRequest),
        ),
      );
      return { levels, tf };
    },
  };
}
