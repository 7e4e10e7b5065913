/**
 * Periods and as-of dates stated around a figure: "since 2011", "between March 2011 and June
 * 2014", "in 2013", "as of 1 January 2024", "منذ آذار 2011", "بين عامي 2012 و2014", "حتى تاريخ
 * 15 آب 2023". Read from the folded text (mapped-text.ts). A date without a year ("since 7
 * October") is left out: the year is never guessed.
 */
import { foldPattern } from './scope-lexicon.js';

/** A date as the ledger writes it: YYYY, YYYY-MM or YYYY-MM-DD. */
export type PartialDate = string;

/** A period or an as-of date found in the folded text, with its span there. */
export interface DateExpression {
  kind: 'period' | 'asOf';
  start?: PartialDate;
  end?: PartialDate;
  asOf?: PartialDate;
  /** Offsets into the folded text. */
  from: number;
  to: number;
}

const EN_MONTHS: [string, number][] = [
  ['january', 1],
  ['jan', 1],
  ['february', 2],
  ['feb', 2],
  ['march', 3],
  ['mar', 3],
  ['april', 4],
  ['apr', 4],
  ['may', 5],
  ['june', 6],
  ['jun', 6],
  ['july', 7],
  ['jul', 7],
  ['august', 8],
  ['aug', 8],
  ['september', 9],
  ['sept', 9],
  ['sep', 9],
  ['october', 10],
  ['oct', 10],
  ['november', 11],
  ['nov', 11],
  ['december', 12],
  ['dec', 12],
];
const AR_MONTHS: [string, number][] = [
  ['كانون الثاني', 1],
  ['يناير', 1],
  ['شباط', 2],
  ['فبراير', 2],
  ['آذار', 3],
  ['مارس', 3],
  ['نيسان', 4],
  ['أبريل', 4],
  ['ابريل', 4],
  ['أيار', 5],
  ['مايو', 5],
  ['حزيران', 6],
  ['يونيو', 6],
  ['يونيه', 6],
  ['تموز', 7],
  ['يوليو', 7],
  ['يوليه', 7],
  ['آب', 8],
  ['أغسطس', 8],
  ['أيلول', 9],
  ['سبتمبر', 9],
  ['تشرين الأول', 10],
  ['أكتوبر', 10],
  ['تشرين الثاني', 11],
  ['نوفمبر', 11],
  ['كانون الأول', 12],
  ['ديسمبر', 12],
].map(([name, month]) => [foldPattern(name as string), month as number]);
const AR_ORDINALS: [string, number][] = [
  ['الأول', 1],
  ['الثاني', 2],
  ['الثالث', 3],
  ['الرابع', 4],
  ['الخامس', 5],
  ['السادس', 6],
  ['السابع', 7],
  ['الثامن', 8],
  ['التاسع', 9],
  ['العاشر', 10],
].map(([name, n]) => [foldPattern(name as string), n as number]);

const monthNumber = new Map<string, number>([...EN_MONTHS, ...AR_MONTHS]);
const ordinalNumber = new Map<string, number>(AR_ORDINALS);
const alt = (names: readonly string[]) =>
  [...names]
    .sort((a, b) => b.length - a.length)
    .map((n) => n.replace(/ /g, '\\s+'))
    .join('|');

const MONTH = `(?<month>${alt([...monthNumber.keys()])})`;
const YEAR = '(?<year>1[89]\\d\\d|20\\d\\d)(?!\\d)';
const DAY = `(?<day>[0-3]?\\d)(?:st|nd|rd|th)?`;
const AR_DAY = `(?<ordinal>${alt([...ordinalNumber.keys()])})`;
// "1 January 2024", "7th of October 2023", "March 2011", "July 29, 2020", "15 آب 2023",
// "السابع من تشرين الأول 2023", "آذار/مارس 2011", "عام 2013", "2013".
const DATE = [
  `(?:(?:${DAY}|${AR_DAY})\\s+(?:of\\s+|من\\s+)?)?(?:شهر\\s+)?${MONTH}\\.?(?:\\s*/\\s*(?:${alt([...monthNumber.keys()])}))?\\s+(?:(?<day2>[0-3]?\\d)(?:st|nd|rd|th)?,?\\s+)?(?:(?:عام|العام|سنة|سنه)\\s+)?${YEAR}`,
  `(?:(?:the\\s+)?(?:year\\s+)|(?:عام|العام|سنة|سنه|عامي)\\s+)?${YEAR}`,
].map(foldPattern);

/** Parses one date expression's groups into YYYY, YYYY-MM or YYYY-MM-DD. */
function partialDate(groups: Record<string, string | undefined>): PartialDate | null {
  const year = groups.year;
  if (!year) return null;
  const month = groups.month ? monthNumber.get(groups.month.replace(/\s+/g, ' ')) : undefined;
  if (month === undefined) return year;
  const mm = String(month).padStart(2, '0');
  const dayText = groups.day ?? groups.day2;
  const day = dayText
    ? Number(dayText)
    : groups.ordinal
      ? ordinalNumber.get(groups.ordinal)
      : undefined;
  if (day === undefined || day < 1 || day > 31) return `${year}-${mm}`;
  return `${year}-${mm}-${String(day).padStart(2, '0')}`;
}

interface Found {
  date: PartialDate;
  from: number;
  to: number;
}

/** Every date at `at` or later in `text`, parsed; the longest form wins at each place. */
function datesIn(text: string): Found[] {
  const out: Found[] = [];
  const taken: [number, number][] = [];
  for (const source of DATE) {
    // "و2014", "وأيلول 2015": the Arabic "and" is written onto the next word.
    const re = new RegExp(
      `(?:(?<![\\p{L}\\p{N}])|(?<=(?<![\\p{L}])و))(?:${source})(?![\\p{L}\\p{N}])`,
      'gu',
    );
    for (const m of text.matchAll(re)) {
      const from = m.index;
      const to = from + m[0].length;
      if (taken.some(([a, b]) => from < b && to > a)) continue;
      const date = partialDate(m.groups ?? {});
      if (!date) continue;
      taken.push([from, to]);
      out.push({ date, from, to });
    }
  }
  return out.sort((a, b) => a.from - b.from);
}

// Words before a date, and what the date is then.
const SINCE = foldPattern(
  '(?:since|starting(?:\\s+(?:from|in))?|from|beginning(?:\\s+in)?|منذ|ابتداء\\s+من|بدءا\\s+من|اعتبارا\\s+من|من)(?:\\s+(?:the\\s+)?(?:start|beginning|outbreak)\\s+of)?(?:\\s+(?:مطلع|بداية|أول))?\\s+(?:(?:the\\s+)?(?:year|end)\\s+(?:of\\s+)?)?',
);
const UNTIL = foldPattern(
  '\\s*(?:to|until|till|through|and|-|–|إلى|الى|حتى|و)\\s*(?:(?:نهاية|أواخر|the\\s+end\\s+of)\\s+)?',
);
const BETWEEN = foldPattern('(?:between|بين)\\s+');
const DURING = foldPattern(
  '(?:in|during|throughout|over|on|في|خلال|طوال|طيلة)\\s+(?:(?:the\\s+)?(?:course\\s+of\\s+|year\\s+|month\\s+of\\s+)|(?:the\\s+)?[\\p{L}\'"“”()\\s-]{2,40}?\\s+of\\s+)?',
);
const AS_OF = foldPattern(
  '(?:as\\s+(?:of|at)|by|until|till|up\\s+until|حتى(?:\\s+تاريخ)?|لغاية|بحلول|حتى\\s+يوم)\\s+(?:(?<end>the\\s+end\\s+of|end\\s+of|نهاية|أواخر)\\s+)?(?:(?:the\\s+)?(?:year\\s+)?)',
);

/**
 * The periods and as-of dates stated in the folded text `text` (a sentence or a paragraph),
 * each with its span: a period has a start, an end or both; "in 2013" is 2013 to 2013.
 */
export function findDateExpressions(text: string): DateExpression[] {
  const dates = datesIn(text);
  const out: DateExpression[] = [];
  const used = new Set<number>();
  const before = (d: Found, pattern: string): RegExpExecArray | null => {
    const head = text.slice(Math.max(0, d.from - 80), d.from);
    return new RegExp(`(?<![\\p{L}\\p{N}])(?:${pattern})$`, 'u').exec(head);
  };
  for (let i = 0; i < dates.length; i++) {
    if (used.has(i)) continue;
    const d = dates[i]!;
    const next = dates[i + 1];
    // "between A and B", "from A to B", "since A until B", "2011-2014".
    if (next && !used.has(i + 1)) {
      const gap = text.slice(d.to, next.from);
      if (new RegExp(`^(?:${UNTIL})$`, 'u').test(gap)) {
        const opener = before(d, BETWEEN) ?? before(d, SINCE);
        const bareYears =
          /^\s*[-–]\s*$/.test(gap) && /^\d{4}$/.test(d.date) && /^\d{4}$/.test(next.date);
        if (opener || bareYears) {
          const from = opener ? d.from - opener[0].length : d.from;
          out.push({ kind: 'period', start: d.date, end: next.date, from, to: next.to });
          used.add(i).add(i + 1);
          continue;
        }
      }
    }
    const since = before(d, SINCE);
    if (since) {
      out.push({ kind: 'period', start: d.date, from: d.from - since[0].length, to: d.to });
      used.add(i);
      continue;
    }
    const asOf = before(d, AS_OF);
    if (asOf) {
      // "by the end of 2015" is as of December 2015.
      const date = asOf.groups?.end && /^\d{4}$/.test(d.date) ? `${d.date}-12` : d.date;
      out.push({ kind: 'asOf', asOf: date, from: d.from - asOf[0].length, to: d.to });
      used.add(i);
      continue;
    }
    const during = before(d, DURING);
    if (during) {
      out.push({
        kind: 'period',
        start: d.date,
        end: d.date,
        from: d.from - during[0].length,
        to: d.to,
      });
      used.add(i);
    }
  }
  return out;
}
