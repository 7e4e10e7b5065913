import { arabicLetterFolds, isArabicMark } from '../text/arabic-folding.js';
import type { RecordFields } from './record-fields.js';

/**
 * The text a record is found by: every name it carries, with Arabic letter variants, diacritics
 * and tatweel folded and Latin case removed, so "أحمد" finds "احمد".
 */
export function searchText(
  fields: Pick<RecordFields, 'name' | 'nameLatin' | 'otherNames' | 'kunya'>,
): string {
  // Joined by hand: an array to filter and join for each of a million records costs more.
  let text = fields.name ?? '';
  const add = (part: string | null) => {
    if (part) text = text === '' ? part : `${text} ${part}`;
  };
  add(fields.nameLatin);
  for (const name of fields.otherNames) add(name);
  add(fields.kunya);
  return foldForSearch(text);
}

// Arabic presentation forms (as PDF extraction leaves them) and compatibility characters need NFKC.
const needsCompatibility =
  /[\uFB50-\uFDFF\uFE70-\uFEFF\uFF00-\uFFEF]|[\u0300-\u036F]|[\u0653-\u0655]/;
function isSpace(code: number): boolean {
  return (
    code === 32 ||
    (code >= 9 && code <= 13) ||
    code === 0xa0 ||
    code === 0x200c ||
    code === 0x200f ||
    code === 0x200e
  );
}

/** In the table: a character that separates words. */
const SPACE = 0xfffe;
// Each UTF-16 code below 0x0700 mapped to what it folds to (0: dropped, SPACE: a separator), so
// the loop below is a table lookup per character instead of a property lookup and a string
// concatenation.
const foldTable = new Uint16Array(0x0700).map((_, code) => {
  if (isSpace(code)) return SPACE;
  if (isArabicMark(code)) return 0;
  const folded = arabicLetterFolds[String.fromCharCode(code)];
  return folded === undefined ? code : folded.charCodeAt(0);
});
let folded = new Uint16Array(256);

/** One pass over the text: cheaper than a chain of replacements on a million names. */
export function foldForSearch(text: string): string {
  const source = (needsCompatibility.test(text) ? text.normalize('NFKC') : text).toLowerCase();
  if (folded.length < source.length) folded = new Uint16Array(source.length * 2);
  // Locals: the loop runs over every character of a million names.
  const out = folded;
  const table = foldTable;
  let length = 0;
  let pendingSpace = false;
  for (let i = 0; i < source.length; i++) {
    let code = source.charCodeAt(i);
    if (code < 0x0700) {
      code = table[code]!;
      if (code === 0) continue;
      if (code === SPACE) {
        pendingSpace = length > 0;
        continue;
      }
    } else if (isSpace(code)) {
      pendingSpace = length > 0;
      continue;
    }
    if (pendingSpace) {
      out[length++] = 32;
      pendingSpace = false;
    }
    out[length++] = code;
  }
  return decodeUtf16(out, length);
}

// Node reads UTF-16 little-endian bytes natively, three times faster than String.fromCharCode
// over the units; a typed array holds its units in the machine's byte order. The view over the
// buffer is kept: making one per call cost as much as the decoding.
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
let bytesView: Buffer = Buffer.alloc(0);

/** The first `length` code units as a string. */
function decodeUtf16(units: Uint16Array, length: number): string {
  if (littleEndian) {
    if (bytesView.buffer !== units.buffer) bytesView = Buffer.from(units.buffer);
    return bytesView.toString('utf16le', units.byteOffset, units.byteOffset + length * 2);
  }
  let out = '';
  // A slice at a time: argument lists are bounded.
  for (let at = 0; at < length; at += 4096)
    out += String.fromCharCode.apply(
      null,
      units.subarray(at, Math.min(length, at + 4096)) as unknown as number[],
    );
  return out;
}
