import type { Database } from '../../db/database.js';
import { appendAuditEvent } from '../../db/repositories/audit-repository.js';
import { deleteUserSessions } from '../../db/repositories/session-repository.js';
import { setSetupToken } from '../../db/repositories/user-repository.js';
import type { AccountActor } from './account-actor.js';
import { AccountChangeError } from './account-change-error.js';
import { lockAccountForChange } from './account-change-guard.js';
import { hashToken, newToken } from './secret-token.js';

// As long as the links addUser gives (users-service.ts).
const linkValidHours = 72;

/**
 * Issues a new one-time set-password link (a forgotten password, a lost link), replacing any
 * earlier one, and signs the account out everywhere. The token is returned once, to hand over;
 * only its hash is kept. A disabled account gets none: its link would not work.
 */
export async function issueSetPasswordLink(
  db: Database,
  userId: number,
  actor: AccountActor,
): Promise<{ setupToken: string; expiresAt: Date }> {
  const setupToken = newToken();
  const expiresAt = new Date(Date.now() + linkValidHours * 3600_000);
  await db.transaction(async (tx) => {
    const account = await lockAccountForChange(tx, userId, actor, null);
    if (account.disabled) {
      throw new AccountChangeError(
        `${account.email} is disabled: enable the account first, then issue a link`,
        409,
      );
    }
    await setSetupToken(tx, account.id, hashToken(setupToken), expiresAt);
    await deleteUserSessions(tx, account.id);
    await appendAuditEvent(tx, {
      actor: actor.audit,
      action: 'user.reset-link',
      entityType: 'user',
      entityId: account.id,
      before: {
        email: account.email,
        hasPassword: account.hasPassword,
        linkOutstanding: account.setupLinkExpiresAt !== null,
      },
      after: { email: account.email, linkExpiresAt: expiresAt.toISOString(), sessionsEnded: true },
    });
  });
  return { setupToken, expiresAt };
}
