import { describe, expect, it } from 'vitest';
import { normaliseLatinName } from './latin-normalise.js';
import { arabicSkeleton, latinSkeleton } from './phonetic-skeleton.js';
import { readPersonName } from './person-name.js';

describe('normaliseLatinName', () => {
  it('joins particles in any spelling', () => {
    expect(normaliseLatinName('Mohammed el-Masri')).toEqual(['mohammed', 'almasri']);
    expect(normaliseLatinName('Abd Al Rahman Abou Shamala')).toEqual([
      'abdalrahman',
      'aboushamala',
    ]);
    expect(normaliseLatinName("Nour ad-Din Sa'id")).toEqual(['nouraldin', 'said']);
  });
});

describe('cross-script skeleton', () => {
  it('gives one key to the spellings of Muhammad in both scripts', () => {
    const keys = ['Muhammad', 'Mohammad', 'Mohamed', 'Mohammed'].map(latinSkeleton);
    expect(new Set(keys)).toEqual(new Set([arabicSkeleton('محمد')]));
  });

  it('ignores the article on both sides', () => {
    expect(latinSkeleton('almadhoun')).not.toBe('');
    expect(arabicSkeleton('الشوا')).toBe(latinSkeleton(normaliseLatinName('ash-Shawa')[0] ?? ''));
    expect(arabicSkeleton('الاسطل')).toBe(arabicSkeleton('االسطل'));
  });

  it('drops the vowel transliterators write after the article, in both scripts', () => {
    const pairs: [string, string][] = [
      ['المغاري', 'Alamghari'],
      ['الوحيدي', 'Alohaida'],
      ['القدره', 'Aliqadrah'],
      ['الاغا', 'Aalgha'],
      ['الاغا', 'al-Agha'],
      ['الأمين', 'al-Amin'],
    ];
    for (const [arabic, latin] of pairs)
      expect(latinSkeleton(normaliseLatinName(latin)[0] ?? '')).toBe(arabicSkeleton(arabic));
    // Without an article the onset stays: أحمد is not حمد.
    expect(arabicSkeleton('أحمد')).not.toBe(arabicSkeleton('حمد'));
    expect(latinSkeleton('ahmad')).toBe(arabicSkeleton('أحمد'));
  });

  it('joins "Abu" glued to the article with the name that follows', () => {
    expect(normaliseLatinName('Hatim Abual-rous')).toEqual(['hatim', 'abualrous']);
    expect(normaliseLatinName('Abou el-Khair')).toEqual(['aboualkhair']);
  });

  it('lets a Latin-only record meet an Arabic one', () => {
    const ar = readPersonName('يوسف محمد ابراهيم', '');
    const la = readPersonName('', 'Youssef Mohamed Ibrahim');
    expect(la.script).toBe('latin');
    expect(la.skeletons).toEqual(ar.skeletons);
  });
});
