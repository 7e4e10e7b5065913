/**
 * A claims request that cannot be done (no such claim or document, a bad scope). `statusCode`
 * lets the server answer 404/400 with the message instead of a 500.
 */
export class ClaimError extends Error {
  override name = 'ClaimError';
  constructor(
    message: string,
    readonly statusCode: 400 | 404 = 400,
  ) {
    super(message);
  }
}
