/**
 * Arabic name normalisation: folds the spelling variants that real casualty lists
 * disagree on (hamza and alef forms, ى/ي, ة/ه, diacritics, tatweel), repairs the
 * damage PDF extraction does to Arabic text, and rejoins compounds so that
 * "عبد الرحمن" and "عبدالرحمن" become the same token.
 */

import { arabicLetterFolds, arabicMarks } from '../text/arabic-folding.js';
import { boundedMemo } from './bounded-memo.js';

const ARABIC_LETTER = /[\u0621-\u064A]/;
const LATIN_LETTER = /[A-Za-z\u00C0-\u024F]/;

/** Single-letter folds: the shared table, and a lone hamza dropped (it is often left out in names). */
const LETTER_FOLDS: Readonly<Record<string, string>> = { ...arabicLetterFolds, ء: '' };

/**
 * Words that stand in for a missing name ("unknown", "remains", "infant") or mark a
 * record as a relative of a named person ("son of/X"). They carry no identity.
 */
const PLACEHOLDER_WORDS = new Set([
  'مجهول',
  'مجهوله',
  'اشلاء',
  'طفل',
  'طفله',
  'رضيع',
  'رضيعه',
  'جثه',
  'شهيد',
  'شهيده',
  'غير',
  'لايوجد',
  'يوجد',
  'بدون',
  'اسم',
]);

/**
 * Words that are a placeholder only after the word given here: "غير معروف" is "unknown",
 * but معروف (Maarouf) alone is a family name.
 */
const PLACEHOLDER_AFTER: ReadonlyMap<string, string> = new Map([['معروف', 'غير']]);

/** Words that are a placeholder only when a slash or dash ties them to a relative's name. */
const RELATIVE_MARKERS = new Set(['ابن', 'بنت', 'ابنه', 'زوجه', 'ام', 'ابو']);

/** Prefixes that always form one name with the following word (عبد الرحمن, ابو شماله, ام محمد). */
const JOIN_WITH_NEXT = new Set(['عبد', 'ابو', 'ام', 'بو']);

/** Second halves of compound given names (نور الدين, منة الله, سيف الاسلام). */
const JOIN_WITH_PREVIOUS = new Set([
  'الله',
  'الدين',
  'الرحمن',
  'الرحيم',
  'الاسلام',
  'الزهراء',
  'الزهرا',
  'الهدي',
  'النور',
  'الحق',
]);

/** Result of normalising one Arabic name cell. */
export interface NormalisedArabicName {
  /** Canonical name tokens in their written order, compounds joined. */
  readonly tokens: readonly string[];
  /** Names given in parentheses (usually an alternative family name). */
  readonly alternates: readonly string[];
  /** Latin-script words found in the cell (mixed-script input), left for the Latin pipeline. */
  readonly latinWords: readonly string[];
  /** True when the cell held something but nothing that identifies a person. */
  readonly placeholderOnly: boolean;
}

/**
 * Folds letters, removes diacritics and tatweel. Works on any string; non-Arabic
 * characters pass through unchanged.
 */
export function foldArabic(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFKC').replace(arabicMarks, '')) {
    const folded = LETTER_FOLDS[ch];
    out += folded ?? ch;
  }
  return out;
}

/**
 * Repairs PDF-extraction damage inside one folded token. Extractors emit the lam-alef
 * ligature in the wrong order (بلال → بالل, علاء → عالء) and reverse "الله" (→ هللا).
 * The swap cannot be undone reliably (صلاح and صالح are both names), so the canonical
 * form writes every "لا" as "ال": damaged and undamaged spellings then coincide.
 */
export function repairToken(token: string): string {
  let t = token;
  if (t === 'هللا' || t === 'هلل') t = 'الله';
  else if (t.endsWith('هللا') && t.length > 4) t = t.slice(0, -4) + 'الله';
  return t.replaceAll('لا', 'ال');
}

/** True for a token that stands in for a missing name. */
export function isPlaceholderToken(token: string): boolean {
  return PLACEHOLDER_WORDS.has(token) || /^[0-9٠-٩]+$/.test(token);
}

/**
 * Normalises one Arabic name cell into canonical tokens.
 * Never throws; an empty or placeholder-only cell gives no tokens.
 */
export function normaliseArabicName(raw: string): NormalisedArabicName {
  return PLAIN_ARABIC.test(raw) ? normalisePlainArabic(raw) : normaliseArabicNameGeneral(raw);
}

/** The general path of `normaliseArabicName` (exported for the equivalence test). */
export function normaliseArabicNameGeneral(raw: string): NormalisedArabicName {
  const folded = foldArabic(raw);
  const alternates: string[] = [];
  // Parenthesised words are alternatives ("ابوعيشة(ابوحطب)"); keep them aside.
  const withoutParens = folded.replace(/\(([^)]*)\)?/g, (_m, inner: string) => {
    for (const w of inner.split(/[\s/\\+*.,؛،-]+/)) if (w) alternates.push(w);
    return ' ';
  });
  // "ابن/اسراء" (son of Isra'): the record names a relative, not the person.
  const relativeFree = withoutParens.replace(
    /(^|\s)(\S+?)\s*[/\\-]\s*\S+/g,
    (m: string, lead: string, word: string) =>
      RELATIVE_MARKERS.has(word) || word === 'طفل' ? lead : m,
  );
  const rawWords = relativeFree.split(/[\s/\\+*.,؛،()_:"'\-–—]+/).filter((w) => w.length > 0);

  const latinWords: string[] = [];
  let arabicWords: string[] = [];
  let sawSomething = false;
  for (const w of rawWords) {
    sawSomething = true;
    if (LATIN_LETTER.test(w) && !ARABIC_LETTER.test(w)) latinWords.push(w);
    else if (ARABIC_LETTER.test(w)) arabicWords.push(w.replace(/[^\u0621-\u064A]/g, ''));
  }
  arabicWords = arabicWords.filter(
    (w, k) =>
      w.length > 0 &&
      !isPlaceholderToken(w) &&
      (k === 0 || PLACEHOLDER_AFTER.get(w) !== arabicWords[k - 1]),
  );

  const tokens = joinCompounds(reattachStrayLetters(arabicWords)).map(repairToken);
  const alts = alternates
    .map((w) => w.replace(/[^\u0621-\u064A]/g, ''))
    .filter((w) => w.length > 1 && !isPlaceholderToken(w))
    .map(repairToken);
  return {
    tokens,
    alternates: alts,
    latinWords,
    placeholderOnly: sawSomething && tokens.length === 0 && latinWords.length === 0,
  };
}

/**
 * Cells of Arabic letters and spaces only: no marks, digits, brackets or other
 * scripts. Most cells are like this, and for them normalisation works word by word.
 */
const PLAIN_ARABIC = /^[\u0621-\u064A ]*$/;

/** A word of a plain cell folded, or '' when it folds away or is a placeholder. */
const plainWord = boundedMemo((w: string): string => {
  const folded = foldArabic(w);
  return folded !== '' && isPlaceholderToken(folded) ? PLACEHOLDER : folded;
});
const PLACEHOLDER = '\u0000';

/**
 * The canonical token of one word of Arabic letters when normalisation treats the word
 * on its own: it folds to two or more letters, is not a placeholder, and neither joins
 * its neighbours nor is joined to them (عبد, ابو, الله, a stray letter). A cell of such
 * words separated by spaces normalises to their tokens, one per word (tested); any other
 * word gives undefined.
 */
export function standaloneToken(word: string): string | undefined {
  if (!PLAIN_ARABIC.test(word)) return undefined;
  const folded = foldArabic(word);
  if (folded.length < 2 || folded.includes(' ') || isPlaceholderToken(folded)) return undefined;
  if (JOIN_WITH_NEXT.has(folded) || JOIN_WITH_PREVIOUS.has(folded) || folded === 'هللا')
    return undefined;
  return repairToken(folded);
}

/**
 * `normaliseArabicName` of a plain cell (see PLAIN_ARABIC), word by word with the
 * words memoised; the same result as the general path (tested).
 */
function normalisePlainArabic(raw: string): NormalisedArabicName {
  const words: string[] = [];
  let sawSomething = false;
  let previous = '';
  for (const w of raw.split(' ')) {
    if (w === '') continue;
    const folded = plainWord(w);
    if (folded === '') continue;
    sawSomething = true;
    const after = PLACEHOLDER_AFTER.get(folded);
    if (folded !== PLACEHOLDER && (after === undefined || after !== previous)) words.push(folded);
    previous = folded === PLACEHOLDER ? foldArabic(w) : folded;
  }
  const tokens = joinCompounds(reattachStrayLetters(words)).map(repairToken);
  return {
    tokens,
    alternates: [],
    latinWords: [],
    placeholderOnly: sawSomething && tokens.length === 0,
  };
}

/**
 * A single letter standing alone is a fragment split off by PDF extraction ("حسي ن"),
 * never a name; the conjunction و is the one exception and is dropped.
 */
function reattachStrayLetters(words: readonly string[]): string[] {
  const out: string[] = [];
  for (const w of words) {
    if (w.length === 1) {
      if (w === 'و') continue;
      const last = out.length - 1;
      if (last >= 0) out[last] = (out[last] ?? '') + w;
      else out.push(w);
    } else out.push(w);
  }
  // A leading single letter had nothing to attach to: join it to the next word.
  if (out.length > 1 && (out[0] ?? '').length === 1) {
    const [first, second, ...rest] = out;
    return [(first ?? '') + (second ?? ''), ...rest];
  }
  return out;
}

/** Joins "عبد الرحمن" → "عبدالرحمن", "ابو شماله" → "ابوشماله", "نور الدين" → "نورالدين". */
function joinCompounds(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    const next = words[i + 1];
    if (JOIN_WITH_NEXT.has(w) && next !== undefined) {
      out.push(w + next);
      i++;
      continue;
    }
    const prevIndex = out.length - 1;
    if ((JOIN_WITH_PREVIOUS.has(w) || w === 'هللا') && prevIndex >= 0) {
      out[prevIndex] = (out[prevIndex] ?? '') + w;
      continue;
    }
    out.push(w);
  }
  return out;
}
