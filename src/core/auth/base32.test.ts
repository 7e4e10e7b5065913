import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, groupForTyping } from './base32.js';

// RFC 4648, section 10.
const vectors: [string, string][] = [
  ['', ''],
  ['f', 'MY======'],
  ['fo', 'MZXQ===='],
  ['foo', 'MZXW6==='],
  ['foob', 'MZXW6YQ='],
  ['fooba', 'MZXW6YTB'],
  ['foobar', 'MZXW6YTBOI======'],
];

describe('base32 (RFC 4648)', () => {
  it.each(vectors)('encodes and decodes %j as %s', (text, encoded) => {
    expect(base32Encode(Buffer.from(text))).toBe(encoded);
    expect(base32Decode(encoded).toString()).toBe(text);
  });

  it('leaves the padding out when asked, and reads it back either way', () => {
    expect(base32Encode(Buffer.from('foobar'), { padding: false })).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI').toString()).toBe('foobar');
  });

  it('forgives lower case, spaces and hyphens as people type them', () => {
    expect(base32Decode('mzxw 6ytb-oi').toString()).toBe('foobar');
  });

  it('round-trips any bytes', () => {
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 37) % 256));
    for (let length = 0; length <= 40; length++) {
      const part = bytes.subarray(0, length);
      expect(base32Decode(base32Encode(part)).equals(part)).toBe(true);
    }
  });

  it('says which character is not base32', () => {
    expect(() => base32Decode('MZXW1')).toThrow(/"1" at position 5/);
  });

  it('groups a secret in fours for typing', () => {
    expect(groupForTyping('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
    expect(groupForTyping('MZXW6YTBOI======')).toBe('MZXW 6YTB OI');
  });
});
