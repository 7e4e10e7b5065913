import { useTranslation } from 'react-i18next';
import type { DashboardBreakdowns } from '../../dashboard-api';
import { useFacetLabels } from '../../facet-labels';
import { searchLink } from '../../search-state';
import { ChartFigure } from '../ChartFigure';
import { useChartFormat } from '../chart-format';
import { UpSetChart, type UpSetIntersection, type UpSetSet } from '../UpSetChart';

/** The combinations drawn; smaller ones are counted in a note. */
const shownCombinations = 20;

/** Who recorded whom, as an UpSet chart over the sources that recorded someone. */
export function SourcesPanel({ data }: { data: DashboardBreakdowns }) {
  const { t } = useTranslation();
  const format = useChartFormat();
  const labels = useFacetLabels();
  const sets: UpSetSet[] = data.sources.sources
    .filter((s) => s.persons > 0)
    .sort((a, b) => b.persons - a.persons)
    .map((s) => ({
      key: s.source,
      label: labels.source(s.source),
      persons: s.persons,
      href: searchLink({ source: [s.source] }),
    }));
  const all: UpSetIntersection[] = data.sources.captures
    .filter((c) => c.count > 0)
    .sort((a, b) => b.count - a.count)
    .map((c) => ({
      sets: c.sources,
      persons: c.count,
      href: searchLink({ sourceSet: c.sources }),
    }));
  const shown = all.slice(0, shownCombinations);
  const names = (c: UpSetIntersection) => c.sets.map((s) => labels.source(s)).join(' + ');
  return (
    <ChartFigure
      className="chart-wide"
      testId="chart-sources"
      title={t('dashboard.sources.title')}
      summary={t('dashboard.sources.summary')}
      valueHeading={t('dashboard.people')}
      rows={shown.map((c) => ({
        key: c.sets.join('+'),
        label: names(c),
        value: format.number(c.persons),
        href: c.href,
      }))}
    >
      {(ids) =>
        sets.length === 0 ? (
          <p className="chart-empty">{t('dashboard.sources.none')}</p>
        ) : (
          <>
            <UpSetChart
              sets={sets}
              intersections={shown}
              format={format}
              ids={ids}
              columnLabel={(c) =>
                t('dashboard.sources.column', {
                  sources: names(c),
                  formatted: format.number(c.persons),
                })
              }
              rowLabel={(s) =>
                t('dashboard.sources.row', {
                  source: s.label,
                  formatted: format.number(s.persons),
                })
              }
              testId="upset-chart"
            />
            {all.length > shown.length && (
              <p className="small muted">
                {t('dashboard.sources.hidden', {
                  formatted: format.number(all.length - shown.length),
                })}
              </p>
            )}
          </>
        )
      }
    </ChartFigure>
  );
}
