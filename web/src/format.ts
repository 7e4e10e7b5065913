import { createContext, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import type { Numerals } from './i18n';

export const NumeralsContext = createContext<{
  numerals: Numerals;
  setNumerals: (value: Numerals) => void;
}>({ numerals: 'auto', setNumerals: () => undefined });

/** The numbering system to use: the user's choice, or the language's usual one. */
export function numberingSystem(numerals: Numerals, language: string): 'latn' | 'arab' {
  if (numerals !== 'auto') return numerals;
  return language === 'ar' ? 'arab' : 'latn';
}

/** Number and date formatting in the current language with the user's numerals. */
export function useFormat() {
  const { i18n } = useTranslation();
  const { numerals } = useContext(NumeralsContext);
  const language = i18n.language === 'en' ? 'en' : 'ar';
  const nu = numberingSystem(numerals, language);
  const locale = `${language}-u-nu-${nu}`;
  const numberFormat = new Intl.NumberFormat(locale);
  return {
    locale,
    number: (n: number) => numberFormat.format(n),
    /** A date known to the day, month or year: shown with only the precision it has. */
    date: (iso: string | null, precision = 'day'): string | null => {
      if (!iso) return null;
      const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
      if (Number.isNaN(d.getTime())) return iso;
      const options: Intl.DateTimeFormatOptions =
        precision === 'year'
          ? { year: 'numeric', timeZone: 'UTC' }
          : precision === 'month'
            ? { year: 'numeric', month: 'long', timeZone: 'UTC' }
            : { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' };
      return new Intl.DateTimeFormat(`${language}-u-ca-gregory-nu-${nu}`, options).format(d);
    },
  };
}
