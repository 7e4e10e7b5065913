/** A linkage request the register refuses, with a message meant for the user. */
export class LinkageError extends Error {
  override name = 'LinkageError';
}
