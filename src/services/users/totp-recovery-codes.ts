import { randomBytes } from 'node:crypto';
import { base32Encode } from '../../core/auth/base32.js';
import { hashToken } from './secret-token.js';

/** How many one-time recovery codes an activation hands out. */
export const recoveryCodeCount = 8;

/**
 * Fresh recovery codes, "ABCD-EFGH-IJKL-MNOP": 80 random bits each, so storing their plain
 * SHA-256 is safe (no one can try every code) and checking one is cheap.
 */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: recoveryCodeCount }, () =>
    base32Encode(randomBytes(10), { padding: false }).match(/.{4}/g)!.join('-'),
  );
}

/** The hash a typed recovery code is looked up by, or null when it cannot be one. */
export function recoveryCodeHash(typed: string): string | null {
  const code = typed.replace(/[\s-]/g, '').toUpperCase();
  return /^[A-Z2-7]{16}$/.test(code) ? hashToken(code) : null;
}
