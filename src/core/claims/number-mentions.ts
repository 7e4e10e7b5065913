import { numberWord, scaleAfterDigits } from './number-words.js';
import type { Token } from './tokenise.js';

/** A number as written in the text: digits (with any "million"/"ألف" after them) or words. */
export interface NumberMention {
  value: number;
  /** Token range [first, last] the number occupies, scale word included. */
  first: number;
  last: number;
  /** Written in words ("ten thousand", "خمسة"), not digits. */
  spelled: boolean;
  /** Digits with a letter glued on ("20th", "1980s", "5km"): an ordinal, decade or unit. */
  glued: boolean;
  /** Written as a bare run of digits with no grouping or decimal (how years are written). */
  plainDigits: boolean;
}

// Letters that may be glued to digits as a multiplier: 5k, 2m, 3bn.
const GLUED_SCALES: Readonly<Record<string, number>> = { k: 1e3, m: 1e6, mn: 1e6, bn: 1e9 };

/** Finds every number in the token stream, in order. */
export function findNumberMentions(tokens: readonly Token[]): NumberMention[] {
  const mentions: NumberMention[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i];
    if (!token) break;
    const mention =
      token.kind === 'num'
        ? digitsMention(tokens, i)
        : token.kind === 'word'
          ? spelledMention(tokens, i)
          : null;
    if (mention) {
      mentions.push(mention);
      i = mention.last + 1;
    } else i++;
  }
  return mentions;
}

function digitsMention(tokens: readonly Token[], i: number): NumberMention | null {
  const token = tokens[i];
  if (!token) return null;
  const raw = token.text;
  // A leading zero marks a code or a phone number, not a count ("0944", "007").
  if (/^0\d/.test(raw)) return null;
  const next = tokens[i + 1];
  const glued = next !== undefined && next.kind === 'word' && !next.spaceBefore;
  const gluedScale = glued ? GLUED_SCALES[next.text] : undefined;
  const scale =
    gluedScale ?? (next && next.kind === 'word' && !glued ? scaleAfterDigits(next.text) : null);
  let value: number;
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(raw)) value = Number(raw.replace(/,/g, ''));
  else if (/^\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+$/.test(raw)) {
    value = Number(raw.replace(/[\u00a0\u202f\u2009]/g, ''));
  } else if (/^\d{1,3}(?:\.\d{3})+$/.test(raw) && !(scale !== null && /^\d+\.\d+$/.test(raw))) {
    // "3.207 people": a count is never a fraction, so a dot before three digits groups thousands.
    // Before a multiplier ("1.500 million") it stays a decimal point.
    value = Number(raw.replace(/\./g, ''));
  } else if (/^\d+(?:\.\d+)?$/.test(raw)) value = Number(raw);
  else return null;
  if (!Number.isFinite(value)) return null;
  const plainDigits = /^\d+$/.test(raw);
  if (scale !== null && scale !== undefined) {
    return {
      value: Math.round(value * scale),
      first: i,
      last: i + 1,
      spelled: false,
      glued: false,
      plainDigits: false,
    };
  }
  return { value, first: i, last: i, spelled: false, glued, plainDigits };
}

function spelledMention(tokens: readonly Token[], i: number): NumberMention | null {
  const first = tokens[i];
  if (!first) return null;
  const head = numberWord(first.text);
  if (!head || head.afterConjunction) return null;
  let total = 0;
  let current = 0;
  let last = -1;
  let j = i;
  let arabicTeen = false;
  while (j < tokens.length) {
    const token = tokens[j];
    if (!token || token.kind !== 'word') break;
    const word = numberWord(token.text);
    if (!word) break;
    if (j > i && word.afterConjunction && word.role !== 'unit') break;
    const following = tokens[j + 1];
    const followingWord = following?.kind === 'word' ? numberWord(following.text) : null;
    if (word.role === 'article') {
      // "a" or "an" counts only before "hundred", "thousand", "million" or "dozen".
      if (
        j !== i ||
        !followingWord ||
        !['hundred', 'scale', 'dozen'].includes(followingWord.role)
      ) {
        break;
      }
      current = 1;
    } else if (word.role === 'half') {
      if (j !== i || followingWord?.role !== 'article') break;
      const scaleToken = tokens[j + 2];
      const scaleWord = scaleToken?.kind === 'word' ? numberWord(scaleToken.text) : null;
      if (scaleWord?.role !== 'scale') break;
      return {
        value: scaleWord.value / 2,
        first: i,
        last: j + 2,
        spelled: true,
        glued: false,
        plainDigits: false,
      };
    } else if (word.role === 'unit') {
      if (word.value === 10 && current > 0 && current < 10 && /[\u0621-\u064a]/.test(token.text)) {
        // Arabic teens: "ثلاثة عشر" is three-ten.
        if (arabicTeen) break;
        arabicTeen = true;
      }
      current += word.value;
    } else if (word.role === 'hundred') current = (current || 1) * word.value;
    else if (word.role === 'dozen') current = (current || 1) * 12;
    else if (word.role === 'scale') {
      total += (current || 1) * word.value;
      current = 0;
    } else {
      // "آلاف" alone is "thousands": only a count after a number ("ثلاثة آلاف").
      if (current === 0) break;
      total += current * word.value;
      current = 0;
    }
    last = j;
    j++;
    // Join "twenty-five" and "one hundred and fifty".
    const joiner = tokens[j];
    const afterJoiner = tokens[j + 1];
    if (
      joiner &&
      afterJoiner &&
      afterJoiner.kind === 'word' &&
      numberWord(afterJoiner.text) &&
      ((joiner.text === '-' && !joiner.spaceBefore && !afterJoiner.spaceBefore) ||
        joiner.text === 'and')
    ) {
      j++;
    }
  }
  if (last < 0) return null;
  const value = total + current;
  if (value < 2) return null;
  return { value, first: i, last, spelled: true, glued: false, plainDigits: false };
}
