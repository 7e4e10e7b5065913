import { useTranslation } from 'react-i18next';
import type { DashboardBreakdowns } from '../../dashboard-api';
import { searchLink, UNKNOWN } from '../../search-state';
import { ChartFigure } from '../ChartFigure';
import { useChartFormat } from '../chart-format';
import { TimeChart } from '../TimeChart';

/** Deaths by month, each month linking to the death records dated to it. */
export function DeathsPanel({ data }: { data: DashboardBreakdowns }) {
  const { t } = useTranslation();
  const format = useChartFormat();
  const { deaths } = data;
  const violation = [...deaths.violations];
  const monthLink = (month: string) => searchLink({ violation, month: [month] });
  const columnLabel = (month: string, persons: number) =>
    t('dashboard.deaths.column', {
      month: format.monthLong(month),
      formatted: format.number(persons),
    });
  return (
    <ChartFigure
      className="chart-wide"
      testId="chart-deaths"
      title={t('dashboard.deaths.title')}
      summary={t('dashboard.deaths.summary', {
        persons: format.number(deaths.persons),
        undated: format.number(deaths.undated),
      })}
      valueHeading={t('dashboard.people')}
      rows={deaths.byMonth.map((m) => ({
        key: m.month,
        label: format.monthLong(m.month),
        value: format.number(m.persons),
        href: monthLink(m.month),
      }))}
    >
      {(ids) => (
        <>
          {deaths.byMonth.length === 0 ? (
            <p className="chart-empty">{t('dashboard.deaths.none')}</p>
          ) : (
            <TimeChart
              months={deaths.byMonth}
              format={format}
              ids={ids}
              href={monthLink}
              columnLabel={columnLabel}
              testId="time-chart"
            />
          )}
          {deaths.undated > 0 && (
            <p className="small">
              <a href={searchLink({ violation, month: [UNKNOWN] })}>
                {t('dashboard.deaths.undated', { formatted: format.number(deaths.undated) })}
              </a>
            </p>
          )}
        </>
      )}
    </ChartFigure>
  );
}
