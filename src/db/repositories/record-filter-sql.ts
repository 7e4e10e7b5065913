import { ADULT_AGE, ELDERLY_AGE } from '../../core/records/age-group.js';
import {
  recordFacetNames,
  type RecordFacetName,
  type RecordFilters,
} from '../../core/records/record-filters.js';
import { ageGroups } from '../../core/stats/counts/index.js';
import type { Sql, SqlValue } from '../database.js';
import { personsRecordedByExactly } from './source-set-persons.js';
import { eventFieldSql, valuesCondition } from './stats-person-values.js';

/**
 * The SQL of record filters, shared by record lists and facet counts. `r` is the record. Every
 * piece of SQL comes from fixed text; user values are always parameters.
 */

/** A record's broad age group (age-group.ts): from the age when known, else its age category. */
const ageGroupSql = `CASE WHEN r.age IS NOT NULL THEN
    CASE WHEN r.age < ${ADULT_AGE} THEN 'child' WHEN r.age < ${ELDERLY_AGE} THEN 'adult' ELSE 'elderly' END
  ELSE r.age_category END`;

/**
 * A record's value for each facet, as the facet counts group it (NULL when unknown); `s` is the
 * record's source.
 */
export const facetValueSql: Readonly<Record<RecordFacetName, string>> = {
  source: 's.slug',
  violation: 'r.violation',
  country: 'r.place_country',
  governorate: 'r.place_governorate',
  year: eventFieldSql.year!,
  sex: 'r.sex',
  age: ageGroupSql,
};

/** Filters whose source sets have been looked up, ready to become SQL. */
export interface PreparedFilters extends RecordFilters {
  /** The persons of `sourceSet` (see personsRecordedByExactly). */
  sourceSetPersons?: readonly number[];
}

/**
 * Looks up what the filters need before they become SQL: the persons of a source set, found in a
 * separate pass, since as a subquery the planner misjudges their number and looks each up apart.
 */
export async function prepareFilters(
  db: Sql,
  filters: RecordFilters,
  includeRestricted: boolean,
): Promise<PreparedFilters> {
  if (!filters.sourceSet?.length) return filters;
  const persons = await personsRecordedByExactly(db, filters.sourceSet, includeRestricted);
  return { ...filters, sourceSetPersons: persons };
}

function escapeLike(word: string): string {
  return word.replace(/[\\%_]/g, (c) => '\\' + c);
}

/**
 * Years or months of the event date. The bounds on `event_date_start` say the same as the exact
 * test after them, but let the planner use an index on the date should one be added.
 */
function periodCondition(
  kind: 'year' | 'month',
  values: readonly (string | null)[],
  params: SqlValue[],
): string {
  const expr = kind === 'year' ? eventFieldSql.year! : eventFieldSql.month!;
  const known = values.filter((v): v is string => v !== null).sort();
  const parts: string[] = [];
  if (known.length > 0) {
    const first = known[0]!;
    const last = known[known.length - 1]!;
    params.push(kind === 'year' ? `${first}-01-01` : `${first}-01`);
    const from = params.length;
    params.push(kind === 'year' ? `${Number(last) + 1}-01-01` : nextMonthStart(last));
    const to = params.length;
    params.push([...known]);
    parts.push(`(r.event_date_start >= $${from}::date AND r.event_date_start < $${to}::date
      AND (${expr}) = ANY($${params.length}::text[]))`);
  }
  if (known.length < values.length) parts.push(`(${expr}) IS NULL`);
  return parts.length === 0 ? 'false' : `(${parts.join(' OR ')})`;
}

/** The first day of the month after `month` (YYYY-MM), as YYYY-MM-DD. */
function nextMonthStart(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

function ageBandCondition(values: readonly (string | null)[], params: SqlValue[]): string {
  const parts: string[] = [];
  for (const label of values) {
    if (label === null) {
      parts.push('r.age IS NULL');
      continue;
    }
    const band = ageGroups.find((g) => g.label === label);
    if (!band) throw new Error(`unknown age band ${label}`);
    params.push(band.from);
    let part = `r.age >= $${params.length}`;
    if (band.to !== null) {
      params.push(band.to);
      part += ` AND r.age <= $${params.length}`;
    }
    parts.push(`(${part})`);
  }
  return parts.length === 0 ? 'false' : `(${parts.join(' OR ')})`;
}

/** The condition of one facet's filter (the facet counts leave it out of its own counts). */
export function facetCondition(
  facet: RecordFacetName,
  filters: RecordFilters,
  params: SqlValue[],
): string | null {
  if (facet === 'source') {
    if (!filters.sources?.length) return null;
    params.push([...filters.sources]);
    return `r.source_id IN (SELECT id FROM source WHERE slug = ANY($${params.length}::text[]))`;
  }
  const values = filters[facet];
  if (!values?.length) return null;
  if (facet === 'year') return periodCondition('year', values, params);
  return valuesCondition(`(${facetValueSql[facet]})`, values, params);
}

/**
 * The conditions every counted or listed record meets whatever the facets: the searched words,
 * months, age bands and source sets.
 */
export function commonConditions(filters: PreparedFilters, params: SqlValue[]): string[] {
  const where: string[] = [];
  for (const word of filters.words ?? []) {
    params.push(`%${escapeLike(word)}%`);
    where.push(`r.search_text LIKE $${params.length}`);
  }
  if (filters.month?.length) where.push(periodCondition('month', filters.month, params));
  if (filters.ageBand?.length) where.push(ageBandCondition(filters.ageBand, params));
  if (filters.sourceSet?.length) {
    if (!filters.sourceSetPersons) throw new Error('prepare the filters first (prepareFilters)');
    params.push([...filters.sourceSetPersons]);
    where.push(`r.person_id = ANY($${params.length}::int[])`);
  }
  return where;
}

/** Every condition of the filters, for record lists (confidentiality is the caller's). */
export function recordConditions(filters: PreparedFilters, params: SqlValue[]): string[] {
  const where = commonConditions(filters, params);
  for (const facet of recordFacetNames) {
    const condition = facetCondition(facet, filters, params);
    if (condition !== null) where.push(condition);
  }
  return where;
}
