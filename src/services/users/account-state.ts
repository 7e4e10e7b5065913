import type { UserAccount } from '../../db/repositories/user-account-repository.js';

/**
 * What an account can do now, first match wins: disabled (cannot sign in, by an admin's choice),
 * locked (too many failed sign-ins, for a while), waiting (no password set yet), or active.
 */
export type AccountState = 'disabled' | 'locked' | 'waiting' | 'active';

export function accountState(account: UserAccount, now = new Date()): AccountState {
  if (account.disabled) return 'disabled';
  if (account.lockedUntil && new Date(account.lockedUntil).getTime() > now.getTime())
    return 'locked';
  if (!account.hasPassword) return 'waiting';
  return 'active';
}
