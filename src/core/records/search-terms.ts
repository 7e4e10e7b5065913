import {
  arabicSkeleton,
  boundedMemo,
  latinSkeleton,
  normaliseArabicName,
  normaliseLatinName,
  repairToken,
  standaloneToken,
} from '../names/index.js';

/**
 * How a searched word finds the words of records (the tokens of their search text, see
 * search-text.ts, and the canonical tokens of their names):
 *
 * - as a part of a token, the way the register has always searched: "محم" finds "محمد";
 * - spelled as name normalisation spells it (PDF damage to "لا" and "الله" repaired), and
 *   against compound names joined as normalisation joins them: "عبدالرحمن" finds
 *   "عبد الرحمن", "Abdulrahman" finds "Abd al-Rahman";
 * - a Latin word, as any transliteration with the same consonant skeleton (latinSkeleton) and
 *   the same number of vowel groups: "Mohammed" finds "Muhammad" and "Mohamed" but not
 *   "Mahmoud" (same skeleton, one vowel group fewer);
 * - across scripts, by consonant skeleton alone (phonetic-skeleton.ts), the names of records
 *   written in one script only (a monitor may write names only in Latin letters, a ministry
 *   only in Arabic): "Shehab" finds a record naming only "شهاب". Arabic leaves short vowels
 *   unwritten, so this is coarser ("Mohammed" also finds "محمود"), which is why records that
 *   carry both scripts are found by their own spellings only;
 * - only when none of that finds any token in the register: with one letter wrong, missing,
 *   added or two letters swapped, for words of five letters or more, so "ابراهين" finds
 *   "ابراهيم" while "محمود", which is a name of its own, never finds "محمد".
 */

/** Words shorter than this are never matched with a typo. */
export const typoMinLength = 5;

/** The Latin words of a token list whose spelling variants are looked up (a–z, 3+ letters). */
const latinWord = /^[a-z]{3,}$/;

/** Number of vowel groups of a lower-case Latin word (Muhammad 3, Mahmoud 2). */
function vowelGroups(word: string): number {
  let groups = 0;
  let inVowel = false;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    // a e i o u
    const vowel = c === 97 || c === 101 || c === 105 || c === 111 || c === 117;
    if (vowel && !inVowel) groups++;
    inVowel = vowel;
  }
  return groups;
}

/** A word of folded Arabic letters only. */
const arabicWord = /^[\u0621-\u064A]{2,}$/;
/** Starts the index's cross-script tokens, which no searched word can contain or be part of. */
const crossScriptMark = '\u0001';

/** A word's script and consonant skeleton; null for words of neither script or too short. */
const scriptSkeleton = boundedMemo(
  (word: string): { script: 'latin' | 'arabic'; skeleton: string } | null => {
    const found = latinWord.test(word)
      ? { script: 'latin' as const, skeleton: latinSkeleton(word) }
      : arabicWord.test(word)
        ? { script: 'arabic' as const, skeleton: arabicSkeleton(word) }
        : null;
    // A single consonant class would find half the register.
    return found && found.skeleton.length >= 2 ? found : null;
  },
);

/**
 * The tokens by which a record whose words are in one script only is found from the other
 * (see the rules above); none for a record with words in both scripts, or in neither.
 */
export function crossScriptTokens(words: Iterable<string>): string[] {
  const keys: { script: 'latin' | 'arabic'; skeleton: string }[] = [];
  for (const word of words) {
    const key = scriptSkeleton(word);
    if (key) keys.push(key);
  }
  const script = keys[0]?.script;
  if (script === undefined || keys.some((k) => k.script !== script)) return [];
  const searchedIn = script === 'latin' ? 'arabic' : 'latin';
  return [...new Set(keys.map((k) => `${crossScriptMark}${searchedIn}:${k.skeleton}`))];
}

/** The cross-script token a searched word finds, if any. */
function crossScriptQuery(word: string): string | null {
  const key = scriptSkeleton(word);
  return key ? `${crossScriptMark}${key.script}:${key.skeleton}` : null;
}

/** The key Latin spelling variants share, or null for words that are not plain Latin. */
export function latinSpellingKey(word: string): string | null {
  if (!latinWord.test(word)) return null;
  return `${latinSkeleton(word)}:${vowelGroups(word)}`;
}

/** A word's canonical token when it stands alone (standaloneToken), or null when it may not. */
const standalone = boundedMemo((word: string) => standaloneToken(word) ?? null);
const latinTokens = boundedMemo((name: string) => normaliseLatinName(name));

/** The canonical tokens of an Arabic name cell (normaliseArabicName), cheaply for plain cells. */
function arabicTokens(name: string): string[] {
  const out: string[] = [];
  for (const word of name.split(' ')) {
    if (word === '') continue;
    const token = standalone(word);
    if (token === null) {
      // Compounds, stray letters, marks or other scripts: the whole cell, as linkage reads it.
      const arabic = normaliseArabicName(name);
      return [
        ...arabic.tokens,
        ...arabic.alternates,
        ...(arabic.latinWords.length > 0 ? latinTokens(arabic.latinWords.join(' ')) : []),
      ];
    }
    out.push(token);
  }
  return out;
}

/**
 * The canonical tokens of a record's names, as linkage normalises them: compounds joined
 * ("عبد الرحمن" → "عبدالرحمن", "Abd al-Rahman" → "abdalrahman") and PDF damage repaired.
 */
export function canonicalNameTokens(name: string | null, nameLatin: string | null): string[] {
  const out = name ? arabicTokens(name) : [];
  if (nameLatin) out.push(...latinTokens(nameLatin));
  return out;
}

/** The spellings a searched word is looked for under: itself, and as normalisation repairs it. */
export function wordSpellings(word: string): string[] {
  const repaired = repairToken(word);
  return repaired === word ? [word] : [word, repaired];
}

/**
 * True when `a` and `b` differ by at most one edit: a letter replaced, added or removed, or two
 * neighbouring letters swapped.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (la === lb) {
    // One replacement, or one swap of neighbours.
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return (
      i + 1 < la &&
      a.charCodeAt(i) === b.charCodeAt(i + 1) &&
      a.charCodeAt(i + 1) === b.charCodeAt(i) &&
      a.slice(i + 2) === b.slice(i + 2)
    );
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** The tokens of a register, as the matcher needs them. */
export interface SearchVocabulary {
  /** Every distinct token, indexed by token id. */
  readonly tokens: readonly string[];
  /** Token ids by Latin spelling key (latinSpellingKey). */
  readonly byLatinKey: ReadonlyMap<string, readonly number[]>;
  /** The id of a token, if the vocabulary holds it. */
  idOf(token: string): number | undefined;
}

/** How one searched word was matched. */
export interface WordMatch {
  tokenIds: number[];
  /** True when nothing matched the word as written and the typo tolerance found these. */
  typo: boolean;
}

/** The ids of the tokens one folded search word finds (see the rules at the top of this file). */
export function matchWord(vocabulary: SearchVocabulary, word: string): WordMatch {
  const spellings = wordSpellings(word);
  const found = new Set<number>();
  const { tokens } = vocabulary;
  for (let id = 0; id < tokens.length; id++) {
    const token = tokens[id]!;
    if (token.startsWith(crossScriptMark)) continue;
    for (const s of spellings) {
      if (token.includes(s)) {
        found.add(id);
        break;
      }
    }
  }
  for (const s of spellings) {
    const key = latinSpellingKey(s);
    if (key === null) continue;
    for (const id of vocabulary.byLatinKey.get(key) ?? []) found.add(id);
  }
  const cross = crossScriptQuery(word);
  const crossId = cross === null ? undefined : vocabulary.idOf(cross);
  if (crossId !== undefined) found.add(crossId);
  if (found.size > 0 || word.length < typoMinLength) return { tokenIds: [...found], typo: false };
  for (let id = 0; id < tokens.length; id++) {
    const token = tokens[id]!;
    if (token.startsWith(crossScriptMark)) continue;
    if (spellings.some((s) => withinOneEdit(token, s))) found.add(id);
  }
  return { tokenIds: [...found], typo: found.size > 0 };
}
