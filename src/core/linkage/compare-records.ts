import { arabicSkeleton, latinSkeleton } from '../names/index.js';
import {
  partsOf,
  SCRIPT_ARABIC,
  SCRIPT_NONE,
  type PartValues,
  type PreparedRecord,
} from './link-record.js';
import { jaroWinkler } from './string-similarity.js';

/** A compared field and the labels of its levels (level 0 is always "missing"). */
export interface ComparisonField {
  readonly name: string;
  readonly levels: readonly string[];
  /** True for name fields, whose exact level is adjusted by the value's frequency. */
  readonly termFrequency: boolean;
}

const NAME_LEVELS = ['missing', 'exact', 'variant', 'close', 'similar', 'different'] as const;

/** The fields compared for every candidate pair, in the order levels are stored. */
export const COMPARISON_FIELDS: readonly ComparisonField[] = [
  { name: 'given', levels: NAME_LEVELS, termFrequency: true },
  { name: 'father', levels: NAME_LEVELS, termFrequency: true },
  { name: 'grandfather', levels: NAME_LEVELS, termFrequency: true },
  { name: 'family', levels: NAME_LEVELS, termFrequency: true },
  { name: 'sex', levels: ['missing', 'same', 'different'], termFrequency: false },
  {
    name: 'birth',
    levels: [
      'missing',
      'same date',
      'near date',
      'age ±1',
      'age ±3',
      'within 10 years',
      'far apart',
    ],
    termFrequency: false,
  },
  {
    name: 'id_number',
    levels: ['missing', 'same valid', 'same invalid', 'one digit apart', 'different'],
    termFrequency: false,
  },
  { name: 'place', levels: ['missing', 'same', 'different'], termFrequency: false },
];

/** Number of compared fields. */
export const FIELD_COUNT = COMPARISON_FIELDS.length;
/** Number of name fields (the first fields); they carry term frequencies. */
export const NAME_FIELD_COUNT = 4;

/** Level codes shared by the name fields. */
export const NAME_EXACT = 1;
const NAME_VARIANT = 2;
const NAME_CLOSE = 3;
const NAME_SIMILAR = 4;
const NAME_DIFFERENT = 5;
/**
 * Internal result: the two values differ in spelling or script but share a skeleton.
 * Scored as an exact agreement on the skeleton, weighted by the skeleton's frequency.
 */
const SKELETON_EQUAL = 9;

/**
 * Frequency of each name value per name field, as fractions of the records having
 * it, and conditional frequencies along the patrilineal chain. Siblings share father,
 * grandfather and family name: the three agreements are one piece of evidence, not
 * three. Weighing the father's name by p(father | family) and the grandfather's by
 * p(grandfather | father, family) when the earlier links agree makes their sum
 * log2(m³ / p(whole lineage)), as it should be.
 */
export interface NameFrequencies {
  /** One map per name field: value → fraction. */
  readonly fields: readonly ReadonlyMap<string, number>[];
  /** "father|family" → p(father | family). */
  readonly fatherGivenFamily: ReadonlyMap<string, number>;
  /** "grandfather|father|family" → p(grandfather | father, family). */
  readonly grandfatherGivenLine: ReadonlyMap<string, number>;
  /**
   * The same figures over cross-script skeletons (used when two records agree on a
   * skeleton but not on a spelling: a Latin and an Arabic record, or two Latin
   * spellings). A skeleton is coarser than a spelling, so it is more frequent and
   * its agreement weighs less.
   */
  readonly skeleton: {
    readonly fields: readonly ReadonlyMap<string, number>[];
    readonly fatherGivenFamily: ReadonlyMap<string, number>;
    readonly grandfatherGivenLine: ReadonlyMap<string, number>;
  };
}

/** Counts value frequencies per name field over prepared records (spellings and skeletons). */
export function nameFrequencies(records: readonly PreparedRecord[]): NameFrequencies {
  return { ...chainFrequencies(records, false), skeleton: chainFrequencies(records, true) };
}

function chainFrequencies(
  records: readonly PreparedRecord[],
  skeleton: boolean,
): NameFrequencies['skeleton'] {
  const counts = [
    new Map<string, number>(),
    new Map<string, number>(),
    new Map<string, number>(),
    new Map<string, number>(),
  ];
  const totals = [0, 0, 0, 0];
  const familyCount = new Map<string, number>();
  const lineCount = new Map<string, number>();
  const fullLineCount = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string): void => {
    m.set(k, (m.get(k) ?? 0) + 1);
  };
  // Lineage counts are over distinct name chains: a person listed in three releases
  // must not make their own lineage look common.
  const seenChains = new Set<string>();
  for (const r of records) {
    const p = skeleton ? r.skeletonParts : r.nameParts;
    const chain = `${p.given}|${p.father}|${p.grandfather}|${p.family}`;
    const firstSeen = !seenChains.has(chain);
    seenChains.add(chain);
    if (firstSeen && p.family !== '' && p.father !== '') {
      bump(familyCount, p.family);
      bump(lineCount, `${p.father}|${p.family}`);
      if (p.grandfather !== '') bump(fullLineCount, `${p.grandfather}|${p.father}|${p.family}`);
    }
    const values = [p.given, p.father, p.grandfather, p.family];
    for (let f = 0; f < 4; f++) {
      const v = values[f] ?? '';
      if (v === '') continue;
      const m = counts[f];
      if (!m) continue;
      m.set(v, (m.get(v) ?? 0) + 1);
      totals[f] = (totals[f] ?? 0) + 1;
    }
  }
  // Leave-one-out and shrunk towards the marginal frequency: a lineage seen once
  // says nothing about how common it is among other people, so the marginal is
  // used there, not 1 (which would make agreement on it worthless).
  const marginal = (f: number, v: string): number =>
    (counts[f]?.get(v) ?? 0) / Math.max(1, totals[f] ?? 1);
  const fatherGivenFamily = new Map<string, number>();
  for (const [k, c] of lineCount) {
    const father = k.slice(0, k.indexOf('|'));
    const others = (familyCount.get(k.slice(k.indexOf('|') + 1)) ?? c) - 1;
    fatherGivenFamily.set(k, (c - 1 + marginal(1, father)) / (others + 1));
  }
  const grandfatherGivenLine = new Map<string, number>();
  for (const [k, c] of fullLineCount) {
    const grandfather = k.slice(0, k.indexOf('|'));
    const others = (lineCount.get(k.slice(k.indexOf('|') + 1)) ?? c) - 1;
    grandfatherGivenLine.set(k, (c - 1 + marginal(2, grandfather)) / (others + 1));
  }
  return {
    fields: counts.map((m, f) => {
      const out = new Map<string, number>();
      const total = Math.max(1, totals[f] ?? 1);
      for (const [k, c] of m) out.set(k, c / total);
      return out;
    }),
    fatherGivenFamily,
    grandfatherGivenLine,
  };
}

/** Output of comparing one pair: a level per field and the frequency of exact name values. */
export interface PairComparison {
  readonly levels: Uint8Array;
  /** For each name field at the exact level, the value's frequency; otherwise 0. */
  readonly nameFrequency: Float32Array;
}

/**
 * Compares records a and b and writes one level per field into `levels` at
 * `offset * FIELD_COUNT`, and the exact-match name frequencies into `tf` at
 * `offset * NAME_FIELD_COUNT`. Writing into shared buffers keeps the hot loop free of
 * allocations when millions of pairs are compared.
 */
export function comparePair(
  a: PreparedRecord,
  b: PreparedRecord,
  freq: NameFrequencies,
  levels: Uint8Array,
  tf: Float32Array,
  offset: number,
): void {
  const lo = offset * FIELD_COUNT;
  const to = offset * NAME_FIELD_COUNT;
  compareNames(a, b, freq, levels, lo, tf, to);
  levels[lo + 4] = a.sex === 0 || b.sex === 0 ? 0 : a.sex === b.sex ? 1 : 2;
  levels[lo + 5] = compareBirth(a, b);
  levels[lo + 6] = compareIdentity(a, b);
  levels[lo + 7] = a.place === '' || b.place === '' ? 0 : a.place === b.place ? 1 : 2;
}

/** Convenience wrapper returning fresh arrays (for explanations and tests). */
export function compareRecords(
  a: PreparedRecord,
  b: PreparedRecord,
  freq: NameFrequencies,
): PairComparison {
  const levels = new Uint8Array(FIELD_COUNT);
  const nameFrequency = new Float32Array(NAME_FIELD_COUNT);
  comparePair(a, b, freq, levels, nameFrequency, 0);
  return { levels, nameFrequency };
}

function compareNames(
  a: PreparedRecord,
  b: PreparedRecord,
  freq: NameFrequencies,
  levels: Uint8Array,
  lo: number,
  tf: Float32Array,
  to: number,
): void {
  if (a.script === SCRIPT_NONE || b.script === SCRIPT_NONE) {
    for (let f = 0; f < NAME_FIELD_COUNT; f++) {
      levels[lo + f] = 0;
      tf[to + f] = 0;
    }
    return;
  }
  const sameScript = a.script === b.script;
  let ta = a.tokens;
  let tb = b.tokens;
  let sa = a.skeletons;
  let sb = b.skeletons;
  if (sameScript && ta.length !== tb.length) {
    // Joined/split compounds the normaliser did not know ("يامنكفاح" / "يامن كفاح").
    const skel = a.script === SCRIPT_ARABIC ? arabicSkeleton : latinSkeleton;
    const ja = joinToMatch(ta, tb);
    const jb = joinToMatch(tb, ta);
    if (ja !== ta) {
      ta = ja;
      sa = ja.map(skel);
    }
    if (jb !== tb) {
      tb = jb;
      sb = jb.map(skel);
    }
  }
  const pa: PartValues = ta === a.tokens ? a.nameParts : partsOf(ta, a.kunya);
  const pb: PartValues = tb === b.tokens ? b.nameParts : partsOf(tb, b.kunya);
  const ka: PartValues = sa === a.skeletons ? a.skeletonParts : partsOf(sa, a.kunya);
  const kb: PartValues = sb === b.skeletons ? b.skeletonParts : partsOf(sb, b.kunya);
  const keys = ['given', 'father', 'grandfather', 'family'] as const;
  // Bit f set when field f agrees on the skeleton only (frequency from skeletons).
  let bySkeleton = 0;
  for (let f = 0; f < NAME_FIELD_COUNT; f++) {
    const key = keys[f] ?? 'given';
    const va = pa[key];
    const vb = pb[key];
    let level: number;
    if (va === '' || vb === '') level = 0;
    else if (sameScript)
      level = compareSameScript(va, vb, ka[key], kb[key], a.script === SCRIPT_ARABIC);
    else level = compareSkeletons(ka[key], kb[key]);
    if (level === SKELETON_EQUAL) {
      level = NAME_EXACT;
      bySkeleton |= 1 << f;
    }
    if (key === 'family' && level >= NAME_SIMILAR) {
      // A family name given as an alternative on the other record ("ابوعيشة(ابوحطب)").
      if ((va !== '' && b.alternates.includes(va)) || (vb !== '' && a.alternates.includes(vb)))
        level = NAME_VARIANT;
    }
    levels[lo + f] = level;
    tf[to + f] =
      level !== NAME_EXACT
        ? 0
        : (bySkeleton & (1 << f)) !== 0
          ? (freq.skeleton.fields[f]?.get(ka[key]) ?? 0)
          : (freq.fields[f]?.get(va) ?? 0);
  }
  // Along the chain family → father → grandfather, agreement is conditional (see NameFrequencies).
  if (levels[lo + 3] === NAME_EXACT && levels[lo + 1] === NAME_EXACT) {
    // When any link of the chain agrees only on its skeleton, the whole chain is
    // looked up among skeleton chains.
    const skel = (bySkeleton & 0b1110) !== 0;
    const src = skel ? freq.skeleton : freq;
    const pp = skel ? ka : pa;
    const line = `${pp.father}|${pp.family}`;
    tf[to + 1] = src.fatherGivenFamily.get(line) ?? tf[to + 1] ?? 0;
    if (levels[lo + 2] === NAME_EXACT)
      tf[to + 2] = src.grandfatherGivenLine.get(`${pp.grandfather}|${line}`) ?? tf[to + 2] ?? 0;
  }
}

function stripArticle(t: string, arabic: boolean): string {
  if (arabic) {
    if (t.startsWith('اال') && t.length >= 5) return 'ا' + t.slice(3);
    if (t.startsWith('ال') && t.length >= 4) return t.slice(2);
    return t;
  }
  return t.startsWith('al') && t.length >= 5 ? t.slice(2) : t;
}

function compareSameScript(
  va: string,
  vb: string,
  ka: string,
  kb: string,
  arabic: boolean,
): number {
  if (va === vb) return NAME_EXACT;
  const xa = stripArticle(va, arabic);
  const xb = stripArticle(vb, arabic);
  if (xa === xb) return NAME_VARIANT;
  // Latin spellings of one Arabic name share a skeleton; Arabic spellings do not
  // need it (and محمد/محمود share one), so Arabic pairs go straight to similarity.
  if (!arabic && ka === kb && ka !== '') return SKELETON_EQUAL;
  const s = jaroWinkler(xa, xb);
  if (s >= 0.92) return NAME_CLOSE;
  if (s >= 0.8) return NAME_SIMILAR;
  return NAME_DIFFERENT;
}

function compareSkeletons(ka: string, kb: string): number {
  if (ka === '' || kb === '') return 0;
  if (ka === kb) return SKELETON_EQUAL;
  const s = jaroWinkler(ka, kb);
  if (s >= 0.9) return NAME_CLOSE;
  if (s >= 0.78) return NAME_SIMILAR;
  return NAME_DIFFERENT;
}

/**
 * Joins adjacent tokens of `x` whose concatenation is a token of `y`. Returns `x`
 * itself when nothing was joined (callers test identity to skip work).
 */
function joinToMatch(x: readonly string[], y: readonly string[]): readonly string[] {
  let out: string[] | undefined;
  for (let i = 0; i < x.length; i++) {
    const cur = x[i] ?? '';
    const next = x[i + 1];
    if (next !== undefined && y.includes(cur + next) && !y.includes(cur)) {
      out ??= x.slice(0, i);
      out.push(cur + next);
      i++;
    } else if (out) out.push(cur);
  }
  return out ?? x;
}

function compareBirth(a: PreparedRecord, b: PreparedRecord): number {
  if (a.birth !== 0 && b.birth !== 0) {
    if (a.birth === b.birth) return 1;
    if (nearDate(a.birth, b.birth)) return 2;
    return Math.abs(Math.floor(a.birth / 10000) - Math.floor(b.birth / 10000)) <= 10 ? 5 : 6;
  }
  if (a.age < 0 || b.age < 0) return 0;
  const d = Math.abs(a.age - b.age);
  return d <= 1 ? 3 : d <= 3 ? 4 : d <= 10 ? 5 : 6;
}

/** One component off, day and month swapped, or one digit mistyped. */
function nearDate(x: number, y: number): boolean {
  const ya = Math.floor(x / 10000);
  const yb = Math.floor(y / 10000);
  const ma = Math.floor(x / 100) % 100;
  const mb = Math.floor(y / 100) % 100;
  const da = x % 100;
  const db = y % 100;
  const same = (ya === yb ? 1 : 0) + (ma === mb ? 1 : 0) + (da === db ? 1 : 0);
  if (same >= 2 && (ya === yb || Math.abs(ya - yb) <= 1 || digitsApart(ya, yb) === 1)) return true;
  return ya === yb && ma === db && da === mb;
}

function digitsApart(x: number, y: number): number {
  return charsApart(String(x), String(y));
}

function charsApart(sx: string, sy: string): number {
  if (sx.length !== sy.length) return 99;
  let d = 0;
  for (let i = 0; i < sx.length; i++) if (sx[i] !== sy[i]) d++;
  return d;
}

function compareIdentity(a: PreparedRecord, b: PreparedRecord): number {
  if (a.idNumber === '' || b.idNumber === '') return 0;
  if (a.idNumber === b.idNumber) return a.idValid ? 1 : 2;
  return charsApart(a.idNumber, b.idNumber) === 1 ? 3 : 4;
}
