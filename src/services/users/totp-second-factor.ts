import { base32Decode } from '../../core/auth/base32.js';
import { matchTotp } from '../../core/auth/totp.js';
import type { Sql } from '../../db/database.js';
import { spendRecoveryCode } from '../../db/repositories/recovery-code-repository.js';
import { acceptTotpStep, findStoredTotp } from '../../db/repositories/user-repository.js';
import { recoveryCodeHash } from './totp-recovery-codes.js';
import { unsealTotpSecret } from './totp-secret-sealing.js';

export type SecondFactor = 'totp' | 'recovery-code';

/**
 * Checks and spends a second factor for a user whose TOTP is on, inside the caller's transaction:
 * a current code (whose time step is then used up) or an unused recovery code (then spent).
 * Null when it is neither.
 */
export async function spendSecondFactor(
  tx: Sql,
  userId: number,
  typed: string,
  now = Date.now(),
): Promise<SecondFactor | null> {
  const stored = await findStoredTotp(tx, userId);
  if (!stored?.secret || !stored.enabledAt) return null;
  if (/^\s*\d{3}\s?\d{3}\s*$/.test(typed)) {
    const secret = base32Decode(unsealTotpSecret(userId, stored.secret));
    const step = matchTotp(secret, typed, now, stored.lastStep);
    return step !== null && (await acceptTotpStep(tx, userId, step)) ? 'totp' : null;
  }
  const codeHash = recoveryCodeHash(typed);
  return codeHash && (await spendRecoveryCode(tx, userId, codeHash)) ? 'recovery-code' : null;
}
