import {
  FIELD_COUNT,
  NAME_FIELD_COUNT,
  nameFrequencies,
  prepareRecords,
  scoreComparison,
  weightTable,
  type FellegiSunterModel,
  type NameFrequencies,
  type PreparedRecords,
  type WeightTable,
} from '../../core/linkage/index.js';
import {
  partitionIndex,
  partitionPairs,
  type PartitionIndex,
} from '../../core/linkage/partitions.js';
import { compareRange } from '../../core/linkage/training.js';
import type { Sql } from '../../db/database.js';
import { sijilVersion } from '../../version.js';
import {
  loadLinkJobInputs,
  readLinkJobRun,
  type ScoredPairRow,
} from '../../db/repositories/link-job-repository.js';

/** A run queued by another version of Sijil: a worker leaves its jobs to others. */
export class OtherVersionError extends Error {}

/** What every job of one run needs, built once per process: records, frequencies, model. */
export interface PartitionRunContext {
  readonly runId: number;
  readonly records: PreparedRecords;
  readonly freq: NameFrequencies;
  readonly table: WeightTable;
  readonly index: PartitionIndex;
}

/** Builds a run's context from what the coordinator already holds in memory. */
export function runContext(
  runId: number,
  records: PreparedRecords,
  freq: NameFrequencies,
  model: FellegiSunterModel,
  partitions: number,
  blocking: { maxBlockSize: number; window: number },
): PartitionRunContext {
  return {
    runId,
    records,
    freq,
    table: weightTable(model),
    index: partitionIndex(records, partitions, blocking),
  };
}

/**
 * Builds a run's context from the store: the records' snapshot is prepared exactly as the
 * coordinator prepared it (the same inputs in the same order give the same prepared records), and
 * the model is the coordinator's, bit for bit.
 */
export async function loadRunContext(db: Sql, runId: number): Promise<PartitionRunContext> {
  const run = await readLinkJobRun(db, runId);
  if (run === null) throw new Error(`linkage job run ${runId} does not exist`);
  // Another version may prepare, block or compare differently: its pairs would not be the run's.
  if (run.version !== sijilVersion)
    throw new OtherVersionError(
      `run ${runId} was queued by sijil ${run.version}; this worker is sijil ${sijilVersion}`,
    );
  const inputs = await loadLinkJobInputs(db, runId);
  if (inputs.length !== run.recordCount)
    throw new Error(`run ${runId} holds ${inputs.length} records, expected ${run.recordCount}`);
  const records = prepareRecords(inputs);
  const model = JSON.parse(run.model) as FellegiSunterModel;
  return runContext(runId, records, nameFrequencies(records), model, run.partitions, run.blocking);
}

/** Pairs compared between two looks at the event loop (lease renewals, stop requests). */
const SLICE = 20_000;

/**
 * Compares and scores the candidate pairs of one partition. Works in slices and yields between
 * them, so the lease is renewed while it runs; returns null as soon as `abandon` says so.
 */
export async function scorePartition(
  ctx: PartitionRunContext,
  partition: number,
  abandon: () => boolean = () => false,
): Promise<ScoredPairRow[] | null> {
  const pairs = partitionPairs(ctx.index, partition);
  const { records, freq, table } = ctx;
  const out: ScoredPairRow[] = [];
  for (let from = 0; from < pairs.left.length; from += SLICE) {
    await new Promise((resolve) => setImmediate(resolve));
    if (abandon()) return null;
    const to = Math.min(pairs.left.length, from + SLICE);
    const compared = compareRange(records, freq, pairs.left, pairs.right, from, to);
    for (let p = from; p < to; p++) {
      const a = pairs.left[p] ?? 0;
      const b = pairs.right[p] ?? 0;
      const at = p - from;
      let levels = '';
      for (let f = 0; f < FIELD_COUNT; f++) levels += String(compared.levels[at * FIELD_COUNT + f]);
      out.push({
        left: a,
        right: b,
        rules: pairs.rules[p] ?? 0,
        weight: scoreComparison(
          table,
          compared.levels,
          compared.tf,
          at,
          records.source[a] === records.source[b],
        ),
        levels,
        tf: Array.from(compared.tf.subarray(at * NAME_FIELD_COUNT, (at + 1) * NAME_FIELD_COUNT)),
      });
    }
  }
  return abandon() ? null : out;
}
