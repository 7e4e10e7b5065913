import type { CountField, CountFilters } from '../../core/stats/counts/index.js';
import {
  captureTable,
  MAX_LISTS,
  prepareStrata,
  type CaptureTable,
  type Stratum,
} from '../../core/stats/estimation/index.js';
import type { Sql } from '../../db/database.js';
import { compareSources, countPersons } from '../stats/index.js';
import {
  estimateCaptures,
  type EstimateReport,
  type EstimateRequest,
} from './estimate-captures.js';

/** The register cannot give a capture table here (too few or too many sources); says why. */
export class RegisterEstimateError extends Error {
  override name = 'RegisterEstimateError';
}

/** Which part of the linked register to estimate for. */
export interface RegisterScope {
  /** Only persons matching these filters (as `sijil stats --where`). */
  where?: CountFilters;
  /** Only these sources (slugs), in this order; by default every source that recorded someone. */
  sources?: readonly string[];
}

/**
 * The capture histories of the linked register as a table: one list per source that recorded
 * someone in scope, each person once in the cell of the sources that recorded them.
 */
export async function registerCaptureTable(
  db: Sql,
  scope: RegisterScope = {},
): Promise<CaptureTable> {
  const comparison = await compareSources(db, scope);
  const lists = comparison.sources.filter((s) => s.persons > 0).map((s) => s.source);
  return tableOf(lists, comparison.captures);
}

/**
 * One capture table per value of `field` among the persons in scope (unknown included), over
 * the same lists, prepared as `prepareStrata` does: a source with nobody in a stratum is
 * taken not to cover it and left out there.
 */
export async function registerStrata(
  db: Sql,
  field: CountField,
  scope: RegisterScope = {},
): Promise<Stratum[]> {
  const where = scope.where ?? {};
  const whole = await compareSources(db, scope);
  const lists = whole.sources.filter((s) => s.persons > 0).map((s) => s.source);
  const groups = await countPersons(db, { by: [field], where });
  const tables = new Map<string, CaptureTable>();
  for (const group of groups.groups) {
    const part = await compareSources(db, { where: group.where, sources: lists });
    tables.set(group.values[field] ?? 'unknown', tableOf(lists, part.captures));
  }
  return prepareStrata(tables);
}

function tableOf(
  lists: readonly string[],
  captures: readonly { sources: readonly string[]; count: number }[],
): CaptureTable {
  if (lists.length < 2)
    throw new RegisterEstimateError(
      `the register has ${lists.length === 0 ? 'no source' : 'one source'} recording anyone here; estimation needs at least two overlapping lists`,
    );
  if (lists.length > MAX_LISTS)
    throw new RegisterEstimateError(
      `the register has ${lists.length} sources recording someone here; estimation takes at most ${MAX_LISTS}: choose sources`,
    );
  return captureTable(
    lists,
    captures.map((h) => ({
      pattern: h.sources.reduce((m, s) => m | (1 << lists.indexOf(s)), 0),
      count: h.count,
    })),
  );
}

/** One stratum's estimate, or why there is none. */
export interface StratumEstimate {
  stratum: string;
  report: EstimateReport | null;
  warnings: string[];
}

/** Estimates each stratum that can carry one; the others say why not. */
export async function estimateStrata(
  strata: readonly Stratum[],
  request: (lists: number) => EstimateRequest,
): Promise<StratumEstimate[]> {
  const results: StratumEstimate[] = [];
  for (const s of strata) {
    const warnings = s.warnings.map((w) => w.message);
    let report: EstimateReport | null = null;
    if (s.estimable) {
      try {
        report = await estimateCaptures(s.table, request(s.table.lists.length));
      } catch (error) {
        warnings.push(error instanceof Error ? error.message : String(error));
      }
    }
    results.push({ stratum: s.key, report, warnings });
  }
  return results;
}
