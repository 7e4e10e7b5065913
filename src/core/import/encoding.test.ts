import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createDecoder,
  detectEncoding,
  TextDecodeError,
  type TextEncodingName,
} from './encoding.js';

const SAMPLE = 'الاسم,العمر,الجنس\r\nمحمد أحمد,٣٥,ذكر\r\nفاطمة,12,أنثى\r\n';

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function utf16(text: string, littleEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(text.length * 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < text.length; i++) view.setUint16(i * 2, text.charCodeAt(i), littleEndian);
  return bytes;
}

// The inverse of windows-1256, checked against known bytes below so it is not circular.
const CP1256 = new Map<string, number>();
for (let byte = 0; byte < 256; byte++) {
  CP1256.set(new TextDecoder('windows-1256').decode(new Uint8Array([byte])), byte);
}
function cp1256(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => {
    const byte = CP1256.get(ch);
    if (byte === undefined) throw new Error(`${ch} is not in windows-1256`);
    return byte;
  });
}

function encode(text: string, encoding: TextEncodingName): Uint8Array {
  if (encoding === 'utf-8') return utf8(text);
  if (encoding === 'windows-1256') return cp1256(text);
  return utf16(text, encoding === 'utf-16le');
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Decodes `bytes` cut at the given offsets. */
function decodeInChunks(encoding: TextEncodingName, bytes: Uint8Array, cuts: number[]): string {
  const decoder = createDecoder(encoding);
  const bounds = [0, ...[...cuts].sort((a, b) => a - b), bytes.length];
  let text = '';
  for (let i = 0; i + 1 < bounds.length; i++) {
    text += decoder.decode(bytes.slice(bounds[i], bounds[i + 1]));
  }
  return text + decoder.end();
}

function decodeError(
  encoding: TextEncodingName,
  bytes: Uint8Array,
  cuts: number[] = [],
): TextDecodeError {
  try {
    decodeInChunks(encoding, bytes, cuts);
  } catch (error) {
    if (error instanceof TextDecodeError) return error;
    throw error;
  }
  throw new Error('expected a TextDecodeError');
}

const BOMS = {
  'utf-8': [0xef, 0xbb, 0xbf],
  'utf-16le': [0xff, 0xfe],
  'utf-16be': [0xfe, 0xff],
} as const;

/** Arabic, Latin, digits, punctuation, and characters outside the BMP (surrogate pairs). */
const unicodeText = fc.string({
  unit: fc.oneof(
    fc.constantFrom(...'محمدأحمدفاطمةذكرأنثىـًّ٠١٢٣abcXYZ019,;"\r\n é€'),
    fc.constantFrom('😀', '𝔸', '\u{10ffff}', '\u{10000}'),
  ),
});
/** What lists are mostly made of: Arabic and ASCII. */
const listText = fc.string({
  unit: fc.constantFrom(...'محمدأحمدفاطمةذكرأنثى٠١٢٣abcXYZ019,;"\r\n '),
});
/** Text windows-1256 can hold. */
const cp1256Text = fc.string({
  unit: fc.constantFrom(...'محمدأحمدفاطمةذكرأنثىـًّabcXYZ019,;"\r\n éپچ€'),
});

describe('known bytes', () => {
  it('decodes محمد from windows-1256 bytes E3 CD E3 CF', () => {
    expect(cp1256('محمد')).toEqual(new Uint8Array([0xe3, 0xcd, 0xe3, 0xcf]));
    expect(decodeInChunks('windows-1256', new Uint8Array([0xe3, 0xcd, 0xe3, 0xcf]), [])).toBe(
      'محمد',
    );
  });

  it('decodes محمد from UTF-8 and UTF-16 bytes', () => {
    expect(
      decodeInChunks('utf-8', new Uint8Array([0xd9, 0x85, 0xd8, 0xad, 0xd9, 0x85, 0xd8, 0xaf]), []),
    ).toBe('محمد');
    expect(
      decodeInChunks(
        'utf-16le',
        new Uint8Array([0x45, 0x06, 0x2d, 0x06, 0x45, 0x06, 0x2f, 0x06]),
        [],
      ),
    ).toBe('محمد');
    expect(
      decodeInChunks(
        'utf-16be',
        new Uint8Array([0x06, 0x45, 0x06, 0x2d, 0x06, 0x45, 0x06, 0x2f]),
        [],
      ),
    ).toBe('محمد');
  });
});

describe('detectEncoding', () => {
  it.each(['utf-8', 'utf-16le', 'utf-16be'] as const)(
    'recognises the %s byte-order mark',
    (encoding) => {
      const bytes = concat(new Uint8Array(BOMS[encoding]), encode(SAMPLE, encoding));
      expect(detectEncoding(bytes)).toMatchObject({ encoding, bomLength: BOMS[encoding].length });
    },
  );

  it.each(['utf-16le', 'utf-16be'] as const)(
    'recognises %s without a byte-order mark',
    (encoding) => {
      expect(detectEncoding(encode(SAMPLE, encoding))).toMatchObject({ encoding, bomLength: 0 });
    },
  );

  it('recognises UTF-8 without a byte-order mark', () => {
    expect(detectEncoding(utf8(SAMPLE))).toEqual({
      encoding: 'utf-8',
      bomLength: 0,
      reason: 'valid UTF-8',
      evidence: { code: 'valid_utf8' },
    });
  });

  it('falls back to windows-1256 for Arabic Windows exports', () => {
    const result = detectEncoding(cp1256(SAMPLE.replace(/[٣٥]/g, '5')));
    expect(result.encoding).toBe('windows-1256');
    expect(result.reason).toMatch(/offset 0/);
    expect(result.evidence).toEqual({ code: 'invalid_utf8', offset: 0 });
  });

  it('reads ASCII and empty samples as UTF-8', () => {
    expect(detectEncoding(utf8('name,age\n'))).toMatchObject({
      encoding: 'utf-8',
      bomLength: 0,
      evidence: { code: 'ascii' },
    });
    expect(detectEncoding(new Uint8Array(0))).toMatchObject({
      encoding: 'utf-8',
      bomLength: 0,
      evidence: { code: 'empty' },
    });
  });

  it('does not hold a character cut off by the end of the sample against UTF-8', () => {
    const bytes = utf8(`${SAMPLE}😀`);
    for (let cut = bytes.length - 4; cut <= bytes.length; cut++) {
      expect(detectEncoding(bytes.subarray(0, cut)).encoding).toBe('utf-8');
    }
  });

  it('still rejects a sample that is invalid before its end', () => {
    const bytes = concat(utf8('محمد'), new Uint8Array([0xd9, 0x41]), utf8('أحمد'));
    expect(detectEncoding(bytes)).toMatchObject({ encoding: 'windows-1256' });
    expect(detectEncoding(bytes).reason).toMatch(/offset 8/);
  });

  it('detects UTF-8 and UTF-16 on any prefix of real text', () => {
    fc.assert(
      fc.property(listText, fc.nat(), (text, n) => {
        const full = `name,age\r\n${text}`;
        const bytes = utf8(full);
        expect(detectEncoding(bytes.subarray(0, bytes.length - (n % 4))).encoding).toBe('utf-8');
        expect(detectEncoding(utf16(full, true)).encoding).toBe('utf-16le');
        expect(detectEncoding(utf16(full, false)).encoding).toBe('utf-16be');
      }),
    );
  });
});

describe('createDecoder', () => {
  it.each(['utf-8', 'utf-16le', 'utf-16be'] as const)(
    'strips the %s byte-order mark, even when split',
    (encoding) => {
      const bytes = concat(new Uint8Array(BOMS[encoding]), encode(SAMPLE, encoding));
      expect(decodeInChunks(encoding, bytes, [])).toBe(SAMPLE);
      expect(decodeInChunks(encoding, bytes, [1])).toBe(SAMPLE);
      expect(decodeInChunks(encoding, bytes, [1, 2])).toBe(SAMPLE);
    },
  );

  it('keeps a U+FEFF that is not at the start', () => {
    expect(decodeInChunks('utf-8', utf8('a\ufeffb'), [1])).toBe('a\ufeffb');
  });

  it.each(['utf-8', 'utf-16le', 'utf-16be', 'windows-1256'] as const)(
    'decodes %s Arabic text cut at every byte position',
    (encoding) => {
      const text = encoding === 'windows-1256' ? SAMPLE.replace(/[٣٥]/g, '5') : `${SAMPLE}😀`;
      const bytes = encode(text, encoding);
      for (let cut = 0; cut <= bytes.length; cut++) {
        expect(decodeInChunks(encoding, bytes, [cut])).toBe(text);
      }
      expect(
        decodeInChunks(
          encoding,
          bytes,
          Array.from(bytes, (_, i) => i),
        ),
      ).toBe(text);
    },
  );

  it('decodes any text cut into any chunks', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('utf-8', 'utf-16le', 'utf-16be') as fc.Arbitrary<TextEncodingName>,
        unicodeText,
        fc.array(fc.nat()),
        fc.boolean(),
        (encoding, text, rawCuts, bom) => {
          const body = encode(text, encoding);
          const bytes =
            bom && encoding !== 'windows-1256'
              ? concat(new Uint8Array(BOMS[encoding]), body)
              : body;
          const cuts = rawCuts.map((c) => c % (bytes.length + 1));
          expect(decodeInChunks(encoding, bytes, cuts)).toBe(text);
        },
      ),
    );
  });

  it('decodes any windows-1256 text cut into any chunks', () => {
    fc.assert(
      fc.property(cp1256Text, fc.array(fc.nat()), (text, rawCuts) => {
        const bytes = cp1256(text);
        expect(
          decodeInChunks(
            'windows-1256',
            bytes,
            rawCuts.map((c) => c % (bytes.length + 1)),
          ),
        ).toBe(text);
      }),
    );
  });

  it('reports invalid UTF-8 with its byte offset and suggests --encoding', () => {
    const bytes = concat(utf8('محمد,'), new Uint8Array([0xe3]), utf8('x'));
    const error = decodeError('utf-8', bytes);
    expect(error.offset).toBe(9);
    expect(error.message).toMatch(/byte offset 9/);
    expect(error.message).toMatch(/--encoding/);
  });

  it('reports windows-1256 bytes read as UTF-8 at the first of them', () => {
    const bytes = concat(utf8('id,name\n1,'), cp1256('محمد'));
    expect(decodeError('utf-8', bytes).offset).toBe(10);
  });

  it('counts offsets across chunks', () => {
    const bytes = concat(utf8('a'.repeat(100)), new Uint8Array([0xff]), utf8('b'));
    for (const cuts of [[], [50], [100], [101], [10, 20, 30, 99], [100, 101]]) {
      expect(decodeError('utf-8', bytes, cuts).offset).toBe(100);
    }
  });

  it('reports the start of a broken sequence split across chunks', () => {
    // E3 starts a 3-byte character, 41 ('A') cuts it short.
    const bytes = concat(utf8('abc'), new Uint8Array([0xe3, 0x81, 0x41]));
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(decodeError('utf-8', bytes, [cut]).offset).toBe(3);
    }
  });

  it.each([
    ['overlong', [0xc0, 0x80]],
    ['surrogate', [0xed, 0xa0, 0x80]],
    ['beyond U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['lone continuation', [0x80]],
  ])('rejects UTF-8 %s bytes', (_name, invalid) => {
    expect(decodeError('utf-8', concat(utf8('ok'), new Uint8Array(invalid))).offset).toBe(2);
  });

  it('reports a file that ends in the middle of a character', () => {
    const bytes = utf8('محمد').subarray(0, 7);
    const error = decodeError('utf-8', bytes, [3]);
    expect(error.offset).toBe(6);
    expect(error.message).toMatch(/ends in the middle of a character/);
  });

  it.each([
    ['utf-16le', true],
    ['utf-16be', false],
  ] as const)('reports a lone %s surrogate and an odd trailing byte', (encoding, littleEndian) => {
    const lone = concat(
      utf16('ab', littleEndian),
      utf16('\ud800', littleEndian),
      utf16('c', littleEndian),
    );
    for (let cut = 0; cut <= lone.length; cut++)
      expect(decodeError(encoding, lone, [cut]).offset).toBe(4);
    const lowFirst = concat(utf16('ab', littleEndian), utf16('\udc00', littleEndian));
    expect(decodeError(encoding, lowFirst).offset).toBe(4);
    const odd = concat(utf16('ab', littleEndian), new Uint8Array([0x41]));
    expect(decodeError(encoding, odd, [1]).offset).toBe(4);
  });

  it('finds an invalid byte at its exact offset wherever the chunks fall', () => {
    fc.assert(
      fc.property(
        unicodeText,
        unicodeText,
        fc.constantFrom([0xff], [0xfe], [0x80], [0xc3, 0x28], [0xe2, 0x82], [0xf0, 0x9f, 0x98]),
        fc.array(fc.nat(), { maxLength: 5 }),
        (before, after, invalid, rawCuts) => {
          const head = utf8(before);
          // A following ASCII letter makes a truncated sequence invalid rather than incomplete.
          const bytes = concat(head, new Uint8Array(invalid), utf8(`x${after}`));
          const error = decodeError(
            'utf-8',
            bytes,
            rawCuts.map((c) => c % (bytes.length + 1)),
          );
          expect(error.offset).toBe(head.length);
          expect(error.message).toContain(`byte offset ${head.length}`);
        },
      ),
    );
  });

  it('finds a lone surrogate at its exact offset wherever the chunks fall', () => {
    fc.assert(
      fc.property(
        unicodeText,
        fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff'),
        fc.constantFrom('x', 'محمد', '\ud800'),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 5 }),
        (before, lone, after, littleEndian, rawCuts) => {
          const head = utf16(before, littleEndian);
          const bytes = concat(head, utf16(lone + after, littleEndian));
          const encoding = littleEndian ? 'utf-16le' : 'utf-16be';
          const error = decodeError(
            encoding,
            bytes,
            rawCuts.map((c) => c % (bytes.length + 1)),
          );
          expect(error.offset).toBe(head.length);
        },
      ),
    );
  });

  it('agrees with TextDecoder on which byte strings are valid UTF-8', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), (bytes) => {
        let valid = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          valid = false;
        }
        if (valid)
          expect(decodeInChunks('utf-8', bytes, [bytes.length >> 1])).toBe(
            new TextDecoder().decode(bytes),
          );
        else
          expect(decodeError('utf-8', bytes, [bytes.length >> 1]).offset).toBeLessThan(
            bytes.length,
          );
      }),
      { numRuns: 2000 },
    );
  });
});
