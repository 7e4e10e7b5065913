import {
  compareFieldValues,
  UNKNOWN,
  type CountField,
  type CountFilters,
  type CountQuery,
} from '../../core/stats/counts/index.js';
import type { Sql } from '../../db/database.js';
import {
  countPersons as countInStore,
  listPersonIds,
  recordsOfPersons,
  type PersonRecord,
} from '../../db/repositories/stats-repository.js';

/** One group of a breakdown, its values labelled by field ('unknown' when none is recorded). */
export interface CountRow {
  values: Partial<Record<CountField, string>>;
  persons: number;
  /** The filters that open this group's persons (the query's filters plus the group's values). */
  where: CountFilters;
}

export interface CountResult {
  by: CountField[];
  where: CountFilters;
  /** Unique persons matching the filters: each person once, however many groups they are in. */
  total: number;
  /** Persons in more than one group, so the groups can add up to more than `total`. */
  inSeveralGroups: number;
  groups: CountRow[];
}

/**
 * Counts unique persons (groups of linked records) matching the filters, broken down by the
 * given fields; groups come in the fields' natural order, unknown last.
 */
export async function countPersons(db: Sql, query: CountQuery): Promise<CountResult> {
  const counts = await countInStore(db, query);
  const groups = [...counts.groups].sort((a, b) => {
    for (let i = 0; i < query.by.length; i++) {
      const c = compareFieldValues(query.by[i]!, a.values[i] ?? null, b.values[i] ?? null);
      if (c !== 0) return c;
    }
    return 0;
  });
  return {
    by: [...query.by],
    where: query.where,
    total: counts.total,
    inSeveralGroups: counts.inSeveralGroups,
    groups: groups.map((g) => {
      const values: Partial<Record<CountField, string>> = {};
      const where: Partial<Record<CountField, (string | null)[]>> = {};
      for (const [f, v] of Object.entries(query.where)) where[f as CountField] = [...v];
      query.by.forEach((field, i) => {
        const v = g.values[i] ?? null;
        values[field] = v ?? UNKNOWN;
        where[field] = [v];
      });
      return { values, persons: g.persons, where };
    }),
  };
}

export interface PersonListOptions {
  afterId?: number;
  /** Page size, 1–1000 (default 100). */
  limit?: number;
}

/** The persons behind a count (pass a group's `where`), a page at a time in id order. */
export async function personsBehindCount(
  db: Sql,
  where: CountFilters,
  options: PersonListOptions = {},
): Promise<number[]> {
  return listPersonIds(db, where, {
    afterId: options.afterId,
    limit: Math.min(Math.max(options.limit ?? 100, 1), 1000),
  });
}

/** A person and the records behind them. */
export interface PersonWithRecords {
  personId: number;
  records: PersonRecord[];
}

/**
 * The records behind each person (restricted records only when asked for), in the order the
 * persons are given; a person with no visible record comes back with none.
 */
export async function recordsBehindPersons(
  db: Sql,
  personIds: readonly number[],
  options: { includeRestricted?: boolean } = {},
): Promise<PersonWithRecords[]> {
  const records = await recordsOfPersons(db, personIds, options.includeRestricted ?? false);
  const byPerson = new Map<number, PersonRecord[]>();
  for (const r of records) {
    const list = byPerson.get(r.personId);
    if (list) list.push(r);
    else byPerson.set(r.personId, [r]);
  }
  return personIds.map((personId) => ({ personId, records: byPerson.get(personId) ?? [] }));
}
