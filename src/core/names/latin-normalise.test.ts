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

  it('lets a Latin-only record meet an Arabic one', () => {
    const ar = readPersonName('يوسف محمد ابراهيم', '');
    const la = readPersonName('', 'Youssef Mohamed Ibrahim');
    expect(la.script).toBe('latin');
    expect(la.skeletons).toEqual(ar.skeletons);
  });
});
