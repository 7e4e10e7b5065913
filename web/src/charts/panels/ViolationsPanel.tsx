import { useTranslation } from 'react-i18next';
import type { DashboardBreakdowns } from '../../dashboard-api';
import { useFacetLabels } from '../../facet-labels';
import { searchLink } from '../../search-state';
import { BarChart, type Bar } from '../BarChart';
import { ChartFigure } from '../ChartFigure';
import { useChartFormat } from '../chart-format';

/** People by violation type, each bar linking to the records of that violation. */
export function ViolationsPanel({ data }: { data: DashboardBreakdowns }) {
  const { t } = useTranslation();
  const format = useChartFormat();
  const labels = useFacetLabels();
  const bars: Bar[] = data.violations.map((v) => ({
    key: v.violation,
    label: labels.value('violation', v.violation),
    value: v.persons,
    href: searchLink({ violation: [v.violation] }),
  }));
  return (
    <ChartFigure
      testId="chart-violations"
      title={t('dashboard.violations.title')}
      summary={t('dashboard.violations.summary')}
      valueHeading={t('dashboard.people')}
      rows={bars.map((b) => ({ ...b, value: format.number(b.value) }))}
    >
      {(ids) => (
        <BarChart
          bars={bars}
          format={format}
          ids={ids}
          barLabel={(b) =>
            t('dashboard.barLabel', { label: b.label, formatted: format.number(b.value) })
          }
          testId="violation-chart"
        />
      )}
    </ChartFigure>
  );
}
