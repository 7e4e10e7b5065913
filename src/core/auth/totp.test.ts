import { describe, expect, it } from 'vitest';
import { base32Decode } from './base32.js';
import { hotp, matchTotp, otpauthUri, totpAt, totpStepAt, type TotpAlgorithm } from './totp.js';

// The seeds of RFC 6238's appendix B: ASCII "1234567890" repeated to the hash's length.
const seeds: Record<TotpAlgorithm, Buffer> = {
  sha1: Buffer.from('12345678901234567890'),
  sha256: Buffer.from('12345678901234567890123456789012'),
  sha512: Buffer.from('1234567890'.repeat(6) + '1234'),
};

// RFC 6238, appendix B: time (seconds), algorithm, 8-digit TOTP.
const rfc6238: [number, TotpAlgorithm, string][] = [
  [59, 'sha1', '94287082'],
  [59, 'sha256', '46119246'],
  [59, 'sha512', '90693936'],
  [1111111109, 'sha1', '07081804'],
  [1111111109, 'sha256', '68084774'],
  [1111111109, 'sha512', '25091201'],
  [1111111111, 'sha1', '14050471'],
  [1111111111, 'sha256', '67062674'],
  [1111111111, 'sha512', '99943326'],
  [1234567890, 'sha1', '89005924'],
  [1234567890, 'sha256', '91819424'],
  [1234567890, 'sha512', '93441116'],
  [2000000000, 'sha1', '69279037'],
  [2000000000, 'sha256', '90698825'],
  [2000000000, 'sha512', '38618901'],
  [20000000000, 'sha1', '65353130'],
  [20000000000, 'sha256', '77737706'],
  [20000000000, 'sha512', '47863826'],
];

// RFC 4226, appendix D: HOTP values for counters 0 to 9, 6 digits, HMAC-SHA-1.
const rfc4226 = [
  '755224',
  '287082',
  '359152',
  '969429',
  '338314',
  '254676',
  '287922',
  '162583',
  '399871',
  '520489',
];

describe('TOTP (RFC 6238) and HOTP (RFC 4226)', () => {
  it.each(rfc6238)('at %i s with %s gives %s', (seconds, algorithm, code) => {
    expect(totpAt(seeds[algorithm], seconds * 1000, 8, algorithm)).toBe(code);
  });

  it('gives the 6-digit HOTP values of RFC 4226', () => {
    expect(rfc4226.map((_, counter) => hotp(seeds.sha1, counter))).toEqual(rfc4226);
  });

  it('counts 30-second steps from the Unix epoch', () => {
    expect(totpStepAt(59_000)).toBe(1);
    expect(totpStepAt(1111111109_000)).toBe(0x23523ec);
    expect(totpStepAt(20000000000_000)).toBe(0x27bc86aa);
  });
});

describe('matchTotp', () => {
  const secret = base32Decode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  const now = 1_700_000_015_000;
  const step = totpStepAt(now);
  const codeAt = (s: number) => hotp(secret, s);

  it('accepts the current code and the ones a step either side (clock drift)', () => {
    expect(matchTotp(secret, codeAt(step), now, null)).toBe(step);
    expect(matchTotp(secret, codeAt(step - 1), now, null)).toBe(step - 1);
    expect(matchTotp(secret, codeAt(step + 1), now, null)).toBe(step + 1);
  });

  it('refuses codes two steps away or more', () => {
    expect(matchTotp(secret, codeAt(step - 2), now, null)).toBeNull();
    expect(matchTotp(secret, codeAt(step + 2), now, null)).toBeNull();
  });

  it('refuses a code whose step was already used (replay), and older ones', () => {
    expect(matchTotp(secret, codeAt(step), now, step)).toBeNull();
    expect(matchTotp(secret, codeAt(step - 1), now, step)).toBeNull();
    expect(matchTotp(secret, codeAt(step + 1), now, step)).toBe(step + 1);
  });

  it('takes spaces people type, and refuses anything but six digits', () => {
    const code = codeAt(step);
    expect(matchTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now, null)).toBe(step);
    expect(matchTotp(secret, code.slice(0, 5), now, null)).toBeNull();
    expect(matchTotp(secret, `${code}0`, now, null)).toBeNull();
    expect(matchTotp(secret, 'abcdef', now, null)).toBeNull();
    expect(matchTotp(secret, '', now, null)).toBeNull();
  });

  it('refuses a right code for another secret', () => {
    const other = base32Decode('JBSWY3DPEHPK3PXP');
    expect(matchTotp(other, codeAt(step), now, null)).toBeNull();
  });
});

describe('otpauthUri', () => {
  it('names the issuer and account and carries the unpadded secret', () => {
    const uri = otpauthUri({
      issuer: 'Sijil',
      account: 'layla@example.org',
      secretBase32: 'MZXW6YTBOI======',
    });
    expect(uri).toBe(
      'otpauth://totp/Sijil:layla%40example.org?secret=MZXW6YTBOI&issuer=Sijil&algorithm=SHA1&digits=6&period=30',
    );
  });
});
