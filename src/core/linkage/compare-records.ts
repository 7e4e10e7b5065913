import { findSlot, lookup, slotId, slotValue } from './int-pair-map.js';
import type { NameFrequencies } from './name-frequencies.js';
import {
  AT_AGE,
  AT_BIRTH,
  AT_FLAGS,
  AT_ID_NUMBER,
  AT_NAME,
  AT_NAME_FLAGS,
  AT_PLACE,
  AT_SCRIPT,
  AT_SEX,
  AT_TOKENS,
  AT_TOKENS_END,
  NAME_KUNYA,
  NAME_STRIDE,
  PART_STRIDE,
  RECORD_ID_VALID,
  RECORD_STRIDE,
  SCRIPT_ARABIC,
  SCRIPT_NONE,
  SKELETON_AT,
  type PreparedRecords,
} from './prepared-records.js';
import { partIds } from './record-preparer.js';
import { jaroWinklerCodes } from './string-similarity.js';

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

const ALEF = 0x0627;
const LAM = 0x0644;
const LATIN_A = 0x61;
const LATIN_L = 0x6c;

// Scratch space of the hot loop (one per thread): part ids of both records, tokens
// rebuilt by joining compounds, and the code units of two strings being compared.
const partsA = new Int32Array(PART_STRIDE);
const partsB = new Int32Array(PART_STRIDE);
let joinedTokens = new Int32Array(32);
let joinedSkeletons = new Int32Array(32);
let codesA = new Uint16Array(64);
let codesB = new Uint16Array(64);

/**
 * Compares records a and b and writes one level per field into `levels` at
 * `offset * FIELD_COUNT`, and the exact-match name frequencies into `tf` at
 * `offset * NAME_FIELD_COUNT`. Writing into shared buffers keeps the hot loop free of
 * allocations when millions of pairs are compared.
 */
export function comparePair(
  records: PreparedRecords,
  freq: NameFrequencies,
  a: number,
  b: number,
  levels: Uint8Array,
  tf: Float32Array,
  offset: number,
): void {
  const lo = offset * FIELD_COUNT;
  const packed = records.packed;
  const ra = a * RECORD_STRIDE;
  const rb = b * RECORD_STRIDE;
  compareNames(
    records,
    freq,
    packed[ra + AT_NAME] ?? 0,
    packed[rb + AT_NAME] ?? 0,
    levels,
    lo,
    tf,
    offset * NAME_FIELD_COUNT,
  );
  const sa = packed[ra + AT_SEX] ?? 0;
  const sb = packed[rb + AT_SEX] ?? 0;
  levels[lo + 4] = sa === 0 || sb === 0 ? 0 : sa === sb ? 1 : 2;
  levels[lo + 5] = compareBirth(packed, ra, rb);
  levels[lo + 6] = compareIdentity(packed, ra, rb);
  const pa = packed[ra + AT_PLACE] ?? 0;
  const pb = packed[rb + AT_PLACE] ?? 0;
  levels[lo + 7] = pa === 0 || pb === 0 ? 0 : pa === pb ? 1 : 2;
}

/** Output of comparing one pair: a level per field and the frequency of exact name values. */
export interface PairComparison {
  readonly levels: Uint8Array;
  /** For each name field at the exact level, the value's frequency; otherwise 0. */
  readonly nameFrequency: Float32Array;
}

/** Convenience wrapper returning fresh arrays (for explanations and tests). */
export function compareRecords(
  records: PreparedRecords,
  freq: NameFrequencies,
  a: number,
  b: number,
): PairComparison {
  const levels = new Uint8Array(FIELD_COUNT);
  const nameFrequency = new Float32Array(NAME_FIELD_COUNT);
  comparePair(records, freq, a, b, levels, nameFrequency, 0);
  return { levels, nameFrequency };
}

/** Compares names ka and kb (indices into `records.names`). */
function compareNames(
  records: PreparedRecords,
  freq: NameFrequencies,
  ka: number,
  kb: number,
  levels: Uint8Array,
  lo: number,
  tf: Float32Array,
  to: number,
): void {
  const packed = records.names.packed;
  const na = ka * NAME_STRIDE;
  const nb = kb * NAME_STRIDE;
  const scriptA = packed[na + AT_SCRIPT] ?? SCRIPT_NONE;
  const scriptB = packed[nb + AT_SCRIPT] ?? SCRIPT_NONE;
  if (scriptA === SCRIPT_NONE || scriptB === SCRIPT_NONE) {
    for (let f = 0; f < NAME_FIELD_COUNT; f++) {
      levels[lo + f] = 0;
      tf[to + f] = 0;
    }
    return;
  }
  const sameScript = scriptA === scriptB;
  const arabic = scriptA === SCRIPT_ARABIC;
  for (let k = 0; k < PART_STRIDE; k++) {
    partsA[k] = packed[na + k] ?? 0;
    partsB[k] = packed[nb + k] ?? 0;
  }
  if (
    sameScript &&
    ka !== kb &&
    (packed[na + AT_TOKENS_END] ?? 0) - (packed[na + AT_TOKENS] ?? 0) !==
      (packed[nb + AT_TOKENS_END] ?? 0) - (packed[nb + AT_TOKENS] ?? 0)
  ) {
    // Joined/split compounds the normaliser did not know ("يامنكفاح" / "يامن كفاح").
    joinToMatch(records, ka, kb, partsA);
    joinToMatch(records, kb, ka, partsB);
  }
  const size = freq.size;
  // Bit f set when field f agrees on the skeleton only (frequency from skeletons).
  let bySkeleton = 0;
  for (let f = 0; f < NAME_FIELD_COUNT; f++) {
    const xa = partsA[f] ?? 0;
    const xb = partsB[f] ?? 0;
    const sa = partsA[f + SKELETON_AT] ?? 0;
    const sb = partsB[f + SKELETON_AT] ?? 0;
    let level: number;
    if (xa === 0 || xb === 0) level = 0;
    else if (sameScript)
      level = xa === xb ? NAME_EXACT : cachedLevel(records, xa, xb, sa, sb, arabic, false);
    else
      level =
        sa === 0 || sb === 0
          ? 0
          : sa === sb
            ? SKELETON_EQUAL
            : cachedLevel(records, sa, sb, sa, sb, arabic, true);
    if (level === SKELETON_EQUAL) {
      level = NAME_EXACT;
      bySkeleton |= 1 << f;
    }
    // A family name given as an alternative on the other record ("ابوعيشة(ابوحطب)").
    if (
      f === 3 &&
      level >= NAME_SIMILAR &&
      (hasAlternate(records, kb, xa) || hasAlternate(records, ka, xb))
    )
      level = NAME_VARIANT;
    levels[lo + f] = level;
    tf[to + f] =
      level !== NAME_EXACT
        ? 0
        : (bySkeleton & (1 << f)) !== 0
          ? (freq.skeleton.fields[f * size + sa] ?? 0)
          : (freq.fields[f * size + xa] ?? 0);
  }
  // Along the chain family → father → grandfather, agreement is conditional (see NameFrequencies).
  if (levels[lo + 3] === NAME_EXACT && levels[lo + 1] === NAME_EXACT) {
    // When any link of the chain agrees only on its skeleton, the whole chain is
    // looked up among skeleton chains.
    const skel = (bySkeleton & 0b1110) !== 0;
    const src = skel ? freq.skeleton : freq;
    const at = skel ? SKELETON_AT : 0;
    const father = partsA[at + 1] ?? 0;
    const family = partsA[at + 3] ?? 0;
    const grandfather = partsA[at + 2] ?? 0;
    if (father > 0 && family > 0) {
      const slot = findSlot(src.lines, father, family);
      if (slot >= 0) {
        tf[to + 1] = slotValue(src.lines, slot);
        if (levels[lo + 2] === NAME_EXACT && grandfather > 0)
          tf[to + 2] = lookup(
            src.grandfathers,
            grandfather,
            slotId(src.lines, slot),
            tf[to + 2] ?? 0,
          );
      }
    }
  }
}

// Levels of token pairs already compared. Given names repeat across millions of pairs,
// and the level of two different spellings (or skeletons) depends on nothing else, so a
// small direct-mapped cache saves most string comparisons. Keys are the two string ids
// and whether they were compared as skeletons; a cache belongs to one string table.
const CACHE_BITS = 16;
const cacheA = new Int32Array(1 << CACHE_BITS).fill(-1);
const cacheB = new Int32Array(1 << CACHE_BITS);
const cacheLevel = new Uint8Array(1 << CACHE_BITS);
let cacheOwner: PreparedRecords['strings'] | undefined;

function cachedLevel(
  records: PreparedRecords,
  x: number,
  y: number,
  sx: number,
  sy: number,
  arabic: boolean,
  skeletons: boolean,
): number {
  if (cacheOwner !== records.strings) {
    cacheA.fill(-1);
    cacheOwner = records.strings;
  }
  const keyA = skeletons ? -2 - x : x;
  let h = Math.imul(x, 0x9e3779b1) ^ Math.imul(y + (skeletons ? 0x5bd1e995 : 0), 0x85ebca77);
  h = (h ^ (h >>> 16)) & ((1 << CACHE_BITS) - 1);
  if (cacheA[h] === keyA && cacheB[h] === y) return cacheLevel[h] ?? 0;
  const level = skeletons
    ? compareSkeletons(records, x, y)
    : compareSameScript(records, x, y, sx !== 0 && sx === sy, arabic);
  cacheA[h] = keyA;
  cacheB[h] = y;
  cacheLevel[h] = level;
  return level;
}

function hasAlternate(records: PreparedRecords, k: number, id: number): boolean {
  if (id === 0) return false;
  const names = records.names;
  const end = names.alternateStart[k + 1] ?? 0;
  for (let j = names.alternateStart[k] ?? 0; j < end; j++)
    if (names.alternates[j] === id) return true;
  return false;
}

/** Copies the code units of string `id` into `buf` from `at`; returns the new end. */
function load(
  records: PreparedRecords,
  id: number,
  buf: Uint16Array,
  at: number,
  skip = 0,
): number {
  const s = records.strings;
  const from = (s.offsets[id] ?? 0) + skip;
  const to = s.offsets[id + 1] ?? from;
  for (let i = from; i < to; i++) buf[at++] = s.codes[i] ?? 0;
  return at;
}

function ensureCodes(records: PreparedRecords, x: number, y: number): void {
  const s = records.strings;
  const need = Math.max(
    (s.offsets[x + 1] ?? 0) - (s.offsets[x] ?? 0),
    (s.offsets[y + 1] ?? 0) - (s.offsets[y] ?? 0),
  );
  if (need > codesA.length) {
    codesA = new Uint16Array(need * 2);
    codesB = new Uint16Array(need * 2);
  }
}

/**
 * Loads string `id` without its article: Arabic ال (also its PDF-swapped form اال,
 * which keeps the first alef), Latin "al" (as normaliseLatinName writes every article).
 */
function loadStripped(
  records: PreparedRecords,
  id: number,
  buf: Uint16Array,
  arabic: boolean,
): number {
  const s = records.strings;
  const from = s.offsets[id] ?? 0;
  const len = (s.offsets[id + 1] ?? from) - from;
  const c0 = s.codes[from];
  const c1 = s.codes[from + 1];
  if (arabic) {
    if (len >= 5 && c0 === ALEF && c1 === ALEF && s.codes[from + 2] === LAM) {
      buf[0] = ALEF;
      return load(records, id, buf, 1, 3);
    }
    if (len >= 4 && c0 === ALEF && c1 === LAM) return load(records, id, buf, 0, 2);
  } else if (len >= 5 && c0 === LATIN_A && c1 === LATIN_L) return load(records, id, buf, 0, 2);
  return load(records, id, buf, 0);
}

function compareSameScript(
  records: PreparedRecords,
  xa: number,
  xb: number,
  skeletonEqual: boolean,
  arabic: boolean,
): number {
  ensureCodes(records, xa, xb);
  const la = loadStripped(records, xa, codesA, arabic);
  const lb = loadStripped(records, xb, codesB, arabic);
  if (la === lb) {
    let same = true;
    for (let i = 0; i < la && same; i++) same = codesA[i] === codesB[i];
    if (same) return NAME_VARIANT;
  }
  // Latin spellings of one Arabic name share a skeleton; Arabic spellings do not
  // need it (and محمد/محمود share one), so Arabic pairs go straight to similarity.
  if (!arabic && skeletonEqual) return SKELETON_EQUAL;
  const s = jaroWinklerCodes(codesA, la, codesB, lb);
  if (s >= 0.92) return NAME_CLOSE;
  if (s >= 0.8) return NAME_SIMILAR;
  return NAME_DIFFERENT;
}

/** Compares two different, non-empty skeletons by id. */
function compareSkeletons(records: PreparedRecords, sa: number, sb: number): number {
  ensureCodes(records, sa, sb);
  const la = load(records, sa, codesA, 0);
  const lb = load(records, sb, codesB, 0);
  const s = jaroWinklerCodes(codesA, la, codesB, lb);
  if (s >= 0.9) return NAME_CLOSE;
  if (s >= 0.78) return NAME_SIMILAR;
  return NAME_DIFFERENT;
}

/** True when string `t` is string `x` followed by string `y`. */
function isConcat(records: PreparedRecords, t: number, x: number, y: number): boolean {
  const s = records.strings;
  const tFrom = s.offsets[t] ?? 0;
  const xFrom = s.offsets[x] ?? 0;
  const yFrom = s.offsets[y] ?? 0;
  const xLen = (s.offsets[x + 1] ?? 0) - xFrom;
  const yLen = (s.offsets[y + 1] ?? 0) - yFrom;
  if ((s.offsets[t + 1] ?? 0) - tFrom !== xLen + yLen) return false;
  for (let i = 0; i < xLen; i++) if (s.codes[tFrom + i] !== s.codes[xFrom + i]) return false;
  for (let i = 0; i < yLen; i++) if (s.codes[tFrom + xLen + i] !== s.codes[yFrom + i]) return false;
  return true;
}

/**
 * Joins adjacent tokens of name `x` whose concatenation is a token of name `y` (and
 * the first of them is not), and writes the parts of the joined chain into `out`.
 * The joined token is then that token of `y`, with its id and skeleton. Leaves `out`
 * alone when nothing was joined.
 */
function joinToMatch(records: PreparedRecords, x: number, y: number, out: Int32Array): void {
  const names = records.names;
  const xs = names.packed[x * NAME_STRIDE + AT_TOKENS] ?? 0;
  const xe = names.packed[x * NAME_STRIDE + AT_TOKENS_END] ?? 0;
  const ys = names.packed[y * NAME_STRIDE + AT_TOKENS] ?? 0;
  const ye = names.packed[y * NAME_STRIDE + AT_TOKENS_END] ?? 0;
  if (xe - xs > joinedTokens.length) {
    joinedTokens = new Int32Array((xe - xs) * 2);
    joinedSkeletons = new Int32Array((xe - xs) * 2);
  }
  let n = 0;
  let joined = false;
  for (let i = xs; i < xe; i++) {
    const cur = names.tokens[i] ?? 0;
    let match = -1;
    if (i + 1 < xe) {
      const next = names.tokens[i + 1] ?? 0;
      let curInY = false;
      for (let j = ys; j < ye; j++) {
        const t = names.tokens[j] ?? 0;
        if (t === cur) curInY = true;
        else if (match < 0 && isConcat(records, t, cur, next)) match = j;
      }
      if (curInY) match = -1;
    }
    if (match >= 0) {
      joinedTokens[n] = names.tokens[match] ?? 0;
      joinedSkeletons[n++] = names.skeletons[match] ?? 0;
      joined = true;
      i++;
    } else {
      joinedTokens[n] = cur;
      joinedSkeletons[n++] = names.skeletons[i] ?? 0;
    }
  }
  if (!joined) return;
  const kunya = ((names.packed[x * NAME_STRIDE + AT_NAME_FLAGS] ?? 0) & NAME_KUNYA) !== 0;
  partIds(joinedTokens, kunya, out, 0, n);
  partIds(joinedSkeletons, kunya, out, SKELETON_AT, n);
}

/** Compares birth dates or ages of the packed records at `ra` and `rb`. */
function compareBirth(packed: Int32Array, ra: number, rb: number): number {
  const ba = packed[ra + AT_BIRTH] ?? 0;
  const bb = packed[rb + AT_BIRTH] ?? 0;
  if (ba !== 0 && bb !== 0) {
    if (ba === bb) return 1;
    if (nearDate(ba, bb)) return 2;
    return Math.abs(Math.floor(ba / 10000) - Math.floor(bb / 10000)) <= 10 ? 5 : 6;
  }
  const aa = packed[ra + AT_AGE] ?? -1;
  const ab = packed[rb + AT_AGE] ?? -1;
  if (aa < 0 || ab < 0) return 0;
  const d = Math.abs(aa - ab);
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
  if (same >= 2 && (ya === yb || Math.abs(ya - yb) <= 1 || digitsApart(ya, yb, 4) === 1))
    return true;
  return ya === yb && ma === db && da === mb;
}

/** Number of differing decimal digits of two numbers written with `digits` digits. */
function digitsApart(x: number, y: number, digits: number): number {
  let d = 0;
  for (let i = 0; i < digits; i++) {
    if (x % 10 !== y % 10) d++;
    x = Math.floor(x / 10);
    y = Math.floor(y / 10);
  }
  return d;
}

function compareIdentity(packed: Int32Array, ra: number, rb: number): number {
  const ia = packed[ra + AT_ID_NUMBER] ?? -1;
  const ib = packed[rb + AT_ID_NUMBER] ?? -1;
  if (ia < 0 || ib < 0) return 0;
  if (ia === ib) return ((packed[ra + AT_FLAGS] ?? 0) & RECORD_ID_VALID) !== 0 ? 1 : 2;
  return digitsApart(ia, ib, 9) === 1 ? 3 : 4;
}
