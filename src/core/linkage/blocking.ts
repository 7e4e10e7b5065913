import type { PreparedRecord } from './link-record.js';

/**
 * A blocking rule: records sharing a key become candidate pairs. Each rule is a
 * sentence a reviewer can read ("same given, father and family name").
 */
export interface BlockingRule {
  readonly name: string;
  readonly description: string;
  /** The record's key under this rule, or undefined when the rule does not apply. */
  key(r: PreparedRecord): string | undefined;
  /** Orders an oversized block so that the likeliest matches sit next to each other. */
  sortKey(r: PreparedRecord): string;
}

function namePart(
  r: PreparedRecord,
  part: 'given' | 'father' | 'grandfather' | 'family',
  skeleton: boolean,
): string {
  return (skeleton ? r.skeletonParts : r.nameParts)[part];
}

function join(...parts: string[]): string | undefined {
  return parts.every((p) => p !== '') ? parts.join('|') : undefined;
}

function birthSort(r: PreparedRecord): string {
  return `${r.birth}|${r.age}`;
}

/** The default rules. Their union finds candidates; none has to find all of them. */
export const DEFAULT_BLOCKING_RULES: readonly BlockingRule[] = [
  {
    name: 'given-father-grandfather',
    description: 'same given, father and grandfather name (family name may differ)',
    key: (r) =>
      join(
        namePart(r, 'given', false),
        namePart(r, 'father', false),
        namePart(r, 'grandfather', false),
      ),
    sortKey: (r) => `${namePart(r, 'family', false)}|${birthSort(r)}`,
  },
  {
    name: 'given-father-family',
    description: 'same given, father and family name',
    key: (r) =>
      join(namePart(r, 'given', false), namePart(r, 'father', false), namePart(r, 'family', false)),
    sortKey: (r) => `${birthSort(r)}|${namePart(r, 'grandfather', false)}`,
  },
  {
    name: 'given-grandfather-family',
    description: 'same given, grandfather and family name (father name may differ)',
    key: (r) =>
      join(
        namePart(r, 'given', false),
        namePart(r, 'grandfather', false),
        namePart(r, 'family', false),
      ),
    sortKey: birthSort,
  },
  {
    name: 'father-grandfather-family',
    description: 'same father, grandfather and family name (given name may differ)',
    key: (r) =>
      join(
        namePart(r, 'father', false),
        namePart(r, 'grandfather', false),
        namePart(r, 'family', false),
      ),
    sortKey: birthSort,
  },
  {
    name: 'skeleton-given-family',
    description:
      'same consonant skeleton of given and family name, in any script (short forms, Latin-only lists)',
    key: (r) => join(namePart(r, 'given', true), namePart(r, 'family', true)),
    sortKey: (r) => `${r.sex}|${birthSort(r)}|${namePart(r, 'father', true)}`,
  },
  {
    name: 'joined-name',
    description: 'same full name with all spaces removed (compounds joined or split)',
    key: (r) => (r.tokens.length > 0 ? r.tokens.join('') : undefined),
    sortKey: birthSort,
  },
  {
    name: 'birth-date-sex-initial',
    description: 'same birth date, sex and first consonant of the given name',
    key: (r) =>
      r.birth !== 0
        ? join(String(r.birth), String(r.sex), namePart(r, 'given', true).slice(0, 1))
        : undefined,
    sortKey: (r) => r.skeletons.join(''),
  },
  {
    name: 'identity-number',
    description: 'same nine-digit identity number (valid or not)',
    key: (r) => (r.idNumber !== '' ? r.idNumber : undefined),
    sortKey: birthSort,
  },
];

/** A block that was too large for all-pairs comparison. */
export interface OversizedBlock {
  readonly rule: string;
  readonly key: string;
  readonly size: number;
}

/** Candidate pairs (i < j) with the rules that proposed each. */
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

/** Defaults: a block of 200 gives ≤ 19,900 pairs; a block of a million gives ≤ 10 million. */
export const DEFAULT_BLOCKING_OPTIONS: BlockingOptions = { maxBlockSize: 200, window: 10 };

/**
 * Generates candidate pairs: the union of the rules' blocks. A block larger than
 * `maxBlockSize` is not compared all-against-all (a common name would make that
 * quadratic) but sorted by the rule's sort key and compared within a sliding window,
 * and reported. Cost is linear in the number of records times the window.
 */
export function generateCandidatePairs(
  records: readonly PreparedRecord[],
  rules: readonly BlockingRule[] = DEFAULT_BLOCKING_RULES,
  options: BlockingOptions = DEFAULT_BLOCKING_OPTIONS,
): CandidatePairs {
  const n = records.length;
  if (rules.length > 16) throw new Error('at most 16 blocking rules');
  let packed = new Float64Array(1 << 16);
  let count = 0;
  const push = (i: number, j: number, rule: number): void => {
    if (count === packed.length) {
      const grown = new Float64Array(packed.length * 2);
      grown.set(packed);
      packed = grown;
    }
    const lo = i < j ? i : j;
    const hi = i < j ? j : i;
    // (lo * n + hi) * 16 + rule stays below 2^53 for n up to ~20 million records.
    packed[count++] = (lo * n + hi) * 16 + rule;
  };
  const oversized: OversizedBlock[] = [];
  const pairsPerRule: number[] = [];
  rules.forEach((rule, ruleIndex) => {
    const blocks = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
      const r = records[i];
      if (!r) continue;
      const k = rule.key(r);
      if (k === undefined) continue;
      const list = blocks.get(k);
      if (list) list.push(i);
      else blocks.set(k, [i]);
    }
    const before = count;
    for (const [key, members] of blocks) {
      if (members.length < 2) continue;
      if (members.length <= options.maxBlockSize) {
        for (let x = 0; x < members.length; x++)
          for (let y = x + 1; y < members.length; y++)
            push(members[x] ?? 0, members[y] ?? 0, ruleIndex);
        continue;
      }
      oversized.push({ rule: rule.name, key, size: members.length });
      const sorted = members
        .map((i) => ({ i, s: rule.sortKey(records[i] as PreparedRecord) }))
        .sort((p, q) => (p.s < q.s ? -1 : p.s > q.s ? 1 : p.i - q.i));
      for (let x = 0; x < sorted.length; x++)
        for (let y = x + 1; y <= x + options.window && y < sorted.length; y++)
          push(sorted[x]?.i ?? 0, sorted[y]?.i ?? 0, ruleIndex);
    }
    pairsPerRule.push(count - before);
  });
  const all = packed.subarray(0, count).sort();
  // Count distinct pairs, then fill; the rule bits of duplicates are OR-ed together.
  let distinct = 0;
  let last = -1;
  for (let x = 0; x < all.length; x++) {
    const pair = Math.floor((all[x] ?? 0) / 16);
    if (pair !== last) {
      distinct++;
      last = pair;
    }
  }
  const left = new Uint32Array(distinct);
  const right = new Uint32Array(distinct);
  const ruleBits = new Uint16Array(distinct);
  let p = -1;
  last = -1;
  for (let x = 0; x < all.length; x++) {
    const v = all[x] ?? 0;
    const pair = Math.floor(v / 16);
    const rule = v - pair * 16;
    if (pair !== last) {
      p++;
      last = pair;
      left[p] = Math.floor(pair / n);
      right[p] = pair % n;
    }
    ruleBits[p] = (ruleBits[p] ?? 0) | (1 << rule);
  }
  return {
    left,
    right,
    rules: ruleBits,
    ruleNames: rules.map((r) => r.name),
    pairsPerRule,
    oversized,
  };
}
