import { useCallback, useEffect, useState } from 'react';

/**
 * The search screen's state lives in the URL fragment (`#/search?q=…&violation=killed&year=2024`),
 * so a chart, a person page or a colleague's message can link to a filtered search, and the
 * browser's back button undoes a filter. A filter may repeat (`violation=killed&violation=executed`
 * means either); `unknown` asks for records that give no value. The names are those of
 * GET /api/records, except `q`, the API's `search`.
 */
export const filterKeys = [
  'source',
  'violation',
  'country',
  'governorate',
  'year',
  'month',
  'sex',
  'age',
  'ageBand',
  'sourceSet',
] as const;
export type FilterKey = (typeof filterKeys)[number];
export type SearchFilters = Partial<Record<FilterKey, string[]>>;

export interface SearchState {
  /** The name words typed. */
  q: string;
  filters: SearchFilters;
}

/** The value that asks for records without one. */
export const UNKNOWN = 'unknown';

const searchPath = '#/search';

/** The search state a `#/search?…` fragment holds (anything else: an empty search). */
export function parseSearchHash(hash: string): SearchState {
  const state: SearchState = { q: '', filters: {} };
  if (!hash.startsWith(searchPath)) return state;
  const at = hash.indexOf('?');
  if (at < 0) return state;
  const params = new URLSearchParams(hash.slice(at + 1));
  state.q = params.get('q') ?? '';
  for (const key of filterKeys) {
    const values = [...new Set(params.getAll(key).filter((v) => v !== ''))];
    if (values.length > 0) state.filters[key] = values;
  }
  return state;
}

function queryOf(state: SearchState, qName: string): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set(qName, state.q.trim());
  for (const key of filterKeys) for (const v of state.filters[key] ?? []) params.append(key, v);
  return params;
}

/** The fragment of a search: `#/search?…`. */
export function searchHash(state: SearchState): string {
  const query = queryOf(state, 'q').toString();
  return query ? `${searchPath}?${query}` : searchPath;
}

/** A link to the records behind a figure: a search with these filters and no words. */
export function searchLink(filters: SearchFilters): string {
  return searchHash({ q: '', filters });
}

/** The API's query parameters for a search. */
export function apiParams(state: SearchState): URLSearchParams {
  return queryOf(state, 'search');
}

/** Whether any filter or word is set. */
export function isFiltered(state: SearchState): boolean {
  return state.q.trim() !== '' || filterKeys.some((k) => (state.filters[k]?.length ?? 0) > 0);
}

/** The state with one value of a filter added or taken away. */
export function toggleFilter(state: SearchState, key: FilterKey, value: string): SearchState {
  const current = state.filters[key] ?? [];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  const filters = { ...state.filters };
  if (next.length > 0) filters[key] = next;
  else delete filters[key];
  return { ...state, filters };
}

/** The state with a filter set to these values (none: removed). */
export function setFilter(state: SearchState, key: FilterKey, values: string[]): SearchState {
  const filters = { ...state.filters };
  if (values.length > 0) filters[key] = values;
  else delete filters[key];
  return { ...state, filters };
}

/**
 * The search state of the current fragment, kept in step with it. `navigate` writes a new state
 * as a history entry (back undoes it); `replace` rewrites the current one (typing a name).
 */
export function useSearchState(): {
  state: SearchState;
  navigate: (next: SearchState) => void;
  replace: (next: SearchState) => void;
} {
  const [state, setState] = useState(() => parseSearchHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setState(parseSearchHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const navigate = useCallback((next: SearchState) => {
    window.location.hash = searchHash(next);
  }, []);
  const replace = useCallback((next: SearchState) => {
    // replaceState fires no hashchange: set the state here too.
    window.history.replaceState(null, '', searchHash(next));
    setState(next);
  }, []);
  return { state, navigate, replace };
}
