import { describe, expect, it } from 'vitest';
import { extractClaims } from './extract-claims.js';
import { populationInArabic, scopeInArabic } from './scope-in-arabic.js';
import { GROUPS, KNOWN_SITES, NATIONALITY_FORMS, PERPETRATORS, PLACES } from './scope-lexicon.js';

const ARABIC_ONLY = /^[\p{Script=Arabic}\s()]+$/u;

describe('a scope in Arabic', () => {
  it('says what an Arabic statement was read as in Arabic words again', () => {
    const [claim] = extractClaims(
      'قُتل 120 لاجئاً فلسطينياً في درعا على يد قوات النظام السوري منذ عام 2011.',
    );
    // Stored in the lexicon's English values, which the register's filters use…
    expect(claim?.scope).toEqual({
      population: 'Palestinian refugees',
      perpetrator: 'Syrian regime',
      place: { governorate: 'Daraa' },
      period: { start: '2011' },
    });
    // …and shown in Arabic.
    expect(scopeInArabic(claim!.scope!)).toEqual({
      population: 'اللاجئون الفلسطينيون',
      perpetrator: 'النظام السوري',
      place: { governorate: 'درعا' },
      period: { start: '2011' },
    });
  });

  it('has an Arabic name for every place, camp, prison and actor of the lexicon', () => {
    for (const entry of [...PLACES, ...KNOWN_SITES, ...PERPETRATORS])
      expect(entry.ar, entry.value).toMatch(ARABIC_ONLY);
    const shown = scopeInArabic({
      place: { country: 'Syria', site: 'Saydnaya prison' },
      perpetrator: 'ISIS',
    });
    expect(shown).toEqual({
      place: { country: 'سوريا', site: 'سجن صيدنايا' },
      perpetrator: 'تنظيم الدولة الإسلامية (داعش)',
    });
  });

  it('says every population the extractor composes, the adjective agreeing with its group', () => {
    const groups = GROUPS.filter((g) => g.value !== '');
    const composed = [
      ...Object.values(NATIONALITY_FORMS).map((f) => f.people),
      ...groups.map((g) => g.value),
      ...Object.keys(NATIONALITY_FORMS).flatMap((n) => groups.map((g) => `${n} ${g.value}`)),
      ...groups.flatMap((a) =>
        groups.filter((b) => b !== a).map((b) => `${a.value} and ${b.value}`),
      ),
    ];
    for (const value of composed) expect(populationInArabic(value), value).toMatch(ARABIC_ONLY);
    expect(populationInArabic('Palestinian women')).toBe('النساء الفلسطينيات');
    expect(populationInArabic('Syrian medical workers')).toBe('الكوادر الطبية السورية');
    expect(populationInArabic('Iraqi children')).toBe('الأطفال العراقيون');
    expect(populationInArabic('women and children')).toBe('النساء والأطفال');
  });

  it('keeps values the lexicon does not know as they are stored, and the stored scope as it was', () => {
    const stored = {
      population: 'detainees',
      place: { governorate: 'Daraa', site: 'Khan Dannoun camp' },
      perpetrator: 'unknown armed group',
    };
    expect(scopeInArabic(stored)).toEqual({
      population: 'detainees',
      place: { governorate: 'درعا', site: 'Khan Dannoun camp' },
      perpetrator: 'unknown armed group',
    });
    expect(stored.place.governorate).toBe('Daraa');
  });
});
