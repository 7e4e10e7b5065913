import {
  FIELD_COUNT,
  NAME_FIELD_COUNT,
  pairIndex,
  type LinkInputRecord,
  type PairComparer,
  type ScoredComparedPairs,
} from '../../core/linkage/index.js';
import type { Database } from '../../db/database.js';
import {
  failAbandonedLinkJobRuns,
  finishLinkJobRun,
  insertLinkJobRun,
  listLinkJobs,
  loadPartitionPairs,
  touchLinkJobRun,
  type LinkJobRow,
} from '../../db/repositories/link-job-repository.js';
import { sijilVersion } from '../../version.js';
import { LinkageError } from '../register-linkage/linkage-error.js';
import { defaultWorkerId, runLinkWorker } from './link-worker.js';
import { runContext } from './partition-job.js';

/** Settings of a distributed comparison. */
export interface PartitionedOptions {
  /** Number of partitions (jobs). */
  readonly partitions: number;
  /** Lease of a claimed job, in seconds. */
  readonly leaseSeconds?: number;
  /** Pause between looks at the jobs' progress. */
  readonly pollMs?: number;
  /**
   * The coordinator works on jobs itself when no job has been taken or finished for this many
   * seconds (0: from the start, alongside the workers). On the embedded store, which no other
   * process can reach, it always does.
   */
  readonly workAfterSeconds?: number;
  /** A job taken this many times without being done fails the run (a job that kills workers). */
  readonly maxAttempts?: number;
  /** Progress lines. */
  readonly log?: (line: string) => void;
  /** Called with the run's id once its jobs are queued. */
  readonly onRun?: (runId: number) => void;
}

export const DEFAULT_PARTITIONS = 16;
const DEFAULT_LEASE_SECONDS = 60;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A comparer that spreads the comparison over processes and machines: it stores the records'
 * snapshot, the model and one job per partition, waits for `sijil link-worker` processes (or
 * itself) to do every job, and reads back the scored pairs in the single-process order. The
 * result is the single-process result: the same pairs, each compared once, with the same model.
 */
export function createPartitionedComparer(
  db: Database,
  inputs: readonly LinkInputRecord[],
  options: PartitionedOptions,
): PairComparer {
  const partitions = options.partitions;
  if (!Number.isInteger(partitions) || partitions < 1)
    throw new LinkageError('the number of partitions is a whole number ≥ 1');
  const leaseSeconds = options.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
  const pollMs = options.pollMs ?? 500;
  const workAfter = db.kind === 'pglite' ? 0 : (options.workAfterSeconds ?? 15);
  const maxAttempts = options.maxAttempts ?? 5;
  const log = options.log ?? (() => undefined);
  return {
    scores: true,
    async compare(records, freq, left, right, context) {
      if (context === undefined) throw new Error('a partitioned comparison needs the model');
      if (records.count !== inputs.length) throw new Error('records and inputs differ in number');
      const started = performance.now();
      const seconds = (): string => ((performance.now() - started) / 1000).toFixed(1);
      const abandoned = await failAbandonedLinkJobRuns(db);
      if (abandoned > 0) log(`${abandoned} runs left by a coordinator that stopped were cleared`);
      const runId = await db.transaction((tx) =>
        insertLinkJobRun(tx, {
          partitions,
          candidatePairs: left.length,
          model: JSON.stringify(context.model),
          blocking: {
            maxBlockSize: context.blocking.maxBlockSize,
            window: context.blocking.window,
          },
          version: sijilVersion,
          inputs,
        }),
      );
      options.onRun?.(runId);
      log(
        `run ${runId}: ${partitions} partitions of ${left.length.toLocaleString('en')} candidate pairs queued (${seconds()} s)`,
      );
      try {
        await waitForJobs(runId);
        log(`run ${runId}: all partitions done (${seconds()} s)`);
        const compared = await collect(runId, records.count, left, right);
        await finishLinkJobRun(db, runId, 'collected');
        log(`run ${runId}: pairs collected (${seconds()} s)`);
        return compared;
      } catch (error) {
        await finishLinkJobRun(db, runId, 'failed').catch(() => undefined);
        throw error;
      }

      async function waitForJobs(id: number): Promise<void> {
        let last = '';
        let lastChange = Date.now();
        let own: ReturnType<typeof runContext> | undefined;
        let helping = false;
        for (;;) {
          await touchLinkJobRun(db, id);
          const jobs = await listLinkJobs(db, id);
          const failed = jobs.find(
            (j) => j.state === 'failed' || (j.state !== 'done' && j.attempts > maxAttempts),
          );
          if (failed)
            throw new LinkageError(
              `partition ${failed.partition} of run ${id} failed` +
                (failed.error ? `: ${failed.error}` : ` after ${failed.attempts} attempts`),
            );
          const state = summary(jobs);
          if (state !== last) {
            log(`run ${id}: ${state}`);
            last = state;
            lastChange = Date.now();
          }
          if (jobs.every((j) => j.state === 'done')) return;
          // Nobody has taken or finished a job for a while (or the coordinator is meant to be one
          // of the workers): from then on it takes jobs too, so a run never waits for nobody.
          helping ||= Date.now() - lastChange >= workAfter * 1000;
          if (helping) {
            own ??= runContext(id, records, freq, context!.model, partitions, context!.blocking);
            const report = await runLinkWorker(db, {
              workerId: `${defaultWorkerId()}:coordinator`,
              leaseSeconds,
              pollMs,
              idleSeconds: 0,
              untilEmpty: true,
              runId: id,
              maxJobs: 1,
              context: own,
              log,
            });
            if (report.jobs > 0) continue;
          }
          await sleep(pollMs);
        }
      }
    },
  };

  async function collect(
    runId: number,
    count: number,
    left: Uint32Array,
    right: Uint32Array,
  ): Promise<ScoredComparedPairs> {
    const n = left.length;
    const index = pairIndex(count, left, right);
    const levels = new Uint8Array(n * FIELD_COUNT);
    const tf = new Float32Array(n * NAME_FIELD_COUNT);
    const weights = new Float64Array(n);
    const filled = new Uint8Array(n);
    let total = 0;
    for (let k = 0; k < partitions; k++) {
      for (const row of await loadPartitionPairs(db, runId, k)) {
        const p = index.find(row.left, row.right);
        if (p < 0 || row.left >= row.right)
          throw new Error(`partition ${k} returned a pair that is not a candidate`);
        if (filled[p] === 1) throw new Error(`partition ${k} returned a pair another one scored`);
        filled[p] = 1;
        total++;
        weights[p] = row.weight;
        for (let f = 0; f < FIELD_COUNT; f++)
          levels[p * FIELD_COUNT + f] = row.levels.charCodeAt(f) - 48;
        for (let f = 0; f < NAME_FIELD_COUNT; f++) tf[p * NAME_FIELD_COUNT + f] = row.tf[f] ?? 0;
      }
    }
    if (total !== n) throw new Error(`the partitions returned ${total} of ${n} candidate pairs`);
    return { levels, tf, weights };
  }
}

/** "3 done, 2 running, 7 queued". */
function summary(jobs: readonly LinkJobRow[]): string {
  const counts = new Map<string, number>();
  for (const j of jobs) counts.set(j.state, (counts.get(j.state) ?? 0) + 1);
  return ['done', 'running', 'queued']
    .filter((s) => counts.has(s))
    .map((s) => `${counts.get(s)} ${s}`)
    .join(', ');
}
