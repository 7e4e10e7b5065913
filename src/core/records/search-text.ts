import { arabicLetterFolds, isArabicMark } from '../text/arabic-folding.js';
import type { RecordFields } from './record-fields.js';

/**
 * The text a record is found by: every name it carries, with Arabic letter variants, diacritics
 * and tatweel folded and Latin case removed, so "أحمد" finds "احمد".
 */
export function searchText(
  fields: Pick<RecordFields, 'name' | 'nameLatin' | 'otherNames' | 'kunya'>,
): string {
  return foldForSearch(
    [fields.name, fields.nameLatin, ...fields.otherNames, fields.kunya].filter(Boolean).join(' '),
  );
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

// Each UTF-16 code below 0x0700 mapped to what it folds to (0: dropped), so the loop below is a
// table lookup per character instead of a property lookup and a string concatenation.
const foldTable = new Uint16Array(0x0700).map((_, code) => {
  if (isArabicMark(code)) return 0;
  const folded = arabicLetterFolds[String.fromCharCode(code)];
  return folded === undefined ? code : folded.charCodeAt(0);
});
let folded = new Uint16Array(256);

/** One pass over the text: cheaper than a chain of replacements on a million names. */
export function foldForSearch(text: string): string {
  const source = (needsCompatibility.test(text) ? text.normalize('NFKC') : text).toLowerCase();
  if (folded.length < source.length) folded = new Uint16Array(source.length * 2);
  let length = 0;
  let pendingSpace = false;
  for (let i = 0; i < source.length; i++) {
    let code = source.charCodeAt(i);
    if (isSpace(code)) {
      pendingSpace = length > 0;
      continue;
    }
    if (code < 0x0700) {
      code = foldTable[code]!;
      if (code === 0) continue;
    }
    if (pendingSpace) {
      folded[length++] = 32;
      pendingSpace = false;
    }
    folded[length++] = code;
  }
  return decodeUtf16(folded, length);
}

/** The first `length` code units as a string, a slice at a time (argument lists are bounded). */
function decodeUtf16(units: Uint16Array, length: number): string {
  let out = '';
  for (let at = 0; at < length; at += 4096)
    out += String.fromCharCode.apply(
      null,
      units.subarray(at, Math.min(length, at + 4096)) as unknown as number[],
    );
  return out;
}
