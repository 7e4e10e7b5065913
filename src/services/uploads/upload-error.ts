/**
 * A problem with an upload that the caller can act on. `statusCode` is the HTTP answer, which
 * the server's error handler sends with the message (400 bad request, 403 not for this role, 404 no
 * such upload, 409 busy, 413 too large).
 */
export class UploadError extends Error {
  override readonly name = 'UploadError';

  constructor(
    readonly statusCode: 400 | 403 | 404 | 409 | 413,
    message: string,
  ) {
    super(message);
  }
}
