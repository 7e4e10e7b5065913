/**
 * Refusals of the TOTP feature that are not failed authentications, each with the HTTP status
 * the server's error handler answers with.
 */

/** The challenge is unknown, expired or already spent: sign in again from the password. */
export class ChallengeExpiredError extends Error {
  override readonly name = 'ChallengeExpiredError';
  readonly statusCode = 410;
  constructor() {
    super('this sign-in has expired or was already used: start again with your password');
  }
}

/** Asked for in the wrong state: enrolling while TOTP is on, turning off what is off… */
export class TotpStateError extends Error {
  override readonly name = 'TotpStateError';
  readonly statusCode = 409;
}

/** A code that does not prove the secret being enrolled. */
export class TotpCodeError extends Error {
  override readonly name = 'TotpCodeError';
  readonly statusCode = 400;
}
