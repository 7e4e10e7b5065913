import type { Database } from '../../db/database.js';
import { appendAuditEvent } from '../../db/repositories/audit-repository.js';
import { deleteUserSessions } from '../../db/repositories/session-repository.js';
import { updateUserDisabled } from '../../db/repositories/user-account-repository.js';
import type { AccountActor } from './account-actor.js';
import { lockAccountForChange } from './account-change-guard.js';

/**
 * Disables an account (it cannot sign in or set a password, and every session it has ends at
 * once) or enables it again (its password and any unexpired link work again). Audited with the
 * state before and after; asking for the state it is already in changes nothing.
 */
export async function setAccountDisabled(
  db: Database,
  userId: number,
  disabled: boolean,
  actor: AccountActor,
): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    const account = await lockAccountForChange(tx, userId, actor, disabled ? 'disable' : null);
    if (account.disabled === disabled) return { changed: false };
    await updateUserDisabled(tx, account.id, disabled);
    if (disabled) await deleteUserSessions(tx, account.id);
    await appendAuditEvent(tx, {
      actor: actor.audit,
      action: disabled ? 'user.disable' : 'user.enable',
      entityType: 'user',
      entityId: account.id,
      before: { email: account.email, disabled: account.disabled },
      after: { email: account.email, disabled, ...(disabled ? { sessionsEnded: true } : {}) },
    });
    return { changed: true };
  });
}
