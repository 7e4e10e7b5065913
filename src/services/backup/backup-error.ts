/** A backup or restore that cannot be done as asked; the message says what to do instead. */
export class BackupError extends Error {
  override readonly name = 'BackupError';
  constructor(
    message: string,
    /** What the API answers. */
    readonly statusCode: 400 | 409 = 409,
  ) {
    super(message);
  }
}
