import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describeSize } from './upload-settings.js';
import { UploadError } from './upload-error.js';

/** What was written: the size and the SHA-256 the importer will find again (same bytes). */
export interface ReceivedFile {
  bytes: number;
  sha256: string;
}

export function tooLarge(maxBytes: number): UploadError {
  return new UploadError(
    413,
    `the file is larger than this server's upload limit of ${describeSize(maxBytes)}: split it into smaller files (each is its own batch), or ask the administrator to raise SIJIL_UPLOAD_LIMIT_MB`,
  );
}

/**
 * Streams `input` into a new file at `path` (readable by this process's user only), counting and
 * hashing as it goes, and stops at `maxBytes`. On any failure the partial file is deleted. The
 * input is never destroyed here: past the limit its rest is read and dropped, so the server can
 * still answer 413 on the same connection.
 */
export async function receiveFile(
  input: Readable,
  path: string,
  maxBytes: number,
): Promise<ReceivedFile> {
  const hash = createHash('sha256');
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) return done(tooLarge(maxBytes));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const interrupted = () => {
    if (!input.readableEnded)
      limit.destroy(
        new UploadError(
          400,
          'the upload was interrupted before the whole file arrived; send it again',
        ),
      );
  };
  input.on('error', interrupted);
  input.on('close', interrupted);
  input.pipe(limit);
  try {
    await pipeline(limit, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
  } catch (error) {
    input.unpipe(limit);
    input.resume();
    await rm(path, { force: true });
    throw error;
  } finally {
    input.off('error', interrupted);
    input.off('close', interrupted);
  }
  return { bytes, sha256: hash.digest('hex') };
}
