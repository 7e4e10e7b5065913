import { normaliseForMatching } from './field-values.js';
import { fail, ok, type ParseResult } from './parse-result.js';

/** Which number comes first in an all-numeric date such as 05/03/2013. */
export type DateOrder = 'dmy' | 'mdy';

/**
 * A date as precisely as the source gave it, as an inclusive interval of ISO `YYYY-MM-DD`
 * days: a day (start = end), a whole month, a whole year, or a range between two of these.
 * `ambiguous` is true when day-first and month-first readings were both valid and different,
 * so the value rests on the declared order.
 */
export interface FuzzyDate {
  start: string | null;
  end: string | null;
  precision: 'day' | 'month' | 'year' | 'range';
  ambiguous: boolean;
}

/** The oldest year accepted: earlier years in these lists are typing mistakes. */
export const MIN_YEAR = 1900;

/** Formats a calendar date as ISO `YYYY-MM-DD` (no validation). */
export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** Number of days in a month (1–12) of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const ENGLISH_MONTHS: readonly (readonly string[])[] = [
  ['january', 'jan'],
  ['february', 'feb'],
  ['march', 'mar'],
  ['april', 'apr'],
  ['may'],
  ['june', 'jun'],
  ['july', 'jul'],
  ['august', 'aug'],
  ['september', 'sep', 'sept'],
  ['october', 'oct'],
  ['november', 'nov'],
  ['december', 'dec'],
];

// Levantine (Syriac) names, written with and without the article on the ordinal.
const LEVANTINE_MONTHS: readonly (readonly string[])[] = [
  ['كانون الثاني', 'كانون ثاني'],
  ['شباط'],
  ['آذار'],
  ['نيسان'],
  ['أيار'],
  ['حزيران'],
  ['تموز'],
  ['آب'],
  ['أيلول'],
  ['تشرين الأول', 'تشرين أول'],
  ['تشرين الثاني', 'تشرين ثاني'],
  ['كانون الأول', 'كانون أول'],
];

// Egyptian/Gulf transliterations; hamza variants fold together in normaliseForMatching.
const EGYPTIAN_MONTHS: readonly (readonly string[])[] = [
  ['يناير'],
  ['فبراير'],
  ['مارس'],
  ['أبريل', 'إبريل'],
  ['مايو'],
  ['يونيو', 'يونيه'],
  ['يوليو', 'يوليه'],
  ['أغسطس'],
  ['سبتمبر'],
  ['أكتوبر'],
  ['نوفمبر'],
  ['ديسمبر'],
];

// Normalised month name → month number, longest first so "كانون الثاني" wins over any prefix.
const MONTH_NAMES: readonly [string, number][] = [ENGLISH_MONTHS, LEVANTINE_MONTHS, EGYPTIAN_MONTHS]
  .flatMap((names) =>
    names.flatMap((variants, i) =>
      variants.map((v): [string, number] => [normaliseForMatching(v), i + 1]),
    ),
  )
  .sort((a, b) => b[0].length - a[0].length);

const MONTH_PATTERN = new RegExp(
  `(?<![\\p{L}\\p{N}])(${MONTH_NAMES.map(([name]) => name).join('|')})(?![\\p{L}\\p{N}])`,
  'gu',
);
const MONTH_BY_NAME = new Map(MONTH_NAMES);

// Words that carry no date information: weekday names and "in", "of", "شهر" (month), ...
const FILLER_WORDS = new Set(
  [
    ...['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
    ...['mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun'],
    ...['الأحد', 'الإثنين', 'الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت'],
    ...['of', 'the', 'on', 'in', 'في', 'شهر', 'عام', 'سنة', 'يوم', 'تاريخ', 'بتاريخ'],
  ].map(normaliseForMatching),
);

// Private-use character marking a month name already recognised in the text.
const MONTH_MARK = '\ue000';

interface Context {
  order: DateOrder;
  /** The latest calendar date anywhere on Earth at `today`. */
  latest: string;
  /** Two-digit years up to this are 20yy, above it 19yy. */
  pivot: number;
}

type Interval = {
  start: string;
  end: string;
  precision: 'day' | 'month' | 'year';
  ambiguous: boolean;
};

/** A pattern either did not apply, or applied and gave a result (which may be an error). */
type Attempt<T = Interval> = { matched: false } | { matched: true; result: ParseResult<T> };

const NO_MATCH = { matched: false } as const;

function matched<T>(result: ParseResult<T>): Attempt<T> {
  return { matched: true, result };
}

function dayInterval(
  year: number,
  month: number,
  day: number,
  ambiguous = false,
): ParseResult<Interval> {
  if (month < 1 || month > 12)
    return fail(`month ${month} does not exist`, 'no_such_month', { month });
  if (day < 1 || day > daysInMonth(year, month)) {
    const yearMonth = isoDate(year, month, 1).slice(0, 7);
    return fail(`${yearMonth} has no day ${day}`, 'no_such_day', { month: yearMonth, day });
  }
  const iso = isoDate(year, month, day);
  return ok({ start: iso, end: iso, precision: 'day', ambiguous });
}

function monthInterval(year: number, month: number): ParseResult<Interval> {
  if (month < 1 || month > 12)
    return fail(`month ${month} does not exist`, 'no_such_month', { month });
  return ok({
    start: isoDate(year, month, 1),
    end: isoDate(year, month, daysInMonth(year, month)),
    precision: 'month',
    ambiguous: false,
  });
}

function yearInterval(year: number): ParseResult<Interval> {
  return ok({
    start: isoDate(year, 1, 1),
    end: isoDate(year, 12, 31),
    precision: 'year',
    ambiguous: false,
  });
}

function fullYear(digits: string, context: Context): number {
  const value = Number(digits);
  if (digits.length !== 2) return value;
  return value <= context.pivot ? 2000 + value : 1900 + value;
}

/** 05/03/2013: both readings are tried; the declared order decides only when both are valid. */
function numericDayMonth(
  a: number,
  b: number,
  year: number,
  context: Context,
): ParseResult<Interval> {
  const dayFirst = dayInterval(year, b, a);
  const monthFirst = dayInterval(year, a, b);
  const preferred = context.order === 'dmy' ? dayFirst : monthFirst;
  const other = context.order === 'dmy' ? monthFirst : dayFirst;
  if (preferred.ok && other.ok) return ok({ ...preferred.value, ambiguous: a !== b });
  if (preferred.ok || other.ok) return preferred.ok ? preferred : other;
  return preferred;
}

// "10:00", "10:00:00.000", "10:00 pm", "10:00:00z", "10:00+03:00" after a date: dropped.
const TIME_SUFFIX =
  /^(.*\d)(?:t|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:\s*(am|pm|ص|م))?(?:\s*(?:z|utc|gmt|[+-]\d{2}(?::?\d{2})?))?$/;

function parseNumeric(text: string, context: Context): Attempt {
  let m = /^(\d{4})$/.exec(text);
  if (m) return matched(yearInterval(Number(m[1])));
  m = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/.exec(text);
  if (m) return matched(dayInterval(Number(m[1]), Number(m[3]), Number(m[4])));
  m = /^(\d{4})[-/.](\d{1,2})$/.exec(text);
  if (m) return matched(monthInterval(Number(m[1]), Number(m[2])));
  m = /^(\d{1,2})[-/.](\d{4})$/.exec(text);
  if (m) return matched(monthInterval(Number(m[2]), Number(m[1])));
  m = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{2}|\d{4})$/.exec(text);
  if (m) {
    const year = fullYear(m[4] ?? '', context);
    return matched(numericDayMonth(Number(m[1]), Number(m[3]), year, context));
  }
  if (/^\d{5}(?:\.\d+)?$/.test(text)) {
    return matched(
      fail('looks like an Excel date serial number; convert it to a date first', 'excel_serial'),
    );
  }
  return NO_MATCH;
}

const EXCEL_MONTH_YEAR = new RegExp(`${MONTH_MARK}\\d+ -\\d{2}$`);

/** "5 March 2013", "March 5, 2013", "5-Mar-13", "آذار 2013", "الثلاثاء 5 آذار (مارس) 2013". */
function parseWords(text: string, context: Context): Attempt {
  if (!/\p{L}/u.test(text)) return NO_MATCH;
  const marked = text.replace(
    MONTH_PATTERN,
    (name) => ` ${MONTH_MARK}${MONTH_BY_NAME.get(name) ?? 0} `,
  );
  const tokens = marked
    .replace(/(\d)(?:st|nd|rd|th)(?!\p{L})/gu, '$1')
    .split(/[\s,/.()'-]+/)
    .filter((token) => token !== '' && !FILLER_WORDS.has(token));
  // "آذار/مارس" names one month twice; collapse neighbours that agree.
  const deduped = tokens.filter(
    (token, i) => !(token.startsWith(MONTH_MARK) && token === tokens[i - 1]),
  );
  const unknown = deduped.find((token) => !token.startsWith(MONTH_MARK) && !/^\d+$/.test(token));
  const hasMonth = deduped.some((token) => token.startsWith(MONTH_MARK));
  if (unknown !== undefined) {
    return hasMonth
      ? matched(fail(`unrecognised word "${unknown}"`, 'unknown_word', { word: unknown }))
      : NO_MATCH;
  }
  const shape = deduped
    .map((token) =>
      token.startsWith(MONTH_MARK) ? 'M' : token.length === 4 ? 'Y' : token.length <= 2 ? 'n' : '?',
    )
    .join('');
  const month = (i: number): number => Number(deduped[i]?.slice(MONTH_MARK.length));
  const num = (i: number): number => Number(deduped[i]);
  switch (shape) {
    case 'Y':
      return matched(yearInterval(num(0)));
    case 'MY':
      return matched(monthInterval(num(1), month(0)));
    case 'YM':
      return matched(monthInterval(num(0), month(1)));
    case 'Mn':
      // Excel's mmm-yy ("Mar-13"); "March 13" without a hyphen is a day with no year.
      if (EXCEL_MONTH_YEAR.test(marked.trim())) {
        return matched(monthInterval(fullYear(deduped[1] ?? '', context), month(0)));
      }
      return matched(fail('no year given', 'no_year'));
    case 'nMY':
      return matched(dayInterval(num(2), month(1), num(0)));
    case 'MnY':
      return matched(dayInterval(num(2), month(0), num(1)));
    case 'YMn':
      return matched(dayInterval(num(0), month(1), num(2)));
    case 'nMn':
      return matched(dayInterval(fullYear(deduped[2] ?? '', context), month(1), num(0)));
    case 'M':
    case 'nM':
      return matched(fail('no year given', 'no_year'));
    default:
      if (!hasMonth) return NO_MATCH;
      return matched(fail('expected a day, a month name and a year', 'day_month_year_expected'));
  }
}

function checkBounds(interval: Interval, context: Context): ParseResult<Interval> {
  if (Number(interval.start.slice(0, 4)) < MIN_YEAR)
    return fail(`year before ${MIN_YEAR}`, 'year_too_early', { year: MIN_YEAR });
  if (interval.start > context.latest) {
    return fail(`date is in the future (after ${context.latest})`, 'future_date', {
      latest: context.latest,
    });
  }
  return ok(interval);
}

function parseSingle(text: string, context: Context): Attempt {
  let body = text;
  const time = TIME_SUFFIX.exec(text);
  if (time) {
    const [, date = '', hours, minutes, seconds, meridiem] = time;
    const maxHour = meridiem === undefined ? 23 : 12;
    if (Number(hours) > maxHour || Number(minutes) > 59 || Number(seconds ?? 0) > 60) {
      return matched(fail('invalid time of day', 'bad_time'));
    }
    body = date;
  }
  const attempt = parseNumeric(body, context);
  const result = attempt.matched ? attempt : parseWords(body, context);
  if (!result.matched || !result.result.ok) return result;
  return matched(checkBounds(result.result.value, context));
}

// Where a range may be split: words first, then dashes and slashes.
const RANGE_WORDS = ['to', 'until', 'till', 'إلى', 'حتى', 'لغاية'].map(normaliseForMatching);
const RANGE_SEPARATORS = [new RegExp(`\\s+(?:${RANGE_WORDS.join('|')})\\s+`, 'g'), /-/g, /\//g];

function parseRange(text: string, context: Context): Attempt<FuzzyDate> {
  let failure: Attempt<FuzzyDate> = NO_MATCH;
  for (const separator of RANGE_SEPARATORS) {
    for (const m of text.matchAll(separator)) {
      const left = parseSingle(text.slice(0, m.index).trim(), context);
      const right = parseSingle(text.slice(m.index + m[0].length).trim(), context);
      if (!left.matched || !right.matched) continue;
      if (!left.result.ok || !right.result.ok) {
        // Remember why the first plausible split failed, but keep looking for one that works.
        if (!failure.matched) failure = left.result.ok ? right : left;
        continue;
      }
      const from = left.result.value;
      const to = right.result.value;
      if (from.start > to.start || from.end > to.end) {
        return matched(
          fail(
            'the range ends before it starts (the second date must follow the first)',
            'range_reversed',
          ),
        );
      }
      if (from.start === to.start && from.end === to.end) return matched(ok(from));
      return matched(
        ok({
          start: from.start,
          end: to.end,
          precision: 'range',
          ambiguous: from.ambiguous || to.ambiguous,
        }),
      );
    }
  }
  return failure;
}

const HOURS_14 = 14 * 60 * 60 * 1000;

/**
 * Parses a date cell of a casualty list into a {@link FuzzyDate}. Accepts ISO dates and
 * datetimes, year-month and year alone, day/month/year with `/`, `-` or `.` (read by `order`
 * unless only one reading is a real date; two-digit years pivot on the current year), English,
 * Levantine and Egyptian month names, Arabic-Indic digits, and ranges ("2013-2014",
 * "2013-03-01/2013-03-05", "March 2013 - May 2013"). Rejects impossible dates, dates after
 * `today`, years before 1900, Hijri dates, Excel serial numbers and anything else, with a reason.
 */
export function parseDate(
  text: string,
  order: DateOrder = 'dmy',
  today: Date = new Date(),
): ParseResult<FuzzyDate> {
  const input = text.trim();
  const normalised = normaliseForMatching(input)
    .replace(/\u060c/g, ',') // Arabic comma
    .replace(/[\u2010-\u2015\u2212]/g, '-') // hyphens, en and em dashes, minus
    // "2013م": the م marks the Gregorian (ميلادي) year.
    .replace(/(\d{4})\s*م(?!\p{L})/gu, '$1');
  if (normalised === '') return fail('empty: expected a date', 'empty_date');
  if (/هجري|(?<=\d)\s*ه(?!\p{L})/u.test(normalised)) {
    return fail(`"${input}": Hijri dates are not supported; give the Gregorian date`, 'hijri_date');
  }
  // A date is only "in the future" if it has not yet begun anywhere on Earth (UTC+14).
  const latest = new Date(today.getTime() + HOURS_14).toISOString().slice(0, 10);
  const context: Context = { order, latest, pivot: Number(latest.slice(0, 4)) % 100 };
  const single: Attempt<FuzzyDate> = parseSingle(normalised, context);
  let attempt = single;
  // "March 2013 - May 2013" looks like one date with two months until it is split.
  if (!single.matched || !single.result.ok) {
    const range = parseRange(normalised, context);
    if (range.matched && (range.result.ok || !single.matched)) attempt = range;
  }
  if (!attempt.matched) return fail(`"${input}" is not a recognised date`, 'not_a_date');
  if (!attempt.result.ok) {
    const { reason, code, params } = attempt.result;
    return fail(`"${input}": ${reason}`, code, params);
  }
  return attempt.result;
}
