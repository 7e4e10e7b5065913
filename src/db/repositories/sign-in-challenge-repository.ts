import type { Sql } from '../database.js';

export async function insertSignInChallenge(
  tx: Sql,
  c: { idHash: string; userId: number; expiresAt: Date },
): Promise<void> {
  await tx.query('INSERT INTO sign_in_challenge (id, user_id, expires_at) VALUES ($1, $2, $3)', [
    c.idHash,
    c.userId,
    c.expiresAt,
  ]);
}

/** The user a live challenge is for, or null when it is unknown, expired or spent. */
export async function findLiveSignInChallenge(db: Sql, idHash: string): Promise<number | null> {
  const rows = await db.query<{ user_id: number }>(
    'SELECT user_id FROM sign_in_challenge WHERE id = $1 AND expires_at > now()',
    [idHash],
  );
  return rows[0]?.user_id ?? null;
}

/**
 * Spends a live challenge; false when another request spent it first (or it just expired), so
 * one challenge opens at most one session.
 */
export async function spendSignInChallenge(tx: Sql, idHash: string): Promise<boolean> {
  const rows = await tx.query(
    'DELETE FROM sign_in_challenge WHERE id = $1 AND expires_at > now() RETURNING user_id',
    [idHash],
  );
  return rows.length > 0;
}

/** Drops a user's pending challenges, and anyone's that expired. */
export async function deleteSignInChallenges(tx: Sql, userId: number): Promise<void> {
  await tx.query('DELETE FROM sign_in_challenge WHERE user_id = $1 OR expires_at <= now()', [
    userId,
  ]);
}
