import {
  queryFields,
  type CountField,
  type CountFilters,
  type CountQuery,
} from '../../core/stats/counts/index.js';
import type { Sql, SqlValue } from '../database.js';
import { fieldColumn, matchedPersonsSql } from './stats-person-values.js';

/** One group of a breakdown: its values (in the order of `by`, null = unknown) and its persons. */
export interface CountGroup {
  values: (string | null)[];
  persons: number;
}

export interface PersonCounts {
  /** Unique persons matching the filters (each once, whatever the groups). */
  total: number;
  /** Persons counted in more than one group (their records give several values). */
  inSeveralGroups: number;
  groups: CountGroup[];
}

/**
 * Unique persons matching `where`, grouped by `by`, counted in SQL (GROUP BY over persons).
 * A person is in every group one of their surviving tuples falls in (see stats-person-values.ts).
 */
export async function countPersons(db: Sql, query: CountQuery): Promise<PersonCounts> {
  const params: SqlValue[] = [];
  const ctes = matchedPersonsSql(queryFields(query), query.where, params);
  if (query.by.length === 0) {
    const rows = await db.query<{ total: number }>(
      `WITH ${ctes} SELECT count(DISTINCT person_id)::int AS total FROM matched`,
      params,
    );
    return { total: rows[0]?.total ?? 0, inSeveralGroups: 0, groups: [] };
  }
  const columns = query.by.map(fieldColumn);
  const list = columns.join(', ');
  // One pass: the groups, the total (the empty grouping set) and the persons in several groups.
  const rows = await db.query<Record<string, string | number | null>>(
    `WITH ${ctes},
     grouped AS (SELECT person_id, ${list} FROM matched GROUP BY person_id, ${list})
     SELECT ${list}, count(DISTINCT person_id)::int AS persons, GROUPING(${list})::int AS level,
            (SELECT count(*)::int FROM (SELECT person_id FROM grouped GROUP BY person_id
                                        HAVING count(*) > 1) s) AS several
     FROM grouped GROUP BY GROUPING SETS ((${list}), ())`,
    params,
  );
  let total = 0;
  let several = 0;
  const groups: CountGroup[] = [];
  for (const row of rows) {
    several = Number(row.several ?? 0);
    if (Number(row.level) !== 0) {
      total = Number(row.persons);
      continue;
    }
    groups.push({
      values: columns.map((c) => {
        const v = row[c];
        return v === null || v === undefined ? null : String(v);
      }),
      persons: Number(row.persons),
    });
  }
  return { total, inSeveralGroups: several, groups };
}

/** Paging through persons: those with ids above `afterId`, at most `limit`. */
export interface PersonPage {
  afterId?: number;
  limit: number;
}

/**
 * The ids of the persons behind a count: those matching `where` (a group of a breakdown is the
 * breakdown's filters plus its own values), in id order.
 */
export async function listPersonIds(
  db: Sql,
  where: CountFilters,
  page: PersonPage,
): Promise<number[]> {
  const params: SqlValue[] = [];
  const fields = Object.keys(where) as CountField[];
  const ctes = matchedPersonsSql(fields, where, params);
  params.push(page.afterId ?? 0);
  const after = params.length;
  params.push(page.limit);
  const rows = await db.query<{ person_id: number }>(
    `WITH ${ctes} SELECT DISTINCT person_id FROM matched WHERE person_id > $${after}
     ORDER BY person_id LIMIT $${params.length}`,
    params,
  );
  return rows.map((r) => r.person_id);
}

/** A record behind a person, with the fields the counts use. */
export interface PersonRecord {
  id: number;
  personId: number;
  source: string;
  sourceRecordId: string | null;
  name: string | null;
  nameLatin: string | null;
  sex: string | null;
  age: number | null;
  ageCategory: string | null;
  eventDate: { start: string | null; end: string | null; precision: string };
  place: {
    country: string | null;
    governorate: string | null;
    locality: string | null;
    site: string | null;
  };
  violation: string | null;
  perpetrator: string | null;
  confidentiality: string;
}

interface PersonRecordRow {
  id: number;
  person_id: number;
  slug: string;
  source_record_id: string | null;
  name: string | null;
  name_latin: string | null;
  sex: string | null;
  age: number | null;
  age_category: string | null;
  event_date_start: string | null;
  event_date_end: string | null;
  event_date_precision: string;
  place_country: string | null;
  place_governorate: string | null;
  place_locality: string | null;
  place_site: string | null;
  violation: string | null;
  perpetrator: string | null;
  confidentiality: string;
}

/**
 * The records behind the given persons, by person then record id. Restricted records are left out
 * unless asked for (as in record listings); restricted details are never returned here.
 */
export async function recordsOfPersons(
  db: Sql,
  personIds: readonly number[],
  includeRestricted: boolean,
): Promise<PersonRecord[]> {
  if (personIds.length === 0) return [];
  const rows = await db.query<PersonRecordRow>(
    `SELECT r.id, r.person_id, s.slug, r.source_record_id, r.name, r.name_latin, r.sex, r.age,
            r.age_category, r.event_date_start::text AS event_date_start,
            r.event_date_end::text AS event_date_end, r.event_date_precision, r.place_country,
            r.place_governorate, r.place_locality, r.place_site, r.violation, r.perpetrator,
            r.confidentiality
     FROM record r JOIN source s ON s.id = r.source_id
     WHERE r.person_id = ANY($1::int[])${includeRestricted ? '' : ` AND r.confidentiality <> 'restricted'`}
     ORDER BY r.person_id, r.id`,
    [[...personIds]],
  );
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    source: r.slug,
    sourceRecordId: r.source_record_id,
    name: r.name,
    nameLatin: r.name_latin,
    sex: r.sex,
    age: r.age,
    ageCategory: r.age_category,
    eventDate: {
      start: r.event_date_start,
      end: r.event_date_end,
      precision: r.event_date_precision,
    },
    place: {
      country: r.place_country,
      governorate: r.place_governorate,
      locality: r.place_locality,
      site: r.place_site,
    },
    violation: r.violation,
    perpetrator: r.perpetrator,
    confidentiality: r.confidentiality,
  }));
}
