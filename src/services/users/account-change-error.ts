/**
 * A change to an account that the rules refuse (the last administrator, one's own account) or
 * that names no account. `statusCode` is what the API answers; the message says what to do.
 */
export class AccountChangeError extends Error {
  override readonly name = 'AccountChangeError';
  constructor(
    message: string,
    readonly statusCode: 404 | 409,
  ) {
    super(message);
  }
}
