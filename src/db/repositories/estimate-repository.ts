import type { Sql } from '../database.js';

/** The register as it stood when an estimate was computed from it. */
export interface RegisterState {
  /** The newest import batch (null in an empty register). */
  latestBatchId: number | null;
  records: number;
  persons: number;
  /** Bumped by every link run and decision that may change persons. */
  linkageVersion: number;
  /** The newest link run (null before any). */
  latestLinkRunId: number | null;
}

/** An estimate to keep. */
export interface NewEstimate {
  label: string | null;
  notes: string | null;
  method: 'chapman' | 'loglinear' | 'lcmcr';
  settings: object;
  inputKind: 'captures' | 'register';
  input: object;
  registerState: RegisterState | null;
  observed: number;
  estimate: number | null;
  lower: number | null;
  upper: number | null;
  level: number;
  result: object;
  createdBy: string;
}

/** A kept estimate. */
export interface StoredEstimate extends NewEstimate {
  id: number;
  createdAt: string;
}

interface EstimateRow {
  id: number;
  label: string | null;
  notes: string | null;
  method: NewEstimate['method'];
  settings: object;
  input_kind: NewEstimate['inputKind'];
  input: object;
  register_state: RegisterState | null;
  observed: number;
  estimate: number | null;
  lower_bound: number | null;
  upper_bound: number | null;
  level: number;
  result: object;
  created_by: string;
  created_at: Date | string;
}

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

function fromRow(r: EstimateRow): StoredEstimate {
  return {
    id: r.id,
    label: r.label,
    notes: r.notes,
    method: r.method,
    settings: r.settings,
    inputKind: r.input_kind,
    input: r.input,
    registerState: r.register_state,
    observed: r.observed,
    estimate: num(r.estimate),
    lower: num(r.lower_bound),
    upper: num(r.upper_bound),
    level: Number(r.level),
    result: r.result,
    createdBy: r.created_by,
    createdAt: r.created_at instanceof Date ? r.created_at.toISOString() : r.created_at,
  };
}

/** The register's state now: what an estimate from it was computed from. */
export async function readRegisterState(db: Sql): Promise<RegisterState> {
  const rows = await db.query<{
    latest_batch_id: number | null;
    records: number;
    persons: number;
    linkage_version: string | number | null;
    latest_link_run_id: number | null;
  }>(
    `SELECT (SELECT max(id) FROM import_batch) AS latest_batch_id,
            (SELECT count(*) FROM record)::int AS records,
            (SELECT count(*) FROM person)::int AS persons,
            (SELECT version FROM linkage_state WHERE singleton) AS linkage_version,
            (SELECT max(id) FROM link_run) AS latest_link_run_id`,
  );
  const r = rows[0];
  return {
    latestBatchId: r?.latest_batch_id ?? null,
    records: r?.records ?? 0,
    persons: r?.persons ?? 0,
    linkageVersion: Number(r?.linkage_version ?? 0),
    latestLinkRunId: r?.latest_link_run_id ?? null,
  };
}

/** Stores an estimate and returns its id. */
export async function insertEstimate(tx: Sql, e: NewEstimate): Promise<number> {
  const rows = await tx.query<{ id: number }>(
    `INSERT INTO estimate (label, notes, method, settings, input_kind, input, register_state,
       observed, estimate, lower_bound, upper_bound, level, result, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     RETURNING id`,
    [
      e.label,
      e.notes,
      e.method,
      JSON.stringify(e.settings),
      e.inputKind,
      JSON.stringify(e.input),
      e.registerState === null ? null : JSON.stringify(e.registerState),
      e.observed,
      e.estimate,
      e.lower,
      e.upper,
      e.level,
      JSON.stringify(e.result),
      e.createdBy,
    ],
  );
  return rows[0]!.id;
}

/** One kept estimate, or null. */
export async function findEstimate(db: Sql, id: number): Promise<StoredEstimate | null> {
  const rows = await db.query<EstimateRow>('SELECT * FROM estimate WHERE id = $1', [id]);
  return rows[0] ? fromRow(rows[0]) : null;
}

/** Kept estimates, newest first. */
export async function listEstimates(db: Sql, limit = 100): Promise<StoredEstimate[]> {
  const rows = await db.query<EstimateRow>(
    'SELECT * FROM estimate ORDER BY created_at DESC, id DESC LIMIT $1',
    [limit],
  );
  return rows.map(fromRow);
}
