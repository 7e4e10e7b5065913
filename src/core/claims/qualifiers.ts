import { wordForms } from './arabic-affixes.js';
import type { ClaimQualifier } from './claim-types.js';
import { foldWord } from './mapped-text.js';
import { isClauseBreak, type Token } from './tokenise.js';

type Phrase = [ClaimQualifier, string[]];

const phrase = (qualifier: ClaimQualifier, text: string): Phrase => [
  qualifier,
  text.split(' ').map(foldWord),
];

// Longest first, so "no more than" wins over "more than" and "لا يزيد عن" over "يزيد عن".
const BEFORE: readonly Phrase[] = [
  ...[
    'at least',
    'no fewer than',
    'not fewer than',
    'no less than',
    'not less than',
    'a minimum of',
    'minimum of',
    'at minimum',
    'ما لا يقل عن',
    'لا يقل عن',
    'لا تقل عن',
    'لا يقل عددهم عن',
    'ما لا يقل عددهم عن',
    'على الأقل',
  ].map((p) => phrase('at_least', p)),
  ...[
    'more than',
    'over',
    'well over',
    'just over',
    'in excess of',
    'upwards of',
    'above',
    'exceeding',
    'exceeded',
    'exceeds',
    'surpassed',
    'surpassing',
    'topped',
    'أكثر من',
    'ما يزيد عن',
    'ما يزيد على',
    'يزيد عن',
    'يزيد على',
    'يزيدون عن',
    'تزيد عن',
    'تزيد على',
    'أزيد من',
    'ما يفوق',
    'يفوق',
    'تفوق',
    'فاق',
    'فاقت',
    'يتجاوز',
    'تتجاوز',
    'تجاوز',
    'تجاوزت',
    'ما يربو على',
    'يربو على',
  ].map((p) => phrase('more_than', p)),
  ...[
    'close to',
    'nearly',
    'almost',
    'approaching',
    'near',
    'just under',
    'just short of',
    'just below',
    'قرابة',
    'ما يقارب',
    'يقارب',
    'تقارب',
    'قارب',
    'قاربت',
    'ما يقرب من',
    'يقرب من',
    'ناهز',
    'يناهز',
    'ما يناهز',
  ].map((p) => phrase('close_to', p)),
  ...[
    'about',
    'around',
    'some',
    'approximately',
    'approx .',
    'roughly',
    'an estimated',
    'estimated',
    'est .',
    'circa',
    'ca .',
    'in the region of',
    'on the order of',
    'نحو',
    'حوالي',
    'حوالى',
    'زهاء',
    'ما يقدر ب',
    'يقدر ب',
    'يقدر',
    'تقدر ب',
    'يقدر عددهم ب',
    'ما يقدر عددهم ب',
  ].map((p) => phrase('about', p)),
  ...[
    'up to',
    'as many as',
    'as high as',
    'a maximum of',
    'maximum of',
    'at most',
    'no more than',
    'not more than',
    'fewer than',
    'less than',
    'under',
    'below',
    'ما يصل إلى',
    'يصل إلى',
    'تصل إلى',
    'لا يزيد عن',
    'لا يزيد على',
    'أقل من',
  ].map((p) => phrase('up_to', p)),
].sort((a, b) => b[1].length - a[1].length);

const AFTER: readonly Phrase[] = [
  phrase('at_least', 'at least'),
  phrase('at_least', 'على الأقل'),
  phrase('at_least', 'or more'),
  phrase('about', 'or so'),
  phrase('about', 'تقريبا'),
  phrase('more_than', 'ونيف'),
  phrase('more_than', 'نيف'),
  phrase('more_than', 'plus'),
];

/** A qualifier and the tokens it occupies. */
export interface FoundQualifier {
  qualifier: ClaimQualifier;
  first: number;
  last: number;
}

const matches = (token: Token | undefined, word: string) =>
  token !== undefined && wordForms(token.text).some(({ form }) => form === word);

/** The qualifier written just before the number starting at token `first`, if any. */
export function qualifierBefore(tokens: readonly Token[], first: number): FoundQualifier | null {
  const direct = phraseEndingAt(tokens, first);
  if (direct) return direct;
  // Arabic puts the verb before its subject: "تجاوز عدد اللاجئين في تركيا ٣٫٥ مليون".
  for (let j = first - 1; j >= Math.max(0, first - 8); j--) {
    const t = tokens[j];
    if (!t || isClauseBreak(t) || t.kind === 'num' || t.sentence !== tokens[first]?.sentence) break;
    if (wordForms(t.text).some(({ form }) => COUNT_NOUNS.has(form))) {
      const verb = phraseEndingAt(tokens, j);
      if (verb && verb.last === j - 1) return verb;
      break;
    }
  }
  return null;
}

// "عدد" (number), "نسبة" (share), "حصيلة" (toll), "إجمالي" (total).
const COUNT_NOUNS = new Set(['عدد', 'نسبة', 'حصيلة', 'إجمالي'].map(foldWord));

function phraseEndingAt(tokens: readonly Token[], end: number): FoundQualifier | null {
  for (const [qualifier, words] of BEFORE) {
    const start = end - words.length;
    if (start < 0) continue;
    if (words.every((w, k) => matches(tokens[start + k], w))) {
      return { qualifier, first: start, last: end - 1 };
    }
  }
  return null;
}

/**
 * A qualifier after the number and its noun ("٣٠ شخصاً على الأقل", "500 or more", "500+"),
 * looked for within four words and before any comma.
 */
export function qualifierAfter(tokens: readonly Token[], last: number): FoundQualifier | null {
  const next = tokens[last + 1];
  if (next && next.text === '+' && !next.spaceBefore) {
    return { qualifier: 'more_than', first: last + 1, last: last + 1 };
  }
  for (let start = last + 1; start <= last + 4; start++) {
    const token = tokens[start];
    if (!token || isClauseBreak(token) || token.kind === 'num') break;
    if (token.sentence !== tokens[last]?.sentence || token.text === '.') break;
    for (const [qualifier, words] of AFTER) {
      if (words.every((w, k) => matches(tokens[start + k], w))) {
        return { qualifier, first: start, last: start + words.length - 1 };
      }
    }
  }
  return null;
}
