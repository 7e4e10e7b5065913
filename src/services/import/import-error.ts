/** A problem the user can act on: the message says what, where, why and what to do. */
export class ImportError extends Error {
  override readonly name = 'ImportError';
}
