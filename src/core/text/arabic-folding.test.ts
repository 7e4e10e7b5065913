import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arabicMarks, foldArabic } from './arabic-folding.js';

describe('foldArabic', () => {
  it('folds the spelling variants of one name to one form', () => {
    for (const variant of ['أحمد', 'احمد', 'إحمد', 'أَحْمَد', 'أحـــمد'])
      expect(foldArabic(variant)).toBe('احمد');
    expect(foldArabic('فاطمة')).toBe('فاطمه');
    expect(foldArabic('مصطفى')).toBe(foldArabic('مصطفي'));
    expect(foldArabic('سائد')).toBe('سايد');
    expect(foldArabic('مؤمن')).toBe('مومن');
    expect(foldArabic('کریم')).toBe('كريم');
  });

  it('leaves Latin text, digits and spaces alone', () => {
    expect(foldArabic('Muhammad al-Masri 1980')).toBe('Muhammad al-Masri 1980');
  });

  it('agrees with the regular expression for marks and is idempotent', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.integer({ min: 0x0600, max: 0x06ff }).map((c) => String.fromCharCode(c)),
        }),
        (s) => {
          expect(foldArabic(foldArabic(s))).toBe(foldArabic(s));
          expect(foldArabic(s)).toBe(foldArabic(s.replace(arabicMarks, '')));
        },
      ),
    );
  });
});
