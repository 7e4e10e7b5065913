import { wordForms } from './arabic-affixes.js';
import { cueOf } from './category-cues.js';
import { foldWord, type MappedText } from './mapped-text.js';
import type { NumberMention } from './number-mentions.js';
import type { Token } from './tokenise.js';

/** Why a number is not a figure: it is a date, a duration, an age, a list number, a code... */
export type NonClaimReason =
  | 'ordinal-or-unit'
  | 'url-or-email'
  | 'phone'
  | 'numeric-date-or-time'
  | 'date'
  | 'year'
  | 'duration'
  | 'age'
  | 'list-number'
  | 'reference'
  | 'measurement';

const folded = (words: readonly string[]) => new Set(words.map(foldWord));

const MONTHS = folded([
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'يناير',
  'كانون',
  'فبراير',
  'شباط',
  'مارس',
  'آذار',
  'أبريل',
  'ابريل',
  'نيسان',
  'مايو',
  'أيار',
  'يونيو',
  'يونيه',
  'حزيران',
  'يوليو',
  'يوليه',
  'تموز',
  'أغسطس',
  'اغسطس',
  'آب',
  'سبتمبر',
  'أيلول',
  'أكتوبر',
  'اكتوبر',
  'تشرين',
  'نوفمبر',
  'ديسمبر',
]);

const TIME_UNITS = folded([
  'year',
  'years',
  'yr',
  'yrs',
  'month',
  'months',
  'week',
  'weeks',
  'day',
  'days',
  'hour',
  'hours',
  'minute',
  'minutes',
  'second',
  'seconds',
  'decade',
  'decades',
  'century',
  'centuries',
  'night',
  'nights',
  'weekend',
  'weekends',
  'عام',
  'عاما',
  'أعوام',
  'سنة',
  'سنه',
  'سنوات',
  'سنين',
  'سنتين',
  'عامين',
  'شهر',
  'شهرا',
  'أشهر',
  'شهور',
  'شهرين',
  'يوم',
  'يوما',
  'أيام',
  'يومين',
  'أسبوع',
  'أسبوعا',
  'أسابيع',
  'أسبوعين',
  'ساعة',
  'ساعات',
  'ساعتين',
  'دقيقة',
  'دقائق',
  'عقد',
  'عقود',
  'قرن',
  'ليلة',
  'ليال',
]);

const YEAR_WORDS = folded([
  'in',
  'since',
  'by',
  'until',
  'till',
  'from',
  'of',
  'during',
  'before',
  'after',
  'between',
  'to',
  'and',
  'year',
  'early',
  'late',
  'mid',
  'summer',
  'winter',
  'spring',
  'autumn',
  'fall',
  'عام',
  'العام',
  'سنة',
  'منذ',
  'في',
  'حتى',
  'خلال',
  'قبل',
  'بعد',
  'مطلع',
  'أواخر',
  'أوائل',
  'ربيع',
  'صيف',
  'خريف',
  'شتاء',
  'لعام',
]);

const AGE_WORDS = folded([
  'aged',
  'age',
  'ages',
  'عمر',
  'العمر',
  'عمره',
  'عمرها',
  'بعمر',
  'سن',
  'بسن',
  'عمرهم',
]);
const AGE_GROUPS = folded([
  'children',
  'child',
  'minors',
  'people',
  'persons',
  'those',
  'adults',
  'boys',
  'girls',
  'men',
  'women',
  'aged',
  'age',
]);

const REFERENCE_WORDS = folded([
  'no',
  'nos',
  'number',
  'num',
  'resolution',
  'resolutions',
  'article',
  'articles',
  'art',
  'law',
  'decree',
  'decision',
  'order',
  'item',
  'case',
  'file',
  'page',
  'pages',
  'p',
  'pp',
  'paragraph',
  'para',
  'section',
  'chapter',
  'vol',
  'volume',
  'issue',
  'annex',
  'appendix',
  'table',
  'figure',
  'fig',
  'footnote',
  'note',
  'code',
  'room',
  'building',
  'block',
  'road',
  'route',
  'highway',
  'flight',
  'bus',
  'platform',
  'phase',
  'stage',
  'level',
  'version',
  'episode',
  'season',
  'part',
  'ref',
  'reference',
  'id',
  'serial',
  'gate',
  'floor',
  'apartment',
  'apt',
  'street',
  'protocol',
  'rule',
  'clause',
  'grade',
  'class',
  'unit',
  'brigade',
  'division',
  'battalion',
  'regiment',
  'رقم',
  'القرار',
  'قرار',
  'المادة',
  'مادة',
  'القانون',
  'قانون',
  'المرسوم',
  'مرسوم',
  'البند',
  'بند',
  'الفقرة',
  'فقرة',
  'صفحة',
  'الصفحة',
  'العدد',
  'الفصل',
  'الجدول',
  'الملحق',
  'الإصدار',
  'الفرقة',
  'اللواء',
  'الكتيبة',
  'الطريق',
  'الطابق',
  'المبنى',
  'الحلقة',
]);

const DISTANCE_UNITS = folded([
  'km',
  'kms',
  'kilometres',
  'kilometers',
  'kilometre',
  'kilometer',
  'miles',
  'mile',
  'metres',
  'meters',
  'metre',
  'meter',
  'feet',
  'ft',
  'hectares',
  'acres',
  'dunams',
  'dunums',
  'square',
  'sq',
  'كم',
  'كيلومتر',
  'كيلومترات',
  'كيلو',
  'متر',
  'مترا',
  'أمتار',
  'ميل',
  'أميال',
  'هكتار',
  'دونم',
]);

// Spans inside which digits belong to an address, not a count.
const URL =
  /(?:https?:\/\/|www\.)[^\s<>"]+|[^\s<>"@]+@[^\s<>"]+\.[a-z]{2,}|[\w-]+(?:\.[\w-]+)+\/[^\s<>"]*/g;
const PHONE = /(?:\+|\b00)\d[\d\s().-]{6,}\d|\(?\b0\d{1,4}\)?[\s.-]?\d{3,4}[\s.-]?\d{3,4}\b/g;

/** Precomputed spans of the folded text that hold URLs, e-mail addresses and phone numbers. */
export interface AddressSpans {
  urls: Array<[number, number]>;
  phones: Array<[number, number]>;
}

/** Finds URL, e-mail and phone-number spans once per document. */
export function findAddressSpans(norm: string): AddressSpans {
  const spans = (re: RegExp) =>
    [...norm.matchAll(re)].map((m): [number, number] => [m.index, m.index + m[0].length]);
  return { urls: spans(URL), phones: spans(PHONE) };
}

const inSpans = (spans: Array<[number, number]>, at: number) =>
  spans.some(([s, e]) => at >= s && at < e);

const isWord = (token: Token | undefined, set: ReadonlySet<string>) =>
  token !== undefined &&
  token.kind === 'word' &&
  wordForms(token.text).some(({ form }) => set.has(form));

/**
 * Says why a number is not a figure, or null if it may be one. `qualified` is true when a
 * qualifier ("at least") comes before it, which makes "2011 people" a count, not a year.
 */
export function nonClaimReason(
  mention: NumberMention,
  tokens: readonly Token[],
  mapped: MappedText,
  spans: AddressSpans,
  qualified: boolean,
): NonClaimReason | null {
  const token = tokens[mention.first];
  if (!token) return null;
  const prev = tokens[mention.first - 1];
  const prev2 = tokens[mention.first - 2];
  const next = tokens[mention.last + 1];
  const next2 = tokens[mention.last + 2];
  const { norm } = mapped;

  if (inSpans(spans.urls, token.start)) return 'url-or-email';
  if (!mention.spelled && inSpans(spans.phones, token.start)) return 'phone';
  if (mention.glued) return 'ordinal-or-unit';
  if (!mention.spelled) {
    // Digits glued to a word before them: "Party1" never gets here, but "الـ20" and "F-16" do.
    const before = norm.charAt(token.start - 1);
    if (/[\p{L}]/u.test(before)) {
      const word = /[\p{L}]+$/u.exec(norm.slice(Math.max(0, token.start - 12), token.start))?.[0];
      if (!word || !/^[وبلكف]$/.test(word)) return 'ordinal-or-unit';
    }
    if (before === '-' && /[\p{L}]/u.test(norm.charAt(token.start - 2))) return 'reference';
    if (before === '#' || before === '№') return 'reference';
    // 12/03/2013, 2023-10-07, 7.10.2023, 10:30.
    const around = norm.slice(Math.max(0, token.start - 6), token.end + 6);
    const local = token.start - Math.max(0, token.start - 6);
    const rawAround = around.slice(0, local) + '#' + around.slice(local + token.text.length);
    if (/\d[/:]#|#[/:]\d/.test(rawAround)) return 'numeric-date-or-time';
    if (/\d{1,4}[.-]\d{1,2}[.-]#|\d[.-]#[.-]\d|#[.-]\d{1,2}[.-]\d/.test(rawAround)) {
      return 'numeric-date-or-time';
    }
    if (next && /^(?:am|pm|gmt|utc)$/.test(next.text)) return 'numeric-date-or-time';
  }

  // Dates: a day next to a month ("7 October", "October 7", "the 7th of October", "July 29, 2020").
  if (mention.value <= 31 && Number.isInteger(mention.value)) {
    const after = next?.text === 'of' || next?.text === 'th' ? next2 : next;
    if (isMonth(after, mapped) || isMonth(prev, mapped)) return 'date';
  }
  if (mention.plainDigits && mention.value >= 1800 && mention.value <= 2100 && !qualified) {
    const countFollows = next !== undefined && next.kind === 'word' && isCountWord(next.text);
    if (!countFollows || isWord(prev, YEAR_WORDS) || isMonth(prev, mapped)) return 'year';
  }

  // Durations and ages: "for 75 years", "a five-year siege", "a 6-year old", "aged 14".
  const unit = next?.text === '-' && !next.spaceBefore ? next2 : next;
  if (isWord(unit, TIME_UNITS)) return 'duration';
  if (unit?.text === 'old') return 'age';
  if (isWord(prev, AGE_WORDS) || (prev?.text === 'of' && isWord(prev2, AGE_WORDS))) return 'age';
  if (
    prev &&
    /^(?:under|over|below|above)$/.test(prev.text) &&
    (isWord(prev2, AGE_GROUPS) || prev2?.text === 'of')
  ) {
    return 'age';
  }
  if (isWord(next, DISTANCE_UNITS)) return 'measurement';

  // List numbers: "1. Name" or "3) Name" at the start of a line, "(2)" or "[12]" anywhere.
  const lineStart = mention.first === 0 || token.newlinesBefore > 0 || isBullet(prev);
  if (lineStart && next && /^[.)\]-]$/.test(next.text)) return 'list-number';
  if (
    prev &&
    next &&
    ((prev.text === '(' && next.text === ')') || (prev.text === '[' && next.text === ']'))
  ) {
    return 'list-number';
  }
  if (isWord(prev, REFERENCE_WORDS) || (prev?.text === '.' && isWord(prev2, REFERENCE_WORDS))) {
    return 'reference';
  }
  if (prev?.text === ':' && isWord(prev2, REFERENCE_WORDS)) return 'reference';
  return null;
}

function isBullet(token: Token | undefined): boolean {
  return token !== undefined && token.newlinesBefore > 0 && /^[-*•]$/.test(token.text);
}

function isMonth(token: Token | undefined, mapped: MappedText): boolean {
  if (!token || token.kind !== 'word') return false;
  if (!wordForms(token.text).some(({ form }) => MONTHS.has(form))) return false;
  // English month names are capitalised; "may" and "march" in lower case are verbs.
  const first = mapped.text.charAt(mapped.origin[token.start] ?? 0);
  return !/[a-z]/.test(first);
}

const COUNT_WORDS = folded([
  'people',
  'persons',
  'person',
  'civilians',
  'individuals',
  'men',
  'women',
  'children',
  'families',
  'soldiers',
  'fighters',
  'members',
  'protesters',
  'students',
  'journalists',
  'workers',
  'others',
  'more',
  'of',
  'were',
  'have',
  'had',
  'are',
  'was',
  'شخص',
  'شخصا',
  'أشخاص',
  'مدني',
  'مدنيا',
  'مدنيين',
  'مواطن',
  'مواطنا',
  'مواطنين',
  'فلسطينيا',
  'فلسطينيين',
  'سوريا',
  'سوريين',
  'امرأة',
  'نساء',
  'رجلا',
  'رجال',
  'عائلة',
  'أسرة',
]);

// A word after a four-digit number that shows it counts something: "2011 people", "1948 Palestinians".
function isCountWord(word: string): boolean {
  return COUNT_WORDS.has(word) || /ians$|ese$/.test(word) || cueOf(word) !== null;
}
