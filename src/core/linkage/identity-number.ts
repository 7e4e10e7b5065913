/**
 * Palestinian identity numbers: nine digits, the last a check digit computed with
 * Luhn-style weights 1,2,1,2,… over the first eight (digits of doubled values summed).
 * About 5% of the numbers in the Ministry releases fail the check: they are typos.
 * A number is therefore evidence to weigh, never a key that merges or splits alone.
 */

/** What is known about one identity-number cell. */
export type IdentityNumberStatus = 'missing' | 'valid' | 'invalid';

/** Digits only, or '' when the cell is not a plausible identity number at all. */
export function cleanIdentityNumber(raw: string): string {
  const digits = raw.replace(/[\s-]/g, '');
  return /^[0-9]{9}$/.test(digits) ? digits : '';
}

/** True when a 9-digit string passes the check digit. */
export function hasValidCheckDigit(digits: string): boolean {
  if (!/^[0-9]{9}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let v = Number(digits[i]) * (i % 2 === 0 ? 1 : 2);
    if (v > 9) v -= 9;
    sum += v;
  }
  return sum % 10 === 0;
}

/** Classifies a raw cell. */
export function identityNumberStatus(raw: string): IdentityNumberStatus {
  const digits = cleanIdentityNumber(raw);
  if (digits === '') return 'missing';
  return hasValidCheckDigit(digits) ? 'valid' : 'invalid';
}

/** The check digit that makes the first eight digits valid (for synthetic data and tests). */
export function checkDigitFor(firstEight: string): number {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    let v = Number(firstEight[i]) * (i % 2 === 0 ? 1 : 2);
    if (v > 9) v -= 9;
    sum += v;
  }
  return (10 - (sum % 10)) % 10;
}
