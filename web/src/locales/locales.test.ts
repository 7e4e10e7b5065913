import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { formatDate, showsHijri } from '../dates';
import { ar } from './ar';
import { en } from './en';

async function translator(language: 'ar' | 'en') {
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: { ar: { translation: ar }, en: { translation: en } },
    lng: language,
    interpolation: { escapeValue: false },
  });
  return (unit: string, n: number) =>
    i18n.t(`units.${unit}`, {
      count: n,
      formatted: new Intl.NumberFormat(language === 'ar' ? 'ar-u-nu-arab' : 'en').format(n),
    });
}

describe('counted nouns', () => {
  it('take the Arabic form each number calls for', async () => {
    const count = await translator('ar');
    expect([0, 1, 2, 3, 10, 11, 99, 100, 102, 1000].map((n) => count('records', n))).toEqual([
      'لا سجلات',
      'سجل واحد',
      'سجلان',
      '٣ سجلات',
      '١٠ سجلات',
      '١١ سجلًا',
      '٩٩ سجلًا',
      '١٠٠ سجل',
      '١٠٢ سجل',
      '١٬٠٠٠ سجل',
    ]);
    expect(count('sources', 3)).toBe('٣ مصادر');
    expect(count('sources', 2)).toBe('مصدرين');
    expect(count('minutes', 30)).toBe('٣٠ دقيقة');
  });

  it('take the English singular only for one', async () => {
    const count = await translator('en');
    expect([0, 1, 2, 1000].map((n) => count('sources', n))).toEqual([
      '0 sources',
      '1 source',
      '2 sources',
      '1,000 sources',
    ]);
  });

  it('exist in every form Arabic needs for every unit English has', () => {
    const units = Object.keys(en.units)
      .filter((k) => k.endsWith('_other'))
      .map((k) => k.slice(0, -'_other'.length));
    for (const unit of units)
      for (const form of ['zero', 'one', 'two', 'few', 'many', 'other'])
        expect(ar.units, `${unit}_${form}`).toHaveProperty(`${unit}_${form}`);
  });
});

describe('dates in both calendars', () => {
  const arabic = { language: 'ar', numerals: 'arab', hijri: true } as const;

  it('gives a day its Umm al-Qura date beside the Gregorian one', () => {
    expect(formatDate('2023-10-07', 'day', arabic)).toBe('٧ أكتوبر ٢٠٢٣ (٢٢ ربيع الأول ١٤٤٥ هـ)');
    expect(formatDate('2023-10-07', 'day', { language: 'en', numerals: 'latn', hijri: true })).toBe(
      'Oct 7, 2023 (Rabiʻ I 22, 1445 AH)',
    );
  });

  it('does not convert a month or a year, which straddle two Hijri ones', () => {
    expect(formatDate('2013-03-01', 'month', arabic)).toBe('مارس ٢٠١٣');
    expect(formatDate('2013-01-01', 'year', arabic)).toBe('٢٠١٣');
  });

  it('shows the Hijri date by default in Arabic only, or as the user chose', () => {
    expect(showsHijri('auto', 'ar')).toBe(true);
    expect(showsHijri('auto', 'en')).toBe(false);
    expect(showsHijri('both', 'en')).toBe(true);
    expect(showsHijri('gregory', 'ar')).toBe(false);
    expect(formatDate(null, 'day', arabic)).toBeNull();
  });
});
