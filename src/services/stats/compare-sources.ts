import {
  formatCaptureCsv,
  CountQueryError,
  summariseCaptures,
  type CaptureHistory,
  type CountFilters,
} from '../../core/stats/counts/index.js';
import type { Sql } from '../../db/database.js';
import {
  captureHistories,
  sourceNames,
  type SourceScope,
} from '../../db/repositories/stats-sources-repository.js';

export interface CompareOptions {
  /** Only persons matching these filters (and their records that do not contradict them). */
  where?: CountFilters;
  /** Only these sources (slugs), in this order; persons none of them recorded drop out. */
  sources?: readonly string[];
}

export interface SourceRow {
  source: string;
  records: number;
  persons: number;
  /** Persons no other source recorded. */
  onlyHere: number;
}

export interface PairRow {
  sources: [string, string];
  /** Persons both sources recorded (whether or not others did too). */
  persons: number;
}

export interface SourceComparison {
  where: CountFilters;
  /** Records and unique persons in scope, over all the sources compared. */
  records: number;
  persons: number;
  sources: SourceRow[];
  /** Every pair of sources, including those that share nobody. */
  pairs: PairRow[];
  /** Every combination of sources that recorded someone, with how many persons exactly it has. */
  captures: CaptureHistory[];
}

/**
 * Compares the sources over unique persons: per source its records, persons and persons found
 * nowhere else; the overlap of every pair; and the capture histories (every combination of
 * sources with its persons), which add up to the unique persons. One pass over the register.
 */
export async function compareSources(
  db: Sql,
  options: CompareOptions = {},
): Promise<SourceComparison> {
  const all = await sourceNames(db);
  let chosen = all;
  if (options.sources) {
    chosen = [];
    for (const slug of options.sources) {
      const source = all.find((s) => s.slug === slug);
      if (!source) throw new CountQueryError(`there is no source "${slug}"`);
      if (!chosen.includes(source)) chosen.push(source);
    }
  }
  const scope: SourceScope = { where: options.where ?? {} };
  if (options.sources) scope.sourceIds = chosen.map((s) => s.sourceId);
  const scan = await captureHistories(db, scope);

  const slugOf = new Map(chosen.map((s) => [s.sourceId, s.slug]));
  const position = new Map(chosen.map((s, i) => [s.sourceId, i]));
  // Histories in pattern order (first source lowest), as in the CSV.
  const pattern = (ids: number[]) => ids.reduce((m, id) => m + 2 ** (position.get(id) ?? 0), 0);
  const captures: CaptureHistory[] = [...scan.captures]
    .sort((a, b) => pattern(a.sourceIds) - pattern(b.sourceIds))
    .map((h) => ({
      sources: [...h.sourceIds]
        .sort((x, y) => (position.get(x) ?? 0) - (position.get(y) ?? 0))
        .map((id) => slugOf.get(id) ?? String(id)),
      count: h.persons,
    }));
  const slugs = chosen.map((s) => s.slug);
  const summary = summariseCaptures(slugs, captures);
  let records = 0;
  for (const n of scan.records.values()) records += n;
  return {
    where: options.where ?? {},
    records,
    persons: summary.persons,
    sources: summary.sources.map((s, i) => ({
      source: s.source,
      records: scan.records.get(chosen[i]!.sourceId) ?? 0,
      persons: s.persons,
      onlyHere: s.onlyHere,
    })),
    pairs: summary.pairs,
    captures,
  };
}

/**
 * The capture histories as CSV (one 0/1 column per source, a `count` column), the format
 * `sijil estimate --captures` reads. Sources that recorded nobody in scope are left out.
 */
export async function captureHistoriesCsv(db: Sql, options: CompareOptions = {}): Promise<string> {
  const comparison = await compareSources(db, options);
  const columns = comparison.sources.filter((s) => s.persons > 0).map((s) => s.source);
  return formatCaptureCsv(columns, comparison.captures);
}
