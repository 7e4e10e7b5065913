import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useChartFormat } from '../charts/chart-format';
import { DeathsPanel } from '../charts/panels/DeathsPanel';
import { EstimatePanel } from '../charts/panels/EstimatePanel';
import { KeptEstimatesPanel } from '../charts/panels/KeptEstimatesPanel';
import { PlacesPanel } from '../charts/panels/PlacesPanel';
import { AgeSexPanel } from '../charts/panels/AgeSexPanel';
import { SourcesPanel } from '../charts/panels/SourcesPanel';
import { ViolationsPanel } from '../charts/panels/ViolationsPanel';
import { fetchBreakdowns } from '../dashboard-api';

/**
 * The register at a glance: deaths over time, people by violation, place, age and sex, who
 * recorded whom, and the estimated total. Every figure counts people (linked records once), and
 * every bar opens the search filtered to the records behind it.
 */
export function DashboardScreen() {
  const { t } = useTranslation();
  const format = useChartFormat();
  const breakdowns = useQuery({
    queryKey: ['breakdowns'],
    queryFn: fetchBreakdowns,
    staleTime: 60_000,
  });
  return (
    <section aria-labelledby="dashboard-title" className="dashboard">
      <h1 id="dashboard-title">{t('dashboard.title')}</h1>
      <p className="muted">{t('dashboard.intro')}</p>
      {breakdowns.isPending ? (
        <p className="muted" role="status">
          {t('dashboard.loading')}
        </p>
      ) : breakdowns.isError ? (
        <p className="problem" role="alert">
          {t('dashboard.failed', { message: breakdowns.error.message })}
        </p>
      ) : (
        <>
          <p className="status" data-testid="dashboard-total">
            {t('dashboard.totals', { persons: format.number(breakdowns.data.persons) })}
          </p>
          <div className="chart-grid-layout">
            <DeathsPanel data={breakdowns.data} />
            <ViolationsPanel data={breakdowns.data} />
            <PlacesPanel data={breakdowns.data} />
            <AgeSexPanel data={breakdowns.data} />
            <EstimatePanel />
            <KeptEstimatesPanel />
            <SourcesPanel data={breakdowns.data} />
          </div>
        </>
      )}
    </section>
  );
}
