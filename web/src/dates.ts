/**
 * Dates as people in the region write them: the Gregorian date, and with it the Hijri (Umm al-Qura)
 * date that many Arabic-language statements and families use. Only a date known to the day gets a
 * Hijri companion: a Gregorian month or year straddles two Hijri months or years, so converting
 * it would state more than the record knows.
 */

export type Calendars = 'auto' | 'gregory' | 'both';

/** Whether the Hijri date is shown: the user's choice, or by default in Arabic only. */
export function showsHijri(calendars: Calendars, language: 'ar' | 'en'): boolean {
  return calendars === 'both' || (calendars === 'auto' && language === 'ar');
}

export interface DateStyle {
  language: 'ar' | 'en';
  numerals: 'latn' | 'arab';
  hijri: boolean;
}

/** A date known to the day, month or year, shown with only the precision it has. */
export function formatDate(iso: string | null, precision: string, style: DateStyle): string | null {
  if (!iso) return null;
  const day = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(day.getTime())) return iso;
  const { language, numerals } = style;
  const options: Intl.DateTimeFormatOptions =
    precision === 'year'
      ? { year: 'numeric', timeZone: 'UTC' }
      : precision === 'month'
        ? { year: 'numeric', month: 'long', timeZone: 'UTC' }
        : { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' };
  const gregorian = new Intl.DateTimeFormat(
    `${language}-u-ca-gregory-nu-${numerals}`,
    options,
  ).format(day);
  if (!style.hijri || precision === 'year' || precision === 'month') return gregorian;
  return `${gregorian} (${hijriDate(day, language, numerals)})`;
}

/** The Umm al-Qura date of a day; the formatter adds the era mark (هـ / AH). */
export function hijriDate(day: Date, language: 'ar' | 'en', numerals: 'latn' | 'arab'): string {
  return new Intl.DateTimeFormat(`${language}-u-ca-islamic-umalqura-nu-${numerals}`, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(day);
}
