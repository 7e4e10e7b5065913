import { describe, expect, it } from 'vitest';
import {
  canonicalNameTokens,
  crossScriptTokens,
  latinSpellingKey,
  matchWord,
  withinOneEdit,
  type SearchVocabulary,
} from './search-terms.js';

function vocabulary(tokens: string[]): SearchVocabulary {
  const byLatinKey = new Map<string, number[]>();
  tokens.forEach((t, id) => {
    const key = latinSpellingKey(t);
    if (key !== null) byLatinKey.set(key, [...(byLatinKey.get(key) ?? []), id]);
  });
  return {
    tokens,
    byLatinKey,
    idOf: (token) => (tokens.includes(token) ? tokens.indexOf(token) : undefined),
  };
}

const found = (v: SearchVocabulary, word: string) =>
  matchWord(v, word)
    .tokenIds.map((id) => v.tokens[id])
    .sort();

describe('search terms', () => {
  it('tells one edit from two', () => {
    expect(withinOneEdit('ابراهيم', 'ابراهين')).toBe(true);
    expect(withinOneEdit('ابراهيم', 'ابرهيم')).toBe(true);
    expect(withinOneEdit('fatima', 'fatmia')).toBe(true);
    expect(withinOneEdit('fatima', 'fatimaa')).toBe(true);
    expect(withinOneEdit('fatima', 'fatma')).toBe(true);
    expect(withinOneEdit('fatima', 'fitmaa')).toBe(false);
    expect(withinOneEdit('ابراهيم', 'ابرخخيم')).toBe(false);
  });

  it('gives transliterations of one name one key, and other names another', () => {
    const key = latinSpellingKey('muhammad');
    for (const s of ['mohammed', 'mohamed', 'muhamad', 'mouhammad']) {
      expect(latinSpellingKey(s), s).toBe(key);
    }
    expect(latinSpellingKey('mahmoud')).not.toBe(key);
    expect(latinSpellingKey('yousef')).toBe(latinSpellingKey('yusuf'));
    expect(latinSpellingKey('محمد')).toBeNull();
    expect(latinSpellingKey('al-masri')).toBeNull();
  });

  it('matches parts of words, spellings, and typos only when nothing else matches', () => {
    const v = vocabulary(['محمد', 'محمود', 'ابراهيم', 'muhammad', 'mahmoud', 'بلال']);
    expect(found(v, 'محم')).toEqual(['محمد', 'محمود']);
    expect(found(v, 'محمود')).toEqual(['محمود']);
    expect(found(v, 'mohammed')).toEqual(['muhammad']);
    expect(matchWord(v, 'ابراهين')).toMatchObject({ typo: true });
    expect(found(v, 'ابراهين')).toEqual(['ابراهيم']);
    expect(found(v, 'محمط')).toEqual([]);
    // PDF damage to لا is repaired on both sides, as linkage repairs it.
    expect(found(vocabulary(['بالل']), 'بلال')).toEqual(['بالل']);
  });

  it('finds records named in one script only from the other, by consonants', () => {
    // Each record's words, as the index holds them with their cross-script tokens.
    const records = [
      ['شهاب', 'احمد'],
      ['المدهون'],
      ['shihab'],
      ['حمد'],
      ['علي'],
      ['ايه'],
      ['محمد', 'mohamed'],
    ];
    const tokens = [
      ...new Set(records.flatMap((words) => [...words, ...crossScriptTokens(words)])),
    ];
    const v = vocabulary(tokens);
    const recordsFound = (word: string) => {
      const ids = new Set(matchWord(v, word).tokenIds.map((id) => v.tokens[id]));
      return records
        .filter((words) => [...words, ...crossScriptTokens(words)].some((t) => ids.has(t)))
        .map((w) => w[0]);
    };
    expect(recordsFound('shehab')).toEqual(['شهاب', 'shihab']);
    expect(recordsFound('ahmed')).toEqual(['شهاب']);
    expect(recordsFound('madhoun')).toEqual(['المدهون']);
    expect(recordsFound('شهاب')).toEqual(['شهاب', 'shihab']);
    expect(recordsFound('ali')).toEqual(['علي']);
    // "Hamad" is not "Ahmad": a leading weak letter counts.
    expect(recordsFound('hamad')).toEqual(['حمد']);
    // One consonant class is too little to go on.
    expect(recordsFound('aya')).toEqual([]);
    // A record in both scripts is found by its own spellings only.
    expect(recordsFound('mahmoud')).toEqual([]);
    expect(crossScriptTokens(['محمد', 'mohamed'])).toEqual([]);
  });

  it('gives the canonical tokens of names as linkage normalises them', () => {
    expect(canonicalNameTokens('إبراهيم عبد الرحمن', 'Ibrahim Abd al-Rahman')).toEqual([
      'ابراهيم',
      'عبدالرحمن',
      'ibrahim',
      'abdalrahman',
    ]);
    expect(canonicalNameTokens(null, null)).toEqual([]);
  });
});
