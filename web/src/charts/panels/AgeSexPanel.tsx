import { useTranslation } from 'react-i18next';
import type { DashboardBreakdowns } from '../../dashboard-api';
import { useFacetLabels } from '../../facet-labels';
import { searchLink, UNKNOWN } from '../../search-state';
import { ChartFigure } from '../ChartFigure';
import { useChartFormat } from '../chart-format';
import { PopulationPyramid, type PyramidRow } from '../PopulationPyramid';

/** People by age band and sex as a pyramid, each bar linking to its records. */
export function AgeSexPanel({ data }: { data: DashboardBreakdowns }) {
  const { t } = useTranslation();
  const format = useChartFormat();
  const labels = useFacetLabels();
  const { bands, groups, ageGroups } = data.ageAndSex;
  const persons = (band: string, sex: string) =>
    groups.find((g) => g.ageBand === band && g.sex === sex)?.persons ?? 0;
  // Oldest at the top, as pyramids are read; unknown age last.
  const rows: PyramidRow[] = [...bands].reverse().map((b) => ({
    band: b.label,
    label: labels.ageBand(b.label),
    group: b.group,
    male: persons(b.label, 'male'),
    female: persons(b.label, 'female'),
  }));
  const unknownAge = { male: persons(UNKNOWN, 'male'), female: persons(UNKNOWN, 'female') };
  if (unknownAge.male + unknownAge.female > 0)
    rows.push({
      band: UNKNOWN,
      label: labels.notRecorded,
      group: null,
      ...unknownAge,
    });
  const unknownSex = groups.filter((g) => g.sex === UNKNOWN).reduce((n, g) => n + g.persons, 0);
  const sexLabel = { male: t('sex.male'), female: t('sex.female') };
  const href = (band: string, sex: string) => searchLink({ ageBand: [band], sex: [sex] });
  const barLabel = (row: PyramidRow, sex: 'male' | 'female', n: number) =>
    t('dashboard.ageSex.bar', { sex: sexLabel[sex], band: row.label, formatted: format.number(n) });
  const adult = ageGroups.find((g) => g.group === 'adult');
  const elderly = ageGroups.find((g) => g.group === 'elderly');
  return (
    <ChartFigure
      testId="chart-age-sex"
      title={t('dashboard.ageSex.title')}
      summary={t('dashboard.ageSex.summary', {
        adult: format.number(adult?.from ?? 18),
        elderly: format.number(elderly?.from ?? 60),
      })}
      valueHeading={t('dashboard.people')}
      rows={rows.flatMap((row) =>
        (['male', 'female'] as const).map((sex) => ({
          key: `${row.band}-${sex}`,
          label: `${row.label} · ${sexLabel[sex]}`,
          value: format.number(row[sex]),
          href: href(row.band, sex),
        })),
      )}
    >
      {(ids) => (
        <>
          <PopulationPyramid
            rows={rows}
            format={format}
            ids={ids}
            sexLabel={sexLabel}
            ageHeading={t('record.age')}
            href={href}
            barLabel={barLabel}
            testId="pyramid-chart"
          />
          {unknownSex > 0 && (
            <p className="small">
              <a href={searchLink({ sex: [UNKNOWN] })}>
                {t('dashboard.ageSex.unknownSex', { formatted: format.number(unknownSex) })}
              </a>
            </p>
          )}
        </>
      )}
    </ChartFigure>
  );
}
