import { useTranslation } from 'react-i18next';
import { useChartFormat } from './charts/chart-format';
import { sourceName, useSources } from './screens/Sources';
import { UNKNOWN, type FilterKey } from './search-state';

/** The ages of a broad age group, as the server sends them (src/core/records/age-group.ts). */
export interface AgeGroupRange {
  group: string;
  from: number;
  to: number | null;
}

/**
 * Words for the values of filters and breakdowns, in the current language and numerals:
 * violation types, sexes, age groups and bands, years, months, sources; 'unknown' as "not
 * recorded". Places are shown as the sources wrote them.
 */
export function useFacetLabels() {
  const { t, i18n } = useTranslation();
  const format = useChartFormat();
  const sources = useSources();
  const notRecorded = t('facets.unknown');

  /** An age band ('0-4', '60+') in the user's numerals. */
  const ageBand = (label: string) => {
    if (label === UNKNOWN) return notRecorded;
    const plus = label.endsWith('+');
    const [from, to] = label.replace('+', '').split('-');
    if (plus) return `${format.number(Number(from))}+`;
    return to === undefined ? label : `${format.number(Number(from))}–${format.number(Number(to))}`;
  };

  const ageGroup = (group: string, ranges: readonly AgeGroupRange[]) => {
    if (group === UNKNOWN) return notRecorded;
    const adult = ranges.find((r) => r.group === 'adult');
    const elderly = ranges.find((r) => r.group === 'elderly');
    return t(`facets.ageGroups.${group}`, {
      defaultValue: group,
      adult: format.number(adult?.from ?? 18),
      adultEnd: format.number(adult?.to ?? 59),
      elderly: format.number(elderly?.from ?? 60),
    });
  };

  const source = (slug: string) => {
    const found = sources.data?.find((s) => s.slug === slug);
    return found ? sourceName(found, i18n.language) : slug;
  };

  /** A value of a filter, as words. */
  const value = (key: FilterKey, v: string, ranges: readonly AgeGroupRange[] = []): string => {
    if (v === UNKNOWN) return notRecorded;
    switch (key) {
      case 'violation':
        return t(`violation.${v}`, { defaultValue: v });
      case 'sex':
        return t(`sex.${v}`, { defaultValue: v });
      case 'age':
        return ageGroup(v, ranges);
      case 'ageBand':
        return ageBand(v);
      case 'year':
        return /^\d{4}$/.test(v) ? format.year(v) : v;
      case 'month':
        return /^\d{4}-\d{2}$/.test(v) ? format.monthLong(v) : v;
      case 'source':
      case 'sourceSet':
        return source(v);
      default:
        return v;
    }
  };

  return { value, ageBand, ageGroup, source, notRecorded };
}
