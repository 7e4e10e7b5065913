import { describe, expect, it } from 'vitest';
import { extractClaims } from '../../src/core/claims/index.js';
import { ARABIC_CASES, ENGLISH_CASES, type SentenceCase } from './sentence-cases.js';

const summarise = (text: string) =>
  extractClaims(text).map((c) => [c.value, c.qualifier, c.category]);

describe.each([
  ['English', ENGLISH_CASES],
  ['Arabic', ARABIC_CASES],
] as const)('extractClaims on %s sentences', (_language, cases: readonly SentenceCase[]) => {
  it.each(cases.map((c) => [c.text, c] as const))('%s', (_text, c) => {
    expect(summarise(c.text)).toEqual(c.claims);
  });
});

describe('quotes', () => {
  it.each([...ENGLISH_CASES, ...ARABIC_CASES].map((c) => [c.text] as const))(
    'are exact slices of %s',
    (text) => {
      for (const claim of extractClaims(text)) {
        expect(text.slice(claim.start, claim.end)).toBe(claim.quote);
      }
    },
  );
});
