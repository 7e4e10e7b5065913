import type { Role } from '../../core/auth/permissions.js';
import type { Sql } from '../database.js';

/**
 * An account as the Admin screen sees it: who, which role, and what the account can do now.
 * Never a password hash or a token hash.
 */
export interface UserAccount {
  id: number;
  email: string;
  displayName: string | null;
  role: Role;
  disabled: boolean;
  disabledAt: string | null;
  hasPassword: boolean;
  /** When the current set-password link stops working; null when no link is outstanding. */
  setupLinkExpiresAt: string | null;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

interface AccountRow {
  id: number;
  email: string;
  display_name: string | null;
  role: Role;
  disabled: boolean;
  disabled_at: Date | null;
  has_password: boolean;
  setup_expires_at: Date | null;
  locked_until: Date | null;
  last_login_at: Date | null;
  created_at: Date;
}

const accountColumns = `id, email, display_name, role, disabled, disabled_at,
  password_hash IS NOT NULL AS has_password, setup_expires_at, locked_until, last_login_at, created_at`;

function toAccount(row: AccountRow): UserAccount {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    disabled: row.disabled,
    disabledAt: row.disabled_at?.toISOString() ?? null,
    hasPassword: row.has_password,
    setupLinkExpiresAt: row.setup_expires_at?.toISOString() ?? null,
    lockedUntil: row.locked_until?.toISOString() ?? null,
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

export async function listUserAccounts(db: Sql): Promise<UserAccount[]> {
  const rows = await db.query<AccountRow>(`SELECT ${accountColumns} FROM app_user ORDER BY email`);
  return rows.map(toAccount);
}

export async function findUserAccount(db: Sql, id: number): Promise<UserAccount | null> {
  const rows = await db.query<AccountRow>(`SELECT ${accountColumns} FROM app_user WHERE id = $1`, [
    id,
  ]);
  return rows[0] ? toAccount(rows[0]) : null;
}

/**
 * The account, locked against other changes until the transaction ends, so two admins changing
 * the same account one after the other each see the other's change.
 */
export async function lockUserAccount(tx: Sql, id: number): Promise<UserAccount | null> {
  const rows = await tx.query<AccountRow>(
    `SELECT ${accountColumns} FROM app_user WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return rows[0] ? toAccount(rows[0]) : null;
}

/**
 * Ids of the admins who can sign in (enabled, with a password), locked until the transaction
 * ends: two admins demoting each other at once cannot both see the other as the one who remains.
 */
export async function lockActiveAdminIds(tx: Sql): Promise<number[]> {
  const rows = await tx.query<{ id: number }>(
    `SELECT id FROM app_user
     WHERE role = 'admin' AND NOT disabled AND password_hash IS NOT NULL
     ORDER BY id FOR UPDATE`,
  );
  return rows.map((r) => r.id);
}

export async function updateUserRole(tx: Sql, id: number, role: Role): Promise<void> {
  await tx.query('UPDATE app_user SET role = $2 WHERE id = $1', [id, role]);
}

export async function updateUserDisabled(tx: Sql, id: number, disabled: boolean): Promise<void> {
  await tx.query(
    `UPDATE app_user SET disabled = $2, disabled_at = CASE WHEN $2::boolean THEN now() ELSE NULL END
     WHERE id = $1`,
    [id, disabled],
  );
}

/** Emails of these accounts, to name actors and subjects in the audit log. */
export async function emailsOfUsers(db: Sql, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{ id: number; email: string }>(
    'SELECT id, email FROM app_user WHERE id = ANY($1::int[])',
    [[...ids]],
  );
  return new Map(rows.map((r) => [r.id, r.email]));
}

export async function countUserAccounts(db: Sql): Promise<number> {
  const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM app_user');
  return rows[0]!.n;
}
