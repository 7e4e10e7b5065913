import { z } from 'zod';
import { recordAgeGroups } from '../../../core/records/age-group.js';
import type { RecordFilters } from '../../../core/records/record-filters.js';
import { violationTypes } from '../../../core/records/record-fields.js';
import { ageGroups, UNKNOWN } from '../../../core/stats/counts/index.js';

/**
 * The query parameters of a record search, the same in GET /api/records, GET /api/records/facets
 * and the web app's `#/search?…`: the name words (`search`) and the filters. A filter may be
 * repeated (`violation=killed&violation=executed`: either); `unknown` asks for records that give
 * no value. Every parameter is bounded, and unknown parameters are refused, so a mistyped filter
 * is an error rather than silently ignored.
 */

const maxValues = 20;

/** A parameter given once or repeated, read as a list of at most `maxValues` items. */
function many<T extends z.ZodType>(item: T) {
  return z.preprocess(
    (v): unknown[] => (v === undefined ? [] : Array.isArray(v) ? (v as unknown[]) : [v]),
    z.array(item).max(maxValues, { error: `give at most ${maxValues} values` }),
  );
}

function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, {
    error: (issue) => `"${String(issue.input)}" is not one of ${values.join(', ')}`,
  });
}

const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { error: 'a source code is lower-case letters, digits, -' });
const place = z.string().trim().min(1, { error: 'a place cannot be empty' }).max(120);
// Years 1000 to 2999: four digits a date can hold (PostgreSQL has no year 0).
const year = z
  .string()
  .regex(/^([12]\d{3}|unknown)$/, { error: 'a year is four digits (1000–2999), or unknown' });
const month = z
  .string()
  .regex(/^([12]\d{3}-(0[1-9]|1[0-2])|unknown)$/, { error: 'a month is YYYY-MM, or unknown' });

export const recordSearchQuery = z
  .object({
    search: z.string().max(200, { error: 'a search is at most 200 characters' }).optional(),
    source: many(slug),
    violation: many(oneOf([...violationTypes, UNKNOWN])),
    country: many(place),
    governorate: many(place),
    year: many(year),
    month: many(month),
    sex: many(oneOf(['female', 'male', UNKNOWN])),
    age: many(oneOf([...recordAgeGroups, UNKNOWN])),
    ageBand: many(oneOf([UNKNOWN, ...ageGroups.map((g) => g.label)])),
    sourceSet: many(slug),
    include: z.enum(['restricted'], { error: 'include can only be restricted' }).optional(),
  })
  .strict();

export type RecordSearchQuery = z.infer<typeof recordSearchQuery>;

const unknownAsNull = <T extends string>(values: readonly T[]) =>
  values.map((v) => (v === UNKNOWN ? null : v)) as (Exclude<T, typeof UNKNOWN> | null)[];

/** The filters of a parsed query ('unknown' becomes null); the words come from `search`. */
export function filtersOfQuery(q: RecordSearchQuery): Omit<RecordFilters, 'words'> {
  return {
    sources: q.source,
    violation: unknownAsNull(q.violation),
    country: unknownAsNull(q.country),
    governorate: unknownAsNull(q.governorate),
    year: unknownAsNull(q.year),
    month: unknownAsNull(q.month),
    sex: unknownAsNull(q.sex),
    age: unknownAsNull(q.age),
    ageBand: unknownAsNull(q.ageBand),
    sourceSet: q.sourceSet,
  };
}

/** A request the query parameters make wrong: 400 with every problem in one sentence. */
export class QueryParameterError extends Error {
  readonly statusCode = 400;
}

/** Parses query parameters, or throws a QueryParameterError naming each parameter at fault. */
export function parseQuery<T extends z.ZodType>(schema: T, query: unknown): z.infer<T> {
  const result = schema.safeParse(query);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.find((p) => typeof p === 'string');
    return name === undefined ? issue.message : `${name}: ${issue.message}`;
  });
  throw new QueryParameterError(problems.join('; '));
}
