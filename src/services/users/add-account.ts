import type { Database } from '../../db/database.js';
import { findUserByEmail, type User } from '../../db/repositories/user-repository.js';
import { AccountChangeError } from './account-change-error.js';
import type { AccountActor } from './account-actor.js';
import { addUser, type NewUser } from './users-service.js';

/**
 * Adds an account from the Admin screen: as `addUser` (no password, a one-time set-password
 * token, audited), refusing an email that already has an account with a message rather than the
 * store's unique-key error.
 */
export async function addAccount(
  db: Database,
  input: NewUser,
  actor: AccountActor,
): Promise<{ user: User; setupToken: string }> {
  const email = input.email.trim().toLowerCase();
  if (await findUserByEmail(db, email)) {
    throw new AccountChangeError(
      `there is already an account for ${email}: to let them set a password again, issue a new link`,
      409,
    );
  }
  try {
    return await addUser(db, { ...input, email }, actor.audit);
  } catch (error) {
    // Another admin added the same email a moment ago.
    if ((error as { code?: unknown }).code === '23505') {
      throw new AccountChangeError(`there is already an account for ${email}`, 409);
    }
    throw error;
  }
}
