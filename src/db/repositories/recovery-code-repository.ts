import type { Sql } from '../database.js';

/** Replaces a user's recovery codes with new ones (their hashes). */
export async function replaceRecoveryCodes(
  tx: Sql,
  userId: number,
  codeHashes: readonly string[],
): Promise<void> {
  await deleteRecoveryCodes(tx, userId);
  for (const codeHash of codeHashes) {
    await tx.query('INSERT INTO totp_recovery_code (user_id, code_hash) VALUES ($1, $2)', [
      userId,
      codeHash,
    ]);
  }
}

/** Marks an unused code as used; false when there is none (wrong, or already spent). */
export async function spendRecoveryCode(
  tx: Sql,
  userId: number,
  codeHash: string,
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE totp_recovery_code SET used_at = now()
     WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING id`,
    [userId, codeHash],
  );
  return rows.length > 0;
}

export async function countUnusedRecoveryCodes(db: Sql, userId: number): Promise<number> {
  const rows = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM totp_recovery_code WHERE user_id = $1 AND used_at IS NULL',
    [userId],
  );
  return rows[0]!.n;
}

export async function deleteRecoveryCodes(tx: Sql, userId: number): Promise<void> {
  await tx.query('DELETE FROM totp_recovery_code WHERE user_id = $1', [userId]);
}
