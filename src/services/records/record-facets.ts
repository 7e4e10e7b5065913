import { recordAgeGroupRanges, recordAgeGroups } from '../../core/records/age-group.js';
import type { RecordFacetName, RecordFilters } from '../../core/records/record-filters.js';
import { violationTypes } from '../../core/records/record-fields.js';
import { UNKNOWN } from '../../core/stats/counts/index.js';
import type { Sql } from '../../db/database.js';
import {
  countRecordFacets,
  type FacetValueCount,
} from '../../db/repositories/record-facets-repository.js';
import { searchWords } from './search-words.js';

/** One value of a facet ('unknown' when the records give none) and its records. */
export interface FacetValue {
  value: string;
  records: number;
}

export interface FacetList {
  values: FacetValue[];
  /** Values left out of a long list (places), so the screen can say there are more. */
  more: number;
}

export interface RecordFacets {
  /** Records matching the whole search, and the distinct persons behind them. */
  records: number;
  persons: number;
  facets: Record<RecordFacetName, FacetList>;
  /** The ages of each age group, so the screen labels them as the server counts them. */
  ageGroups: typeof recordAgeGroupRanges;
  /**
   * Records already stored that these counts (and the list beside them) do not include yet: a
   * large import being added to search. 0 almost always.
   */
  indexing: number;
}

/** Long open lists (places) keep their most frequent values, and every value chosen. */
const longListLimit = 30;

/** Closed vocabularies in their own order; years newest first; open lists by frequency. */
const fixedOrder: Partial<Record<RecordFacetName, readonly string[]>> = {
  violation: violationTypes,
  sex: ['female', 'male'],
  age: recordAgeGroups,
};

function orderValues(facet: RecordFacetName, counts: FacetValueCount[]): FacetValueCount[] {
  const order = fixedOrder[facet];
  return [...counts].sort((a, b) => {
    if (a.value === null || b.value === null) return a.value === null ? 1 : -1;
    if (order) return order.indexOf(a.value) - order.indexOf(b.value);
    if (facet === 'year') return a.value < b.value ? 1 : -1;
    return b.records - a.records || (a.value < b.value ? -1 : 1);
  });
}

function chosenValues(facet: RecordFacetName, filters: RecordFilters): (string | null)[] {
  return facet === 'source' ? [...(filters.sources ?? [])] : [...(filters[facet] ?? [])];
}

/**
 * The facet counts of a search (see countRecordFacets): for each facet, its values and how many
 * records each would give with the other filters kept.
 */
export async function recordFacets(
  db: Sql,
  search: string | undefined,
  filters: Omit<RecordFilters, 'words'>,
  options: { includeRestricted?: boolean } = {},
): Promise<RecordFacets> {
  const all: RecordFilters = { ...filters, words: searchWords(search) };
  const counts = await countRecordFacets(db, all, options.includeRestricted ?? false);
  const facets = {} as Record<RecordFacetName, FacetList>;
  for (const [name, values] of Object.entries(counts.facets) as [
    RecordFacetName,
    FacetValueCount[],
  ][]) {
    const ordered = orderValues(name, values);
    const chosen = chosenValues(name, all);
    const kept =
      name === 'country' || name === 'governorate'
        ? ordered.filter((v, i) => i < longListLimit || chosen.includes(v.value))
        : ordered;
    facets[name] = {
      values: kept.map((v) => ({ value: v.value ?? UNKNOWN, records: v.records })),
      more: ordered.length - kept.length,
    };
  }
  return {
    records: counts.records,
    persons: counts.persons,
    facets,
    ageGroups: recordAgeGroupRanges,
    indexing: counts.indexing,
  };
}
