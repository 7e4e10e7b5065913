import { useTranslation } from 'react-i18next';
import { useFormat } from '../format';

/**
 * Formatting for charts: numbers in the user's numerals (as the rest of the app), years without
 * a thousands separator, months long or short, and whether the page runs right to left.
 */
export function useChartFormat() {
  const { i18n } = useTranslation();
  const format = useFormat();
  const language = i18n.language === 'en' ? 'en' : 'ar';
  const numbering = format.locale.split('-u-nu-')[1] ?? 'latn';
  const calendarLocale = `${language}-u-ca-gregory-nu-${numbering}`;
  const yearFormat = new Intl.NumberFormat(format.locale, { useGrouping: false });
  const monthShort = new Intl.DateTimeFormat(calendarLocale, { month: 'short', timeZone: 'UTC' });
  const monthLong = new Intl.DateTimeFormat(calendarLocale, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const asDate = (month: string) => new Date(`${month}-01T00:00:00Z`);
  return {
    rtl: language === 'ar',
    number: format.number,
    /** A year (2024), in the user's numerals, without grouping. */
    year: (year: number | string) => yearFormat.format(Number(year)),
    /** A month (YYYY-MM) as "Mar". */
    monthShort: (month: string) => monthShort.format(asDate(month)),
    /** A month (YYYY-MM) as "March 2024". */
    monthLong: (month: string) => monthLong.format(asDate(month)),
  };
}

export type ChartFormat = ReturnType<typeof useChartFormat>;
