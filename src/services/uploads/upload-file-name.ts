import { extname } from 'node:path';
import type { FileFormat } from '../import/readers/index.js';
import { UploadError } from './upload-error.js';

const formatByExtension: Readonly<Record<string, FileFormat>> = {
  '.csv': 'csv',
  '.tsv': 'csv',
  '.txt': 'csv',
  '.xlsx': 'xlsx',
  '.json': 'json',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
};

// Path separators, characters Windows forbids, control characters and the bidirectional
// controls that can make a name such as "list<U+202E>vsc.exe" display as "list.exe.csv".
// eslint-disable-next-line no-control-regex -- control characters are what it refuses
const unsafeCharacter = /[\u0000-\u001f\u007f/\\:*?"<>|\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/**
 * Checks the name an uploaded file came with and tells its format from the extension. The name
 * is only shown and recorded with the batch: the file is stored under a random name.
 */
export function checkUploadFileName(name: string): { fileName: string; format: FileFormat } {
  const shown = JSON.stringify(name.length > 80 ? `${name.slice(0, 77)}…` : name);
  if (name.length === 0 || name.length > 200)
    throw new UploadError(400, 'give the file name (1 to 200 characters) in the name parameter');
  if (unsafeCharacter.test(name) || name.startsWith('.') || name.trim() !== name)
    throw new UploadError(
      400,
      `the file name ${shown} has characters a file name cannot have (slashes, control or direction marks, or spaces at either end, or a leading dot); rename the file and upload it again`,
    );
  const extension = extname(name).toLowerCase();
  const format = Object.hasOwn(formatByExtension, extension)
    ? formatByExtension[extension]
    : undefined;
  if (!format)
    throw new UploadError(
      400,
      `${shown} is not a file Sijil can import (${extension ? `the extension "${extension}"` : 'no extension'}); upload a ${Object.keys(formatByExtension).join(', ')} file, and re-save Excel .xls files as .xlsx`,
    );
  return { fileName: name, format };
}
