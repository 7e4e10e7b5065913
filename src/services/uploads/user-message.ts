/**
 * The message of an error the user can act on (a file that cannot be read, a mapping that does
 * not fit, an interrupted import), with the places on disk replaced by the file's own name. Any
 * other error is a fault of the server: it is rethrown, to be logged and answered without details.
 */
export function userMessageOf(error: unknown, fileName: string, hiddenPaths: string[]): string {
  if (!(error instanceof Error) || !['ImportError', 'TableReadError'].includes(error.name))
    throw error;
  let message = error.message;
  for (const path of hiddenPaths) message = message.split(path).join(fileName);
  return message;
}
