import { randomBytes } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import { base32Decode, base32Encode, groupForTyping } from '../../core/auth/base32.js';
import { matchTotp, otpauthUri } from '../../core/auth/totp.js';
import type { Database } from '../../db/database.js';
import { appendAuditEvent } from '../../db/repositories/audit-repository.js';
import {
  countUnusedRecoveryCodes,
  deleteRecoveryCodes,
  replaceRecoveryCodes,
} from '../../db/repositories/recovery-code-repository.js';
import { deleteSignInChallenges } from '../../db/repositories/sign-in-challenge-repository.js';
import {
  clearTotp,
  enableTotp,
  findStoredTotp,
  findUserById,
  recordFailedLogin,
  setPendingTotpSecret,
} from '../../db/repositories/user-repository.js';
import { AuthError } from './auth-error.js';
import { TotpCodeError, TotpStateError } from './totp-errors.js';
import { newRecoveryCodes, recoveryCodeHash } from './totp-recovery-codes.js';
import { spendSecondFactor } from './totp-second-factor.js';
import { sealTotpSecret, unsealTotpSecret } from './totp-secret-sealing.js';
import { lockAfterFailures, lockMinutes, lockedOut } from './users-service.js';

/** The name authenticator apps show beside the account. */
const issuer = 'Sijil';

export interface TotpStatus {
  enabled: boolean;
  enabledAt: string | null;
  recoveryCodesLeft: number;
}

export async function totpStatus(db: Database, userId: number): Promise<TotpStatus> {
  const stored = await findStoredTotp(db, userId);
  const enabledAt = stored?.enabledAt ?? null;
  return {
    enabled: enabledAt !== null,
    enabledAt: enabledAt?.toISOString() ?? null,
    recoveryCodesLeft: enabledAt ? await countUnusedRecoveryCodes(db, userId) : 0,
  };
}

/** A new secret to put in an authenticator app: shown this once, asked at sign-in only once proved. */
export interface TotpEnrolment {
  secret: string;
  secretForTyping: string;
  otpauthUri: string;
}

/**
 * Generates a secret (20 random bytes, as RFC 4226 recommends) awaiting its first code. Starting
 * again replaces a pending secret; with TOTP on, it must be turned off first.
 */
export async function startTotpEnrolment(db: Database, userId: number): Promise<TotpEnrolment> {
  const user = await findUserById(db, userId);
  if (!user) throw new TotpStateError('there is no such account');
  const secret = base32Encode(randomBytes(20), { padding: false });
  await db.transaction(async (tx) => {
    if (!(await setPendingTotpSecret(tx, userId, sealTotpSecret(userId, secret)))) {
      throw new TotpStateError('two-step sign-in is already on: turn it off first');
    }
    await appendAuditEvent(tx, {
      actor: `user:${userId}`,
      action: 'user.totp-enrolment-started',
      entityType: 'user',
      entityId: userId,
    });
  });
  return {
    secret,
    secretForTyping: groupForTyping(secret),
    otpauthUri: otpauthUri({ issuer, account: user.email, secretBase32: secret }),
  };
}

/**
 * Turns TOTP on once a code proves the pending secret is in the user's app, and returns the
 * recovery codes: shown this once, kept only as hashes.
 */
export async function activateTotp(
  db: Database,
  userId: number,
  code: string,
): Promise<{ recoveryCodes: string[] }> {
  const stored = await findStoredTotp(db, userId);
  if (stored?.enabledAt) throw new TotpStateError('two-step sign-in is already on');
  if (!stored?.secret)
    throw new TotpStateError('start the set-up first: there is no secret to confirm');
  const secret = base32Decode(unsealTotpSecret(userId, stored.secret));
  const step = matchTotp(secret, code, Date.now(), null);
  if (step === null) {
    throw new TotpCodeError(
      'that code does not match: check the phone’s clock and type the code the app shows now',
    );
  }
  const recoveryCodes = newRecoveryCodes();
  await db.transaction(async (tx) => {
    if (!(await enableTotp(tx, userId, step)))
      throw new TotpStateError('two-step sign-in is already on');
    await replaceRecoveryCodes(
      tx,
      userId,
      recoveryCodes.map((c) => recoveryCodeHash(c)!),
    );
    await appendAuditEvent(tx, {
      actor: `user:${userId}`,
      action: 'user.totp-enabled',
      entityType: 'user',
      entityId: userId,
      after: { recoveryCodes: recoveryCodes.length },
    });
  });
  return { recoveryCodes };
}

/**
 * Turns TOTP off: needs the password and a current code (or a recovery code, for a lost phone).
 * Wrong ones count towards the lock-out, as at sign-in: a stolen session must not become a way
 * to guess the password.
 */
export async function disableTotp(
  db: Database,
  userId: number,
  password: string,
  code: string,
): Promise<void> {
  const user = await findUserById(db, userId);
  if (!user?.passwordHash) throw new TotpStateError('there is no such account');
  if (!user.totpEnabled) throw new TotpStateError('two-step sign-in is not on');
  const locked = lockedOut(user);
  if (locked) throw locked;
  const passwordOk = await verify(user.passwordHash, password).catch(() => false);
  const done = await db.transaction(async (tx) => {
    const factor = passwordOk ? await spendSecondFactor(tx, userId, code) : null;
    if (!factor) {
      const failures = await recordFailedLogin(tx, userId, lockAfterFailures, lockMinutes);
      await appendAuditEvent(tx, {
        actor: `user:${userId}`,
        action: 'user.totp-disable-refused',
        entityType: 'user',
        entityId: userId,
        after: { failures },
      });
      return false;
    }
    await clearTotp(tx, userId);
    await deleteRecoveryCodes(tx, userId);
    await deleteSignInChallenges(tx, userId);
    await appendAuditEvent(tx, {
      actor: `user:${userId}`,
      action: 'user.totp-disabled',
      entityType: 'user',
      entityId: userId,
      after: { with: factor },
    });
    return true;
  });
  if (!done) throw new AuthError('wrong password or code', 'invalid');
}
