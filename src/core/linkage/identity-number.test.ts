import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDigitFor, hasValidCheckDigit, identityNumberStatus } from './identity-number.js';
import { findDefaultBirthDates, parseAge } from './default-values.js';

describe('identity numbers', () => {
  it('accepts a number whose check digit fits and rejects one typo', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{8}$/), fc.integer({ min: 0, max: 7 }), (eight, pos) => {
        const id = eight + String(checkDigitFor(eight));
        expect(hasValidCheckDigit(id)).toBe(true);
        const wrong = id.slice(0, pos) + String((Number(id[pos]) + 1) % 10) + id.slice(pos + 1);
        expect(hasValidCheckDigit(wrong)).toBe(false);
      }),
    );
  });

  it('classifies cells', () => {
    expect(identityNumberStatus('')).toBe('missing');
    expect(identityNumberStatus('missing-12')).toBe('missing');
    expect(identityNumberStatus('400000008')).toBe(
      hasValidCheckDigit('400000008') ? 'valid' : 'invalid',
    );
  });
});

describe('default values', () => {
  it('treats known and anomalously frequent birth dates as defaults', () => {
    const dates: string[] = ['1999-03-04', '1999-05-06', '1999-07-08'];
    for (let i = 0; i < 50; i++) dates.push('1999-01-01');
    const defaults = findDefaultBirthDates(dates);
    expect(defaults.has('1999-01-01')).toBe(true);
    expect(defaults.has('2000-01-01')).toBe(true);
    expect(defaults.has('1999-03-04')).toBe(false);
  });

  it('reads -1 and text as a missing age', () => {
    expect(parseAge('-1')).toBeUndefined();
    expect(parseAge('abc')).toBeUndefined();
    expect(parseAge('34')).toBe(34);
  });
});
