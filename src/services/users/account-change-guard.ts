import type { Sql } from '../../db/database.js';
import {
  lockActiveAdminIds,
  lockUserAccount,
  type UserAccount,
} from '../../db/repositories/user-account-repository.js';
import type { AccountActor } from './account-actor.js';
import { AccountChangeError } from './account-change-error.js';

export type GuardedChange = 'demote' | 'disable';

const ownAccountRefusals: Record<GuardedChange, string> = {
  demote: 'you cannot change your own role: ask another administrator to do it',
  disable: 'you cannot disable your own account: ask another administrator to do it',
};

/**
 * Locks the account for the rest of the transaction and returns it, refusing when it does not
 * exist. For a change that takes away administration (`demote`, `disable`), also refuses one's
 * own account and the last administrator who can sign in: a register with no one to manage its
 * accounts could only be rescued from the server's command line.
 */
export async function lockAccountForChange(
  tx: Sql,
  userId: number,
  actor: AccountActor,
  change: GuardedChange | null,
): Promise<UserAccount> {
  // Admins first, then the account, always in that order: two changes never wait on each other.
  const activeAdmins = change ? await lockActiveAdminIds(tx) : [];
  const account = await lockUserAccount(tx, userId);
  if (!account) throw new AccountChangeError(`there is no account ${userId}`, 404);
  if (!change) return account;
  if (actor.userId === account.id) throw new AccountChangeError(ownAccountRefusals[change], 409);
  const othersLeft = activeAdmins.filter((id) => id !== account.id);
  if (activeAdmins.includes(account.id) && othersLeft.length === 0) {
    throw new AccountChangeError(
      `${account.email} is the last administrator who can sign in: make another account an administrator first`,
      409,
    );
  }
  return account;
}
