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

/** One pass over the text: cheaper than a chain of replacements on a million names. */
export function foldForSearch(text: string): string {
  const source = (needsCompatibility.test(text) ? text.normalize('NFKC') : text).toLowerCase();
  let out = '';
  let pendingSpace = false;
  for (let i = 0; i < source.length; i++) {
    const code = source.charCodeAt(i);
    if (isSpace(code)) {
      pendingSpace = out.length > 0;
      continue;
    }
    if (isArabicMark(code)) continue;
    if (pendingSpace) {
      out += ' ';
      pendingSpace = false;
    }
    const ch = source[i]!;
    out += arabicLetterFolds[ch] ?? ch;
  }
  return out;
}
