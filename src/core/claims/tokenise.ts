import type { MappedText } from './mapped-text.js';

/** A word, a run of digits (with its separators) or a single punctuation mark of the folded text. */
export interface Token {
  kind: 'word' | 'num' | 'punct';
  /** Folded text of the token. */
  text: string;
  /** Offsets into the folded text. */
  start: number;
  end: number;
  /** Newlines in the whitespace before the token (0 if it follows its neighbour on the line). */
  newlinesBefore: number;
  /** True if whitespace separates this token from the one before it. */
  spaceBefore: boolean;
  /** Index of the sentence the token belongs to. */
  sentence: number;
}

// Digits with grouping (3,207 · 3.207 · 10 000 with no-break spaces) or a decimal; an Arabic
// one-letter prefix glued to digits ("و20", "ب500"); a word (letters and digits, so "Party1" and
// "IV586" stay one word, not a number); any other mark.
const TOKEN =
  /\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?!\d)|\d+(?:\.\d+)?|(?<![\p{L}\p{M}])[وبلفك](?=\d)|[\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:'[\p{L}\p{M}]+)*|[^\s\p{L}\p{M}\p{N}]/gu;

const SENTENCE_END = new Set(['.', '!', '?', '؟', '…']);

// Words after which a full stop is an abbreviation point, not the end of a sentence.
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'st',
  'no',
  'nos',
  'vs',
  'etc',
  'gen',
  'col',
  'lt',
  'maj',
  'capt',
  'sgt',
  'jr',
  'sr',
  'e',
  'i',
  'u',
  's',
  'art',
  'vol',
  'p',
  'pp',
  'approx',
  'est',
  'ca',
  'fig',
  'incl',
]);

/** Splits the folded text into tokens and numbers them by sentence. */
export function tokenise(mapped: MappedText): Token[] {
  const { norm } = mapped;
  const tokens: Token[] = [];
  let sentence = 0;
  let previousEnd = 0;
  for (const match of norm.matchAll(TOKEN)) {
    const text = match[0];
    const start = match.index;
    const gap = norm.slice(previousEnd, start);
    const newlinesBefore = (gap.match(/\n/g) ?? []).length;
    const previous = tokens[tokens.length - 1];
    if (previous && (newlinesBefore >= 2 || endsSentence(tokens, gap))) sentence++;
    const kind = /^\d/.test(text) ? 'num' : /^[\p{L}\p{M}]/u.test(text) ? 'word' : 'punct';
    tokens.push({
      kind,
      text,
      start,
      end: start + text.length,
      newlinesBefore,
      spaceBefore: gap.length > 0,
      sentence,
    });
    previousEnd = start + text.length;
  }
  return tokens;
}

// A sentence ends after . ! ? when whitespace follows, unless the full stop closes an abbreviation.
function endsSentence(tokens: readonly Token[], gap: string): boolean {
  const last = tokens[tokens.length - 1];
  if (!last || last.kind !== 'punct' || !SENTENCE_END.has(last.text)) return false;
  if (gap.length === 0) return false;
  if (last.text === '.') {
    const before = tokens[tokens.length - 2];
    // "the 1980s." ends a sentence: an "s" glued to a number is a decade, not an abbreviation.
    const decade =
      before?.text === 's' && tokens[tokens.length - 3]?.kind === 'num' && !before.spaceBefore;
    if (
      before &&
      before.kind === 'word' &&
      !last.spaceBefore &&
      ABBREVIATIONS.has(before.text) &&
      !decade
    ) {
      return false;
    }
  }
  return true;
}

/** Marks that break a clause: commas, semicolons, colons, brackets, quotes and spaced dashes. */
export function isClauseBreak(token: Token): boolean {
  if (token.kind !== 'punct') return false;
  if (token.text === '-') return token.spaceBefore;
  return /^[,،;؛:()[\]{}"]$/.test(token.text);
}
