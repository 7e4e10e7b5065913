import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fetchSources, type SourceSummary } from '../api';
import { useFormat } from '../format';

export function sourceName(source: SourceSummary, language: string): string {
  const name =
    language === 'ar' ? (source.nameAr ?? source.nameEn) : (source.nameEn ?? source.nameAr);
  return name ?? source.slug;
}

export function useSources() {
  return useQuery({ queryKey: ['sources'], queryFn: fetchSources, staleTime: 60_000 });
}

export function SourcesScreen() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const sources = useSources();

  if (sources.isPending) return <p className="muted">{t('common.loading')}</p>;
  if (sources.isError)
    return (
      <p className="problem" role="alert">
        {t('sources.failed', { message: sources.error.message })}
      </p>
    );

  const total = sources.data.reduce((sum, s) => sum + s.records, 0);
  return (
    <section aria-labelledby="sources-title">
      <h1 id="sources-title">{t('sources.title')}</h1>
      <p className="muted">
        {t('sources.total', {
          records: format.count('records', total),
          sources: format.count('sources', sources.data.length),
        })}
      </p>
      {sources.data.length === 0 ? (
        <p>{t('sources.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="sources">
            <thead>
              <tr>
                <th scope="col">{t('sources.name')}</th>
                <th scope="col">{t('sources.slug')}</th>
                <th scope="col">{t('sources.kind')}</th>
                <th scope="col" className="num">
                  {t('sources.records')}
                </th>
                <th scope="col" className="num">
                  {t('sources.imports')}
                </th>
                <th scope="col" className="num">
                  {t('sources.documents')}
                </th>
                <th scope="col">{t('sources.lastImport')}</th>
              </tr>
            </thead>
            <tbody>
              {sources.data.map((s) => (
                <tr key={s.id}>
                  <td>
                    <bdi>{sourceName(s, i18n.language)}</bdi>
                  </td>
                  <td>
                    <code dir="ltr">{s.slug}</code>
                  </td>
                  <td>{t(`kind.${s.kind}`, { defaultValue: s.kind.replace(/_/g, ' ') })}</td>
                  <td className="num">{format.number(s.records)}</td>
                  <td className="num">{format.number(s.batches)}</td>
                  <td className="num">{format.number(s.documents)}</td>
                  <td>{format.gregorianDate(s.lastImportAt) ?? t('common.unknown')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
