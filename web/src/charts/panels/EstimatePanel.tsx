import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fetchEstimate } from '../../dashboard-api';
import { searchLink } from '../../search-state';
import { ChartFigure } from '../ChartFigure';
import { useChartFormat } from '../chart-format';
import { EstimateChart } from '../EstimateChart';

/**
 * The estimated total with its interval (GET /api/estimate, the server's default method), or a
 * plain "not estimated" with the server's reason when the register cannot give one.
 */
export function EstimatePanel() {
  const { t } = useTranslation();
  const format = useChartFormat();
  const estimate = useQuery({
    queryKey: ['estimate'],
    queryFn: fetchEstimate,
    staleTime: 5 * 60_000,
    retry: false,
  });
  const e = estimate.data;
  const figures =
    e && e.estimate !== null
      ? {
          estimate: format.number(Math.round(e.estimate)),
          lower: e.lower === null ? '—' : format.number(Math.round(e.lower)),
          upper:
            e.upper === null
              ? t('dashboard.estimate.unbounded')
              : format.number(Math.round(e.upper)),
          level: format.number(Math.round(e.level * 100)),
        }
      : null;
  const observedFull = e
    ? t('dashboard.estimate.observedFull', { formatted: format.number(e.observed) })
    : '';
  const estimateFull = figures ? t('dashboard.estimate.estimateFull', figures) : '';
  return (
    <ChartFigure
      testId="chart-estimate"
      title={t('dashboard.estimate.title')}
      summary={t('dashboard.estimate.summary')}
      valueHeading={t('dashboard.people')}
      rows={
        e && figures
          ? [
              {
                key: 'observed',
                label: t('dashboard.estimate.observed'),
                value: format.number(e.observed),
                href: searchLink({}),
              },
              {
                key: 'estimate',
                label: t('dashboard.estimate.estimated'),
                value: `${figures.estimate} (${figures.lower}–${figures.upper})`,
              },
            ]
          : []
      }
    >
      {(ids) =>
        estimate.isPending ? (
          <p className="muted">{t('dashboard.loading')}</p>
        ) : estimate.isError || !e || e.estimate === null || !figures ? (
          <div className="chart-empty" data-testid="not-estimated">
            <strong>{t('dashboard.estimate.notEstimated')}</strong>
            {estimate.isError && (
              <p className="small">
                {t('dashboard.estimate.notEstimatedWhy', { reason: estimate.error.message })}
              </p>
            )}
          </div>
        ) : (
          <>
            <EstimateChart
              observed={e.observed}
              estimate={e.estimate}
              lower={e.lower}
              upper={e.upper}
              rowLabels={{
                observed: t('dashboard.estimate.observed'),
                estimate: t('dashboard.estimate.estimated'),
              }}
              descriptions={{ observed: observedFull, estimate: estimateFull }}
              observedHref={searchLink({})}
              format={format}
              ids={ids}
              testId="estimate-chart"
            />
            <p className="small">{estimateFull}</p>
            <p className="small muted">{t('dashboard.estimate.note')}</p>
            <details>
              <summary>{t('dashboard.estimate.explanation')}</summary>
              {/* The server explains its estimates in English only (src/services/estimation). */}
              <div lang="en" dir="ltr" className="small">
                {e.warnings.length > 0 && (
                  <ul>
                    {e.warnings.map((w) => (
                      <li key={w}>{w}</li>
                    ))}
                  </ul>
                )}
                {e.explanation.filter(Boolean).map((line) => (
                  <p key={line}>{line}</p>
                ))}
              </div>
            </details>
          </>
        )
      }
    </ChartFigure>
  );
}
