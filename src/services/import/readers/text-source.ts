import {
  createDecoder,
  describeEvidence,
  detectEncoding,
  TextDecodeError,
  type EncodingEvidence,
  type TextEncodingName,
} from '../../../core/import/encoding.js';
import { openSourceFile } from './open-source-file.js';
import { TableReadError } from './table-read-error.js';

/** Bytes inspected to guess the encoding: enough for a header and many rows. */
export const ENCODING_SAMPLE_BYTES = 64 * 1024;

const DEFAULT_CHUNK_BYTES = 64 * 1024;

/** Options for {@link openTextSource}. */
export interface TextSourceOptions {
  /** Skip detection and decode with this encoding. */
  encoding?: TextEncodingName;
  /** Bytes per disk read; small values exercise chunk boundaries in tests. */
  chunkBytes?: number;
}

/** A text file being decoded lazily, chunk by chunk. */
export interface TextSource {
  encoding: TextEncodingName;
  encodingReason: string;
  encodingEvidence: EncodingEvidence;
  totalBytes: number;
  /** Bytes read from disk so far. */
  bytesRead(): number;
  /** Decoded text (BOM removed), in file order. Iterate once. */
  chunks: AsyncGenerator<string, void, undefined>;
  /** Closes the file; idempotent. */
  close(): Promise<void>;
}

/**
 * Opens a text file, detects its encoding from the first 64 KiB (unless given)
 * and exposes its decoded content as a stream of string chunks, so callers
 * never hold more than one chunk of the file in memory.
 * @throws TableReadError when the file cannot be opened.
 */
export async function openTextSource(
  path: string,
  options: TextSourceOptions = {},
): Promise<TextSource> {
  const { handle, size } = await openSourceFile(path);
  const chunkBytes = Math.max(1, options.chunkBytes ?? DEFAULT_CHUNK_BYTES);
  let closed = false;
  let position = 0;

  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await handle.close();
  };

  let encoding: TextEncodingName;
  let encodingReason: string;
  let encodingEvidence: EncodingEvidence;
  try {
    if (options.encoding !== undefined) {
      encoding = options.encoding;
      encodingEvidence = { code: 'chosen' };
      encodingReason = describeEvidence(encoding, encodingEvidence);
    } else {
      const sample = new Uint8Array(Math.min(size, ENCODING_SAMPLE_BYTES));
      const bytesRead =
        sample.length === 0 ? 0 : (await handle.read(sample, 0, sample.length, 0)).bytesRead;
      const detected = detectEncoding(sample.subarray(0, bytesRead));
      encoding = detected.encoding;
      encodingReason = detected.reason;
      encodingEvidence = detected.evidence;
    }
  } catch (error) {
    await close();
    throw error;
  }

  async function* decodeChunks(): AsyncGenerator<string, void, undefined> {
    const decoder = createDecoder(encoding);
    try {
      while (!closed) {
        // A fresh buffer per read: the decoder may keep a reference to a trailing
        // partial character, so the memory must not be overwritten by the next read.
        const buffer = new Uint8Array(chunkBytes);
        const { bytesRead } = await handle.read(buffer, 0, chunkBytes, position);
        if (bytesRead === 0) break;
        position += bytesRead;
        const text = decodeOrExplain(() => decoder.decode(buffer.subarray(0, bytesRead)));
        if (text !== '') yield text;
      }
      if (!closed) {
        const tail = decodeOrExplain(() => decoder.end());
        if (tail !== '') yield tail;
      }
    } finally {
      await close();
    }
  }

  function decodeOrExplain(decode: () => string): string {
    try {
      return decode();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const byteOffset = error instanceof TextDecodeError ? error.offset : undefined;
      throw new TableReadError(
        `Cannot read "${path}" as ${encoding} (${encodingReason}). ${reason}`,
        path,
        byteOffset === undefined ? {} : { byteOffset },
        {
          cause: error,
          problem: {
            code: 'undecodable',
            params: { encoding, ...(byteOffset === undefined ? {} : { offset: byteOffset }) },
          },
        },
      );
    }
  }

  return {
    encoding,
    encodingReason,
    encodingEvidence,
    totalBytes: size,
    bytesRead: () => position,
    chunks: decodeChunks(),
    close,
  };
}
