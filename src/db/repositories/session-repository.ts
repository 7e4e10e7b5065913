import type { Sql } from '../database.js';

export interface StoredSession {
  userId: number;
  csrfToken: string;
  expiresAt: Date;
}

export async function insertSession(
  tx: Sql,
  s: { idHash: string; userId: number; csrfToken: string; expiresAt: Date },
): Promise<void> {
  await tx.query(
    'INSERT INTO user_session (id, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4)',
    [s.idHash, s.userId, s.csrfToken, s.expiresAt],
  );
}

/**
 * The last-seen time is kept to the minute: every request reads its session, and writing a new
 * row version each time would make every page view a write (WAL, dead rows to vacuum, and on
 * the embedded store a commit that waits behind an import).
 */
const lastSeenStep = "interval '1 minute'";

/** The live session with this id hash, touching its last-seen time; null if absent or expired. */
export async function findLiveSession(db: Sql, idHash: string): Promise<StoredSession | null> {
  const rows = await db.query<{
    user_id: number;
    csrf_token: string;
    expires_at: Date;
    seen_long_ago: boolean;
  }>(
    `SELECT user_id, csrf_token, expires_at, last_seen_at < now() - ${lastSeenStep} AS seen_long_ago
     FROM user_session WHERE id = $1 AND expires_at > now()`,
    [idHash],
  );
  const row = rows[0];
  if (!row) return null;
  if (row.seen_long_ago)
    await db.query(
      `UPDATE user_session SET last_seen_at = now()
       WHERE id = $1 AND last_seen_at < now() - ${lastSeenStep}`,
      [idHash],
    );
  return { userId: row.user_id, csrfToken: row.csrf_token, expiresAt: row.expires_at };
}

export async function deleteSession(tx: Sql, idHash: string): Promise<void> {
  await tx.query('DELETE FROM user_session WHERE id = $1', [idHash]);
}

export async function deleteUserSessions(tx: Sql, userId: number): Promise<void> {
  await tx.query('DELETE FROM user_session WHERE user_id = $1', [userId]);
}

export async function deleteExpiredSessions(db: Sql): Promise<void> {
  await db.query('DELETE FROM user_session WHERE expires_at <= now()');
}
