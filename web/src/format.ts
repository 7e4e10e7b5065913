import { createContext, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, showsHijri, type Calendars } from './dates';
import type { Numerals } from './i18n';

/** The user's display preferences: numerals, and whether Hijri dates accompany Gregorian ones. */
export const NumeralsContext = createContext<{
  numerals: Numerals;
  setNumerals: (value: Numerals) => void;
  calendars: Calendars;
  setCalendars: (value: Calendars) => void;
}>({
  numerals: 'auto',
  setNumerals: () => undefined,
  calendars: 'auto',
  setCalendars: () => undefined,
});

/** The numbering system to use: the user's choice, or the language's usual one. */
export function numberingSystem(numerals: Numerals, language: string): 'latn' | 'arab' {
  if (numerals !== 'auto') return numerals;
  return language === 'ar' ? 'arab' : 'latn';
}

/** Number and date formatting in the current language with the user's numerals. */
export function useFormat() {
  const { t, i18n } = useTranslation();
  const { numerals, calendars } = useContext(NumeralsContext);
  const language = i18n.language === 'en' ? 'en' : 'ar';
  const nu = numberingSystem(numerals, language);
  const locale = `${language}-u-nu-${nu}`;
  const numberFormat = new Intl.NumberFormat(locale);
  return {
    locale,
    number: (n: number) => numberFormat.format(n),
    /** A count with its noun in the right plural form (Arabic has six): "3 sources", "٣ مصادر". */
    count: (unit: CountedUnit, n: number) =>
      t(`units.${unit}`, { count: n, formatted: numberFormat.format(n) }),
    /**
     * A date known to the day, month or year, shown with only the precision it has; with its
     * Hijri date beside it when the user wants both calendars (by default, in Arabic).
     */
    date: (iso: string | null, precision = 'day'): string | null =>
      formatDate(iso, precision, {
        language,
        numerals: nu,
        hijri: showsHijri(calendars, language),
      }),
    /** The Gregorian date alone, for narrow table cells. */
    gregorianDate: (iso: string | null, precision = 'day'): string | null =>
      formatDate(iso, precision, { language, numerals: nu, hijri: false }),
  };
}

export type CountedUnit = 'records' | 'sources' | 'events' | 'minutes';
