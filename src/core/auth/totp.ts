import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Time-based one-time passwords (RFC 6238) over HOTP (RFC 4226), as authenticator apps make them:
 * HMAC-SHA-1, 6 digits, 30-second steps. Other algorithms and lengths exist for the RFC's own
 * test vectors.
 */
export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

export const totpStepSeconds = 30;
export const totpDigits = 6;
/** Steps either side of now that are still accepted: phones' clocks drift. */
export const totpDriftSteps = 1;

/** The time step a moment falls in (T in RFC 6238). */
export function totpStepAt(unixMs: number, stepSeconds = totpStepSeconds): number {
  return Math.floor(unixMs / 1000 / stepSeconds);
}

/** HOTP(K, C): the code for one counter value (here, one time step). */
export function hotp(
  secret: Uint8Array,
  counter: number,
  digits = totpDigits,
  algorithm: TotpAlgorithm = 'sha1',
): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, secret).update(message).digest();
  // Dynamic truncation: the low nibble of the last byte says where to read 31 bits.
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

export function totpAt(
  secret: Uint8Array,
  unixMs: number,
  digits = totpDigits,
  algorithm: TotpAlgorithm = 'sha1',
): string {
  return hotp(secret, totpStepAt(unixMs), digits, algorithm);
}

/**
 * The time step whose code this is, within the drift window, or null. A step at or before
 * `lastUsedStep` is refused, so an accepted code (or an older one) never works twice.
 */
export function matchTotp(
  secret: Uint8Array,
  code: string,
  unixMs: number,
  lastUsedStep: number | null,
): number | null {
  const typed = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(typed)) return null;
  const now = totpStepAt(unixMs);
  let matched: number | null = null;
  // Every step in the window is computed, matched or not, so timing says nothing of which.
  for (let step = now - totpDriftSteps; step <= now + totpDriftSteps; step++) {
    const equal = timingSafeEqual(Buffer.from(hotp(secret, step)), Buffer.from(typed));
    const unused = lastUsedStep === null || step > lastUsedStep;
    if (equal && unused && matched === null) matched = step;
  }
  return matched;
}

/** The otpauth:// URI authenticator apps read (Key URI Format), secret in unpadded base32. */
export function otpauthUri(input: {
  issuer: string;
  account: string;
  secretBase32: string;
}): string {
  const label = `${encodeURIComponent(input.issuer)}:${encodeURIComponent(input.account)}`;
  const params = new URLSearchParams({
    secret: input.secretBase32.replace(/=+$/, ''),
    issuer: input.issuer,
    algorithm: 'SHA1',
    digits: String(totpDigits),
    period: String(totpStepSeconds),
  });
  return `otpauth://totp/${label}?${params.toString()}`;
}
