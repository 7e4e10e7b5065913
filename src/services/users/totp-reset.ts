import type { Database } from '../../db/database.js';
import { appendAuditEvent } from '../../db/repositories/audit-repository.js';
import { deleteRecoveryCodes } from '../../db/repositories/recovery-code-repository.js';
import { deleteSignInChallenges } from '../../db/repositories/sign-in-challenge-repository.js';
import {
  clearTotp,
  findStoredTotp,
  findUserByEmail,
} from '../../db/repositories/user-repository.js';

/**
 * An administrator clears a user's TOTP (a lost phone and no recovery code left): the user signs
 * in with the password alone and may set it up again. Audited; says whether it was on.
 */
export async function clearTotpByAdmin(
  db: Database,
  emailInput: string,
  actor: string,
): Promise<{ wasEnabled: boolean }> {
  const email = emailInput.trim().toLowerCase();
  const user = await findUserByEmail(db, email);
  if (!user) throw new Error(`there is no user ${email}`);
  const stored = await findStoredTotp(db, user.id);
  const wasEnabled = Boolean(stored?.enabledAt);
  await db.transaction(async (tx) => {
    await clearTotp(tx, user.id);
    await deleteRecoveryCodes(tx, user.id);
    await deleteSignInChallenges(tx, user.id);
    await appendAuditEvent(tx, {
      actor,
      action: 'user.totp-cleared',
      entityType: 'user',
      entityId: user.id,
      after: { wasEnabled },
    });
  });
  return { wasEnabled };
}
