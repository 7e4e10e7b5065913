import {
  keepPreviousData,
  useInfiniteQuery,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordView } from '../api';
import { useFormat } from '../format';
import { fetchRecordFacets, fetchRecordPage } from '../search-api';
import { apiParams, setFilter, useSearchState } from '../search-state';
import { ActiveFilters } from './search/ActiveFilters';
import { FacetPanel } from './search/FacetPanel';
import { sourceName, useSources } from './Sources';

/** The value after it has stopped changing for `ms`, so typing does not send a request per key. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

function place(r: RecordView): string {
  return [r.place.locality, r.place.governorate, r.place.country].filter(Boolean).join('، ');
}

/**
 * Search by name words and facets. The search lives in the URL fragment (search-state.ts): typing
 * rewrites it, choosing a facet value adds a history entry, and charts link straight to it.
 */
export function SearchScreen() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { state, navigate, replace } = useSearchState();
  const [text, setText] = useState(state.q);
  const settled = useDebounced(text, 250);
  const sources = useSources();

  // A link or the back button changed the search: show its words in the box.
  useEffect(() => setText(state.q), [state.q]);
  // Typing that has settled rewrites the fragment (no history entry per word); only the settled
  // text triggers this, with the filters as they are at that moment.
  useEffect(() => {
    if (settled !== state.q) replace({ ...state, q: settled });
  }, [settled]);

  const key = apiParams(state).toString();
  const results = useInfiniteQuery({
    queryKey: ['records', key],
    queryFn: ({ pageParam }) => fetchRecordPage(state, pageParam),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
    placeholderData: keepPreviousData,
  });
  const facets = useQuery({
    queryKey: ['record-facets', key],
    queryFn: () => fetchRecordFacets(state),
    placeholderData: keepPreviousData,
    // While a large import is being added to search, ask again until it is in.
    refetchInterval: (query) => (query.state.data?.indexing ? 2000 : false),
  });
  const indexing = facets.data?.indexing ?? 0;
  const wasIndexing = useRef(0);
  const queryClient = useQueryClient();
  useEffect(() => {
    // The import is in: the list shown was read without it.
    if (wasIndexing.current > 0 && indexing === 0)
      void queryClient.invalidateQueries({ queryKey: ['records'] });
    wasIndexing.current = indexing;
  }, [indexing, queryClient]);
  const records = results.data?.pages.flatMap((p) => p.records) ?? [];
  const unknown = t('common.unknown');
  const chosenSources = state.filters.source ?? [];
  const sourceCount = (slug: string) =>
    facets.data?.facets.source.values.find((v) => v.value === slug)?.records ?? 0;

  return (
    <section aria-labelledby="search-title">
      <h1 id="search-title">{t('search.title')}</h1>
      <form className="search-form" role="search" onSubmit={(e) => e.preventDefault()}>
        <label className="grow">
          {t('search.label')}
          <input
            type="search"
            name="search"
            value={text}
            placeholder={t('search.placeholder')}
            dir="auto"
            autoFocus
            maxLength={200}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <label>
          {t('search.source')}
          <select
            name="source"
            value={chosenSources.length === 1 ? chosenSources[0] : ''}
            onChange={(e) =>
              navigate(setFilter(state, 'source', e.target.value ? [e.target.value] : []))
            }
          >
            <option value="">{t('search.allSources')}</option>
            {sources.data?.map((s) => (
              <option key={s.slug} value={s.slug}>
                {sourceName(s, i18n.language)} ({format.number(sourceCount(s.slug))})
              </option>
            ))}
          </select>
        </label>
      </form>
      <p className="muted small">{t('search.hint')}</p>
      <ActiveFilters state={state} ageGroups={facets.data?.ageGroups ?? []} navigate={navigate} />
      <div className="search-layout">
        <FacetPanel state={state} facets={facets.data} navigate={navigate} />
        <div className="search-results">
          {facets.isError ? (
            <p className="problem" role="alert">
              {t('facets.failed', { message: facets.error.message })}
            </p>
          ) : (
            facets.data && (
              <p className="status" data-testid="search-totals">
                {t('facets.totals', {
                  records: format.number(facets.data.records),
                  persons: format.number(facets.data.persons),
                })}
              </p>
            )
          )}
          {indexing > 0 && (
            <p className="notice" role="status" data-testid="search-indexing">
              {t('facets.indexing', { records: format.number(indexing) })}
            </p>
          )}

          {results.isError ? (
            <p className="problem" role="alert">
              {t('search.failed', { message: results.error.message })}
            </p>
          ) : results.isPending ? (
            <p className="muted">{t('search.loading')}</p>
          ) : records.length === 0 ? (
            <p className="status">{t('search.none')}</p>
          ) : (
            <>
              <p className="status" aria-live="polite">
                {results.isFetching && !results.isFetchingNextPage
                  ? t('search.loading')
                  : t('search.shown', { records: format.count('records', records.length) })}
              </p>
              <div className="table-wrap">
                <table className="records">
                  <thead>
                    <tr>
                      <th scope="col">{t('record.name')}</th>
                      <th scope="col">{t('record.nameLatin')}</th>
                      <th scope="col">{t('record.sex')}</th>
                      <th scope="col" className="num">
                        {t('record.age')}
                      </th>
                      <th scope="col">{t('record.date')}</th>
                      <th scope="col">{t('record.place')}</th>
                      <th scope="col">{t('record.violation')}</th>
                      <th scope="col">{t('record.source')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {records.map((r) => (
                      <tr key={r.id}>
                        <td>
                          <a href={`#/person/${r.personId}`}>
                            <bdi lang="ar">{r.name ?? unknown}</bdi>
                          </a>
                        </td>
                        <td>
                          <bdi lang="en">{r.nameLatin ?? unknown}</bdi>
                        </td>
                        <td>{r.sex ? t(`sex.${r.sex}`, { defaultValue: r.sex }) : unknown}</td>
                        <td className="num">{r.age === null ? unknown : format.number(r.age)}</td>
                        <td>
                          {format.gregorianDate(r.eventDate.start, r.eventDate.precision) ??
                            unknown}
                        </td>
                        <td>
                          <bdi>{place(r) || unknown}</bdi>
                        </td>
                        <td>
                          {r.violation
                            ? t(`violation.${r.violation}`, { defaultValue: r.violation })
                            : unknown}
                        </td>
                        <td>
                          <code dir="ltr">{r.source}</code>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {results.hasNextPage && (
                <button
                  type="button"
                  className="secondary"
                  disabled={results.isFetchingNextPage}
                  onClick={() => void results.fetchNextPage()}
                >
                  {results.isFetchingNextPage ? t('search.loading') : t('search.more')}
                </button>
              )}
            </>
          )}
        </div>
      </div>
    </section>
  );
}
