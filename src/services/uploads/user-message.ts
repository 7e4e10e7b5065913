import { TableReadError, type FileProblem } from '../import/readers/index.js';

/**
 * The message of an error the user can act on (a file that cannot be read, a mapping that does
 * not fit, an interrupted import), with the places on disk replaced by the file's own name. Any
 * other error is a fault of the server: it is rethrown, to be logged and answered without details.
 */
export function userMessageOf(error: unknown, fileName: string, hiddenPaths: string[]): string {
  if (!(error instanceof Error) || !['ImportError', 'TableReadError'].includes(error.name))
    throw error;
  return hidePaths(error.message, fileName, hiddenPaths);
}

/** Text with the places on disk replaced by the file's own name. */
function hidePaths(text: string, fileName: string, hiddenPaths: string[]): string {
  let shown = text;
  for (const path of hiddenPaths) shown = shown.split(path).join(fileName);
  return shown;
}

/**
 * The kind of an unreadable file's problem with its params (see FileProblem), the places on disk
 * replaced as in the message; null when the error has no kind the workspace translates.
 */
export function userProblemOf(
  error: unknown,
  fileName: string,
  hiddenPaths: string[],
): FileProblem | null {
  if (!(error instanceof TableReadError) || !error.problem) return null;
  const params: FileProblem['params'] = {};
  for (const [name, value] of Object.entries(error.problem.params))
    params[name] = typeof value === 'string' ? hidePaths(value, fileName, hiddenPaths) : value;
  return { code: error.problem.code, params };
}
