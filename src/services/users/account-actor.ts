/**
 * Who changes an account: the audit trail's name for them, and their own account's id when they
 * are signed in (the command line has none), so that nobody demotes or disables themselves.
 */
export interface AccountActor {
  audit: string;
  userId: number | null;
}

/** The actor for a signed-in user, named in the audit trail as `user:ID` like every other service. */
export function signedInActor(userId: number): AccountActor {
  return { audit: `user:${userId}`, userId };
}
