import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  foldArabic,
  normaliseArabicName,
  normaliseArabicNameGeneral,
  repairToken,
  standaloneToken,
} from './arabic-normalise.js';

describe('foldArabic', () => {
  it('folds hamza and alef forms, ى, ة, diacritics and tatweel', () => {
    expect(foldArabic('أحمد')).toBe('احمد');
    expect(foldArabic('إسماعيل')).toBe('اسماعيل');
    expect(foldArabic('موسى')).toBe('موسي');
    expect(foldArabic('فاطمة')).toBe('فاطمه');
    expect(foldArabic('مُحَمَّد')).toBe('محمد');
    expect(foldArabic('محـــمد')).toBe('محمد');
  });
});

describe('repairToken', () => {
  it('undoes reversed الله and makes lam-alef damage invisible', () => {
    expect(repairToken('هللا')).toBe('الله');
    expect(repairToken('عطاهللا')).toBe('عطاالله');
    expect(repairToken('بلال')).toBe(repairToken('بالل'));
    expect(repairToken('علاء')).toBe(repairToken('عالء'));
  });
});

describe('normaliseArabicName', () => {
  it('joins compounds written apart', () => {
    expect(normaliseArabicName('عبد الرحمن أحمد ابو شماله').tokens).toEqual(
      normaliseArabicName('عبدالرحمن احمد ابوشماله').tokens,
    );
    expect(normaliseArabicName('منة هللا محمد').tokens).toEqual(
      normaliseArabicName('منةالله محمد').tokens,
    );
    expect(normaliseArabicName('صلاح الدين علي').tokens).toHaveLength(2);
  });

  it('reattaches a letter split off by PDF extraction', () => {
    expect(normaliseArabicName('حسي ن علي').tokens).toEqual(['حسين', 'علي']);
  });

  it('drops placeholders and relative markers', () => {
    expect(normaliseArabicName('مجهول').placeholderOnly).toBe(true);
    expect(normaliseArabicName('ابن/اسراء').tokens).toEqual([]);
    expect(normaliseArabicName('0').placeholderOnly).toBe(true);
    expect(normaliseArabicName('').placeholderOnly).toBe(false);
  });

  it('reads معروف as a placeholder only in "غير معروف" (unknown): alone it is a family name', () => {
    for (const normalise of [normaliseArabicName, normaliseArabicNameGeneral]) {
      expect(normalise('غير معروف').placeholderOnly).toBe(true);
      expect(normalise('خالد محمد غير معروف').tokens).toEqual(['خالد', 'محمد']);
      expect(normalise('يحيى صالح أحمد معروف').tokens).toEqual(['يحيي', 'صالح', 'احمد', 'معروف']);
      expect(normalise('معروف سالم').tokens).toEqual(['معروف', 'سالم']);
    }
  });

  it('keeps parenthesised names as alternates and Latin words aside', () => {
    const n = normaliseArabicName('محمد ابوعيشة(ابوحطب) Mohammed');
    expect(n.alternates).toEqual(['ابوحطب']);
    expect(n.latinWords).toEqual(['Mohammed']);
    expect(n.tokens).toEqual(['محمد', 'ابوعيشه']);
  });
});

describe('the word-by-word path for plain cells', () => {
  it('gives what the general path gives', () => {
    const words = [
      'عبد',
      'ابو',
      'أبو',
      'الله',
      'هللا',
      'مجهول',
      'ن',
      'و',
      'ء',
      'ـ',
      'محمد',
      'فاطمة',
      'بالل',
      'الدين',
    ];
    const letters = [...'ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآةىئؤـ'];
    const word = fc.oneof(
      fc.constantFrom(...words),
      fc.array(fc.constantFrom(...letters), { minLength: 1, maxLength: 7 }).map((w) => w.join('')),
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 6 }), fc.constantFrom(' ', '  '), (ws, gap) => {
        const cell = ws.join(gap);
        const general = normaliseArabicNameGeneral(cell);
        expect(normaliseArabicName(cell)).toEqual(general);
        // Words that stand alone give the cell's tokens one by one.
        const alone = ws.map(standaloneToken);
        if (ws.length > 0 && alone.every((t) => t !== undefined))
          expect(general.tokens).toEqual(alone);
      }),
      { numRuns: 2000 },
    );
  });
});
