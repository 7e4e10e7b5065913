import type { Role } from '../../core/auth/permissions.js';
import type { Sql } from '../database.js';

/** A user as services see it: never the password hash or token hashes. */
export interface User {
  id: number;
  email: string;
  displayName: string | null;
  role: Role;
  disabled: boolean;
  hasPassword: boolean;
  lastLoginAt: string | null;
}

export interface UserCredentials extends User {
  passwordHash: string | null;
  failedLogins: number;
  lockedUntil: Date | null;
  /** The TOTP second factor is on (a pending enrolment does not count). */
  totpEnabled: boolean;
}

interface UserRow {
  id: number;
  email: string;
  display_name: string | null;
  role: Role;
  disabled: boolean;
  password_hash: string | null;
  failed_logins: number;
  locked_until: Date | null;
  totp_enabled_at: Date | null;
  last_login_at: Date | null;
}

function toCredentials(row: UserRow): UserCredentials {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    disabled: row.disabled,
    hasPassword: row.password_hash !== null,
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
    passwordHash: row.password_hash,
    failedLogins: row.failed_logins,
    lockedUntil: row.locked_until,
    totpEnabled: row.totp_enabled_at !== null,
  };
}

/** Drops the secrets from a user with credentials. */
export function publicUser(u: UserCredentials): User {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    disabled: u.disabled,
    hasPassword: u.hasPassword,
    lastLoginAt: u.lastLoginAt,
  };
}

export async function findUserByEmail(db: Sql, email: string): Promise<UserCredentials | null> {
  const rows = await db.query<UserRow>('SELECT * FROM app_user WHERE email = $1', [email]);
  return rows[0] ? toCredentials(rows[0]) : null;
}

export async function findUserById(db: Sql, id: number): Promise<UserCredentials | null> {
  const rows = await db.query<UserRow>('SELECT * FROM app_user WHERE id = $1', [id]);
  return rows[0] ? toCredentials(rows[0]) : null;
}

export async function findUserBySetupToken(
  db: Sql,
  tokenHash: string,
): Promise<(UserCredentials & { setupExpiresAt: Date }) | null> {
  const rows = await db.query<UserRow & { setup_expires_at: Date }>(
    'SELECT * FROM app_user WHERE setup_token_hash = $1',
    [tokenHash],
  );
  return rows[0] ? { ...toCredentials(rows[0]), setupExpiresAt: rows[0].setup_expires_at } : null;
}

export async function countAdmins(db: Sql): Promise<number> {
  const rows = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM app_user WHERE role = 'admin'",
  );
  return rows[0]!.n;
}

export async function listUsers(db: Sql): Promise<User[]> {
  const rows = await db.query<UserRow>('SELECT * FROM app_user ORDER BY email');
  return rows.map((r) => publicUser(toCredentials(r)));
}

export async function insertUser(
  tx: Sql,
  input: {
    email: string;
    displayName: string | null;
    role: Role;
    setupTokenHash: string;
    setupExpiresAt: Date;
  },
): Promise<User> {
  const rows = await tx.query<UserRow>(
    `INSERT INTO app_user (email, display_name, role, setup_token_hash, setup_expires_at)
     VALUES ($1, $2, $3, $4, $5) RETURNING *`,
    [input.email, input.displayName, input.role, input.setupTokenHash, input.setupExpiresAt],
  );
  return publicUser(toCredentials(rows[0]!));
}

export async function setSetupToken(
  tx: Sql,
  userId: number,
  tokenHash: string,
  expiresAt: Date,
): Promise<void> {
  await tx.query('UPDATE app_user SET setup_token_hash = $2, setup_expires_at = $3 WHERE id = $1', [
    userId,
    tokenHash,
    expiresAt,
  ]);
}

/** Sets the password, spends the one-time token and clears any lock-out. */
export async function setPasswordHash(
  tx: Sql,
  userId: number,
  passwordHash: string,
): Promise<void> {
  await tx.query(
    `UPDATE app_user SET password_hash = $2, setup_token_hash = NULL, setup_expires_at = NULL,
       failed_logins = 0, locked_until = NULL WHERE id = $1`,
    [userId, passwordHash],
  );
}

export async function recordFailedLogin(
  tx: Sql,
  userId: number,
  lockAfter: number,
  lockMinutes: number,
): Promise<number> {
  const rows = await tx.query<{ failed_logins: number }>(
    `UPDATE app_user SET failed_logins = failed_logins + 1,
       locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
     WHERE id = $1 RETURNING failed_logins`,
    [userId, lockAfter, lockMinutes],
  );
  return rows[0]!.failed_logins;
}

export async function recordSuccessfulLogin(tx: Sql, userId: number): Promise<void> {
  await tx.query(
    'UPDATE app_user SET failed_logins = 0, locked_until = NULL, last_login_at = now() WHERE id = $1',
    [userId],
  );
}

// ---- TOTP second factor (migration 0005) ----

/** What the store holds of a user's TOTP: the secret as stored (maybe sealed), never returned by the API. */
export interface StoredTotp {
  secret: string | null;
  enabledAt: Date | null;
  lastStep: number | null;
}

export async function findStoredTotp(db: Sql, userId: number): Promise<StoredTotp | null> {
  const rows = await db.query<{
    totp_secret: string | null;
    totp_enabled_at: Date | null;
    totp_last_step: number | null;
  }>('SELECT totp_secret, totp_enabled_at, totp_last_step FROM app_user WHERE id = $1', [userId]);
  const row = rows[0];
  return row
    ? { secret: row.totp_secret, enabledAt: row.totp_enabled_at, lastStep: row.totp_last_step }
    : null;
}

/** Keeps a new secret awaiting its first code; false when TOTP is already on. */
export async function setPendingTotpSecret(
  tx: Sql,
  userId: number,
  storedSecret: string,
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE app_user SET totp_secret = $2, totp_last_step = NULL
     WHERE id = $1 AND totp_enabled_at IS NULL RETURNING id`,
    [userId, storedSecret],
  );
  return rows.length > 0;
}

/** Turns a pending secret on, remembering the step of the code that proved it. */
export async function enableTotp(tx: Sql, userId: number, step: number): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE app_user SET totp_enabled_at = now(), totp_last_step = $2
     WHERE id = $1 AND totp_secret IS NOT NULL AND totp_enabled_at IS NULL RETURNING id`,
    [userId, step],
  );
  return rows.length > 0;
}

/**
 * Records that the code of `step` was used, unless it (or a later one) already was: one atomic
 * update, so two requests racing with the same code cannot both pass.
 */
export async function acceptTotpStep(tx: Sql, userId: number, step: number): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE app_user SET totp_last_step = $2
     WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING id`,
    [userId, step],
  );
  return rows.length > 0;
}

export async function clearTotp(tx: Sql, userId: number): Promise<void> {
  await tx.query(
    `UPDATE app_user SET totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL
     WHERE id = $1`,
    [userId],
  );
}
