import { call, type RecordPage } from './api';
import type { AgeGroupRange } from './facet-labels';
import { apiParams, type SearchState } from './search-state';

/** A page of records matching a search (GET /api/records). */
export async function fetchRecordPage(state: SearchState, after?: number): Promise<RecordPage> {
  const params = apiParams(state);
  params.set('limit', '50');
  if (after !== undefined) params.set('after', String(after));
  return call<RecordPage>(`/api/records?${params.toString()}`);
}

export interface FacetValue {
  /** 'unknown' when the records give none. */
  value: string;
  records: number;
}

export interface FacetList {
  values: FacetValue[];
  /** Values left out of a long list. */
  more: number;
}

export type FacetName = 'source' | 'violation' | 'country' | 'governorate' | 'year' | 'sex' | 'age';

export interface RecordFacets {
  /** Records matching the whole search, and the distinct persons behind them. */
  records: number;
  persons: number;
  facets: Record<FacetName, FacetList>;
  ageGroups: AgeGroupRange[];
  /** Records already stored that are still being added to search (a large import), usually 0. */
  indexing: number;
}

/** How many records match a search, and each facet value's count (GET /api/records/facets). */
export async function fetchRecordFacets(state: SearchState): Promise<RecordFacets> {
  return call<RecordFacets>(`/api/records/facets?${apiParams(state).toString()}`);
}
