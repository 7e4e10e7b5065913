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
const folded = new Map<number, string>([
  [0x0623, 'ا'], // أ
  [0x0625, 'ا'], // إ
  [0x0622, 'ا'], // آ
  [0x0671, 'ا'], // ٱ
  [0x0649, 'ي'], // ى
  [0x0629, 'ه'], // ة
  [0x0624, 'و'], // ؤ
  [0x0626, 'ي'], // ئ
]);

function isDropped(code: number): boolean {
  // Harakat, superscript alef and tatweel carry no identity.
  return (code >= 0x064b && code <= 0x065f) || code === 0x0670 || code === 0x0640;
}

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
    if (isDropped(code)) continue;
    if (pendingSpace) {
      out += ' ';
      pendingSpace = false;
    }
    out += folded.get(code) ?? source[i];
  }
  return out;
}
