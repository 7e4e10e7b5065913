import type { Sql } from '../database.js';

/** The linkage version: bumped by every run, decision and undo that may change persons. */
export async function readLinkageVersion(db: Sql): Promise<number> {
  const rows = await db.query<{ version: string | number }>(
    'SELECT version FROM linkage_state WHERE singleton',
  );
  return Number(rows[0]?.version ?? 0);
}

/**
 * Locks the linkage state for the caller's transaction (runs and decisions serialise here) and
 * bumps the version. Returns the version found before the bump.
 */
export async function lockAndBumpLinkageVersion(tx: Sql): Promise<number> {
  const rows = await tx.query<{ version: string | number }>(
    'SELECT version FROM linkage_state WHERE singleton FOR UPDATE',
  );
  const before = Number(rows[0]?.version ?? 0);
  await tx.query('UPDATE linkage_state SET version = version + 1 WHERE singleton');
  return before;
}

/** What a run stores about itself. */
export interface NewLinkRun {
  actor: string;
  startedAt: Date;
  parameters: object;
  records: number;
  newRecords: number;
  personsBefore: number;
  personsAfter: number;
  merges: number;
  splits: number;
  candidatePairs: number;
  queued: number;
  report: object;
}

/** Inserts a run and returns its id. */
export async function insertLinkRun(tx: Sql, run: NewLinkRun): Promise<number> {
  const rows = await tx.query<{ id: number }>(
    `INSERT INTO link_run (actor, started_at, parameters, records, new_records, persons_before,
       persons_after, merges, splits, candidate_pairs, queued, report)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [
      run.actor,
      run.startedAt,
      JSON.stringify(run.parameters),
      run.records,
      run.newRecords,
      run.personsBefore,
      run.personsAfter,
      run.merges,
      run.splits,
      run.candidatePairs,
      run.queued,
      JSON.stringify(run.report),
    ],
  );
  return rows[0]!.id;
}
