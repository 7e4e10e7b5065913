import type { Sql } from '../database.js';

/** A human judgement on two records. */
export type MatchVerdict = 'same' | 'different';

/** A standing (not undone) decision; `recordA` < `recordB`. */
export interface MatchDecision {
  id: number;
  recordA: number;
  recordB: number;
  decision: MatchVerdict;
  decidedBy: string;
  decidedAt: string;
  note: string | null;
}

interface DecisionRow {
  id: number;
  record_a: number;
  record_b: number;
  decision: MatchVerdict;
  decided_by: string;
  decided_at: Date | string;
  note: string | null;
}

function toDecision(row: DecisionRow): MatchDecision {
  return {
    id: row.id,
    recordA: row.record_a,
    recordB: row.record_b,
    decision: row.decision,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at instanceof Date ? row.decided_at.toISOString() : row.decided_at,
    note: row.note,
  };
}

const columns = 'id, record_a, record_b, decision, decided_by, decided_at, note';

/** The standing decision on an unordered pair, if any. */
export async function findStandingDecision(
  db: Sql,
  recordA: number,
  recordB: number,
): Promise<MatchDecision | null> {
  const [a, b] = recordA < recordB ? [recordA, recordB] : [recordB, recordA];
  const rows = await db.query<DecisionRow>(
    `SELECT ${columns} FROM match_decision
      WHERE record_a = $1 AND record_b = $2 AND undone_at IS NULL`,
    [a, b],
  );
  const row = rows[0];
  return row ? toDecision(row) : null;
}

/** A decision by its id, standing or not (`undone` says which); null when there is none. */
export async function findDecisionById(
  db: Sql,
  id: number,
): Promise<(MatchDecision & { undone: boolean }) | null> {
  const rows = await db.query<DecisionRow & { undone: boolean }>(
    `SELECT ${columns}, (undone_at IS NOT NULL) AS undone FROM match_decision WHERE id = $1`,
    [id],
  );
  const row = rows[0];
  return row ? { ...toDecision(row), undone: row.undone } : null;
}

/** Every standing decision (linkage reads them all as constraints and labels). */
export async function listStandingDecisions(db: Sql): Promise<MatchDecision[]> {
  const rows = await db.query<DecisionRow>(
    `SELECT ${columns} FROM match_decision WHERE undone_at IS NULL ORDER BY id`,
  );
  return rows.map(toDecision);
}

/** Standing decisions of one kind with both records among `recordIds`. */
export async function decisionsAmong(
  db: Sql,
  recordIds: readonly number[],
  decision: MatchVerdict,
): Promise<MatchDecision[]> {
  const rows = await db.query<DecisionRow>(
    `SELECT ${columns} FROM match_decision
      WHERE undone_at IS NULL AND decision = $2
        AND record_a = ANY($1::int[]) AND record_b = ANY($1::int[])
      ORDER BY id`,
    [[...recordIds], decision],
  );
  return rows.map(toDecision);
}

/** "Different" decisions with one record in each of two sets. */
export async function differentDecisionsBetween(
  db: Sql,
  left: readonly number[],
  right: readonly number[],
): Promise<MatchDecision[]> {
  const rows = await db.query<DecisionRow>(
    `SELECT ${columns} FROM match_decision
      WHERE undone_at IS NULL AND decision = 'different'
        AND ((record_a = ANY($1::int[]) AND record_b = ANY($2::int[]))
          OR (record_a = ANY($2::int[]) AND record_b = ANY($1::int[])))
      ORDER BY id`,
    [[...left], [...right]],
  );
  return rows.map(toDecision);
}

/** Stores a decision (the pair is ordered here). */
export async function insertDecision(
  tx: Sql,
  input: {
    recordA: number;
    recordB: number;
    decision: MatchVerdict;
    actor: string;
    note: string | null;
  },
): Promise<MatchDecision> {
  const [a, b] =
    input.recordA < input.recordB ? [input.recordA, input.recordB] : [input.recordB, input.recordA];
  const rows = await tx.query<DecisionRow>(
    `INSERT INTO match_decision (record_a, record_b, decision, decided_by, note)
     VALUES ($1, $2, $3, $4, $5) RETURNING ${columns}`,
    [a, b, input.decision, input.actor, input.note],
  );
  return toDecision(rows[0]!);
}

/** Marks a decision undone (kept for the history). */
export async function markDecisionUndone(tx: Sql, id: number, actor: string): Promise<void> {
  await tx.query('UPDATE match_decision SET undone_by = $2, undone_at = now() WHERE id = $1', [
    id,
    actor,
  ]);
}
