import {
  ADULT_AGE,
  ageGroups,
  countFields,
  type CountField,
  type CountFilters,
} from '../../core/stats/counts/index.js';
import type { SqlValue } from '../database.js';

/**
 * Builds the SQL that gives each person their values for the count fields, and keeps those who
 * match the filters: the `matched` common table expression that counts, person lists and source
 * comparison share. Every piece of SQL comes from the fixed field list; user values are
 * parameters.
 *
 * Rules (docs in src/core/stats/counts/count-fields.ts):
 * - event fields come from records: each person has the distinct combinations ("tuples") of the
 *   asked event fields that their records give. A tuple that says less than another tuple of the
 *   same person and nothing that contradicts it (its known values all equal the other's, and the
 *   other knows more) is dropped, so a record without a date does not put a person whose other
 *   record is dated under "unknown" too;
 * - person fields come from the most frequent non-null value of the person's records, ties to
 *   the value whose smallest record id is smallest.
 */

/** A record's value for an event field, as text (NULL when unknown); `r` is the record. */
export const eventFieldSql: Partial<Record<CountField, string>> = {
  violation: 'r.violation',
  // extract() reads a date's parts directly; to_char() formats through a timestamp, which costs a
  // sixth of a facet count over the demo register when done three times a record.
  year: `CASE WHEN r.event_date_precision IN ('day', 'month', 'year')
      OR (r.event_date_precision = 'range'
          AND extract(year FROM r.event_date_start) = extract(year FROM r.event_date_end))
    THEN to_char(r.event_date_start, 'YYYY') END`,
  month: `CASE WHEN r.event_date_precision IN ('day', 'month')
      OR (r.event_date_precision = 'range'
          AND extract(year FROM r.event_date_start) = extract(year FROM r.event_date_end)
          AND extract(month FROM r.event_date_start) = extract(month FROM r.event_date_end))
    THEN to_char(r.event_date_start, 'YYYY-MM') END`,
  country: 'r.place_country',
  governorate: 'r.place_governorate',
  locality: 'r.place_locality',
  site: 'r.place_site',
  perpetrator: 'r.perpetrator',
};

/** The per-person majority value of a record column (ties: the value seen first by record id). */
function majorityCte(name: string, column: string): string {
  return `${name} AS (
    SELECT DISTINCT ON (person_id) person_id, v FROM (
      SELECT person_id, ${column} AS v, count(*) AS n, min(id) AS first_id
      FROM record WHERE ${column} IS NOT NULL GROUP BY person_id, ${column}
    ) c ORDER BY person_id, n DESC, first_id)`;
}

const ageGroupSql = `CASE ${ageGroups
  .map(
    (g) =>
      `WHEN p_age.v >= ${g.from}${g.to === null ? '' : ` AND p_age.v <= ${g.to}`} THEN '${g.label}'`,
  )
  .join(' ')} END`;

/** Person fields: their SQL over the majority tables, and the tables they need. */
const personFieldSql: Partial<Record<CountField, { sql: string; tables: string[] }>> = {
  sex: { sql: 'p_sex.v', tables: ['p_sex'] },
  age_group: { sql: ageGroupSql, tables: ['p_age'] },
  child: {
    sql: `CASE WHEN p_age.v IS NOT NULL THEN CASE WHEN p_age.v < ${ADULT_AGE} THEN 'child' ELSE 'adult' END
      WHEN p_agecat.v = 'child' THEN 'child' WHEN p_agecat.v IN ('adult', 'elderly') THEN 'adult' END`,
    tables: ['p_age', 'p_agecat'],
  },
};

const majorityTables: Record<string, string> = {
  p_sex: majorityCte('p_sex', 'sex'),
  p_age: majorityCte('p_age', 'age'),
  p_agecat: majorityCte('p_agecat', 'age_category'),
};

/** The column name of a field in `matched`. */
export function fieldColumn(field: CountField): string {
  // Field names come from a fixed list of identifiers, so they are safe in SQL.
  if (!(field in countFields)) throw new Error(`unknown count field ${String(field)}`);
  return `f_${field}`;
}

/** A condition "column takes one of these values", NULL standing for unknown. */
export function valuesCondition(
  column: string,
  values: readonly (string | null)[],
  params: SqlValue[],
): string {
  const known = values.filter((v): v is string => v !== null);
  const parts: string[] = [];
  if (known.length > 0) {
    params.push(known);
    parts.push(`${column} = ANY($${params.length}::text[])`);
  }
  if (known.length < values.length) parts.push(`${column} IS NULL`);
  return parts.length === 0 ? 'false' : `(${parts.join(' OR ')})`;
}

/**
 * Common table expressions (without the leading WITH) ending in `matched(person_id, f_…)`: one
 * row per person and surviving tuple of event fields, with the person fields, for the persons
 * matching `where`. `params` receives the filter values.
 */
export function matchedPersonsSql(
  fields: readonly CountField[],
  where: CountFilters,
  params: SqlValue[],
): string {
  const eventFields = fields.filter((f) => countFields[f].kind === 'event');
  const personFields = fields.filter((f) => countFields[f].kind === 'person');
  const ctes: string[] = [];

  const eventColumns = eventFields.map((f) => `${eventFieldSql[f]!} AS ${fieldColumn(f)}`);
  ctes.push(
    `ev AS (SELECT DISTINCT r.person_id${eventColumns.map((c) => `, ${c}`).join('')} FROM record r)`,
  );
  let kept = 'ev';
  if (eventFields.length > 0) {
    const agrees = eventFields.map((f) => {
      const c = fieldColumn(f);
      return `(e.${c} IS NULL OR e.${c} = d.${c})`;
    });
    const knowsMore = eventFields.map((f) => {
      const c = fieldColumn(f);
      return `(e.${c} IS NULL AND d.${c} IS NOT NULL)`;
    });
    ctes.push(`ev_kept AS (SELECT e.* FROM ev e WHERE NOT EXISTS (
      SELECT 1 FROM ev d WHERE d.person_id = e.person_id AND ${agrees.join(' AND ')}
        AND (${knowsMore.join(' OR ')})))`);
    kept = 'ev_kept';
  }

  const tables = [...new Set(personFields.flatMap((f) => personFieldSql[f]!.tables))];
  for (const t of tables) ctes.push(majorityTables[t]!);
  const joins = tables.map((t) => ` LEFT JOIN ${t} ON ${t}.person_id = e.person_id`).join('');
  const personColumns = personFields.map((f) => `, ${personFieldSql[f]!.sql} AS ${fieldColumn(f)}`);
  const eventSelect = eventFields.map((f) => `, e.${fieldColumn(f)}`).join('');

  const conditions: string[] = [];
  for (const f of fields) {
    const values = where[f];
    if (values) conditions.push(valuesCondition(`t.${fieldColumn(f)}`, values, params));
  }
  ctes.push(`matched AS (SELECT t.* FROM (
    SELECT e.person_id${eventSelect}${personColumns.join('')} FROM ${kept} e${joins}
  ) t${conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : ''})`);
  return ctes.join(',\n');
}

/**
 * The condition a record must meet to count towards a person in the filtered view: it does not
 * contradict any event-field filter (its value is unknown or one of those asked). `r` is the record.
 */
export function consistentRecordSql(where: CountFilters, params: SqlValue[]): string {
  const conditions: string[] = [];
  for (const [name, values] of Object.entries(where) as [CountField, (string | null)[]][]) {
    const expr = eventFieldSql[name];
    if (!expr || countFields[name].kind !== 'event') continue;
    const known = values.filter((v): v is string => v !== null);
    // A record that does not say is no contradiction (its person matched through another record).
    conditions.push(valuesCondition(`(${expr})`, [...known, null], params));
  }
  return conditions.length > 0 ? conditions.join(' AND ') : 'true';
}
