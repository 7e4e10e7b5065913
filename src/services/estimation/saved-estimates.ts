import type { CountFilters } from '../../core/stats/counts/index.js';
import {
  DEFAULT_LCMCR_CHAINS,
  LCMCR_DEFAULTS,
  type CaptureTable,
} from '../../core/stats/estimation/index.js';
import type { Database } from '../../db/database.js';
import { appendAuditEvent } from '../../db/repositories/audit-repository.js';
import {
  findEstimate,
  insertEstimate,
  listEstimates,
  readRegisterState,
  type StoredEstimate,
} from '../../db/repositories/estimate-repository.js';
import {
  estimateCaptures,
  type EstimateReport,
  type EstimateRequest,
  type EstimationMethod,
} from './estimate-captures.js';
import { registerCaptureTable, RegisterEstimateError } from './estimate-register.js';

/** What to estimate from: a capture table as given, or the linked register in a scope. */
export type EstimateInput =
  | { kind: 'captures'; table: CaptureTable; /** the file or name it came from */ name?: string }
  | { kind: 'register'; where?: CountFilters; sources?: readonly string[] };

/** An estimate to run and keep. */
export interface SaveEstimateRequest {
  input: EstimateInput;
  /** The method; by default log-linear with three lists or more, else Chapman. */
  request: Omit<EstimateRequest, 'method'> & { method?: EstimationMethod };
  label?: string | null;
  notes?: string | null;
}

/** A kept estimate with the report it stores. */
export interface SavedEstimate extends StoredEstimate {
  result: EstimateReport;
}

/** A kept estimate's label or notes are too long, or the input cannot be estimated. */
export class EstimateInputError extends Error {
  override name = 'EstimateInputError';
  readonly statusCode = 422;
}

/** One capture history as stored: the lists it is on and how many persons. */
export interface StoredCapture {
  lists: string[];
  count: number;
}

/** The capture histories of a table, by list names (empty cells left out). */
export function capturesOf(table: CaptureTable): StoredCapture[] {
  const out: StoredCapture[] = [];
  for (let pattern = 1; pattern < table.counts.length; pattern++) {
    const count = table.counts[pattern] ?? 0;
    if (count > 0)
      out.push({ lists: table.lists.filter((_, j) => (pattern & (1 << j)) !== 0), count });
  }
  return out;
}

/** The settings that made an estimate: enough to run it again and get the same figure. */
function settingsOf(method: EstimationMethod, r: SaveEstimateRequest['request']): object {
  const level = r.level ?? 0.95;
  switch (method) {
    case 'chapman':
      return { level, ...(r.lists ? { lists: [...r.lists] } : {}) };
    case 'loglinear':
      return {
        level,
        average: r.average ?? false,
        weights: r.weights ?? 'bic',
        ...(r.maxOrder !== undefined ? { maxOrder: r.maxOrder } : {}),
      };
    case 'lcmcr': {
      const { K, aAlpha, bAlpha, burnIn, samples, thinning } = { ...LCMCR_DEFAULTS, ...r.lcmcr };
      return {
        level,
        seed: r.seed ?? 1,
        K,
        priors: { alpha: { shape: aAlpha, rate: bAlpha } },
        burnIn,
        samples,
        thinning,
        chains: r.lcmcr?.chains ?? DEFAULT_LCMCR_CHAINS,
      };
    }
  }
}

/**
 * Runs an estimate and keeps it, with what it was computed from (the capture histories, and for
 * the register its scope, its sources and its state: latest batch, records, persons, linkage
 * version), how (method and settings) and what came out. Stored and audited in one transaction.
 */
export async function saveEstimate(
  db: Database,
  save: SaveEstimateRequest,
  actor: string,
): Promise<SavedEstimate> {
  const label = save.label?.trim() || null;
  const notes = save.notes?.trim() || null;
  if (label !== null && label.length > 200)
    throw new EstimateInputError('a label is at most 200 characters');
  if (notes !== null && notes.length > 4000)
    throw new EstimateInputError('notes are at most 4,000 characters');

  let table: CaptureTable;
  let registerState = null;
  let scope: object = {};
  if (save.input.kind === 'register') {
    // The state first: a batch imported while the table is built makes the state older, not newer.
    registerState = await readRegisterState(db);
    const where = save.input.where ?? {};
    table = await registerCaptureTable(db, { where, sources: save.input.sources });
    scope = { where, sources: save.input.sources ? [...save.input.sources] : null };
  } else {
    table = save.input.table;
    scope = save.input.name ? { name: save.input.name } : {};
  }
  const method = save.request.method ?? (table.lists.length >= 3 ? 'loglinear' : 'chapman');
  let report: EstimateReport;
  try {
    report = await estimateCaptures(table, { ...save.request, method });
  } catch (error) {
    if (error instanceof RegisterEstimateError) throw error;
    throw new EstimateInputError(error instanceof Error ? error.message : String(error));
  }
  const input = { ...scope, lists: [...table.lists], captures: capturesOf(table) };
  const settings = settingsOf(method, save.request);
  const id = await db.transaction(async (tx) => {
    const newId = await insertEstimate(tx, {
      label,
      notes,
      method,
      settings,
      inputKind: save.input.kind,
      input,
      registerState,
      observed: report.observed,
      estimate: report.estimate,
      lower: report.lower,
      upper: report.upper,
      level: report.level,
      result: report,
      createdBy: actor,
    });
    await appendAuditEvent(tx, {
      actor,
      action: 'estimate.save',
      entityType: 'estimate',
      entityId: newId,
      after: {
        method,
        settings,
        inputKind: save.input.kind,
        lists: table.lists,
        registerState,
        observed: report.observed,
        estimate: report.estimate,
        lower: report.lower,
        upper: report.upper,
        level: report.level,
        label,
      },
    });
    return newId;
  });
  const stored = await findEstimate(db, id);
  if (!stored) throw new Error(`estimate ${id} was not stored`);
  return stored as SavedEstimate;
}

/** Kept estimates, newest first. */
export async function savedEstimates(db: Database, limit = 100): Promise<SavedEstimate[]> {
  return (await listEstimates(db, limit)) as SavedEstimate[];
}

/** One kept estimate, or null. */
export async function savedEstimate(db: Database, id: number): Promise<SavedEstimate | null> {
  return (await findEstimate(db, id)) as SavedEstimate | null;
}
