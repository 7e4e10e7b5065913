import type { CountField, CountFilters } from '../../core/stats/counts/index.js';
import type { ClaimScope } from './claim-scope.js';

/** Why a claim's scope is not, or not wholly, put as register filters. */
export type ScopeNoteCode =
  | 'category-not-counted'
  | 'period-open'
  | 'period-reversed'
  | 'period-too-long'
  | 'period-mid-month'
  | 'population-not-a-field'
  | 'as-of-not-applied';

/** A note with its code and values, so the workspace can say it in either language. */
export interface ScopeNote {
  code: ScopeNoteCode;
  params: Record<string, string>;
  /** The note in plain English (the command line, logs). */
  text: string;
}

/** The register's filters for a claim's question, or why there are none. */
export interface RegisterQuestion {
  /** Null when the claim's category or period cannot be put as register filters. */
  where: CountFilters | null;
  /** What the filters leave out or could not express. */
  notes: ScopeNote[];
}

const noteText: Record<ScopeNoteCode, (p: Record<string, string>) => string> = {
  'category-not-counted': (p) => `the register does not count "${p.category ?? ''}" figures`,
  'period-open': () =>
    'an open-ended period (no start or no end) cannot be put as register filters',
  'period-reversed': () => 'the period ends before it starts',
  'period-too-long': () => 'the period is too long',
  'period-mid-month': () =>
    'the register counts by whole years or months; this period starts or ends mid-month',
  'population-not-a-field': (p) =>
    `population "${p.population ?? ''}" is not a register field: not applied`,
  'as-of-not-applied': (p) => `the register counts what it holds now, not as of ${p.asOf ?? ''}`,
};

function note(code: ScopeNoteCode, params: Record<string, string> = {}): ScopeNote {
  return { code, params, text: noteText[code](params) };
}

// Prose counts of "killed" include deaths under torture and siege and executions.
const deaths = ['killed', 'died_under_torture', 'died_under_siege', 'executed'];

const violationsOf: Record<string, readonly string[]> = {
  killed: deaths,
  children_killed: deaths,
  died_under_torture: ['died_under_torture'],
  died_under_siege: ['died_under_siege'],
  detained_or_disappeared: ['detained', 'forcibly_disappeared'],
  injured: ['injured'],
  displaced: ['displaced'],
};

/**
 * Puts a claim's category and scope as `sijil stats --where` filters: violation from the
 * category (children also as child=child), places and perpetrator as written, the period as
 * whole years or whole months. Population and the as-of date have no register field, so they
 * are noted rather than applied.
 */
export function registerQuestion(category: string, scope: ClaimScope): RegisterQuestion {
  const notes: ScopeNote[] = [];
  const violations = violationsOf[category];
  if (!violations) return { where: null, notes: [note('category-not-counted', { category })] };
  const where: Partial<Record<CountField, (string | null)[]>> = { violation: [...violations] };
  if (category === 'children_killed') where.child = ['child'];
  for (const level of ['country', 'governorate', 'locality', 'site'] as const) {
    const value = scope.place?.[level];
    if (value) where[level] = [value];
  }
  if (scope.perpetrator) where.perpetrator = [scope.perpetrator];
  if (scope.period) {
    const period = periodFilter(scope.period.start, scope.period.end);
    if (typeof period === 'string') return { where: null, notes: [note(period)] };
    Object.assign(where, period);
  }
  if (scope.population)
    notes.push(note('population-not-a-field', { population: scope.population }));
  if (scope.asOf) notes.push(note('as-of-not-applied', { asOf: scope.asOf }));
  return { where, notes };
}

/** Whole years or whole months from start to end, or the code of why the period cannot be filtered. */
function periodFilter(
  start: string | undefined,
  end: string | undefined,
): Partial<Record<CountField, string[]>> | ScopeNoteCode {
  if (!start || !end) return 'period-open';
  const from = firstDay(start);
  const to = lastDay(end);
  if (from > to) return 'period-reversed';
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  if (fm === 1 && fd === 1 && tm === 12 && td === 31) {
    if (ty - fy > 200) return 'period-too-long';
    const years: string[] = [];
    for (let y = fy; y <= ty; y++) years.push(String(y));
    return { year: years };
  }
  if (fd === 1 && td === lastDayOfMonth(ty, tm)) {
    const months: string[] = [];
    for (let y = fy, m = fm; y < ty || (y === ty && m <= tm); m === 12 ? (y++, (m = 1)) : m++) {
      months.push(`${y}-${String(m).padStart(2, '0')}`);
      if (months.length > 1200) return 'period-too-long';
    }
    return { month: months };
  }
  return 'period-mid-month';
}

function firstDay(d: string): string {
  return d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d;
}

function lastDay(d: string): string {
  if (d.length === 4) return `${d}-12-31`;
  if (d.length === 7) {
    const [y, m] = d.split('-').map(Number) as [number, number];
    return `${d}-${String(lastDayOfMonth(y, m)).padStart(2, '0')}`;
  }
  return d;
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
