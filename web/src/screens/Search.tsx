import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { searchRecords, type RecordView } from '../api';
import { useFormat } from '../format';
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

export function SearchScreen() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [text, setText] = useState('');
  const [source, setSource] = useState('');
  const search = useDebounced(text, 250);
  const sources = useSources();

  const results = useInfiniteQuery({
    queryKey: ['records', search.trim(), source],
    queryFn: ({ pageParam }) => searchRecords({ search, source, after: pageParam }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
    placeholderData: keepPreviousData,
  });
  const records = results.data?.pages.flatMap((p) => p.records) ?? [];
  const unknown = t('common.unknown');

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
          <select name="source" value={source} onChange={(e) => setSource(e.target.value)}>
            <option value="">{t('search.allSources')}</option>
            {sources.data?.map((s) => (
              <option key={s.slug} value={s.slug}>
                {sourceName(s, i18n.language)} ({format.number(s.records)})
              </option>
            ))}
          </select>
        </label>
      </form>
      <p className="muted small">{t('search.hint')}</p>

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
              : t('search.shown', {
                  count: records.length,
                  formatted: format.number(records.length),
                })}
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
                      <bdi lang="ar">{r.name ?? unknown}</bdi>
                    </td>
                    <td>
                      <bdi lang="en">{r.nameLatin ?? unknown}</bdi>
                    </td>
                    <td>{r.sex ? t(`sex.${r.sex}`, { defaultValue: r.sex }) : unknown}</td>
                    <td className="num">{r.age === null ? unknown : format.number(r.age)}</td>
                    <td>{format.date(r.eventDate.start, r.eventDate.precision) ?? unknown}</td>
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
    </section>
  );
}
