/**
 * Placeholder birth dates and ages. Data-entry systems fill a required field with a
 * default (2000-01-01; an age of 20 or 24 with no birth date), and the Ministry
 * releases use -1 for "unknown". Such values look like evidence and are not: two
 * strangers "born" on 2000-01-01 would otherwise look alike. They are treated as
 * missing, which the model scores as neutral.
 */

/** Birth dates known to be defaults in casualty lists. */
export const KNOWN_DEFAULT_BIRTH_DATES: ReadonlySet<string> = new Set([
  '2000-01-01',
  '1900-01-01',
  '1970-01-01',
]);

/** Ages known to be defaults when the record has no birth date. */
export const KNOWN_DEFAULT_AGES_WITHOUT_BIRTH_DATE: ReadonlySet<number> = new Set([20, 24]);

/** A parsed calendar date. */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Parses YYYY-MM-DD (also YYYY/MM/DD and DD/MM/YYYY); anything else is missing. */
export function parseBirthDate(raw: string): CalendarDate | undefined {
  const t = raw.trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(t);
  let year: number, month: number, day: number;
  if (m) {
    year = Number(m[1]);
    month = Number(m[2]);
    day = Number(m[3]);
  } else {
    m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(t);
    if (!m) return undefined;
    day = Number(m[1]);
    month = Number(m[2]);
    year = Number(m[3]);
  }
  if (year < 1880 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31)
    return undefined;
  return { year, month, day };
}

/** Formats a date as YYYY-MM-DD. */
export function formatDate(d: CalendarDate): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/**
 * Finds birth dates that occur far more often than their neighbours, so that a
 * list's own defaults (1999-01-01, 2000-02-02 in one release) are treated as missing
 * without being named in advance. A date is a default when it is in the known list,
 * or occurs at least `minCount` times and `factor` times the average count of the
 * other dates of its year.
 */
export function findDefaultBirthDates(
  dates: Iterable<string>,
  factor = 8,
  minCount = 20,
): Set<string> {
  const counts = new Map<number, number>();
  for (const d of dates) {
    const day = Number(d.replaceAll('-', ''));
    if (d !== '' && Number.isInteger(day)) counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  const out = new Set<string>(KNOWN_DEFAULT_BIRTH_DATES);
  for (const day of findDefaultBirthDays(counts, factor, minCount)) out.add(isoOfDay(day));
  return out;
}

/** Birth dates known to be defaults, as YYYYMMDD numbers. */
export const KNOWN_DEFAULT_BIRTH_DAYS: ReadonlySet<number> = new Set(
  [...KNOWN_DEFAULT_BIRTH_DATES].map((d) => Number(d.replaceAll('-', ''))),
);

/**
 * `findDefaultBirthDates` on dates written as YYYYMMDD numbers, given with their
 * counts (a million records have only tens of thousands of distinct dates).
 */
export function findDefaultBirthDays(
  counts: ReadonlyMap<number, number>,
  factor = 8,
  minCount = 20,
): Set<number> {
  const perYear = new Map<number, { total: number; distinct: number }>();
  for (const [d, c] of counts) {
    const y = Math.floor(d / 10000);
    const s = perYear.get(y) ?? { total: 0, distinct: 0 };
    s.total += c;
    s.distinct += 1;
    perYear.set(y, s);
  }
  const out = new Set<number>(KNOWN_DEFAULT_BIRTH_DAYS);
  for (const [d, c] of counts) {
    const s = perYear.get(Math.floor(d / 10000));
    if (!s || c < minCount) continue;
    const othersAverage = s.distinct > 1 ? (s.total - c) / (s.distinct - 1) : 1;
    if (c >= factor * Math.max(1, othersAverage)) out.add(d);
  }
  return out;
}

/** A parsed date as a YYYYMMDD number. */
export function dayNumber(d: CalendarDate): number {
  return d.year * 10000 + d.month * 100 + d.day;
}

function isoOfDay(day: number): string {
  return formatDate({
    year: Math.floor(day / 10000),
    month: Math.floor(day / 100) % 100,
    day: day % 100,
  });
}

/** Parses an age in years; negative, non-numeric or implausible values are missing. */
export function parseAge(raw: string): number | undefined {
  const t = raw.trim();
  if (!/^\d{1,3}(\.\d+)?$/.test(t)) return undefined;
  const n = Math.floor(Number(t));
  return n >= 0 && n <= 125 ? n : undefined;
}

/**
 * Finds the ages that a list uses as defaults for records without a birth date: an
 * age far more frequent than the ages around it (one release fills in 20, another
 * 24). `ages` are the ages of one source's records that have no birth date. When the
 * source is too small to tell, the known defaults are assumed; when it is large
 * enough, only the ages that stand out are defaults, so a list whose 20-year-olds are
 * real keeps them.
 */
export function findDefaultAges(
  ages: readonly number[],
  factor = 2,
  minRecords = 500,
): Set<number> {
  if (ages.length < minRecords) return new Set(KNOWN_DEFAULT_AGES_WITHOUT_BIRTH_DATE);
  const counts = new Array<number>(126).fill(0);
  for (const a of ages) if (a >= 0 && a <= 125) counts[a] = (counts[a] ?? 0) + 1;
  const out = new Set<number>();
  for (let a = 3; a <= 122; a++) {
    const c = counts[a] ?? 0;
    if (c < 20) continue;
    let around = 0;
    for (let d = 1; d <= 3; d++) around += (counts[a - d] ?? 0) + (counts[a + d] ?? 0);
    if (c >= factor * Math.max(1, around / 6)) out.add(a);
  }
  return out;
}
