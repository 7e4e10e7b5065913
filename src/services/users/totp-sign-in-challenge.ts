import type { Database } from '../../db/database.js';
import { appendAuditEvent } from '../../db/repositories/audit-repository.js';
import {
  deleteSignInChallenges,
  insertSignInChallenge,
} from '../../db/repositories/sign-in-challenge-repository.js';
import { hashToken, newToken } from './secret-token.js';

/** How long the second step may wait after a right password. */
export const challengeMinutes = 5;

/** A right password for an account with TOTP on: no session yet, a challenge for the code. */
export interface SecondFactorRequired {
  secondFactor: true;
  challenge: string;
  expiresAt: Date;
}

/**
 * Issues the single-use token that stands for "password accepted" until the second factor
 * comes; the store keeps only its SHA-256. Earlier challenges of the same user are dropped.
 */
export async function issueSignInChallenge(
  db: Database,
  userId: number,
  from: string,
): Promise<SecondFactorRequired> {
  const challenge = newToken();
  const expiresAt = new Date(Date.now() + challengeMinutes * 60_000);
  await db.transaction(async (tx) => {
    await deleteSignInChallenges(tx, userId);
    await insertSignInChallenge(tx, { idHash: hashToken(challenge), userId, expiresAt });
    await appendAuditEvent(tx, {
      actor: `anonymous:${from}`,
      action: 'auth.second-factor-asked',
      entityType: 'user',
      entityId: userId,
      after: { from },
    });
  });
  return { secondFactor: true, challenge, expiresAt };
}
