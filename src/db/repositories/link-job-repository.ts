import { copyLine } from '../copy-text.js';
import type { Sql } from '../database.js';
import type { LinkInputRecord } from '../../core/linkage/link-record.js';

/**
 * The job queue of distributed linkage (migration 0008, docs/SCALING.md): runs, the records they
 * link, one job per partition claimed with FOR UPDATE SKIP LOCKED under a lease, and the scored
 * pairs each job writes back.
 */

/** One record as the linkage reads it (the one-shot format's cells). */
export type LinkJobInput = LinkInputRecord;

/** What a worker needs to know of a run besides its records. */
export interface LinkJobRun {
  readonly id: number;
  readonly state: string;
  readonly partitions: number;
  readonly recordCount: number;
  readonly candidatePairs: number;
  readonly model: string;
  readonly blocking: { maxBlockSize: number; window: number };
  readonly version: string;
}

/** A claimed job: the holder of claim `attempt` of partition `partition` of run `runId`. */
export interface LinkJobClaim {
  readonly runId: number;
  readonly partition: number;
  readonly attempt: number;
}

/** A job's state, for the coordinator and tests. */
export interface LinkJobRow {
  readonly partition: number;
  readonly state: string;
  readonly attempts: number;
  readonly worker: string | null;
  readonly pairs: number | null;
  readonly completions: number;
  readonly error: string | null;
}

/** One scored pair as a worker writes it. */
export interface ScoredPairRow {
  readonly left: number;
  readonly right: number;
  readonly rules: number;
  readonly weight: number;
  /** One digit per compared field. */
  readonly levels: string;
  readonly tf: readonly number[];
}

const INPUT_COLUMNS = [
  'run_id',
  'position',
  'source',
  'record_id',
  'name',
  'name_latin',
  'sex',
  'age',
  'birth_date',
  'death_date',
  'place',
  'id_number',
];

const PAIR_COLUMNS = [
  'run_id',
  'partition',
  'left_index',
  'right_index',
  'rules',
  'weight',
  'levels',
  'tf_given',
  'tf_father',
  'tf_grandfather',
  'tf_family',
];

/** Rows per COPY: keeps each statement's text a few megabytes at most. */
const COPY_ROWS = 20_000;

/**
 * Creates a run with its records and one queued job per partition, in the caller's transaction
 * (workers see the run whole or not at all).
 */
export async function insertLinkJobRun(
  tx: Sql,
  run: {
    partitions: number;
    candidatePairs: number;
    model: string;
    blocking: { maxBlockSize: number; window: number };
    version: string;
    inputs: readonly LinkJobInput[];
  },
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO link_job_run (partitions, record_count, candidate_pairs, model, blocking, version)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [
      run.partitions,
      run.inputs.length,
      run.candidatePairs,
      run.model,
      JSON.stringify(run.blocking),
      run.version,
    ],
  );
  const id = row?.id;
  if (id === undefined) throw new Error('link_job_run was not created');
  for (let from = 0; from < run.inputs.length; from += COPY_ROWS) {
    let text = '';
    const to = Math.min(run.inputs.length, from + COPY_ROWS);
    for (let i = from; i < to; i++) {
      const r = run.inputs[i];
      if (r === undefined) continue;
      text += copyLine([
        id,
        i,
        r.source,
        r.recordId,
        r.name,
        r.nameLatin,
        r.sex,
        r.age,
        r.birthDate,
        r.deathDate,
        r.place,
        r.idNumber,
      ]);
    }
    await tx.copyRows('link_job_input', INPUT_COLUMNS, text);
  }
  await tx.query(
    `INSERT INTO link_job (run_id, partition) SELECT $1, k FROM generate_series(0, $2 - 1) AS k`,
    [id, run.partitions],
  );
  return id;
}

/** A run, or null. */
export async function readLinkJobRun(db: Sql, runId: number): Promise<LinkJobRun | null> {
  const rows = await db.query<LinkJobRun>(
    `SELECT id, state, partitions, record_count AS "recordCount",
            candidate_pairs AS "candidatePairs", model, blocking, version
       FROM link_job_run WHERE id = $1`,
    [runId],
  );
  return rows[0] ?? null;
}

/** The records of a run in the coordinator's order, a page at a time. */
export async function loadLinkJobInputs(
  db: Sql,
  runId: number,
  pageSize = 50_000,
): Promise<LinkJobInput[]> {
  const out: LinkJobInput[] = [];
  let after = -1;
  for (;;) {
    const rows = await db.query<LinkJobInput & { position: number }>(
      `SELECT position, source, record_id AS "recordId", name, name_latin AS "nameLatin", sex, age,
              birth_date AS "birthDate", death_date AS "deathDate", place, id_number AS "idNumber"
         FROM link_job_input WHERE run_id = $1 AND position > $2
        ORDER BY position LIMIT $3`,
      [runId, after, pageSize],
    );
    for (const { position: _position, ...row } of rows) out.push(row);
    const last = rows[rows.length - 1];
    if (!last || rows.length < pageSize) return out;
    after = last.position;
  }
}

/**
 * Claims the first job that is queued, or running under an expired lease (its worker died or
 * stalled), of an open run whose coordinator is still there; `runId` restricts to one run.
 */
export async function claimLinkJob(
  db: Sql,
  worker: string,
  leaseSeconds: number,
  runId?: number,
  skipRuns: readonly number[] = [],
): Promise<LinkJobClaim | null> {
  const rows = await db.query<LinkJobClaim>(
    `UPDATE link_job j
        SET state = 'running', attempts = j.attempts + 1, worker = $1,
            leased_until = now() + make_interval(secs => $2), started_at = now(), error = NULL
       FROM (SELECT q.run_id, q.partition
               FROM link_job q JOIN link_job_run r ON r.id = q.run_id
              WHERE r.state = 'open' AND r.heartbeat_at > now() - interval '10 minutes'
                AND ($3::integer IS NULL OR q.run_id = $3)
                AND NOT (q.run_id = ANY ($4::integer[]))
                AND (q.state = 'queued' OR (q.state = 'running' AND q.leased_until < now()))
              ORDER BY q.run_id, q.partition
              LIMIT 1
                FOR UPDATE OF q SKIP LOCKED) AS next
      WHERE j.run_id = next.run_id AND j.partition = next.partition
      RETURNING j.run_id AS "runId", j.partition, j.attempts AS attempt`,
    [worker, leaseSeconds, runId ?? null, [...skipRuns]],
  );
  return rows[0] ?? null;
}

/**
 * The first open run with a job to take (queued, or under an expired lease), without claiming it:
 * a worker prepares the run's records before it claims, so its first lease is not spent on them.
 */
export async function findClaimableLinkJobRun(
  db: Sql,
  runId?: number,
  skipRuns: readonly number[] = [],
): Promise<number | null> {
  const rows = await db.query<{ id: number }>(
    `SELECT r.id FROM link_job_run r
      WHERE r.state = 'open' AND r.heartbeat_at > now() - interval '10 minutes'
        AND ($1::integer IS NULL OR r.id = $1)
        AND NOT (r.id = ANY ($2::integer[]))
        AND EXISTS (SELECT 1 FROM link_job q
                     WHERE q.run_id = r.id
                       AND (q.state = 'queued' OR (q.state = 'running' AND q.leased_until < now())))
      ORDER BY r.id LIMIT 1`,
    [runId ?? null, [...skipRuns]],
  );
  return rows[0]?.id ?? null;
}

/** Extends the lease of a claim; false when the job was taken again (the claim is stale). */
export async function renewLinkJobLease(
  db: Sql,
  claim: LinkJobClaim,
  leaseSeconds: number,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE link_job SET leased_until = now() + make_interval(secs => $4)
      WHERE run_id = $1 AND partition = $2 AND attempts = $3 AND state = 'running'
      RETURNING 1`,
    [claim.runId, claim.partition, claim.attempt, leaseSeconds],
  );
  return rows.length > 0;
}

/**
 * Completes a job with its scored pairs, in the caller's transaction: marks it done if this claim
 * still holds it (false otherwise, and nothing is written), removes whatever an earlier attempt
 * may have left, and stores the pairs with COPY. Re-running a partition never doubles its pairs.
 */
export async function completeLinkJob(
  tx: Sql,
  claim: LinkJobClaim,
  pairs: readonly ScoredPairRow[],
): Promise<boolean> {
  const held = await tx.query(
    `UPDATE link_job
        SET state = 'done', finished_at = now(), pairs = $4, completions = completions + 1,
            leased_until = NULL
      WHERE run_id = $1 AND partition = $2 AND attempts = $3 AND state = 'running'
      RETURNING 1`,
    [claim.runId, claim.partition, claim.attempt, pairs.length],
  );
  if (held.length === 0) return false;
  await tx.query('DELETE FROM link_job_pair WHERE run_id = $1 AND partition = $2', [
    claim.runId,
    claim.partition,
  ]);
  for (let from = 0; from < pairs.length; from += COPY_ROWS) {
    let text = '';
    const to = Math.min(pairs.length, from + COPY_ROWS);
    for (let p = from; p < to; p++) {
      const r = pairs[p];
      if (r === undefined) continue;
      // The weight as text: non-finite values too, and every bit of a double.
      text += copyLine([
        claim.runId,
        claim.partition,
        r.left,
        r.right,
        r.rules,
        String(r.weight),
        r.levels,
        r.tf[0] ?? 0,
        r.tf[1] ?? 0,
        r.tf[2] ?? 0,
        r.tf[3] ?? 0,
      ]);
    }
    await tx.copyRows('link_job_pair', PAIR_COLUMNS, text);
  }
  return true;
}

/** Marks a claimed job failed (it will not be taken again), with the reason. */
export async function failLinkJob(db: Sql, claim: LinkJobClaim, error: string): Promise<void> {
  await db.query(
    `UPDATE link_job SET state = 'failed', error = $4, finished_at = now(), leased_until = NULL
      WHERE run_id = $1 AND partition = $2 AND attempts = $3 AND state = 'running'`,
    [claim.runId, claim.partition, claim.attempt, error.slice(0, 2000)],
  );
}

/** Puts a claimed job back in the queue at once (a worker told to stop, a retryable error). */
export async function releaseLinkJob(db: Sql, claim: LinkJobClaim): Promise<void> {
  await db.query(
    `UPDATE link_job SET state = 'queued', leased_until = NULL, worker = NULL
      WHERE run_id = $1 AND partition = $2 AND attempts = $3 AND state = 'running'`,
    [claim.runId, claim.partition, claim.attempt],
  );
}

/** The jobs of a run, by partition. */
export async function listLinkJobs(db: Sql, runId: number): Promise<LinkJobRow[]> {
  return db.query<LinkJobRow>(
    `SELECT partition, state, attempts, worker, pairs, completions, error
       FROM link_job WHERE run_id = $1 ORDER BY partition`,
    [runId],
  );
}

/** Tells workers the coordinator is still waiting for the run. */
export async function touchLinkJobRun(db: Sql, runId: number): Promise<void> {
  await db.query('UPDATE link_job_run SET heartbeat_at = now() WHERE id = $1', [runId]);
}

/** The scored pairs of one partition, as stored. */
export async function loadPartitionPairs(
  db: Sql,
  runId: number,
  partition: number,
): Promise<ScoredPairRow[]> {
  const rows = await db.query<{
    left: number;
    right: number;
    rules: number;
    weight: string;
    levels: string;
    t0: string;
    t1: string;
    t2: string;
    t3: string;
  }>(
    // As text: every float comes back exactly (shortest round-trip output) on both drivers.
    `SELECT left_index AS left, right_index AS right, rules, weight::text AS weight, levels,
            tf_given::text AS t0, tf_father::text AS t1, tf_grandfather::text AS t2,
            tf_family::text AS t3
       FROM link_job_pair WHERE run_id = $1 AND partition = $2`,
    [runId, partition],
  );
  return rows.map((r) => ({
    left: r.left,
    right: r.right,
    rules: r.rules,
    weight: Number(r.weight),
    levels: r.levels,
    tf: [Number(r.t0), Number(r.t1), Number(r.t2), Number(r.t3)],
  }));
}

/**
 * Ends a run: collected (its pairs and records are removed, the run and its jobs stay as a
 * record of who did what) or failed.
 */
export async function finishLinkJobRun(
  db: Sql,
  runId: number,
  state: 'collected' | 'failed',
): Promise<void> {
  await db.query(`UPDATE link_job_run SET state = $2, finished_at = now() WHERE id = $1`, [
    runId,
    state,
  ]);
  await db.query('DELETE FROM link_job_pair WHERE run_id = $1', [runId]);
  await db.query('DELETE FROM link_job_input WHERE run_id = $1', [runId]);
}

/**
 * Fails the open runs whose coordinator stopped waiting for them more than ten minutes ago (it
 * died) and removes their pairs and records; returns how many.
 */
export async function failAbandonedLinkJobRuns(db: Sql): Promise<number> {
  const rows = await db.query<{ id: number }>(
    `UPDATE link_job_run SET state = 'failed', finished_at = now()
      WHERE state = 'open' AND heartbeat_at < now() - interval '10 minutes'
      RETURNING id`,
  );
  for (const { id } of rows) {
    await db.query('DELETE FROM link_job_pair WHERE run_id = $1', [id]);
    await db.query('DELETE FROM link_job_input WHERE run_id = $1', [id]);
  }
  return rows.length;
}
