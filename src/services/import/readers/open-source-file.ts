import { open, type FileHandle } from 'node:fs/promises';
import { TableReadError } from './table-read-error.js';

/** An open file and its size at the time it was opened. */
export interface SourceFile {
  handle: FileHandle;
  size: number;
}

/**
 * Opens a file for reading, turning the usual operating-system failures into
 * messages a documentation worker can act on.
 * @throws TableReadError when the file is missing, a directory or unreadable.
 */
export async function openSourceFile(path: string): Promise<SourceFile> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new TableReadError(describeOpenFailure(path, error), path, {}, { cause: error });
  }
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) {
      throw new TableReadError(
        `Cannot read "${path}": it is a folder, not a file. Choose the file inside it.`,
        path,
      );
    }
    return { handle, size: stats.size };
  } catch (error) {
    await handle.close();
    if (error instanceof TableReadError) throw error;
    throw new TableReadError(describeOpenFailure(path, error), path, {}, { cause: error });
  }
}

function describeOpenFailure(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return `Cannot read "${path}": the file does not exist. Check the path and file name.`;
    case 'EACCES':
    case 'EPERM':
      return `Cannot read "${path}": permission denied. Make the file readable by the user running Sijil.`;
    case 'EISDIR':
      return `Cannot read "${path}": it is a folder, not a file. Choose the file inside it.`;
    default: {
      const reason = error instanceof Error ? error.message : String(error);
      return `Cannot read "${path}": ${reason}.`;
    }
  }
}
