import {
  recordFacetNames,
  type RecordFacetName,
  type RecordFilters,
} from '../../core/records/record-filters.js';
import type { Sql, SqlValue } from '../database.js';
import {
  commonConditions,
  facetCondition,
  facetValueSql,
  prepareFilters,
} from './record-filter-sql.js';
import { recordSearchIndex } from './record-search-index.js';

/** How many records have one value of a facet (null = unknown). */
export interface FacetValueCount {
  value: string | null;
  records: number;
}

export interface RecordFacetCounts {
  /** Records matching every filter, and the distinct persons behind them. */
  records: number;
  persons: number;
  facets: Record<RecordFacetName, FacetValueCount[]>;
  /** Committed records not counted yet: a large import being added to the search index. */
  indexing: number;
}

/**
 * Counts of records per value of every facet, in one scan of the matching records.
 *
 * Each facet is counted under every filter but its own ("disjunctive" facets): with
 * violation=killed chosen, the violation facet still shows how many records each other type
 * would add, while the year facet counts killed records only. One pass groups the records by
 * each facet at once (grouping sets), each group counting the records that meet the other
 * facets' filters; a second pass counts the distinct persons behind the matching records.
 * Where the store keeps a search index (record-search-index.ts), the index counts the same way
 * in one pass over its columns, finding the words as the record list does.
 */
export async function countRecordFacets(
  db: Sql,
  filters: RecordFilters,
  includeRestricted: boolean,
): Promise<RecordFacetCounts> {
  const params: SqlValue[] = [];
  const prepared = await prepareFilters(db, filters, includeRestricted);
  const search = await recordSearchIndex(db);
  if (search) {
    const counts = search.index.facetCounts({
      filters: prepared,
      sourceSetPersons: prepared.sourceSetPersons,
      includeRestricted,
    });
    return { ...counts, indexing: search.lag };
  }
  const common = commonConditions(prepared, params);
  if (!includeRestricted) common.push(`r.confidentiality <> 'restricted'`);
  const meets = recordFacetNames.map((f) => facetCondition(f, filters, params));
  const where = common.length > 0 ? `WHERE ${common.join(' AND ')}` : '';
  const columns = recordFacetNames.map((f, i) => {
    const meet = meets[i] === null ? '' : `, coalesce(${meets[i]}, false) AS m${i}`;
    return `(${facetValueSql[f]})::text AS v${i}${meet}`;
  });
  /** Rows meeting every facet filter except the i-th (-1: all of them). */
  const meetingAllBut = (i: number) =>
    recordFacetNames
      .map((_, j) => (j === i || meets[j] === null ? null : `m${j}`))
      .filter((m) => m !== null)
      .join(' AND ') || 'true';
  const values = recordFacetNames.map((_, i) => `v${i}`);
  const counts = recordFacetNames.map(
    (_, i) => `count(*) FILTER (WHERE ${meetingAllBut(i)})::int AS n${i}`,
  );
  const rows = await db.query<Record<string, string | number | null>>(
    `SELECT GROUPING(${values.join(', ')})::int AS grouping, ${values.join(', ')},
       ${counts.join(', ')}, count(*) FILTER (WHERE ${meetingAllBut(-1)})::int AS n_all
     FROM (SELECT ${columns.join(', ')}
           FROM record r JOIN source s ON s.id = r.source_id ${where}) b
     GROUP BY GROUPING SETS (${values.map((v) => `(${v})`).join(', ')}, ())`,
    params,
  );
  const all = [...common, ...meets.filter((m) => m !== null)];
  const personRows = await db.query<{ persons: number }>(
    `SELECT count(*)::int AS persons FROM (
       SELECT r.person_id FROM record r ${all.length > 0 ? `WHERE ${all.join(' AND ')}` : ''}
       GROUP BY r.person_id) p`,
    params,
  );
  const facets = Object.fromEntries(recordFacetNames.map((f) => [f, []])) as unknown as Record<
    RecordFacetName,
    FacetValueCount[]
  >;
  let records = 0;
  const last = recordFacetNames.length - 1;
  const allBits = (1 << recordFacetNames.length) - 1;
  for (const row of rows) {
    // GROUPING sets a bit for every column left out of the row's set, the first column highest.
    const grouping = Number(row.grouping);
    const i = recordFacetNames.findIndex((_, j) => grouping === (allBits ^ (1 << (last - j))));
    if (i < 0) {
      records = Number(row.n_all);
      continue;
    }
    const n = Number(row[`n${i}`]);
    if (n === 0) continue;
    const value = row[`v${i}`];
    facets[recordFacetNames[i]!].push({
      value: value === null || value === undefined ? null : String(value),
      records: n,
    });
  }
  return { records, persons: personRows[0]?.persons ?? 0, facets, indexing: 0 };
}
