import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fetchKeptEstimates, type KeptEstimate } from '../../dashboard-api';
import { useFormat } from '../../format';
import { useChartFormat } from '../chart-format';
import { IntervalBar } from '../IntervalBar';
import { niceTicks } from '../scale';

/**
 * The estimates analysts kept (`sijil estimate … --save`, POST /api/estimates), newest first:
 * each with its figure, interval drawn on one shared scale, the persons documented, the method
 * and the day it was computed. Estimates are not people, so nothing here links to records.
 */
export function KeptEstimatesPanel() {
  const { t } = useTranslation();
  const chart = useChartFormat();
  const format = useFormat();
  const kept = useQuery({
    queryKey: ['kept-estimates'],
    queryFn: fetchKeptEstimates,
    staleTime: 60_000,
    retry: false,
  });
  const rows = (kept.data?.estimates ?? []).filter(
    (e): e is KeptEstimate & { estimate: number } => e.estimate !== null,
  );
  const max =
    niceTicks(
      Math.max(1, ...rows.map((e) => Math.max(e.observed, e.estimate, e.upper ?? 0))),
      4,
    ).at(-1) ?? 1;
  const n = (v: number) => chart.number(Math.round(v));
  return (
    <figure
      className="chart chart-wide"
      aria-labelledby="kept-estimates-title"
      data-testid="kept-estimates"
    >
      <h2 id="kept-estimates-title">{t('dashboard.kept.title')}</h2>
      <p className="muted small">{t('dashboard.kept.summary')}</p>
      {kept.isPending ? (
        <p className="muted">{t('dashboard.loading')}</p>
      ) : kept.isError ? (
        <p className="problem" role="alert">
          {t('dashboard.failed', { message: kept.error.message })}
        </p>
      ) : rows.length === 0 ? (
        <div className="chart-empty">{t('dashboard.kept.none')}</div>
      ) : (
        <>
          <table className="kept-estimates">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.kept.estimate')}</th>
                <th scope="col">{t('dashboard.kept.interval')}</th>
                <th scope="col" className="num">
                  {t('dashboard.kept.observed')}
                </th>
                <th scope="col">{t('dashboard.kept.method')}</th>
                <th scope="col">{t('dashboard.kept.date')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => {
                const figures = {
                  estimate: n(e.estimate),
                  lower: e.lower === null ? '—' : n(e.lower),
                  upper: e.upper === null ? t('dashboard.estimate.unbounded') : n(e.upper),
                  level: chart.number(Math.round(e.level * 100)),
                  observed: n(e.observed),
                };
                return (
                  <tr key={e.id} data-testid={`kept-estimate-${e.id}`}>
                    <th scope="row">
                      <strong>{figures.estimate}</strong>
                      {e.label && (
                        <>
                          <br />
                          <span className="small">{e.label}</span>
                        </>
                      )}
                    </th>
                    <td>
                      <IntervalBar
                        observed={e.observed}
                        estimate={e.estimate}
                        lower={e.lower}
                        upper={e.upper}
                        max={max}
                        description={t('dashboard.kept.bar', figures)}
                        format={chart}
                      />
                      <span className="small">{t('dashboard.kept.range', figures)}</span>
                    </td>
                    <td className="num">{figures.observed}</td>
                    <td>{t(`dashboard.kept.methods.${e.method}`)}</td>
                    <td>{format.date(e.createdAt, 'day')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="small muted">
            {t('dashboard.kept.legend', { zero: chart.number(0), max: chart.number(max) })}
          </p>
          <p className="small muted">{t('dashboard.estimate.note')}</p>
        </>
      )}
    </figure>
  );
}
