import { arabicSkeleton, latinSkeleton } from '../names/index.js';
import {
  partStrings,
  partsOf,
  SCRIPT_ARABIC,
  SCRIPT_NONE,
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

/** Interned ids stay below 2^26, so two of them make one exact number key below 2^52. */
const ID_LIMIT = 67_108_864;

/** Where the chain ids sit in `PreparedRecord.nameIds` (spelling, then skeleton). */
const CHAIN_ID_AT = 8;

function pairKey(x: number, y: number): number {
  return x * ID_LIMIT + y;
}

/**
 * Frequencies of one kind of name value (spellings or skeletons), indexed by the
 * interned ids of `PreparedRecord.nameIds`.
 */
export interface ChainFrequencies {
  /** One array per name field: id → fraction of the records having that value. */
  readonly fields: readonly Float64Array[];
  /** pairKey(father, family) → p(father | family). */
  readonly fatherGivenFamily: ReadonlyMap<number, number>;
  /** pairKey(father, family) → a line number, for `grandfatherGivenLine`. */
  readonly lineIndex: ReadonlyMap<number, number>;
  /** pairKey(grandfather, line number) → p(grandfather | father, family). */
  readonly grandfatherGivenLine: ReadonlyMap<number, number>;
}

/**
 * Frequency of each name value per name field, as fractions of the records having
 * it, and conditional frequencies along the patrilineal chain. Siblings share father,
 * grandfather and family name: the three agreements are one piece of evidence, not
 * three. Weighing the father's name by p(father | family) and the grandfather's by
 * p(grandfather | father, family) when the earlier links agree makes their sum
 * log2(m³ / p(whole lineage)), as it should be.
 */
export interface NameFrequencies extends ChainFrequencies {
  /**
   * The same figures over cross-script skeletons (used when two records agree on a
   * skeleton but not on a spelling: a Latin and an Arabic record, or two Latin
   * spellings). A skeleton is coarser than a spelling, so it is more frequent and
   * its agreement weighs less.
   */
  readonly skeleton: ChainFrequencies;
  /** Id of every part string of the records (for compounds joined during comparison). */
  readonly ids: ReadonlyMap<string, number>;
}

/** Counts value frequencies per name field over prepared records (spellings and skeletons). */
export function nameFrequencies(records: readonly PreparedRecord[]): NameFrequencies {
  let size = 1;
  for (const r of records) for (const id of r.nameIds) if (id >= size) size = id + 1;
  const ids = new Map<string, number>([['', 0]]);
  const spelling = chainFrequencies(records, 0, size, ids);
  return { ...spelling, skeleton: chainFrequencies(records, NAME_FIELD_COUNT, size), ids };
}

/** p(father | family) of two spellings, or undefined when the lineage is unknown. */
export function lineageFrequency(
  freq: NameFrequencies,
  father: string,
  family: string,
): number | undefined {
  const f = freq.ids.get(father);
  const g = freq.ids.get(family);
  return f === undefined || g === undefined ? undefined : freq.fatherGivenFamily.get(pairKey(f, g));
}

function chainFrequencies(
  records: readonly PreparedRecord[],
  at: number,
  size: number,
  ids?: Map<string, number>,
): ChainFrequencies {
  const counts = [0, 1, 2, 3].map(() => new Float64Array(size));
  const totals = [0, 0, 0, 0];
  const familyCount = new Map<number, number>();
  const lineCount = new Map<number, number>();
  const fullLineCount = new Map<number, number>();
  const lineIndex = new Map<number, number>();
  // Lineage counts are over distinct name chains: a person listed in three releases
  // must not make their own lineage look common.
  const seenChains = new Uint8Array(size);
  for (const r of records) {
    const given = r.nameIds[at] ?? 0;
    const father = r.nameIds[at + 1] ?? 0;
    const grandfather = r.nameIds[at + 2] ?? 0;
    const family = r.nameIds[at + 3] ?? 0;
    // The chain's own interned id (after the eight parts) marks it seen.
    const chain = r.nameIds[CHAIN_ID_AT + (at === 0 ? 0 : 1)] ?? 0;
    const firstSeen = seenChains[chain] === 0;
    if (firstSeen) {
      seenChains[chain] = 1;
      if (ids)
        for (let k = 0; k < r.nameStrings.length; k++)
          ids.set(r.nameStrings[k] ?? '', r.nameIds[k] ?? 0);
    }
    if (firstSeen && family !== 0 && father !== 0) {
      bump(familyCount, family);
      const line = pairKey(father, family);
      bump(lineCount, line);
      const lineNumber = numberOf(lineIndex, line);
      if (grandfather !== 0) bump(fullLineCount, pairKey(grandfather, lineNumber));
    }
    const values = [given, father, grandfather, family];
    for (let f = 0; f < 4; f++) {
      const v = values[f] ?? 0;
      const c = counts[f];
      if (v === 0 || !c) continue;
      c[v] = (c[v] ?? 0) + 1;
      totals[f] = (totals[f] ?? 0) + 1;
    }
  }
  // Leave-one-out and shrunk towards the marginal frequency: a lineage seen once
  // says nothing about how common it is among other people, so the marginal is
  // used there, not 1 (which would make agreement on it worthless).
  const marginal = (f: number, v: number): number =>
    (counts[f]?.[v] ?? 0) / Math.max(1, totals[f] ?? 1);
  const fatherGivenFamily = new Map<number, number>();
  for (const [k, c] of lineCount) {
    const father = Math.floor(k / ID_LIMIT);
    const others = (familyCount.get(k % ID_LIMIT) ?? c) - 1;
    fatherGivenFamily.set(k, (c - 1 + marginal(1, father)) / (others + 1));
  }
  const lineOf: number[] = [];
  for (const [k, line] of lineIndex) lineOf[line] = k;
  const grandfatherGivenLine = new Map<number, number>();
  for (const [k, c] of fullLineCount) {
    const grandfather = Math.floor(k / ID_LIMIT);
    const others = (lineCount.get(lineOf[k % ID_LIMIT] ?? -1) ?? c) - 1;
    grandfatherGivenLine.set(k, (c - 1 + marginal(2, grandfather)) / (others + 1));
  }
  return {
    fields: counts.map((c, f) => {
      const total = Math.max(1, totals[f] ?? 1);
      for (let v = 0; v < c.length; v++) c[v] = (c[v] ?? 0) / total;
      return c;
    }),
    fatherGivenFamily,
    lineIndex,
    grandfatherGivenLine,
  };
}

function bump(m: Map<number, number>, k: number): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

/** The number of `key` in `m`, assigned on first sight. */
function numberOf(m: Map<number, number>, key: number): number {
  let n = m.get(key);
  if (n === undefined) {
    n = m.size;
    m.set(key, n);
  }
  return n;
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
  const arabic = a.script === SCRIPT_ARABIC;
  // Interned ids of the eight parts (spellings then skeletons) and their strings.
  let ia = a.nameIds;
  let ib = b.nameIds;
  let na = a.nameStrings;
  let nb = b.nameStrings;
  if (sameScript && a.tokens.length !== b.tokens.length) {
    // Joined/split compounds the normaliser did not know ("يامنكفاح" / "يامن كفاح").
    const ja = joinToMatch(a.tokens, b.tokens);
    const jb = joinToMatch(b.tokens, a.tokens);
    if (ja !== a.tokens) [na, ia] = joinedParts(ja, a.kunya, arabic, freq);
    if (jb !== b.tokens) [nb, ib] = joinedParts(jb, b.kunya, arabic, freq);
  }
  // Bit f set when field f agrees on the skeleton only (frequency from skeletons).
  let bySkeleton = 0;
  for (let f = 0; f < NAME_FIELD_COUNT; f++) {
    const xa = ia[f] ?? 0;
    const xb = ib[f] ?? 0;
    const ka = ia[f + NAME_FIELD_COUNT] ?? 0;
    const kb = ib[f + NAME_FIELD_COUNT] ?? 0;
    let level: number;
    if (xa === 0 || xb === 0) level = 0;
    else if (sameScript)
      level =
        xa === xb && (xa > 0 || na[f] === nb[f])
          ? NAME_EXACT
          : compareSameScript(
              na[f] ?? '',
              nb[f] ?? '',
              ka !== 0 && ka === kb && (ka > 0 || na[f + 4] === nb[f + 4]),
              arabic,
            );
    else level = compareSkeletons(ka, kb, na[f + 4] ?? '', nb[f + 4] ?? '');
    if (level === SKELETON_EQUAL) {
      level = NAME_EXACT;
      bySkeleton |= 1 << f;
    }
    if (f === 3 && level >= NAME_SIMILAR) {
      // A family name given as an alternative on the other record ("ابوعيشة(ابوحطب)").
      const va = na[f] ?? '';
      const vb = nb[f] ?? '';
      if ((va !== '' && b.alternates.includes(va)) || (vb !== '' && a.alternates.includes(vb)))
        level = NAME_VARIANT;
    }
    levels[lo + f] = level;
    tf[to + f] =
      level !== NAME_EXACT
        ? 0
        : (bySkeleton & (1 << f)) !== 0
          ? (freq.skeleton.fields[f]?.[ka] ?? 0)
          : (freq.fields[f]?.[xa] ?? 0);
  }
  // Along the chain family → father → grandfather, agreement is conditional (see NameFrequencies).
  if (levels[lo + 3] === NAME_EXACT && levels[lo + 1] === NAME_EXACT) {
    // When any link of the chain agrees only on its skeleton, the whole chain is
    // looked up among skeleton chains.
    const skel = (bySkeleton & 0b1110) !== 0;
    const src = skel ? freq.skeleton : freq;
    const at = skel ? NAME_FIELD_COUNT : 0;
    const father = ia[at + 1] ?? -1;
    const family = ia[at + 3] ?? -1;
    const grandfather = ia[at + 2] ?? -1;
    if (father > 0 && family > 0) {
      const line = pairKey(father, family);
      tf[to + 1] = src.fatherGivenFamily.get(line) ?? tf[to + 1] ?? 0;
      const lineNumber = src.lineIndex.get(line);
      if (levels[lo + 2] === NAME_EXACT && grandfather > 0 && lineNumber !== undefined)
        tf[to + 2] =
          src.grandfatherGivenLine.get(pairKey(grandfather, lineNumber)) ?? tf[to + 2] ?? 0;
    }
  }
}

/**
 * Part strings and ids of a token chain rebuilt by joining compounds; a string no
 * record has gets id -1 (its frequency is unknown, and equal only by spelling).
 */
function joinedParts(
  tokens: readonly string[],
  kunya: boolean,
  arabic: boolean,
  freq: NameFrequencies,
): [readonly string[], readonly number[]] {
  const skeletons = tokens.map(arabic ? arabicSkeleton : latinSkeleton);
  const strings = partStrings(partsOf(tokens, kunya), partsOf(skeletons, kunya));
  return [strings, strings.map((x) => (x === '' ? 0 : (freq.ids.get(x) ?? -1)))];
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
  skeletonEqual: boolean,
  arabic: boolean,
): number {
  if (va === vb) return NAME_EXACT;
  const xa = stripArticle(va, arabic);
  const xb = stripArticle(vb, arabic);
  if (xa === xb) return NAME_VARIANT;
  // Latin spellings of one Arabic name share a skeleton; Arabic spellings do not
  // need it (and محمد/محمود share one), so Arabic pairs go straight to similarity.
  if (!arabic && skeletonEqual) return SKELETON_EQUAL;
  const s = jaroWinkler(xa, xb);
  if (s >= 0.92) return NAME_CLOSE;
  if (s >= 0.8) return NAME_SIMILAR;
  return NAME_DIFFERENT;
}

/** Compares two skeletons given by id (-1: not interned) and string. */
function compareSkeletons(ida: number, idb: number, ka: string, kb: string): number {
  if (ida === 0 || idb === 0) return 0;
  if (ida === idb && (ida > 0 || ka === kb)) return SKELETON_EQUAL;
  if (ida < 0 || idb < 0) {
    if (ka === kb) return SKELETON_EQUAL;
  }
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
