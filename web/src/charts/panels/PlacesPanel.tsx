import { useTranslation } from 'react-i18next';
import type { DashboardBreakdowns } from '../../dashboard-api';
import { useFacetLabels } from '../../facet-labels';
import { searchLink, UNKNOWN } from '../../search-state';
import { BarChart, type Bar } from '../BarChart';
import { ChartFigure } from '../ChartFigure';
import { useChartFormat } from '../chart-format';

/**
 * People by governorate (with its country when the register holds several countries), each bar
 * linking to the records of that place.
 */
export function PlacesPanel({ data }: { data: DashboardBreakdowns }) {
  const { t } = useTranslation();
  const format = useChartFormat();
  const labels = useFacetLabels();
  const countries = new Set(data.places.map((p) => p.country).filter((c) => c !== UNKNOWN));
  const governorates = data.places.map((p) => p.governorate);
  // The country is named when the register has several, or when one governorate name appears
  // under two countries (one of them perhaps not recorded).
  const placeLabel = (country: string, governorate: string) => {
    if (country === UNKNOWN && governorate === UNKNOWN) return labels.notRecorded;
    if (governorate === UNKNOWN) return `${labels.notRecorded} (${country})`;
    const ambiguous = governorates.filter((g) => g === governorate).length > 1;
    if (!ambiguous && countries.size <= 1) return governorate;
    return `${governorate} (${country === UNKNOWN ? labels.notRecorded : country})`;
  };
  const bars: Bar[] = data.places.map((p) => ({
    key: `${p.country}|${p.governorate}`,
    label: placeLabel(p.country, p.governorate),
    value: p.persons,
    href: searchLink({ country: [p.country], governorate: [p.governorate] }),
  }));
  return (
    <ChartFigure
      testId="chart-places"
      title={t('dashboard.places.title')}
      summary={t('dashboard.places.summary')}
      valueHeading={t('dashboard.people')}
      rows={bars.map((b) => ({ ...b, value: format.number(b.value) }))}
    >
      {(ids) => (
        <>
          <BarChart
            bars={bars}
            format={format}
            ids={ids}
            barLabel={(b) =>
              t('dashboard.barLabel', { label: b.label, formatted: format.number(b.value) })
            }
            testId="place-chart"
          />
          {data.otherPlaces.places > 0 && (
            <p className="small muted">
              {t('dashboard.places.other', {
                places: format.number(data.otherPlaces.places),
                persons: format.number(data.otherPlaces.persons),
              })}
            </p>
          )}
        </>
      )}
    </ChartFigure>
  );
}
