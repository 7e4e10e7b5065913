import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { arabicLetterFolds, arabicMarks } from '../text/arabic-folding.js';
import { foldForSearch, searchText } from './search-text.js';

/** What folding means, written the slow and obvious way. */
function referenceFold(text: string): string {
  const compatible =
    /[\uFB50-\uFDFF\uFE70-\uFEFF\uFF00-\uFFEF]|[\u0300-\u036F]|[\u0653-\u0655]/.test(text)
      ? text.normalize('NFKC')
      : text;
  return [...compatible.toLowerCase().replace(arabicMarks, '')]
    .map((ch) => arabicLetterFolds[ch] ?? ch)
    .join('')
    .split(/[\t\n\v\f\r \u00a0\u200c\u200e\u200f]+/)
    .filter(Boolean)
    .join(' ');
}

describe('foldForSearch', () => {
  it('folds Arabic letter variants, diacritics and tatweel', () => {
    expect(foldForSearch('أحمد')).toBe(foldForSearch('احمد'));
    expect(foldForSearch('إبراهيم')).toBe('ابراهيم');
    expect(foldForSearch('مُحَمَّد')).toBe('محمد');
    expect(foldForSearch('فاطمة')).toBe('فاطمه');
    expect(foldForSearch('مصطفى')).toBe('مصطفي');
    expect(foldForSearch('عـــلي')).toBe('علي');
  });

  it('reads Arabic presentation forms left by PDF extraction as ordinary letters', () => {
    expect(foldForSearch('\uFEE3\uFEA4\uFEE4\uFEAA')).toBe('محمد');
  });

  it('lower-cases Latin and collapses every kind of space', () => {
    expect(foldForSearch('  Muhammad\t AL-Masri\u00a0')).toBe('muhammad al-masri');
  });

  it('folds exactly as the plain chain of replacements does, for any text', () => {
    const unit = fc.oneof(
      fc.constantFrom(
        ...Object.keys(arabicLetterFolds),
        'ـ',
        'َ',
        'ّ',
        ' ',
        '\t',
        '\u00a0',
        '\u200c',
      ),
      fc.constantFrom('ا', 'ب', 'ح', 'A', 'z', '😀', '\uFEE3', 'é', '\u0301'),
    );
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit }), fc.string({ unit: 'grapheme', maxLength: 300 })),
        (s) => {
          expect(foldForSearch(s)).toBe(referenceFold(s));
        },
      ),
      { numRuns: 500 },
    );
    expect(foldForSearch('ب'.repeat(10_000))).toBe('ب'.repeat(10_000));
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (s) => foldForSearch(foldForSearch(s)) === foldForSearch(s)),
    );
  });
});

describe('searchText', () => {
  it('joins every name a record carries', () => {
    expect(
      searchText({ name: 'أحمد', nameLatin: 'Ahmad', otherNames: ['أبو خالد'], kunya: null }),
    ).toBe('احمد ahmad ابو خالد');
  });
});
