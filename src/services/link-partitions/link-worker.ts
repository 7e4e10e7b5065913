import { hostname } from 'node:os';
import type { Database } from '../../db/database.js';
import {
  claimLinkJob,
  completeLinkJob,
  failLinkJob,
  findClaimableLinkJobRun,
  releaseLinkJob,
  renewLinkJobLease,
  type LinkJobClaim,
} from '../../db/repositories/link-job-repository.js';
import {
  loadRunContext,
  OtherVersionError,
  scorePartition,
  type PartitionRunContext,
} from './partition-job.js';

/** Settings of a worker taking partition jobs. */
export interface LinkWorkerOptions {
  /** How the worker names itself in the jobs it takes (default host:pid). */
  readonly workerId?: string;
  /** A claim expires unless renewed within this many seconds (renewed every third of it). */
  readonly leaseSeconds: number;
  /** Pause between looks at an empty queue. */
  readonly pollMs: number;
  /** Stop after this many seconds without a job (0: never). */
  readonly idleSeconds: number;
  /** Take jobs of this run only. */
  readonly runId?: number;
  /** Return as soon as no job can be claimed (the coordinator lending a hand). */
  readonly untilEmpty?: boolean;
  /** Stop after this many jobs. */
  readonly maxJobs?: number;
  /** Wait this long in each job before comparing (demonstrations and tests of lease expiry). */
  readonly throttleMs?: number;
  /** Asked between jobs and between slices of a job: true to stop (a job in hand is released). */
  readonly stopping?: () => boolean;
  /** A ready context for a run (the coordinator's own records), instead of loading it. */
  readonly context?: PartitionRunContext;
  /** Progress lines. */
  readonly log?: (line: string) => void;
}

/** What a worker did. */
export interface LinkWorkerReport {
  readonly workerId: string;
  readonly jobs: number;
  readonly pairs: number;
  /** Jobs given up because another worker took them after this one's lease expired. */
  readonly lost: number;
}

export function defaultWorkerId(): string {
  return `${hostname()}:${process.pid}`;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Outcome of one claimed job. */
type JobOutcome =
  { kind: 'done'; pairs: number; seconds: number } | { kind: 'lost' } | { kind: 'stopped' };

/**
 * Takes partition jobs from the store until stopped, idle for `idleSeconds`, or `maxJobs` are
 * done. Each job: claim under a lease (renewed while working), compare and score the partition's
 * pairs, then, in one transaction, complete the job if the claim still holds and write its pairs.
 * A worker that dies leaves its lease to expire; the job is then taken again, and its earlier
 * partial writes never existed (they were never committed).
 */
export async function runLinkWorker(
  db: Database,
  options: LinkWorkerOptions,
): Promise<LinkWorkerReport> {
  const workerId = options.workerId ?? defaultWorkerId();
  const log = options.log ?? (() => undefined);
  const stopping = options.stopping ?? (() => false);
  const contexts = new Map<number, Promise<PartitionRunContext>>();
  if (options.context) contexts.set(options.context.runId, Promise.resolve(options.context));
  let jobs = 0;
  let pairs = 0;
  let lost = 0;
  let idleSince = Date.now();
  /** Runs of another version of Sijil, left to other workers. */
  const skipped = new Set<number>();
  const contextOf = (runId: number): Promise<PartitionRunContext> => {
    let context = contexts.get(runId);
    if (context === undefined) {
      // One run at a time: a new run's records replace the last one's.
      contexts.clear();
      const loading = performance.now();
      context = loadRunContext(db, runId).then((ctx) => {
        log(
          `run ${runId}: ${ctx.records.count.toLocaleString('en')} records loaded and ` +
            `prepared in ${((performance.now() - loading) / 1000).toFixed(1)} s`,
        );
        return ctx;
      });
      contexts.set(runId, context);
      context.catch(() => contexts.delete(runId));
    }
    return context;
  };
  while (!stopping() && (options.maxJobs === undefined || jobs < options.maxJobs)) {
    // Prepare the records of a run with work to do before claiming any of its jobs: preparing
    // holds the thread for seconds, during which a lease could not be renewed.
    const next = options.context
      ? options.runId
      : await findClaimableLinkJobRun(db, options.runId, [...skipped]);
    if (next !== undefined && next !== null && !contexts.has(next)) {
      try {
        await contextOf(next);
      } catch (error) {
        if (error instanceof OtherVersionError) {
          skipped.add(next);
          log(`${error.message}: leaving its jobs to others`);
          continue;
        }
        log(
          `run ${next} cannot be prepared: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    const claim = await claimLinkJob(db, workerId, options.leaseSeconds, options.runId, [
      ...skipped,
    ]);
    if (claim === null) {
      if (options.untilEmpty === true) break;
      if (options.idleSeconds > 0 && Date.now() - idleSince >= options.idleSeconds * 1000) break;
      await sleep(options.pollMs);
      continue;
    }
    log(`took partition ${claim.partition} of run ${claim.runId} (attempt ${claim.attempt})`);
    const context = contextOf(claim.runId);
    let outcome: JobOutcome;
    try {
      outcome = await runJob(db, claim, await context, options, stopping);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      contexts.delete(claim.runId);
      if (error instanceof OtherVersionError) {
        skipped.add(claim.runId);
        await releaseLinkJob(db, claim);
        log(`${message}: leaving its jobs to others`);
        continue;
      }
      await failLinkJob(db, claim, message);
      log(`partition ${claim.partition} of run ${claim.runId} failed: ${message}`);
      idleSince = Date.now();
      continue;
    }
    if (outcome.kind === 'done') {
      jobs++;
      pairs += outcome.pairs;
      log(
        `done partition ${claim.partition} of run ${claim.runId}: ` +
          `${outcome.pairs.toLocaleString('en')} pairs in ${outcome.seconds.toFixed(1)} s`,
      );
    } else if (outcome.kind === 'lost') {
      lost++;
      log(
        `partition ${claim.partition} of run ${claim.runId} was taken by another worker; dropped`,
      );
    } else {
      await releaseLinkJob(db, claim);
      log(`stopping: partition ${claim.partition} of run ${claim.runId} put back in the queue`);
    }
    idleSince = Date.now();
  }
  return { workerId, jobs, pairs, lost };
}

/** Works on one claimed job, renewing its lease meanwhile. */
async function runJob(
  db: Database,
  claim: LinkJobClaim,
  context: PartitionRunContext,
  options: LinkWorkerOptions,
  stopping: () => boolean,
): Promise<JobOutcome> {
  const started = performance.now();
  let stale = false;
  let renewing = Promise.resolve();
  const timer = setInterval(
    () => {
      renewing = renewLinkJobLease(db, claim, options.leaseSeconds).then(
        (held) => {
          if (!held) stale = true;
        },
        () => undefined,
      );
    },
    Math.max(100, (options.leaseSeconds * 1000) / 3),
  );
  try {
    // Throttled in short steps, so a throttled worker renews its lease and can be stopped.
    for (let waited = 0; waited < (options.throttleMs ?? 0); waited += 50) {
      if (stale || stopping()) break;
      await sleep(50);
    }
    const rows = await scorePartition(context, claim.partition, () => stale || stopping());
    if (stale) return { kind: 'lost' };
    if (rows === null) return { kind: 'stopped' };
    clearInterval(timer);
    await renewing;
    const held = await db.transaction((tx) => completeLinkJob(tx, claim, rows));
    if (!held) return { kind: 'lost' };
    return { kind: 'done', pairs: rows.length, seconds: (performance.now() - started) / 1000 };
  } finally {
    clearInterval(timer);
  }
}
