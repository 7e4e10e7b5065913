import type { Sql } from '../../db/database.js';
import {
  findUserAccount,
  listUserAccounts,
  type UserAccount,
} from '../../db/repositories/user-account-repository.js';
import { accountState, type AccountState } from './account-state.js';

export interface AccountView extends UserAccount {
  state: AccountState;
}

/** Every account with its state, by email. */
export async function listAccounts(db: Sql, now = new Date()): Promise<AccountView[]> {
  return (await listUserAccounts(db)).map((account) => ({
    ...account,
    state: accountState(account, now),
  }));
}

/** One account with its state, or null. */
export async function findAccount(
  db: Sql,
  id: number,
  now = new Date(),
): Promise<AccountView | null> {
  const account = await findUserAccount(db, id);
  return account ? { ...account, state: accountState(account, now) } : null;
}
