/**
 * A folded copy of a document for matching (ASCII digits, one Arabic letter per sound, no
 * diacritics or invisible marks, lower case) that remembers where each of its characters came
 * from, so that every match can be reported as offsets into the original text.
 */

import { arabicLetterFolds } from '../text/arabic-folding.js';
export interface MappedText {
  /** The folded text that rules match against. */
  readonly norm: string;
  /** `origin[i]` is the index in the original text of `norm[i]`. */
  readonly origin: readonly number[];
  /** The original text. */
  readonly text: string;
}

// Harakat, Quranic marks, superscript alef, tatweel and invisible formatting characters.
const DROPPED =
  /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u0621]/;

const TRAILING_MARKS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/;

const FOLDS: Readonly<Record<string, string>> = {
  ...arabicLetterFolds,
  '\u066c': ',', // Arabic thousands separator
  '\u066b': '.', // Arabic decimal separator
  '\u066a': '%',
  '\u2019': "'",
  '\u2018': "'",
  '\u02bc': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u00ab': '"',
  '\u00bb': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2212': '-',
};

/** Folds one character; returns '' for characters that carry nothing for matching. */
export function foldChar(ch: string): string {
  if (DROPPED.test(ch)) return '';
  const code = ch.charCodeAt(0);
  if (code >= 0x0660 && code <= 0x0669) return String(code - 0x0660);
  if (code >= 0x06f0 && code <= 0x06f9) return String(code - 0x06f0);
  const folded = FOLDS[ch];
  if (folded !== undefined) return folded;
  const lower = ch.toLowerCase();
  // Some capitals lower-case to two characters (İ); keep those as they are.
  return lower.length === 1 ? lower : ch;
}

/** Folds a word the way documents are folded, for writing word lists in natural spelling. */
export function foldWord(word: string): string {
  let out = '';
  for (const ch of word) out += foldChar(ch);
  return out;
}

/** Builds the folded, offset-mapped copy of `text`. */
export function mapText(text: string): MappedText {
  let norm = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const folded = foldChar(text.charAt(i));
    for (let k = 0; k < folded.length; k++) {
      norm += folded.charAt(k);
      origin.push(i);
    }
  }
  return { norm, origin, text };
}

/** Original-text offsets of the folded range [normStart, normEnd). */
export function originalRange(
  mapped: MappedText,
  normStart: number,
  normEnd: number,
): { start: number; end: number } {
  const start = mapped.origin[normStart] ?? mapped.text.length;
  const last = mapped.origin[normEnd - 1];
  let end = last === undefined ? start : last + 1;
  // Keep the word's trailing harakat and tatweel ("قتيلاً", not "قتيلا").
  while (end < mapped.text.length && TRAILING_MARKS.test(mapped.text.charAt(end))) end++;
  return { start, end };
}
