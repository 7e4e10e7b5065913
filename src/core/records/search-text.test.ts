import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { foldForSearch, searchText } from './search-text.js';

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
