import { radixGroup, type Groups } from './radix-group.js';
import { stringAt } from './string-table.js';
import {
  FAMILY,
  FATHER,
  GIVEN,
  GRANDFATHER,
  NAME_KUNYA,
  recordPart,
  SCRIPT_ARABIC,
  SKELETON_AT,
  type PreparedRecords,
} from './prepared-records.js';

/**
 * A blocking rule: records sharing a key become candidate pairs. Each rule is a
 * sentence a reviewer can read ("same given, father and family name").
 */
export interface BlockingRule {
  readonly name: string;
  readonly description: string;
  /**
   * Writes the record's key under this rule into `out` (up to three non-negative
   * integers, the same number for every record) and returns how many; 0 when the rule
   * does not apply to the record.
   */
  key(records: PreparedRecords, i: number, out: Int32Array): number;
  /**
   * Orders an oversized block so that the likeliest matches sit next to each other;
   * ties are ordered by age and birth date (`ageBirthKey`).
   */
  sortKey(records: PreparedRecords, i: number): number;
  /** True when the key holds string ids (name parts), for reports. */
  readonly keyIsText: boolean;
  /** The key of record i as text, for reports (by default from the key's values). */
  keyText?(records: PreparedRecords, i: number): string;
  /**
   * When given, a pair is proposed only if one of its records initiates: a rule meant for
   * some records (short forms, Latin-only names) then costs pairs in proportion to them,
   * not to the whole block. In an oversized block an initiating record is compared with
   * its `window` neighbours on either side.
   */
  readonly initiates?: (records: PreparedRecords, i: number) => boolean;
  /**
   * When given, every block of the rule, small or large, is sorted and an initiating
   * record is compared only with this many neighbours on either side: for rules whose
   * key alone is too weak to compare a whole block.
   */
  readonly neighbours?: number;
}

/**
 * A name that only a coarse key can meet: in Latin script, missing its father's or
 * grandfather's name (a short form), or led by a kunya.
 */
export function isShortOrLatin(records: PreparedRecords, i: number): boolean {
  const k = records.name[i] ?? 0;
  return (
    records.names.script[k] !== SCRIPT_ARABIC ||
    ((records.names.flags[k] ?? 0) & NAME_KUNYA) !== 0 ||
    recordPart(records, i, FATHER) === 0 ||
    recordPart(records, i, GRANDFATHER) === 0
  );
}

/**
 * Age, then birth date, as one number: records of one person sit together whether
 * or not they carry a birth date (most lists give an age; some add a date).
 */
export function ageBirthKey(records: PreparedRecords, i: number): number {
  const age = records.age[i] ?? -1;
  return (age < 0 ? 255 : Math.min(254, age)) * 33_554_432 + (records.birth[i] ?? 0);
}

/** Writes parts `parts` of record i into `out`; 0 when any is absent. */
function parts(records: PreparedRecords, i: number, out: Int32Array, ...which: number[]): number {
  for (let k = 0; k < which.length; k++) {
    const v = recordPart(records, i, which[k] ?? 0);
    if (v === 0) return 0;
    out[k] = v;
  }
  return which.length;
}

const none = (): number => 0;

/**
 * The first six letters of a skeleton (A–Z) as a number in alphabetical order, with the
 * record's sex in front: sorting a block by it puts "BS" (a name whose last letter a PDF
 * export lost) next to "BSR", and keeps men and women apart.
 */
export function sexAndSkeletonOrder(records: PreparedRecords, i: number, part: number): number {
  const id = recordPart(records, i, part);
  const s = records.strings;
  const from = s.offsets[id] ?? 0;
  const len = Math.min(6, (s.offsets[id + 1] ?? from) - from);
  let v = 0;
  for (let k = 0; k < 6; k++) {
    const c = k < len ? (s.codes[from + k] ?? 64) - 64 : 0;
    v = v * 27 + (c >= 1 && c <= 26 ? c : 0);
  }
  return (records.sex[i] ?? 0) * 387_420_489 + v;
}

/**
 * Same skeleton of one name part, and the other part sorting next to it (sex first): a short or
 * Latin-script name is compared with its 2 neighbours on either side, whatever the block's size.
 */
function nearNeighbourRule(
  keyName: string,
  keyPart: number,
  sortName: string,
  sortPart: number,
): BlockingRule {
  return {
    name: `skeleton-${keyName}-near-${sortName}`,
    keyIsText: true,
    description: `same consonant skeleton of ${keyName} name and a ${sortName} name that sorts next to it (a letter lost or added at its end), one of the two names short or in Latin script`,
    key: (r, i, out) => parts(r, i, out, SKELETON_AT + keyPart),
    sortKey: (r, i) => sexAndSkeletonOrder(r, i, SKELETON_AT + sortPart),
    initiates: isShortOrLatin,
    neighbours: 2,
  };
}

/** The default rules. Their union finds candidates; none has to find all of them. */
export const DEFAULT_BLOCKING_RULES: readonly BlockingRule[] = [
  {
    name: 'given-father-grandfather',
    keyIsText: true,
    description: 'same given, father and grandfather name (family name may differ)',
    key: (r, i, out) => parts(r, i, out, GIVEN, FATHER, GRANDFATHER),
    sortKey: (r, i) => recordPart(r, i, FAMILY),
  },
  {
    name: 'given-father-family',
    keyIsText: true,
    description: 'same given, father and family name',
    key: (r, i, out) => parts(r, i, out, GIVEN, FATHER, FAMILY),
    sortKey: none,
  },
  {
    name: 'given-grandfather-family',
    keyIsText: true,
    description: 'same given, grandfather and family name (father name may differ)',
    key: (r, i, out) => parts(r, i, out, GIVEN, GRANDFATHER, FAMILY),
    sortKey: none,
  },
  {
    name: 'father-grandfather-family',
    keyIsText: true,
    description: 'same father, grandfather and family name (given name may differ)',
    key: (r, i, out) => parts(r, i, out, FATHER, GRANDFATHER, FAMILY),
    sortKey: (r, i) => recordPart(r, i, SKELETON_AT + GIVEN),
  },
  {
    name: 'skeleton-given-family',
    keyIsText: true,
    description:
      'same consonant skeleton of given and family name, in any script, one of the two names short or in Latin script',
    key: (r, i, out) => parts(r, i, out, SKELETON_AT + GIVEN, SKELETON_AT + FAMILY),
    sortKey: (r, i) => r.sex[i] ?? 0,
    // Two full Arabic chains meet through the rules above or the next one: proposing
    // every pair of full names sharing a common given and family name would be most of
    // a million-record run's pairs.
    initiates: isShortOrLatin,
  },
  {
    name: 'skeleton-given-father-family',
    keyIsText: true,
    description: 'same consonant skeleton of given, father and family name (spellings differ)',
    key: (r, i, out) =>
      parts(r, i, out, SKELETON_AT + GIVEN, SKELETON_AT + FATHER, SKELETON_AT + FAMILY),
    sortKey: (r, i) => r.sex[i] ?? 0,
  },
  nearNeighbourRule('family', FAMILY, 'given', GIVEN),
  nearNeighbourRule('given', GIVEN, 'family', FAMILY),
  {
    name: 'joined-name',
    keyIsText: false,
    keyText: (r, i) => {
      const k = r.name[i] ?? 0;
      const out: string[] = [];
      for (let t = r.names.tokenStart[k] ?? 0; t < (r.names.tokenStart[k + 1] ?? 0); t++)
        out.push(stringAt(r.strings, r.names.tokens[t] ?? 0));
      return out.join('');
    },
    description: 'same full name with all spaces removed (compounds joined or split)',
    key: (r, i, out) => {
      const joined = r.names.joined[r.name[i] ?? 0] ?? -1;
      if (joined < 0) return 0;
      out[0] = joined;
      return 1;
    },
    sortKey: none,
  },
  {
    name: 'birth-date-sex-initial',
    keyIsText: false,
    description: 'same birth date, sex and first consonant of the given name',
    key: (r, i, out) => {
      const birth = r.birth[i] ?? 0;
      if (birth === 0) return 0;
      const skeleton = recordPart(r, i, SKELETON_AT + GIVEN);
      if (skeleton === 0) return 0;
      out[0] = birth;
      out[1] = r.sex[i] ?? 0;
      out[2] = r.strings.codes[r.strings.offsets[skeleton] ?? 0] ?? 0;
      return 3;
    },
    sortKey: (r, i) => r.names.chains[(r.name[i] ?? 0) * 2 + 1] ?? 0,
  },
  {
    name: 'identity-number',
    keyIsText: false,
    description: 'same nine-digit identity number (valid or not)',
    key: (r, i, out) => {
      const id = r.idNumber[i] ?? -1;
      if (id < 0) return 0;
      out[0] = id;
      return 1;
    },
    sortKey: none,
  },
];

/** A block that was too large for all-pairs comparison. */
export interface OversizedBlock {
  readonly rule: string;
  /** The block's key, as text. */
  readonly key: string;
  readonly size: number;
}

/** Candidate pairs (left < right, sorted by left then right) with the rules that proposed each. */
export interface CandidatePairs {
  readonly left: Uint32Array;
  readonly right: Uint32Array;
  /** Bit r set when rule r proposed the pair. */
  readonly rules: Uint16Array;
  readonly ruleNames: readonly string[];
  /** Pairs proposed per rule, before the union. */
  readonly pairsPerRule: readonly number[];
  readonly oversized: readonly OversizedBlock[];
}

/** Tuning of blocking. */
export interface BlockingOptions {
  /** Largest block compared all-against-all. */
  readonly maxBlockSize: number;
  /** In an oversized block, each record is compared with this many following neighbours. */
  readonly window: number;
}

/**
 * Defaults: a block of 30 gives ≤ 435 pairs; larger blocks give at most 8 pairs per
 * record (16 for an initiating record). Measured on the Gaza releases and on a million
 * synthetic records, comparing all pairs of blocks up to 200 found no more true pairs
 * than this and cost 40% more pairs (docs/METHODOLOGY.md).
 */
export const DEFAULT_BLOCKING_OPTIONS: BlockingOptions = { maxBlockSize: 30, window: 8 };

/** Records grouped by a rule's key: block b is `order[start[b]] … order[start[b + 1] - 1]`. */
export type Blocks = Groups;

/** Groups records by a rule's key (records the rule does not apply to are left out). */
export function groupByKey(records: PreparedRecords, rule: BlockingRule): Blocks {
  const n = records.count;
  const keys = new Int32Array(n * 3);
  const present = new Uint8Array(n);
  const out = new Int32Array(3);
  let width = 0;
  for (let i = 0; i < n; i++) {
    const k = rule.key(records, i, out);
    if (k === 0) continue;
    present[i] = 1;
    width = k;
    keys[i * 3] = out[0] ?? 0;
    keys[i * 3 + 1] = out[1] ?? 0;
    keys[i * 3 + 2] = out[2] ?? 0;
  }
  return radixGroup(keys, present, width);
}

/** A growable list of pairs (left record, right record × 16 + rule). */
class PairList {
  lo = new Int32Array(1 << 16);
  hiRule = new Int32Array(1 << 16);
  length = 0;

  push(i: number, j: number, rule: number): void {
    if (this.length === this.lo.length) {
      const lo = new Int32Array(this.lo.length * 2);
      lo.set(this.lo);
      this.lo = lo;
      const hi = new Int32Array(this.hiRule.length * 2);
      hi.set(this.hiRule);
      this.hiRule = hi;
    }
    const lo = i < j ? i : j;
    const hi = i < j ? j : i;
    this.lo[this.length] = lo;
    // Record indices below 2^27 keep hi × 16 + rule within 32 bits.
    this.hiRule[this.length++] = hi * 16 + rule;
  }
}

/**
 * Generates candidate pairs: the union of the rules' blocks. A block larger than
 * `maxBlockSize` is not compared all-against-all (a common name would make that
 * quadratic) but sorted by the rule's sort key and compared within a sliding window,
 * and reported. Cost is linear in the number of records times the window.
 */
export function generateCandidatePairs(
  records: PreparedRecords,
  rules: readonly BlockingRule[] = DEFAULT_BLOCKING_RULES,
  options: BlockingOptions = DEFAULT_BLOCKING_OPTIONS,
): CandidatePairs {
  const n = records.count;
  if (rules.length > 16) throw new Error('at most 16 blocking rules');
  if (n >= 1 << 27) throw new Error('at most 134,217,727 records per linkage run');
  const pairs = new PairList();
  const oversized: OversizedBlock[] = [];
  const pairsPerRule: number[] = [];
  rules.forEach((rule, ruleIndex) => {
    const before = pairs.length;
    const { order, start } = groupByKey(records, rule);
    for (let b = 0; b + 1 < start.length; b++) {
      const from = start[b] ?? 0;
      const to = start[b + 1] ?? 0;
      const size = to - from;
      if (size < 2) continue;
      const initiates = rule.initiates;
      const reach = windowReach(rule, size, options);
      if (reach === undefined) {
        for (let x = from; x < to; x++) {
          const a = order[x] ?? 0;
          const aInitiates = initiates === undefined || initiates(records, a);
          for (let y = x + 1; y < to; y++) {
            const b = order[y] ?? 0;
            if (aInitiates || initiates?.(records, b) === true) pairs.push(a, b, ruleIndex);
          }
        }
        continue;
      }
      if (size > options.maxBlockSize)
        oversized.push({ rule: rule.name, key: keyText(records, rule, order[from] ?? 0), size });
      const sorted = sortBlock(records, rule, order.subarray(from, to));
      for (let x = 0; x < size; x++) {
        const a = sorted[x] ?? 0;
        if (initiates === undefined) {
          for (let y = x + 1; y <= x + reach && y < size; y++)
            pairs.push(a, sorted[y] ?? 0, ruleIndex);
        } else if (initiates(records, a)) {
          // Both sides; a pair two initiating records share is proposed twice and kept once.
          for (let y = Math.max(0, x - reach); y <= x + reach && y < size; y++)
            if (y !== x) pairs.push(a, sorted[y] ?? 0, ruleIndex);
        }
      }
    }
    pairsPerRule.push(pairs.length - before);
  });
  return {
    ...unionOfPairs(n, pairs),
    ruleNames: rules.map((r) => r.name),
    pairsPerRule,
    oversized,
  };
}

/**
 * How far apart two records of a block of `size` may sit in the rule's order to be compared:
 * undefined when the whole block is compared (a small block of a rule without `neighbours`).
 */
export function windowReach(
  rule: BlockingRule,
  size: number,
  options: BlockingOptions,
): number | undefined {
  if (rule.neighbours !== undefined) return rule.neighbours;
  return size > options.maxBlockSize ? options.window : undefined;
}

/** A record's key under a rule as text: name parts as strings, other values as numbers. */
function keyText(records: PreparedRecords, rule: BlockingRule, i: number): string {
  if (rule.keyText) return rule.keyText(records, i);
  const out = new Int32Array(3);
  const k = rule.key(records, i, out);
  return Array.from(out.subarray(0, k), (v) =>
    rule.keyIsText ? stringAt(records.strings, v) : String(v),
  ).join('|');
}

/** Members of an oversized block in the rule's order (sort key, age and birth, index). */
/**
 * Members of an oversized block in the rule's order (sort key, age and birth, index); partitions
 * of a distributed run sort the same way so that their windows match.
 */
export function sortBlock(
  records: PreparedRecords,
  rule: BlockingRule,
  members: Int32Array,
): Int32Array {
  const keys = new Float64Array(members.length);
  const second = new Float64Array(members.length);
  const index = new Int32Array(members.length);
  members.forEach((i, k) => {
    keys[k] = rule.sortKey(records, i);
    second[k] = ageBirthKey(records, i);
    index[k] = k;
  });
  index.sort(
    (p, q) =>
      (keys[p] ?? 0) - (keys[q] ?? 0) ||
      (second[p] ?? 0) - (second[q] ?? 0) ||
      (members[p] ?? 0) - (members[q] ?? 0),
  );
  return index.map((k) => members[k] ?? 0);
}

/**
 * The distinct pairs, sorted by left then right record, with the rule bits of
 * duplicates OR-ed together. A counting sort by left record, then a small sort per
 * record: linear in the number of pairs.
 */
function unionOfPairs(
  n: number,
  pairs: PairList,
): { left: Uint32Array; right: Uint32Array; rules: Uint16Array } {
  const start = new Int32Array(n + 1);
  for (let p = 0; p < pairs.length; p++) {
    const lo = pairs.lo[p] ?? 0;
    start[lo + 1] = (start[lo + 1] ?? 0) + 1;
  }
  for (let i = 0; i < n; i++) start[i + 1] = (start[i + 1] ?? 0) + (start[i] ?? 0);
  const fill = start.slice(0, n);
  const byLeft = new Int32Array(pairs.length);
  for (let p = 0; p < pairs.length; p++) {
    const lo = pairs.lo[p] ?? 0;
    byLeft[(fill[lo] = (fill[lo] ?? 0) + 1) - 1] = pairs.hiRule[p] ?? 0;
  }
  pairs.lo = new Int32Array(0);
  pairs.hiRule = new Int32Array(0);
  let distinct = 0;
  for (let i = 0; i < n; i++) {
    const seg = byLeft.subarray(start[i] ?? 0, start[i + 1] ?? 0);
    if (seg.length > 1) seg.sort();
    let last = -1;
    for (const v of seg) {
      const hi = v >> 4;
      if (hi !== last) {
        distinct++;
        last = hi;
      }
    }
  }
  const left = new Uint32Array(distinct);
  const right = new Uint32Array(distinct);
  const rules = new Uint16Array(distinct);
  let p = -1;
  for (let i = 0; i < n; i++) {
    let last = -1;
    for (let x = start[i] ?? 0; x < (start[i + 1] ?? 0); x++) {
      const v = byLeft[x] ?? 0;
      const hi = v >> 4;
      if (hi !== last) {
        p++;
        last = hi;
        left[p] = i;
        right[p] = hi;
      }
      rules[p] = (rules[p] ?? 0) | (1 << (v & 15));
    }
  }
  return { left, right, rules };
}
