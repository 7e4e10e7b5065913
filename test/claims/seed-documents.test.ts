import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractClaims, type ExtractedClaim } from '../../src/core/claims/index.js';

const documents = new URL('../../data/demo/documents/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, documents), 'utf8');
const summarise = (claims: readonly ExtractedClaim[]) =>
  claims.map((c) => [c.value, c.qualifier, c.category]);

/** The five demo documents (real statements and articles) and the figures each states. */
const EXPECTED: Record<string, Array<[number, string, string]>> = {
  'syrians-stand-with-palestine.txt': [
    [10000, 'close_to', 'killed'],
    [3760, 'more_than', 'children_killed'],
    [1500, 'up_to', 'killed'],
    [4048, 'exactly', 'killed'],
    [614, 'exactly', 'died_under_torture'],
    [205, 'exactly', 'died_under_siege'],
    [120000, 'more_than', 'displaced'],
  ],
  'syrian-observer-media-solidarity.txt': [],
  'wikipedia-palestine-syria-relations.txt': [
    // "ordered the arrest of two leaders": a small count beside its verb.
    [2, 'exactly', 'detained_or_disappeared'],
    [85000, 'about', 'displaced'],
    [500000, 'about', 'population'],
  ],
  'snhr-3207-palestinians.txt': [
    // The page repeats the headline in a breadcrumb, cut off before "Under Torture".
    [3207, 'at_least', 'killed'],
    [497, 'exactly', 'killed'],
    [3207, 'at_least', 'killed'],
    [497, 'exactly', 'died_under_torture'],
    [2721, 'exactly', 'detained_or_disappeared'],
    [96000, 'at_least', 'detained_or_disappeared'],
  ],
  'ukrainian-letter-of-solidarity.txt': [
    [700000, 'more_than', 'displaced'],
    [8500, 'more_than', 'killed'],
    [62, 'more_than', 'share'],
    [21048, 'more_than', 'injured'],
    [227, 'exactly', 'killed'],
    [121, 'exactly', 'killed'],
    [10000, 'more_than', 'detained_or_disappeared'],
  ],
};

describe('extractClaims on the demo documents', () => {
  it.each(Object.entries(EXPECTED))('%s', (name, expected) => {
    const text = read(name);
    const claims = extractClaims(text);
    expect(summarise(claims)).toEqual(expected);
    for (const claim of claims) {
      expect(text.slice(claim.start, claim.end)).toBe(claim.quote);
      expect(claim.quote.length).toBeLessThan(200);
    }
  });

  it('takes no year, date, duration, age, list number or reference for a figure', () => {
    const values = new Set(
      Object.keys(EXPECTED).flatMap((name) => extractClaims(read(name)).map((c) => c.value)),
    );
    // Years and dates (1948, 2011, 7 October, 2 November 2023), durations (75 years, 12 years),
    // an age (a 6-year old), the issue number IV586 and the URL's article8300.
    for (const value of [1917, 1948, 1967, 1976, 2011, 2023, 7, 75, 12, 6, 586, 8300, 24, 20]) {
      expect(values.has(value), String(value)).toBe(false);
    }
  });

  it('skips the 130 numbered signatories', () => {
    const claims = extractClaims(read('syrians-stand-with-palestine.txt'));
    const signatories = read('syrians-stand-with-palestine.txt').indexOf('1. Razan Saffour');
    expect(signatories).toBeGreaterThan(0);
    expect(claims.filter((c) => c.start >= signatories)).toEqual([]);
  });

  it('gives the headline figures the right offsets', () => {
    const text = read('snhr-3207-palestinians.txt');
    const claim = extractClaims(text).find((c) => c.category === 'detained_or_disappeared');
    expect(claim?.quote).toBe('Arresting and Forcibly Disappearing 2,721 More');
    expect(text.slice(claim?.start, claim?.end)).toBe(claim?.quote);
  });
});
