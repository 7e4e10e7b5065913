import { z } from 'zod';
import { roles, type Role } from '../../core/auth/permissions.js';
import type { Database } from '../../db/database.js';
import { appendAuditEvent } from '../../db/repositories/audit-repository.js';
import { updateUserRole } from '../../db/repositories/user-account-repository.js';
import type { AccountActor } from './account-actor.js';
import { lockAccountForChange } from './account-change-guard.js';

/**
 * Gives an account another role, audited with the role before and after. The change applies from
 * the account's next request: sessions read the role from the store every time. Giving the role
 * it already has changes nothing and writes nothing.
 */
export async function changeUserRole(
  db: Database,
  userId: number,
  newRole: Role,
  actor: AccountActor,
): Promise<{ changed: boolean; before: Role; after: Role }> {
  const role = z.enum(roles).parse(newRole);
  return db.transaction(async (tx) => {
    const account = await lockAccountForChange(
      tx,
      userId,
      actor,
      role === 'admin' ? null : 'demote',
    );
    if (account.role === role) return { changed: false, before: role, after: role };
    await updateUserRole(tx, account.id, role);
    await appendAuditEvent(tx, {
      actor: actor.audit,
      action: 'user.role-change',
      entityType: 'user',
      entityId: account.id,
      before: { email: account.email, role: account.role },
      after: { email: account.email, role },
    });
    return { changed: true, before: account.role, after: role };
  });
}
