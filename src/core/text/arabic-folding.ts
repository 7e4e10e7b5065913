/**
 * The Arabic spelling variants that never tell two people, two words or two column names apart:
 * hamza and madda forms of alef, alef maqsura, taa marbuta, hamza seats, Persian and Urdu
 * look-alike letters (they turn up in typed lists), and the marks written over letters. Search,
 * header matching, vocabulary matching, name normalisation and figure extraction all fold with
 * this one table, so they agree on what counts as the same spelling.
 */
export const arabicLetterFolds: Readonly<Record<string, string>> = {
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ى: 'ي',
  ی: 'ي',
  ئ: 'ي',
  ؤ: 'و',
  ة: 'ه',
  ۀ: 'ه',
  ک: 'ك',
  ڪ: 'ك',
};

/** Harakat, Quranic annotation marks, superscript alef and tatweel: they carry no identity. */
export function isArabicMark(code: number): boolean {
  return (
    (code >= 0x064b && code <= 0x065f) ||
    code === 0x0670 ||
    code === 0x0640 ||
    (code >= 0x0610 && code <= 0x061a) ||
    (code >= 0x06d6 && code <= 0x06ed)
  );
}

/** A regular expression matching one mark, for code that works with `replace`. */
export const arabicMarks = /[\u064B-\u065F\u0610-\u061A\u06D6-\u06ED]|\u0670|\u0640/g;

/** Folds letters and drops marks in one pass; other characters pass through unchanged. */
export function foldArabic(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x0610 || code > 0x06ed) {
      out += text[i];
      continue;
    }
    if (isArabicMark(code)) continue;
    const ch = text[i]!;
    out += arabicLetterFolds[ch] ?? ch;
  }
  return out;
}
