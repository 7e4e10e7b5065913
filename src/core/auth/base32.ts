/**
 * Base32 as RFC 4648 section 6 defines it: the alphabet authenticator apps expect for TOTP
 * secrets. Decoding forgives what people do when they type a secret: lower case, spaces,
 * hyphens and missing padding.
 */
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Uint8Array, { padding = true } = {}): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += alphabet[(buffer << (5 - bits)) & 31];
  // A full block is 8 characters (40 bits); padding fills the last one.
  return padding ? out.padEnd(Math.ceil(out.length / 8) * 8, '=') : out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s-]/g, '').replace(/=+$/, '').toUpperCase();
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const [index, char] of [...clean].entries()) {
    const value = alphabet.indexOf(char);
    if (value < 0) {
      throw new Error(`not base32: "${char}" at position ${index + 1} (only A–Z and 2–7)`);
    }
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bytes.push((buffer >>> (bits - 8)) & 255);
      bits -= 8;
    }
    buffer &= (1 << bits) - 1;
  }
  return Buffer.from(bytes);
}

/** "JBSW Y3DP EHPK 3PXP": groups of four, easier to read aloud and type into a phone. */
export function groupForTyping(base32: string, size = 4): string {
  return (base32.replace(/=+$/, '').match(new RegExp(`.{1,${size}}`, 'g')) ?? []).join(' ');
}
