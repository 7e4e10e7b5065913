/** A refusal to authenticate, with a message safe to show (it never says which part was wrong). */
export class AuthError extends Error {
  override readonly name = 'AuthError';
  constructor(
    message: string,
    readonly code: 'invalid' | 'locked' | 'token' | 'password-policy',
  ) {
    super(message);
  }
}
