/**
 * A claim's scope read from its sentence: who was counted (population), where (a place at its
 * level), by whom as the document attributes it (perpetrator), when (period) and as of when.
 * Only what the words say: nothing is inferred from the document's subject, and each part
 * comes with the words it was read from (offsets into the original text). Place, period and
 * as-of date missing from the sentence are taken from the sentences before it in the same
 * paragraph ("The death toll in Gaza… Women and children made up 62 percent…"); a part of a
 * figure ("614 of them") takes what it does not say itself from its whole.
 */
import { findDateExpressions } from './scope-dates.js';
import {
  ATTRIBUTION,
  foldPattern,
  GROUPS,
  KNOWN_SITES,
  NATIONALITY_FORMS,
  LOCATIVE_BEFORE,
  NATIONALITIES,
  PERPETRATORS,
  PLACES,
  VIOLENCE_AFTER,
  type PlaceLevel,
} from './scope-lexicon.js';
import { originalRange, type MappedText } from './mapped-text.js';
import { isClauseBreak, type Token } from './tokenise.js';

/** A proposed scope, in the claims ledger's representation (see services/claims/claim-scope). */
export interface ProposedScope {
  population?: string;
  place?: { country?: string; governorate?: string; locality?: string; site?: string };
  perpetrator?: string;
  period?: { start?: string; end?: string };
  asOf?: string;
}

/** Which part of the scope a piece of evidence supports. */
export type ScopeField =
  | 'population'
  | 'place.country'
  | 'place.governorate'
  | 'place.locality'
  | 'place.site'
  | 'perpetrator'
  | 'period'
  | 'asOf';

/** The words a scope value was read from: `text.slice(start, end) === text`. */
export interface ScopeEvidence {
  field: ScopeField;
  value: string;
  text: string;
  start: number;
  end: number;
}

type Kind = 'population' | PlaceLevel | 'perpetrator' | 'period' | 'asOf';

/** Something the text says that could scope a figure, with its span in the folded text. */
interface Mention {
  kind: Kind;
  value: string;
  period?: { start?: string; end?: string };
  from: number;
  to: number;
}

const PLACE_LEVELS: PlaceLevel[] = ['country', 'governorate', 'locality', 'site'];
// Population words further than this (in words; a comma costs 8) are about something else.
const POPULATION_REACH = 10;
const CLAUSE_COST = 8;

const bounded = (source: string) =>
  new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`, 'gu');
const compile = (sources: readonly string[]) => sources.map((s) => bounded(foldPattern(s)));

const perpetratorRes = PERPETRATORS.map((p) => ({
  value: p.value,
  strong: compile(p.patterns),
  bare: compile(p.bare ?? []),
}));
const placeRes = PLACES.map((p) => ({ ...p, res: compile(p.patterns) }));
const siteRes = KNOWN_SITES.map((s) => {
  const names = s.names.map(foldPattern).join('|');
  const kind = s.value.endsWith('prison') ? 'prison' : 'camp';
  const en =
    kind === 'camp'
      ? `(?:the\\s+)?(?:${names})\\s+(?:(?:palestinian\\s+)?refugee\\s+)?camp|camp\\s+of\\s+(?:${names})`
      : `(?:the\\s+)?(?:${names})\\s+(?:military\\s+)?prison`;
  const arWord = kind === 'camp' ? foldPattern('مخيم') : foldPattern('سجن');
  return {
    value: s.value,
    re: bounded(`${en}|(?:[وف])?(?:[بل])?(?:ال)?${arWord}\\s+(?:${names})`),
  };
});
// Camps and prisons not in the list: "Khan Dannoun camp", "مخيم خان دنون", "سجن حلب المركزي".
const GENERIC_SITE_EN =
  /((?:(?:al|el)-)?\p{Lu}[\p{L}'’-]+(?:\s+(?:(?:al|el)-)?\p{Lu}[\p{L}'’-]+){0,2})\s+(?:[Rr]efugee\s+)?([Cc]amp|[Pp]rison)\b/gu;
const GENERIC_SITE_AR = bounded(
  `(?:[وف])?(?:[بل])?(?:ال)?(?:${foldPattern('مخيم')}|${foldPattern('سجن')})\\s+(?:ال)?\\p{L}{2,}(?:\\s+ال\\p{L}{2,})?`,
);
const nationalityRes = NATIONALITIES.map((n) => ({ ...n, res: compile(n.patterns) }));
const groupRes = GROUPS.map((g) => ({ ...g, res: compile(g.patterns) }));
const attributionBefore = new RegExp(
  `(?<![\\p{L}])(?:${ATTRIBUTION.join('|')})\\s+(?:the\\s+)?$`,
  'u',
);
const CLAUSE_WORDS = new Set(
  ['and', 'or', 'while', 'whereas', 'but', 'بينما', 'فيما', 'ثم', 'كما'].map(foldPattern),
);
const AND = /^\s*(?:and|&|و)\s*$/u;
// "most notably at Tel Za'atar", "including Douma": an example inside the scope, not the scope.
const EXAMPLE_BEFORE = new RegExp(
  `(?<![\\p{L}])(?:${[
    'notably',
    'including',
    'especially',
    'particularly',
    'such\\s+as',
    'لا\\s+سيما',
    'ولا\\s+سيما',
    'خاصة',
    'بينها',
    'منها',
  ]
    .map(foldPattern)
    .join('|')})(?:\\s+\\p{L}+){0,2}\\s+$`,
  'u',
);
// A period stated without a year ("since 7 October"), or a figure given as of now ("currently"):
// the sentence says when, so an earlier sentence's period is not its own.
const UNDATED_OR_NOW = new RegExp(
  `(?<![\\p{L}])(?:${[
    '(?:since|from|منذ)\\s+(?:the\\s+)?\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?\\p{L}+',
    'currently',
    'now',
    'today',
    'حاليا',
    'الآن',
    'اليوم',
  ]
    .map(foldPattern)
    .join('|')})(?![\\p{L}])`,
  'u',
);
// "in Israeli prisons": the sentence says where, in words no place list holds.
const OWN_PLACE_EN = /\b(?:in|at|inside)\s+(?:the\s+)?\p{Lu}/gu;
const PRISON_WORDS = new RegExp(
  ['prison', 'jail', 'detention', 'سجون', 'سجن', 'معتقل'].map(foldPattern).join('|'),
  'u',
);

function head(mapped: MappedText, at: number, floor: number): string {
  return mapped.norm.slice(Math.max(floor, at - 40), at);
}
const ADJACENT = /^\s*$/u;

const overlaps = (a: { from: number; to: number }, b: { from: number; to: number }) =>
  a.from < b.to && b.from < a.to;

function matchesOf(re: RegExp, text: string, offset: number): { from: number; to: number }[] {
  return [...text.matchAll(re)].map((m) => ({
    from: offset + m.index,
    to: offset + m.index + m[0].length,
  }));
}

/** Keeps the longest of overlapping mentions (the first found among equals). */
function longestFirst<T extends { from: number; to: number }>(found: T[]): T[] {
  const sorted = [...found].sort((a, b) => b.to - b.from - (a.to - a.from) || a.from - b.from);
  const kept: T[] = [];
  for (const m of sorted) if (!kept.some((k) => overlaps(k, m))) kept.push(m);
  return kept.sort((a, b) => a.from - b.from);
}

/**
 * Everything in the folded text [from, to) that could scope a figure. `numbers` are the spans of
 * figures, which are never dates or names.
 */
function findMentions(
  mapped: MappedText,
  tokens: readonly Token[],
  span: { from: number; to: number },
  numbers: readonly { from: number; to: number }[],
): Mention[] {
  const text = mapped.norm.slice(span.from, span.to);
  const at = span.from;
  const out: Mention[] = [];

  const perpetrators: Mention[] = [];
  for (const p of perpetratorRes) {
    for (const re of p.strong)
      for (const m of matchesOf(re, text, at))
        perpetrators.push({ kind: 'perpetrator', value: p.value, ...m });
    for (const re of p.bare)
      for (const m of matchesOf(re, text, at)) {
        const head = mapped.norm.slice(Math.max(span.from, m.from - 30), m.from);
        const tail = mapped.norm.slice(m.to, Math.min(span.to, m.to + 40));
        if (attributionBefore.test(head) || VIOLENCE_AFTER.test(tail))
          perpetrators.push({ kind: 'perpetrator', value: p.value, ...m });
      }
  }
  out.push(...longestFirst(perpetrators));

  const population = populationMentions(mapped, tokens, text, at).filter(
    (m) => !out.some((o) => overlaps(o, m)),
  );
  out.push(...population);

  const places: Mention[] = [];
  for (const s of siteRes)
    for (const m of matchesOf(s.re, text, at)) places.push({ kind: 'site', value: s.value, ...m });
  for (const m of matchesOf(GENERIC_SITE_AR, text, at))
    places.push({ kind: 'site', value: originalText(mapped, m), ...m });
  for (const m of genericEnglishSites(mapped, span)) places.push(m);
  for (const p of placeRes) {
    for (const re of p.res)
      for (const m of matchesOf(re, text, at)) {
        if (p.needsPreposition && !locative(mapped, m.from, span.from)) continue;
        places.push({ kind: p.level, value: p.value, ...m });
      }
  }
  out.push(
    ...longestFirst(places).filter(
      (m) =>
        !out.some((o) => overlaps(o, m)) && !EXAMPLE_BEFORE.test(head(mapped, m.from, span.from)),
    ),
  );

  for (const d of findDateExpressions(text)) {
    const m = { from: at + d.from, to: at + d.to };
    if (numbers.some((n) => overlaps(n, m))) continue;
    if (d.kind === 'asOf') out.push({ kind: 'asOf', value: d.asOf ?? '', ...m });
    else
      out.push({
        kind: 'period',
        value: `${d.start ?? ''}…${d.end ?? ''}`,
        period: { ...(d.start ? { start: d.start } : {}), ...(d.end ? { end: d.end } : {}) },
        ...m,
      });
  }
  return out;
}

function originalText(mapped: MappedText, m: { from: number; to: number }): string {
  const r = originalRange(mapped, m.from, m.to);
  return mapped.text.slice(r.start, r.end);
}

// "in Syria", "across northern Syria", "بسوريا", "في لبنان".
function locative(mapped: MappedText, from: number, floor: number): boolean {
  const first = mapped.norm.charAt(from);
  if (first === 'ب' || first === 'ل') return true;
  const head = mapped.norm.slice(Math.max(floor, from - 40), from);
  const words = head.match(/[\p{L}\p{N}]+/gu) ?? [];
  for (let i = words.length - 1; i >= Math.max(0, words.length - 2); i--) {
    const w = words[i]!;
    if (LOCATIVE_BEFORE.has(w)) return true;
    if (w !== 'the' && w !== 'ال') return false;
  }
  return false;
}

// Capitalised names before "camp"/"prison" in the original text, as written.
function genericEnglishSites(mapped: MappedText, span: { from: number; to: number }): Mention[] {
  const startOrig = mapped.origin[span.from] ?? 0;
  const endOrig = (mapped.origin[span.to - 1] ?? startOrig) + 1;
  const original = mapped.text.slice(startOrig, endOrig);
  const out: Mention[] = [];
  for (const m of original.matchAll(GENERIC_SITE_EN)) {
    const name = (m[1] ?? '').replace(/\s+(?:Palestinian|Syrian)$/u, '');
    if (!name || /^(?:The|A|An|In|At|Of)$/u.test(name)) continue;
    const from = normIndex(mapped, startOrig + m.index);
    const to = normIndex(mapped, startOrig + m.index + m[0].length);
    out.push({ kind: 'site', value: `${name} ${(m[2] ?? 'camp').toLowerCase()}`, from, to });
  }
  return out;
}

function normIndex(mapped: MappedText, original: number): number {
  let lo = 0;
  let hi = mapped.origin.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((mapped.origin[mid] ?? 0) < original) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Who was counted: a group ("children", "لاجئين"), with a nationality beside it ("Palestinian
 * refugees", "لاجئين فلسطينيين"), or a nationality as a noun ("3,207 Palestinians", "7000
 * فلسطيني" after a number).
 */
function populationMentions(
  mapped: MappedText,
  tokens: readonly Token[],
  text: string,
  at: number,
): Mention[] {
  type Term = { value: string; plural: boolean; from: number; to: number };
  const nats: Term[] = [];
  for (const n of nationalityRes)
    for (const re of n.res)
      for (const m of matchesOf(re, text, at))
        nats.push({ value: n.value, plural: n.plural, ...m });
  const groups: Term[] = [];
  for (const g of groupRes)
    for (const re of g.res)
      for (const m of matchesOf(re, text, at)) groups.push({ value: g.value, plural: true, ...m });
  const nationalities = longestFirst(nats);
  const groupTerms = longestFirst(groups).filter((g) => !nationalities.some((n) => overlaps(n, g)));
  const gap = (a: { to: number }, b: { from: number }) => mapped.norm.slice(a.to, b.from);
  const used = new Set<Term>();
  const out: Mention[] = [];
  const sorted = groupTerms.sort((a, b) => a.from - b.from);
  for (let i = 0; i < sorted.length; i++) {
    const g = sorted[i]!;
    if (used.has(g)) continue;
    const before = nationalities.find((n) => n.to <= g.from && ADJACENT.test(gap(n, g)));
    const after = nationalities.find((n) => n.from >= g.to && ADJACENT.test(gap(g, n)));
    const nat = before ?? after;
    const next = sorted[i + 1];
    if (g.value === '') {
      if (nat) {
        used.add(nat);
        out.push(
          mention(
            NATIONALITY_FORMS[nat.value]?.people ?? nat.value,
            Math.min(g.from, nat.from),
            Math.max(g.to, nat.to),
          ),
        );
      }
      continue;
    }
    if (nat) {
      used.add(nat);
      out.push(
        mention(`${nat.value} ${g.value}`, Math.min(g.from, nat.from), Math.max(g.to, nat.to)),
      );
      continue;
    }
    // "women and children", "النساء والأطفال".
    if (next && next.value !== '' && next.value !== g.value && AND.test(gap(g, next))) {
      used.add(next);
      out.push(mention(`${g.value} and ${next.value}`, g.from, next.to));
      continue;
    }
    out.push(mention(g.value, g.from, g.to));
  }
  for (const n of nationalities) {
    if (used.has(n)) continue;
    const arabic = /[\u0600-\u06ff]/u.test(mapped.norm.charAt(n.from));
    const afterNumber = arabic && precededByNumber(tokens, n.from);
    if (n.plural || afterNumber)
      out.push(mention(NATIONALITY_FORMS[n.value]?.people ?? n.value, n.from, n.to));
  }
  return out;
}

function mention(value: string, from: number, to: number): Mention {
  return { kind: 'population', value, from, to };
}

function precededByNumber(tokens: readonly Token[], from: number): boolean {
  const i = tokenAt(tokens, from);
  const before = tokens[i - 1];
  return before !== undefined && before.kind === 'num';
}

/** The index of the token that starts at or contains folded offset `at` (or the next one). */
function tokenAt(tokens: readonly Token[], at: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid]?.end ?? 0) <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Reading distance from a figure to a mention: words between, clause breaks cost more. */
function cost(
  tokens: readonly Token[],
  figure: { first: number; last: number },
  m: Mention,
): number {
  const a = tokenAt(tokens, m.from);
  const b = Math.max(a, tokenAt(tokens, m.to - 1));
  let from: number;
  let to: number;
  if (b < figure.first) [from, to] = [b + 1, figure.first];
  else if (a > figure.last) [from, to] = [figure.last + 1, a];
  else return 0;
  let c = 0;
  for (let j = from; j < to; j++) {
    const t = tokens[j];
    c += t && isClauseBreak(t) ? CLAUSE_COST : 1;
  }
  return c;
}

/** What the scope reader needs to know about one figure. */
export interface ScopeTarget {
  /** The figure's first and last tokens. */
  first: number;
  last: number;
  sentence: number;
  /** The whole this figure is part of ("497 of them"), if any. */
  parent: ScopeTarget | null;
}

/** A figure's scope and the words behind it. */
export interface ScopeReading {
  scope: ProposedScope;
  evidence: ScopeEvidence[];
}

/**
 * Reads scopes for figures of one document. Sentences and paragraphs are read once each;
 * the spans of all figures are given so that no figure is mistaken for a year.
 */
export function scopeReader(
  mapped: MappedText,
  tokens: readonly Token[],
  figures: readonly { first: number; last: number }[],
): (target: ScopeTarget) => ScopeReading {
  const sentenceSpan = new Map<number, { from: number; to: number; firstToken: number }>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const s = sentenceSpan.get(t.sentence);
    if (s) s.to = t.end;
    else sentenceSpan.set(t.sentence, { from: t.start, to: t.end, firstToken: i });
  }
  const numbers = figures.map((f) => ({
    from: tokens[f.first]?.start ?? 0,
    to: tokens[f.last]?.end ?? 0,
  }));
  const mentionCache = new Map<number, Mention[]>();
  const mentionsOf = (sentence: number): Mention[] => {
    let found = mentionCache.get(sentence);
    if (!found) {
      const span = sentenceSpan.get(sentence);
      found = span ? findMentions(mapped, tokens, span, numbers) : [];
      mentionCache.set(sentence, found);
    }
    return found;
  };
  // A paragraph starts where a sentence starts on a new line.
  const startsParagraph = (sentence: number): boolean => {
    const span = sentenceSpan.get(sentence);
    return !span || (tokens[span.firstToken]?.newlinesBefore ?? 1) > 0 || span.firstToken === 0;
  };
  const cache = new Map<ScopeTarget, ScopeReading>();
  const sentenceFolded = (sentence: number): string => {
    const span = sentenceSpan.get(sentence);
    return span ? mapped.norm.slice(span.from, span.to) : '';
  };
  const sentenceOriginal = (sentence: number): string => {
    const span = sentenceSpan.get(sentence);
    if (!span) return '';
    const r = originalRange(mapped, span.from, span.to);
    return mapped.text.slice(r.start, r.end);
  };
  /**
   * Whether the sentence says where in words no place list holds ("in Israeli prisons", "in
   * the Hama hospital"): then an earlier sentence's place is not its own.
   */
  const saysWhere = (sentence: number): boolean => {
    const span = sentenceSpan.get(sentence);
    if (!span) return false;
    const perpetrators = mentionsOf(sentence).filter((m) => m.kind === 'perpetrator');
    if (perpetrators.some((m) => PRISON_WORDS.test(mapped.norm.slice(m.from, m.to)))) return true;
    const original = sentenceOriginal(sentence);
    const base = mapped.origin[span.from] ?? 0;
    for (const m of original.matchAll(OWN_PLACE_EN)) {
      const at = normIndex(mapped, base + m.index + m[0].length - 1);
      if (!perpetrators.some((p) => p.from <= at && at < p.to)) return true;
    }
    return false;
  };
  // Figures by sentence, in order, for deciding which figure a mention between two belongs to.
  const bySentence = new Map<number, { first: number; last: number }[]>();
  for (const f of figures) {
    const s = tokens[f.first]?.sentence ?? 0;
    const list = bySentence.get(s) ?? [];
    list.push(f);
    bySentence.set(s, list);
  }
  for (const list of bySentence.values()) list.sort((a, b) => a.first - b.first);
  /**
   * Words before the first figure of a sentence or after its last are about all of them; words
   * between two figures belong to the first unless a comma or "and" opens the second's clause
   * before them ("614 died in regime prisons and 205 died in Yarmouk camp").
   */
  const boundaryBetween = (left: { last: number }, right: { first: number }): number => {
    for (let j = right.first - 1; j > left.last; j--) {
      const t = tokens[j]!;
      if (isClauseBreak(t) || (t.kind === 'word' && CLAUSE_WORDS.has(t.text)) || t.text === 'و')
        return j;
    }
    return right.first;
  };
  const belongsTo = (target: ScopeTarget, m: Mention): boolean => {
    const list = bySentence.get(target.sentence) ?? [];
    const a = tokenAt(tokens, m.from);
    // Past the next figure: only a figure with no clause of its own ("43 killed and 120
    // injured in Gaza") shares it, not one with its own ("614 died in regime prisons and 205…").
    const k = list.findIndex((f) => f.first === target.first);
    const next = k >= 0 ? list[k + 1] : undefined;
    if (next && a > next.last && boundaryBetween(list[k]!, next) - list[k]!.last > 3) return false;
    for (let i = 0; i + 1 < list.length; i++) {
      const left = list[i]!;
      const right = list[i + 1]!;
      if (a <= left.last || a >= right.first) continue;
      const boundary = boundaryBetween(left, right);
      const owner = a < boundary ? left : right;
      return owner.first === target.first;
    }
    return true;
  };

  const read = (target: ScopeTarget): ScopeReading => {
    const cached = cache.get(target);
    if (cached) return cached;
    const chosen = new Map<Kind, Mention>();
    const own = mentionsOf(target.sentence).filter((m) => belongsTo(target, m));
    for (const kind of ['population', 'perpetrator', ...PLACE_LEVELS, 'period', 'asOf'] as Kind[]) {
      let best: Mention | null = null;
      let bestCost = Infinity;
      for (const m of own) {
        if (m.kind !== kind) continue;
        const c = cost(tokens, target, m);
        if (kind === 'population' && c > POPULATION_REACH) continue;
        if (c < bestCost) [best, bestCost] = [m, c];
      }
      // "the number of Palestinian refugees… 2.3 million refugees": the fuller name of the group.
      if (best && kind === 'population') {
        const group = best.value;
        best = own.find((m) => m.kind === 'population' && m.value.endsWith(` ${group}`)) ?? best;
      }
      if (best) chosen.set(kind, best);
    }
    const parent = target.parent ? read(target.parent) : null;
    // Place, period and as-of date from the sentence before, in the same paragraph.
    if (!parent && !startsParagraph(target.sentence)) {
      const earlier = mentionsOf(target.sentence - 1);
      if (!PLACE_LEVELS.some((l) => chosen.has(l)) && !saysWhere(target.sentence)) {
        for (const level of PLACE_LEVELS) {
          const last = earlier.filter((m) => m.kind === level).at(-1);
          if (last) chosen.set(level, last);
        }
      }
      const sentenceNorm = sentenceFolded(target.sentence);
      if (!chosen.has('period') && !chosen.has('asOf') && !UNDATED_OR_NOW.test(sentenceNorm)) {
        for (const kind of ['period', 'asOf'] as Kind[]) {
          const last = earlier.filter((m) => m.kind === kind).at(-1);
          if (last) chosen.set(kind, last);
        }
      }
    }
    const scope: ProposedScope = {};
    const evidence: ScopeEvidence[] = [];
    const cite = (field: ScopeField, value: string, m: Mention) => {
      const r = originalRange(mapped, m.from, m.to);
      evidence.push({
        field,
        value,
        text: mapped.text.slice(r.start, r.end),
        start: r.start,
        end: r.end,
      });
    };
    // A part takes what it does not say itself from its whole.
    const inherit = (field: ScopeField) => {
      const e = parent?.evidence.find((x) => x.field === field);
      if (e) evidence.push(e);
    };
    const population = chosen.get('population');
    if (population) {
      scope.population = population.value;
      cite('population', population.value, population);
    } else if (parent?.scope.population) {
      scope.population = parent.scope.population;
      inherit('population');
    }
    const perpetrator = chosen.get('perpetrator');
    if (perpetrator) {
      scope.perpetrator = perpetrator.value;
      cite('perpetrator', perpetrator.value, perpetrator);
    } else if (parent?.scope.perpetrator) {
      scope.perpetrator = parent.scope.perpetrator;
      inherit('perpetrator');
    }
    const place: NonNullable<ProposedScope['place']> = {};
    for (const level of PLACE_LEVELS) {
      const m = chosen.get(level);
      if (m) {
        place[level] = m.value;
        cite(`place.${level}`, m.value, m);
      } else if (parent?.scope.place?.[level]) {
        place[level] = parent.scope.place[level];
        inherit(`place.${level}`);
      }
    }
    if (Object.keys(place).length > 0) scope.place = place;
    const period = chosen.get('period');
    const asOf = chosen.get('asOf');
    if (period?.period) {
      scope.period = period.period;
      cite('period', period.value, period);
    } else if (!asOf && parent?.scope.period) {
      scope.period = parent.scope.period;
      inherit('period');
    }
    if (asOf) {
      scope.asOf = asOf.value;
      cite('asOf', asOf.value, asOf);
    } else if (!period && parent?.scope.asOf) {
      scope.asOf = parent.scope.asOf;
      inherit('asOf');
    }
    const reading = { scope, evidence: evidence.sort((a, b) => a.start - b.start) };
    cache.set(target, reading);
    return reading;
  };
  return read;
}
