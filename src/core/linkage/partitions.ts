import {
  sortBlock,
  DEFAULT_BLOCKING_OPTIONS,
  DEFAULT_BLOCKING_RULES,
  groupByKey,
  windowReach,
  type BlockingOptions,
  type BlockingRule,
} from './blocking.js';
import type { PreparedRecords } from './prepared-records.js';

/**
 * The comparison phase split into K independent partitions by blocking key, so that processes
 * on other machines can each take one (see docs/SCALING.md).
 *
 * A block (the records sharing one rule's key) belongs to partition hash(rule, key) mod K. A
 * candidate pair may be proposed by several rules, whose blocks can sit in different partitions;
 * it belongs to the partition of the block of the first rule (in rule order) that proposes it.
 * Every partition can tell, without the others, whether an earlier rule proposes a pair: it knows
 * every record's block and, in a windowed block, its position in the sliding window. So every
 * candidate pair of `generateCandidatePairs` is in exactly one partition, with the same rule
 * bits, and is compared and scored once (tested).
 */

/** Per rule: each record's block, and in sorted (windowed) blocks its position in the block's order. */
interface RuleIndex {
  readonly rule: BlockingRule;
  /** Block of each record, -1 when the rule does not apply to it. */
  readonly blockOf: Int32Array;
  /** Position of each record in its block's window order (windowed blocks only). */
  readonly position: Int32Array;
  /** Records of block b: `order[start[b]] … order[start[b + 1] - 1]`, windowed ones sorted. */
  readonly order: Int32Array;
  readonly start: Int32Array;
  /** Partition of each block. */
  readonly partitionOf: Int32Array;
}

/** What every partition's pairs are generated from; built once per process and run. */
export interface PartitionIndex {
  readonly partitions: number;
  readonly records: PreparedRecords;
  readonly options: BlockingOptions;
  readonly rules: readonly RuleIndex[];
}

/** Candidate pairs of one partition (left < right, sorted by left then right). */
export interface PartitionPairs {
  readonly left: Uint32Array;
  readonly right: Uint32Array;
  /** Bit r set when rule r proposes the pair (in any partition). */
  readonly rules: Uint16Array;
}

/** FNV-1a over the rule's number and its key's integers: the same on every machine. */
export function blockPartition(rule: number, key: ArrayLike<number>, partitions: number): number {
  let h = 0x811c9dc5;
  const mix = (v: number): void => {
    for (let s = 0; s < 32; s += 8) {
      h ^= (v >>> s) & 0xff;
      h = Math.imul(h, 0x01000193);
    }
  };
  mix(rule);
  for (let i = 0; i < key.length; i++) mix(key[i] ?? 0);
  return (h >>> 0) % partitions;
}

/** Groups the records by every rule and assigns each block to a partition. Linear in records. */
export function partitionIndex(
  records: PreparedRecords,
  partitions: number,
  options: BlockingOptions = DEFAULT_BLOCKING_OPTIONS,
  rules: readonly BlockingRule[] = DEFAULT_BLOCKING_RULES,
): PartitionIndex {
  if (!Number.isInteger(partitions) || partitions < 1)
    throw new Error('the number of partitions is a whole number ≥ 1');
  if (rules.length > 16) throw new Error('at most 16 blocking rules');
  const n = records.count;
  const key = new Int32Array(3);
  const indexes = rules.map((rule, r): RuleIndex => {
    const groups = groupByKey(records, rule);
    const order = groups.order.slice();
    const { start } = groups;
    const blocks = Math.max(0, start.length - 1);
    const blockOf = new Int32Array(n).fill(-1);
    const position = new Int32Array(n);
    const partitionOf = new Int32Array(blocks);
    for (let b = 0; b < blocks; b++) {
      const from = start[b] ?? 0;
      const to = start[b + 1] ?? 0;
      const width = rule.key(records, order[from] ?? 0, key);
      partitionOf[b] = blockPartition(r, key.subarray(0, width), partitions);
      if (windowReach(rule, to - from, options) !== undefined)
        order.set(sortBlock(records, rule, order.subarray(from, to)), from);
      for (let x = from; x < to; x++) {
        const i = order[x] ?? 0;
        blockOf[i] = b;
        position[i] = x - from;
      }
    }
    return { rule, blockOf, position, order, start, partitionOf };
  });
  return { partitions, records, options, rules: indexes };
}

/** True when rule `r` of the index proposes the pair (a, b), as `generateCandidatePairs` does. */
function proposes(index: PartitionIndex, r: number, a: number, b: number): boolean {
  const ri = index.rules[r];
  if (ri === undefined) return false;
  const block = ri.blockOf[a] ?? -1;
  if (block < 0 || block !== ri.blockOf[b]) return false;
  const size = (ri.start[block + 1] ?? 0) - (ri.start[block] ?? 0);
  const reach = windowReach(ri.rule, size, index.options);
  if (reach !== undefined) {
    const d = Math.abs((ri.position[a] ?? 0) - (ri.position[b] ?? 0));
    if (d === 0 || d > reach) return false;
  }
  const initiates = ri.rule.initiates;
  return initiates === undefined || initiates(index.records, a) || initiates(index.records, b);
}

/**
 * The candidate pairs of partition k: those whose first proposing rule's block is in k. The
 * union over k = 0 … K − 1 is `generateCandidatePairs` (same pairs, same rule bits), and no pair
 * is in two partitions.
 */
export function partitionPairs(index: PartitionIndex, k: number): PartitionPairs {
  if (!Number.isInteger(k) || k < 0 || k >= index.partitions)
    throw new Error(`partition ${k} is not one of 0 … ${index.partitions - 1}`);
  const { records, options } = index;
  let lo = new Uint32Array(1 << 12);
  let hi = new Uint32Array(1 << 12);
  let length = 0;
  const push = (a: number, b: number): void => {
    if (length === lo.length) {
      const l2 = new Uint32Array(lo.length * 2);
      l2.set(lo);
      lo = l2;
      const h2 = new Uint32Array(hi.length * 2);
      h2.set(hi);
      hi = h2;
    }
    lo[length] = a < b ? a : b;
    hi[length++] = a < b ? b : a;
  };
  index.rules.forEach((ri, r) => {
    const owned = (a: number, b: number): void => {
      for (let earlier = 0; earlier < r; earlier++) if (proposes(index, earlier, a, b)) return;
      push(a, b);
    };
    const initiates = ri.rule.initiates;
    for (let b = 0; b < ri.partitionOf.length; b++) {
      if (ri.partitionOf[b] !== k) continue;
      const from = ri.start[b] ?? 0;
      const to = ri.start[b + 1] ?? 0;
      const size = to - from;
      if (size < 2) continue;
      const reach = windowReach(ri.rule, size, options);
      if (reach === undefined) {
        for (let x = from; x < to; x++) {
          const a = ri.order[x] ?? 0;
          const aInitiates = initiates === undefined || initiates(records, a);
          for (let y = x + 1; y < to; y++) {
            const c = ri.order[y] ?? 0;
            if (aInitiates || initiates?.(records, c) === true) owned(a, c);
          }
        }
        continue;
      }
      // The window of a sorted block; each pair once (the union keeps one of duplicates).
      for (let x = from; x < to; x++) {
        const a = ri.order[x] ?? 0;
        for (let y = x + 1; y <= x + reach && y < to; y++) {
          const c = ri.order[y] ?? 0;
          if (initiates === undefined || initiates(records, a) || initiates(records, c))
            owned(a, c);
        }
      }
    }
  });
  // Sort by left then right and drop duplicates, then the rule bits of each pair.
  const byPair = new Uint32Array(length);
  for (let p = 0; p < length; p++) byPair[p] = p;
  byPair.sort((p, q) => (lo[p] ?? 0) - (lo[q] ?? 0) || (hi[p] ?? 0) - (hi[q] ?? 0));
  const left: number[] = [];
  const right: number[] = [];
  for (const p of byPair) {
    const a = lo[p] ?? 0;
    const b = hi[p] ?? 0;
    const last = left.length - 1;
    if (last >= 0 && left[last] === a && right[last] === b) continue;
    left.push(a);
    right.push(b);
  }
  const rules = new Uint16Array(left.length);
  for (let p = 0; p < left.length; p++) {
    let bits = 0;
    for (let r = 0; r < index.rules.length; r++)
      if (proposes(index, r, left[p] ?? 0, right[p] ?? 0)) bits |= 1 << r;
    rules[p] = bits;
  }
  return { left: Uint32Array.from(left), right: Uint32Array.from(right), rules };
}
