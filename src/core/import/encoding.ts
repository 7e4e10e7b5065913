/** Text encodings the importer reads. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1256';

/** Why an encoding was taken, as a code the workspace puts in the reader's language. */
export type EncodingEvidence =
  | { code: 'chosen' | 'bom' | 'nul_bytes' | 'empty' | 'ascii' | 'valid_utf8' }
  | { code: 'invalid_utf8'; offset: number };

/** What {@link detectEncoding} concluded, and why (shown to the user). */
export interface DetectedEncoding {
  encoding: TextEncodingName;
  /** Bytes of byte-order mark at the start of the sample (0, 2 or 3). */
  bomLength: number;
  /** In English, for the command line and logs. */
  reason: string;
  evidence: EncodingEvidence;
}

const names: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
  'windows-1256': 'windows-1256',
};

/** Why an encoding was taken, in English words (the command line, logs, error messages). */
export function describeEvidence(encoding: TextEncodingName, evidence: EncodingEvidence): string {
  switch (evidence.code) {
    case 'chosen':
      return `${encoding} was chosen explicitly`;
    case 'bom':
      return `${names[encoding]} byte-order mark`;
    case 'nul_bytes':
      return `NUL bytes at ${encoding === 'utf-16le' ? 'odd' : 'even'} offsets (${names[encoding]} without a byte-order mark)`;
    case 'empty':
      return 'empty file, read as UTF-8';
    case 'ascii':
      return 'ASCII only, read as UTF-8';
    case 'valid_utf8':
      return 'valid UTF-8';
    case 'invalid_utf8':
      return `not UTF-8 (invalid bytes at offset ${evidence.offset}), read as windows-1256 (Arabic Windows/Excel)`;
  }
}

function detected(
  encoding: TextEncodingName,
  bomLength: number,
  evidence: EncodingEvidence,
): DetectedEncoding {
  return { encoding, bomLength, reason: describeEvidence(encoding, evidence), evidence };
}

/** Where a UTF-8 or UTF-16 byte sequence goes wrong, as offsets into the scanned bytes. */
interface Scan {
  /** Offset of the first byte of the first malformed sequence, or -1. */
  invalidAt: number;
  /** Offset where a sequence cut off by the end of the bytes begins, or -1. */
  incompleteAt: number;
}

/**
 * Validates UTF-8 exactly as the WHATWG decoder does (no overlongs, no surrogates, nothing past
 * U+10FFFF), because the offsets it reports must agree with what `TextDecoder` rejects.
 */
function scanUtf8(bytes: Uint8Array): Scan {
  let needed = 0;
  let lower = 0x80;
  let upper = 0xbf;
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] ?? 0;
    if (needed === 0) {
      if (byte <= 0x7f) continue;
      start = i;
      if (byte >= 0xc2 && byte <= 0xdf) needed = 1;
      else if (byte >= 0xe0 && byte <= 0xef) {
        if (byte === 0xe0) lower = 0xa0;
        if (byte === 0xed) upper = 0x9f;
        needed = 2;
      } else if (byte >= 0xf0 && byte <= 0xf4) {
        if (byte === 0xf0) lower = 0x90;
        if (byte === 0xf4) upper = 0x8f;
        needed = 3;
      } else return { invalidAt: i, incompleteAt: -1 };
      continue;
    }
    if (byte < lower || byte > upper) return { invalidAt: start, incompleteAt: -1 };
    lower = 0x80;
    upper = 0xbf;
    needed--;
  }
  return { invalidAt: -1, incompleteAt: needed > 0 ? start : -1 };
}

/** Validates UTF-16: every high surrogate followed by a low one, no lone low surrogates. */
function scanUtf16(bytes: Uint8Array, littleEndian: boolean): Scan {
  let highAt = -1;
  const units = bytes.length - (bytes.length % 2);
  for (let i = 0; i < units; i += 2) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const unit = littleEndian ? a | (b << 8) : (a << 8) | b;
    const isHigh = unit >= 0xd800 && unit <= 0xdbff;
    const isLow = unit >= 0xdc00 && unit <= 0xdfff;
    if (highAt >= 0) {
      if (!isLow) return { invalidAt: highAt, incompleteAt: -1 };
      highAt = -1;
    } else if (isLow) return { invalidAt: i, incompleteAt: -1 };
    else if (isHigh) highAt = i;
  }
  if (highAt >= 0) return { invalidAt: -1, incompleteAt: highAt };
  return { invalidAt: -1, incompleteAt: units < bytes.length ? units : -1 };
}

function scan(encoding: TextEncodingName, bytes: Uint8Array): Scan {
  if (encoding === 'utf-8') return scanUtf8(bytes);
  if (encoding === 'windows-1256') return { invalidAt: -1, incompleteAt: -1 };
  return scanUtf16(bytes, encoding === 'utf-16le');
}

/**
 * Length of the UTF-8 sequence cut off at the end of `bytes`, assuming what precedes it is
 * valid: what a streaming decoder holds back until the next chunk. Needs the last 3 bytes.
 */
function utf8TailLength(bytes: Uint8Array): number {
  let i = bytes.length - 1;
  // Step back over continuation bytes to the lead byte; a cut sequence has at most 3 bytes.
  while (i > 0 && i > bytes.length - 3 && ((bytes[i] ?? 0) & 0xc0) === 0x80) i--;
  if (i < 0) return 0;
  const { incompleteAt } = scanUtf8(bytes.subarray(i));
  return incompleteAt < 0 ? 0 : bytes.length - i - incompleteAt;
}

/**
 * Length of the UTF-16 tail held back: an odd trailing byte, plus a final high surrogate
 * awaiting its pair. `bytes` must end where the stream so far ends; `odd` is its length % 2.
 */
function utf16TailLength(bytes: Uint8Array, littleEndian: boolean, odd: number): number {
  const unitEnd = bytes.length - odd;
  if (unitEnd < 2) return odd;
  const a = bytes[unitEnd - 2] ?? 0;
  const b = bytes[unitEnd - 1] ?? 0;
  const unit = littleEndian ? a | (b << 8) : (a << 8) | b;
  return unit >= 0xd800 && unit <= 0xdbff ? odd + 2 : odd;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

function looksLikeUtf16(sample: Uint8Array): DetectedEncoding | null {
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] === 0) {
      if (i % 2 === 0) evenNuls++;
      else oddNuls++;
    }
  }
  // Text files in UTF-8 or a Windows code page have no NUL bytes; UTF-16 has one in every
  // ASCII character (digits, commas, line breaks), on the odd side for LE, the even for BE.
  const units = Math.floor(sample.length / 2);
  const threshold = Math.max(2, units * 0.05);
  // The other side gets a few from characters like U+0100 or U+1F600's low surrogate DE00.
  if (oddNuls >= threshold && evenNuls * 2 < oddNuls) {
    return detected('utf-16le', 0, { code: 'nul_bytes' });
  }
  if (evenNuls >= threshold && oddNuls * 2 < evenNuls) {
    return detected('utf-16be', 0, { code: 'nul_bytes' });
  }
  return null;
}

/**
 * Guesses the encoding of a text file from its first bytes (up to 64 KiB): a byte-order mark,
 * else BOM-less UTF-16 by its NUL bytes, else UTF-8 if the sample is valid UTF-8 (a character
 * cut off by the end of the sample does not count against it), else windows-1256, the code page
 * of Arabic Windows and of Excel's "CSV" export there.
 */
export function detectEncoding(sample: Uint8Array): DetectedEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) {
    return detected('utf-8', 3, { code: 'bom' });
  }
  if (sample[0] === 0xff && sample[1] === 0xfe) {
    return detected('utf-16le', 2, { code: 'bom' });
  }
  if (sample[0] === 0xfe && sample[1] === 0xff) {
    return detected('utf-16be', 2, { code: 'bom' });
  }
  const utf16 = looksLikeUtf16(sample);
  if (utf16) return utf16;
  if (sample.every((b) => b < 0x80)) {
    return detected('utf-8', 0, { code: sample.length === 0 ? 'empty' : 'ascii' });
  }
  const complete = sample.subarray(0, sample.length - utf8TailLength(sample));
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(complete);
    return detected('utf-8', 0, { code: 'valid_utf8' });
  } catch {
    const offset = scanUtf8(complete).invalidAt;
    return detected('windows-1256', 0, { code: 'invalid_utf8', offset });
  }
}

/** Bytes that are not valid in the chosen encoding; `offset` counts from the start of the stream. */
export class TextDecodeError extends Error {
  constructor(
    message: string,
    readonly encoding: TextEncodingName,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'TextDecodeError';
  }
}

/** A streaming decoder: feed chunks in order, then call `end()` once. */
export interface StreamDecoder {
  /** Decodes a chunk; bytes of a character split across chunks are held for the next call. */
  decode(chunk: Uint8Array): string;
  /** Flushes; throws if the stream ended in the middle of a character. */
  end(): string;
}

/**
 * Creates a streaming decoder that drops a leading byte-order mark and, for UTF-8 and UTF-16,
 * throws a {@link TextDecodeError} giving the exact byte offset of the first malformed sequence
 * instead of silently writing U+FFFD into names. After it throws it must not be reused.
 */
export function createDecoder(encoding: TextEncodingName): StreamDecoder {
  const unicode = encoding !== 'windows-1256';
  const decoder = new TextDecoder(encoding, { fatal: unicode });
  /** Bytes decoded before the current chunk, across all chunks. */
  let consumed = 0;
  /** Trailing bytes of an incomplete character that the native decoder is holding (copied). */
  let pending = new Uint8Array(0);

  function explain(bytes: Uint8Array, base: number, atEnd: boolean): TextDecodeError {
    const found = scan(encoding, bytes);
    const at = found.invalidAt >= 0 ? found.invalidAt : Math.max(0, found.incompleteAt);
    const offset = base + at;
    const what =
      found.invalidAt < 0 && atEnd
        ? `the file ends in the middle of a character (bytes ${hex(bytes.subarray(at))})`
        : `invalid bytes ${hex(bytes.subarray(at, at + 4))}`;
    return new TextDecodeError(
      `Not valid ${encoding}: ${what} at byte offset ${offset}. ` +
        'The file may be in another encoding; try --encoding windows-1256 (or utf-8, utf-16le, utf-16be).',
      encoding,
      offset,
    );
  }

  return {
    decode(chunk) {
      const base = consumed - pending.length;
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        const joined = new Uint8Array(pending.length + chunk.length);
        joined.set(pending);
        joined.set(chunk, pending.length);
        throw explain(joined, base, false);
      }
      consumed += chunk.length;
      if (unicode) {
        // Keep a copy of what the native decoder holds back, to locate errors it reports later.
        const held = new Uint8Array(Math.min(pending.length + chunk.length, 4));
        const fromChunk = Math.min(chunk.length, held.length);
        held.set(pending.subarray(pending.length - (held.length - fromChunk)));
        held.set(chunk.subarray(chunk.length - fromChunk), held.length - fromChunk);
        const tail =
          encoding === 'utf-8'
            ? utf8TailLength(held)
            : utf16TailLength(held, encoding === 'utf-16le', consumed % 2);
        pending = held.slice(held.length - tail);
      }
      return text;
    },
    end() {
      try {
        return decoder.decode();
      } catch {
        throw explain(pending, consumed - pending.length, true);
      }
    },
  };
}
