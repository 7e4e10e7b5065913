/**
 * A script-independent key for one name token: its consonant skeleton. Arabic writes
 * consonants and long vowels; transliterations add short vowels and disagree on
 * them (Muhammad, Mohammad, Mohamed, Mohammed). Dropping vowels and the weak letters
 * (ا و ي ع ء) on both sides, and mapping letters to shared classes (ح/ه → H,
 * ق/ك/q/k → K, kh → K, sh → S, ...), makes محمد and Mohamed both "MHMD".
 *
 * The key is deliberately coarse (محمد and محمود coincide): it is used where one side
 * has no Arabic at all, and for blocking, never to call two Arabic spellings equal.
 */

const ARABIC_CLASSES: Readonly<Record<string, string>> = {
  ب: 'B',
  پ: 'B',
  ت: 'T',
  ث: 'T',
  ط: 'T',
  ج: 'J',
  ح: 'H',
  ه: 'H',
  ة: 'H',
  خ: 'K',
  د: 'D',
  ض: 'D',
  ذ: 'Z',
  ز: 'Z',
  ظ: 'Z',
  ر: 'R',
  س: 'S',
  ص: 'S',
  ش: 'S',
  غ: 'G',
  ف: 'F',
  ڤ: 'F',
  ق: 'K',
  ك: 'K',
  گ: 'K',
  ل: 'L',
  م: 'M',
  ن: 'N',
};
const ARABIC_WEAK = new Set(['ا', 'أ', 'إ', 'آ', 'ٱ', 'ء', 'ئ', 'ؤ', 'ع', 'و', 'ي', 'ى']);

// Digraphs that stand for one Arabic letter. "dh" is left out: it is ذ/ظ in Dhaher
// but د+ه in Madhoun, and either reading would break the other.
const LATIN_DIGRAPHS: ReadonlyArray<readonly [string, string]> = [
  ['kh', 'K'],
  ['gh', 'G'],
  ['sh', 'S'],
  ['ch', 'S'],
  ['th', 'T'],
  ['ph', 'F'],
  ['dj', 'J'],
];
const LATIN_CLASSES: Readonly<Record<string, string>> = {
  b: 'B',
  p: 'B',
  t: 'T',
  d: 'D',
  j: 'J',
  g: 'J',
  h: 'H',
  k: 'K',
  q: 'K',
  c: 'K',
  x: 'K',
  s: 'S',
  z: 'Z',
  f: 'F',
  v: 'F',
  l: 'L',
  m: 'M',
  n: 'N',
  r: 'R',
};
const LATIN_WEAK = new Set(['a', 'e', 'i', 'o', 'u', 'w', 'y', "'"]);

/**
 * Consonant skeleton of an Arabic token (already folded or not). The article ال is
 * dropped (also in its PDF-swapped form اال) so "المدهون" meets "Madhoun". A weak
 * letter right after the article is dropped too, in both scripts: transliterations
 * disagree on the vowel they write there (Alamghari for المغاري, Alohaida for الوحيدي,
 * al-Agha and Aalgha for الاغا).
 */
export function arabicSkeleton(token: string): string {
  let out = '';
  let t = token;
  let first = true;
  if (t.startsWith('اال') && t.length >= 5) {
    t = t.slice(3);
    first = false;
  } else if (t.startsWith('ال') && t.length >= 4) {
    t = t.slice(2);
    first = false;
  }
  for (const ch of t) {
    const cls = ARABIC_CLASSES[ch];
    if (cls !== undefined) out += cls;
    else if (first && ARABIC_WEAK.has(ch)) out += ch === 'و' ? 'W' : ch === 'ي' ? 'Y' : 'A';
    first = false;
  }
  return finish(out);
}

/** Consonant skeleton of a Latin token (letters a–z); a leading article is dropped. */
export function latinSkeleton(token: string): string {
  let out = '';
  let t = token.toLowerCase();
  // The article, written "al" by normaliseLatinName whatever its spelling, or "aal"
  // by transliterators that render both letters of a PDF-swapped اال.
  const article = /^(aal|al|el)(?=.*[^aeiouwy])/.exec(t)?.[0];
  let first = true;
  if (article !== undefined && t.length >= article.length + 3) {
    t = t.slice(article.length);
    first = false;
  }
  for (let i = 0; i < t.length; i++) {
    const two = t.slice(i, i + 2);
    const digraph = LATIN_DIGRAPHS.find(([d]) => d === two);
    if (digraph !== undefined) {
      out += digraph[1];
      i++;
      continue;
    }
    const ch = t[i] ?? '';
    const cls = LATIN_CLASSES[ch];
    if (cls !== undefined) out += cls;
    else if (i === 0 && first && LATIN_WEAK.has(ch))
      out += ch === 'w' ? 'W' : ch === 'y' ? 'Y' : 'A';
  }
  return finish(out);
}

/** Collapses doubled classes (Mohammed → MHMD) and drops a final H (ة, -ah, -eh). */
function finish(skeleton: string): string {
  let out = '';
  for (const ch of skeleton) if (out[out.length - 1] !== ch) out += ch;
  if (out.length > 2 && out.endsWith('H')) out = out.slice(0, -1);
  return out;
}
