import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import { passwordProblem } from '../../core/auth/password-policy.js';
import { roles, type Role } from '../../core/auth/permissions.js';
import type { Database, Sql } from '../../db/database.js';
import { appendAuditEvent } from '../../db/repositories/audit-repository.js';
import {
  deleteSession,
  deleteUserSessions,
  findLiveSession,
  insertSession,
} from '../../db/repositories/session-repository.js';
import {
  countAdmins,
  findUserByEmail,
  findUserById,
  findUserBySetupToken,
  insertUser,
  publicUser,
  recordFailedLogin,
  recordSuccessfulLogin,
  setPasswordHash,
  setSetupToken,
  type User,
  type UserCredentials,
} from '../../db/repositories/user-repository.js';
import { AuthError } from './auth-error.js';
import { hashToken, newToken } from './secret-token.js';
import type { SecondFactor } from './totp-second-factor.js';
import { issueSignInChallenge, type SecondFactorRequired } from './totp-sign-in-challenge.js';

const setupValidHours = 72;
const sessionHours = 12;
// Wrong passwords and wrong second-factor codes count alike.
export const lockAfterFailures = 5;
export const lockMinutes = 15;
// Algorithm 2 is argon2id; OWASP's minimum (19 MiB, 2 passes) as the library's default.
const argon2Options = { algorithm: 2 } as const;

const emailSchema = z
  .email()
  .max(254)
  .transform((e) => e.toLowerCase());

export interface NewUser {
  email: string;
  role: Role;
  displayName?: string | null;
}

/** Creates an account with no password and returns its one-time set-password token. */
export async function addUser(
  db: Database,
  input: NewUser,
  actor: string,
): Promise<{ user: User; setupToken: string }> {
  const email = emailSchema.parse(input.email);
  const role = z.enum(roles).parse(input.role);
  const setupToken = newToken();
  const user = await db.transaction(async (tx) => {
    const created = await insertUser(tx, {
      email,
      displayName: input.displayName ?? null,
      role,
      setupTokenHash: hashToken(setupToken),
      setupExpiresAt: new Date(Date.now() + setupValidHours * 3600_000),
    });
    await appendAuditEvent(tx, {
      actor,
      action: 'user.create',
      entityType: 'user',
      entityId: created.id,
      after: { email, role },
    });
    return created;
  });
  return { user, setupToken };
}

/** Issues a new one-time link for an existing account (a forgotten password, say). */
export async function resetSetupToken(db: Database, email: string, actor: string): Promise<string> {
  const user = await findUserByEmail(db, emailSchema.parse(email));
  if (!user) throw new Error(`there is no user ${email}`);
  const token = newToken();
  await db.transaction(async (tx) => {
    await setSetupToken(
      tx,
      user.id,
      hashToken(token),
      new Date(Date.now() + setupValidHours * 3600_000),
    );
    await deleteUserSessions(tx, user.id);
    await appendAuditEvent(tx, {
      actor,
      action: 'user.reset-link',
      entityType: 'user',
      entityId: user.id,
    });
  });
  return token;
}

/**
 * On a register with no admin, creates one with a one-time link, so no default password ever
 * exists. Returns the token to print, or null when there is already an admin.
 */
export async function ensureFirstAdmin(db: Database, email: string): Promise<string | null> {
  if ((await countAdmins(db)) > 0) return null;
  const { setupToken } = await addUser(
    db,
    { email, role: 'admin', displayName: 'Administrator' },
    'system:first-start',
  );
  return setupToken;
}

/** Spends a one-time token to set a password. */
export async function setPasswordWithToken(
  db: Database,
  token: string,
  password: string,
): Promise<User> {
  const user = await findUserBySetupToken(db, hashToken(token));
  if (!user || user.setupExpiresAt.getTime() < Date.now() || user.disabled) {
    throw new AuthError(
      'this link is not valid any more: ask an administrator for a new one',
      'token',
    );
  }
  const problem = passwordProblem(password, user.email);
  if (problem) throw new AuthError(problem, 'password-policy');
  const passwordHash = await hash(password, argon2Options);
  await db.transaction(async (tx) => {
    await setPasswordHash(tx, user.id, passwordHash);
    await deleteUserSessions(tx, user.id);
    await appendAuditEvent(tx, {
      actor: `user:${user.id}`,
      action: 'user.set-password',
      entityType: 'user',
      entityId: user.id,
    });
  });
  return publicUser({ ...user, hasPassword: true });
}

// Verified against when the email is unknown, so a wrong email costs as long as a wrong password.
let decoyHash: Promise<string> | null = null;

export interface Session {
  token: string;
  csrfToken: string;
  user: User;
  expiresAt: Date;
}

/** The refusal for an account locked after too many failures, or null when it is not locked. */
export function lockedOut(user: UserCredentials): AuthError | null {
  if (!user.lockedUntil || user.lockedUntil.getTime() <= Date.now()) return null;
  return new AuthError(
    `too many failed attempts: this account is locked until ${user.lockedUntil.toISOString()}`,
    'locked',
  );
}

// What was typed as an email for no known account is kept only when it has the shape of one: a
// password typed in the wrong field must not stay in the audit trail, which cannot be edited.
const emailShaped = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/;
const notAnEmail = 'what was typed is not an email address, so it is not kept';

/**
 * Checks a password and opens a new session (a fresh id every time: no session fixation), or,
 * when the account has TOTP on, answers with a challenge for the second step instead.
 * Five failures lock the account for fifteen minutes; every attempt is audited.
 */
export async function login(
  db: Database,
  emailInput: string,
  password: string,
  from: string,
): Promise<Session | SecondFactorRequired> {
  const email = emailInput.trim().toLowerCase();
  const user = await findUserByEmail(db, email);
  const refused = new AuthError('wrong email or password', 'invalid');
  if (!user || !user.passwordHash || user.disabled) {
    decoyHash ??= hash('not a password of anyone', argon2Options);
    await verify(await decoyHash, password).catch(() => false);
    await db.transaction((tx) =>
      appendAuditEvent(tx, {
        actor: `anonymous:${from}`,
        action: 'auth.login-failed',
        entityType: 'user',
        after: emailShaped.test(email) ? { email } : { email: null, note: notAnEmail },
      }),
    );
    throw refused;
  }
  const locked = lockedOut(user);
  if (locked) throw locked;
  const ok = await verify(user.passwordHash, password).catch(() => false);
  if (!ok) {
    await db.transaction(async (tx) => {
      const failures = await recordFailedLogin(tx, user.id, lockAfterFailures, lockMinutes);
      await appendAuditEvent(tx, {
        actor: `anonymous:${from}`,
        action: 'auth.login-failed',
        entityType: 'user',
        entityId: user.id,
        after: { failures },
      });
    });
    throw refused;
  }
  // The failure count stays as it is until the second factor passes too: a right password must
  // not buy more guesses at the code.
  if (user.totpEnabled) return issueSignInChallenge(db, user.id, from);
  return db.transaction((tx) => openSession(tx, user, from));
}

/** Opens a session inside the caller's transaction, clears the failure count, and audits it. */
export async function openSession(
  tx: Sql,
  user: UserCredentials,
  from: string,
  secondFactor?: SecondFactor,
): Promise<Session> {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(Date.now() + sessionHours * 3600_000);
  await recordSuccessfulLogin(tx, user.id);
  await insertSession(tx, { idHash: hashToken(token), userId: user.id, csrfToken, expiresAt });
  await appendAuditEvent(tx, {
    actor: `user:${user.id}`,
    action: 'auth.login',
    entityType: 'user',
    entityId: user.id,
    after: secondFactor ? { from, secondFactor } : { from },
  });
  return { token, csrfToken, user: publicUser(user), expiresAt };
}

/** The user and CSRF token behind a session cookie, or null. */
export async function resolveSession(
  db: Database,
  token: string,
): Promise<{ user: User; csrfToken: string } | null> {
  const session = await findLiveSession(db, hashToken(token));
  if (!session) return null;
  const user = await findUserById(db, session.userId);
  if (!user || user.disabled) return null;
  return { user: publicUser(user), csrfToken: session.csrfToken };
}

export async function logout(db: Database, token: string, actor: string): Promise<void> {
  await db.transaction(async (tx) => {
    await deleteSession(tx, hashToken(token));
    await appendAuditEvent(tx, { actor, action: 'auth.logout', entityType: 'session' });
  });
}
