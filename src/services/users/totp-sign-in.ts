import type { Database } from '../../db/database.js';
import { appendAuditEvent } from '../../db/repositories/audit-repository.js';
import { countUnusedRecoveryCodes } from '../../db/repositories/recovery-code-repository.js';
import {
  findLiveSignInChallenge,
  spendSignInChallenge,
} from '../../db/repositories/sign-in-challenge-repository.js';
import { findUserById, recordFailedLogin } from '../../db/repositories/user-repository.js';
import { AuthError } from './auth-error.js';
import { hashToken } from './secret-token.js';
import { ChallengeExpiredError } from './totp-errors.js';
import { spendSecondFactor } from './totp-second-factor.js';
import {
  lockAfterFailures,
  lockMinutes,
  lockedOut,
  openSession,
  type Session,
} from './users-service.js';

/**
 * The second step of signing in: a challenge from a right password, and a current TOTP code or
 * an unused recovery code. Wrong codes count towards the account's lock-out like wrong passwords;
 * the challenge survives them (a typo does not mean typing the password again) but opens at most
 * one session.
 */
export async function completeSignInWithSecondFactor(
  db: Database,
  challenge: string,
  code: string,
  from: string,
): Promise<Session> {
  const challengeHash = hashToken(challenge);
  const userId = await findLiveSignInChallenge(db, challengeHash);
  if (userId === null) throw new ChallengeExpiredError();
  const user = await findUserById(db, userId);
  if (!user || user.disabled || !user.passwordHash) throw new ChallengeExpiredError();
  const locked = lockedOut(user);
  if (locked) throw locked;
  const outcome = await db.transaction(async (tx) => {
    const factor = await spendSecondFactor(tx, user.id, code);
    if (!factor) {
      const failures = await recordFailedLogin(tx, user.id, lockAfterFailures, lockMinutes);
      await appendAuditEvent(tx, {
        actor: `anonymous:${from}`,
        action: 'auth.second-factor-failed',
        entityType: 'user',
        entityId: user.id,
        after: { failures },
      });
      return null;
    }
    // Spent in the same transaction as the session opens: two racing requests get one session.
    if (!(await spendSignInChallenge(tx, challengeHash))) throw new ChallengeExpiredError();
    if (factor === 'recovery-code') {
      await appendAuditEvent(tx, {
        actor: `user:${user.id}`,
        action: 'user.recovery-code-used',
        entityType: 'user',
        entityId: user.id,
        after: { remaining: await countUnusedRecoveryCodes(tx, user.id) },
      });
    }
    return openSession(tx, user, from, factor);
  });
  if (!outcome) throw new AuthError('wrong code', 'invalid');
  return outcome;
}
