import { groupByKey, type BlockingRule } from './blocking.js';
import {
  comparePair,
  COMPARISON_FIELDS,
  FIELD_COUNT,
  NAME_EXACT,
  NAME_FIELD_COUNT,
} from './compare-records.js';
import type { PairDecision } from './decisions.js';
import {
  BIRTH_FIELD,
  combineSessions,
  DEFAULT_EM,
  estimateModel,
  estimateU,
  isSiblingLike,
  type FellegiSunterModel,
  type LabelledComparison,
  type TrainingSession,
} from './fellegi-sunter.js';
import type { NameFrequencies } from './name-frequencies.js';
import {
  FAMILY,
  FATHER,
  GRANDFATHER,
  recordPart,
  type PreparedRecords,
} from './prepared-records.js';
import { Prng } from './prng.js';

/** Comparison levels of a batch of pairs (FIELD_COUNT levels and NAME_FIELD_COUNT frequencies per pair). */
export interface ComparedPairs {
  readonly levels: Uint8Array;
  readonly tf: Float32Array;
}

/** Compares pairs `from`..`to` of (left, right) into fresh buffers. */
export function compareRange(
  records: PreparedRecords,
  freq: NameFrequencies,
  left: Uint32Array,
  right: Uint32Array,
  from = 0,
  to = left.length,
): ComparedPairs {
  const count = to - from;
  const levels = new Uint8Array(count * FIELD_COUNT);
  const tf = new Float32Array(count * NAME_FIELD_COUNT);
  compareInto(records, freq, left, right, from, to, levels, tf, 0);
  return { levels, tf };
}

/** Compares pairs `from`..`to` into `levels` and `tf` starting at pair slot `at`. */
export function compareInto(
  records: PreparedRecords,
  freq: NameFrequencies,
  left: Uint32Array,
  right: Uint32Array,
  from: number,
  to: number,
  levels: Uint8Array,
  tf: Float32Array,
  at: number,
): void {
  for (let p = from; p < to; p++)
    comparePair(records, freq, left[p] ?? 0, right[p] ?? 0, levels, tf, at + p - from);
}

/** What model training needs besides the records. */
export interface TrainingOptions {
  /** Random pairs sampled to estimate u. */
  readonly randomPairs: number;
  readonly seed: number;
  readonly decisions: readonly PairDecision[];
}

/** A blocking rule used only to train the model, and the fields it must not estimate. */
interface TrainingRule {
  readonly rule: BlockingRule;
  readonly excluded: readonly string[];
}

const NAME_FIELDS = ['given', 'father', 'grandfather', 'family'];

const single = (out: Int32Array, v: number): number => {
  if (v < 0) return 0;
  out[0] = v;
  return 1;
};

/**
 * Training sessions, as in Splink: within a block of records sharing a birth date,
 * non-matches agree on names only by chance, so EM there estimates m for the name
 * fields; within a block sharing the whole name, it estimates m for birth, sex,
 * place and identity number; and so on.
 */
const TRAINING_RULES: readonly TrainingRule[] = [
  {
    rule: {
      name: 'train-birth-date',
      description: 'same birth date',
      keyIsText: false,
      key: (r, i, out) => single(out, (r.birth[i] ?? 0) !== 0 ? (r.birth[i] ?? 0) : -1),
      sortKey: () => 0,
    },
    excluded: ['birth'],
  },
  {
    rule: {
      name: 'train-name-chain',
      description: 'same name chain',
      keyIsText: false,
      key: (r, i, out) => single(out, r.names.fullName[r.name[i] ?? 0] ?? -1),
      sortKey: () => 0,
    },
    excluded: NAME_FIELDS,
  },
  {
    rule: {
      name: 'train-lineage',
      description: 'same father, grandfather and family name',
      keyIsText: true,
      key: (r, i, out) => {
        const father = recordPart(r, i, FATHER);
        const grandfather = recordPart(r, i, GRANDFATHER);
        if (father === 0 || grandfather === 0) return 0;
        out[0] = father;
        out[1] = grandfather;
        out[2] = recordPart(r, i, FAMILY);
        return 3;
      },
      sortKey: () => 0,
    },
    // Non-matches here are siblings and cousins: this session teaches how rarely one
    // person's given name really differs between lists.
    excluded: ['father', 'grandfather', 'family'],
  },
  {
    rule: {
      name: 'train-identity-number',
      description: 'same identity number',
      keyIsText: false,
      key: (r, i, out) => single(out, r.idNumber[i] ?? -1),
      sortKey: () => 0,
    },
    excluded: ['id_number'],
  },
];

/** Most pairs a training session compares (a random sample beyond that). */
const MAX_TRAINING_PAIRS = 100_000;

/**
 * Estimates the model: u from random pairs, m by EM in training sessions (plus human
 * decisions), and the prior from the name-chain session: matches found there divided
 * by the share of matches that agree on the whole chain.
 */
export function trainModel(
  records: PreparedRecords,
  freq: NameFrequencies,
  opts: TrainingOptions,
): FellegiSunterModel {
  const rnd = sampleRandomPairs(records.count, opts.randomPairs, opts.seed);
  const randomCompared = compareRange(records, freq, rnd.left, rnd.right);
  const u = estimateU(randomCompared.levels, rnd.left.length);
  const labelled: LabelledComparison[] = opts.decisions.map((d) => {
    const c = compareRange(records, freq, Uint32Array.of(d.a), Uint32Array.of(d.b));
    return { levels: c.levels, same: d.same };
  });
  const sessions: (TrainingSession & { pairs: number; name: string })[] = [];
  let siblingBirthU: number[] | undefined;
  /** Share of the name-chain session's expected matches that lie within one list. */
  let withinShare: number | undefined;
  for (const t of TRAINING_RULES) {
    const { left, right, total } = sampleBlockPairs(
      records,
      t.rule,
      MAX_TRAINING_PAIRS,
      opts.seed + 7,
    );
    if (left.length < 10) continue;
    const c = compareRange(records, freq, left, right);
    if (t.rule.name === 'train-lineage') siblingBirthU = estimateSiblingBirthU(c, left.length);
    const activeFields = COMPARISON_FIELDS.map((f) => !t.excluded.includes(f.name));
    const session = estimateModel(c.levels, left.length, u, labelled, {
      ...DEFAULT_EM,
      activeFields,
    });
    if (t.rule.name === 'train-name-chain')
      withinShare = shareWithinLists(records, left, right, c.levels, session, activeFields);
    sessions.push({
      model: session,
      activeFields,
      matchMass: session.lambda * left.length,
      pairs: total,
      name: t.rule.name,
    });
  }
  const partial = combineSessions(sessions, u, 0.5);
  // Prior: matches in the name-chain block, scaled up by how often a match agrees on
  // the whole chain; failing that, assume each record has about one match.
  const totalPairs = (records.count * (records.count - 1)) / 2;
  let expectedMatches = records.count / 2;
  const chain = sessions.find((s) => s.name === 'train-name-chain');
  if (chain) {
    let chainRecall = 1;
    for (const f of NAME_FIELDS)
      chainRecall *= partial.m[COMPARISON_FIELDS.findIndex((x) => x.name === f)]?.[NAME_EXACT] ?? 1;
    expectedMatches = (chain.model.lambda * chain.pairs) / Math.max(0.05, chainRecall);
  }
  const clamp = (x: number, pairs: number): number =>
    Math.min(0.5, Math.max(1 / Math.max(2, pairs), x / Math.max(1, pairs)));
  const lambda = clamp(expectedMatches, totalPairs);
  const withinPairs = pairsWithinLists(records);
  const acrossPairs = totalPairs - withinPairs;
  const listPriors =
    withinShare !== undefined && withinPairs > 0 && acrossPairs > 0
      ? {
          within: clamp(expectedMatches * withinShare, withinPairs),
          across: clamp(expectedMatches * (1 - withinShare), acrossPairs),
        }
      : undefined;
  return {
    ...partial,
    lambda,
    ...(siblingBirthU ? { siblingBirthU } : {}),
    ...(listPriors ? { listPriors } : {}),
  };
}

/** Pairs of records from one list: Σ n(n − 1) / 2 over the lists. */
function pairsWithinLists(records: PreparedRecords): number {
  const sizes = new Float64Array(records.sources.length);
  for (let i = 0; i < records.count; i++) {
    const s = records.source[i] ?? 0;
    sizes[s] = (sizes[s] ?? 0) + 1;
  }
  let pairs = 0;
  for (const n of sizes) pairs += (n * (n - 1)) / 2;
  return pairs;
}

/**
 * The share of a session's expected matches (EM posteriors) that pair two records of
 * one list, over pairs with at least one field to compare; undefined when the session
 * holds too few matches to tell (fewer than 20).
 */
function shareWithinLists(
  records: PreparedRecords,
  left: Uint32Array,
  right: Uint32Array,
  levels: Uint8Array,
  model: FellegiSunterModel,
  active: readonly boolean[],
): number | undefined {
  let within = 0;
  let all = 0;
  for (let p = 0; p < left.length; p++) {
    let pm = model.lambda;
    let pu = 1 - model.lambda;
    let observed = false;
    for (let f = 0; f < FIELD_COUNT; f++) {
      const l = levels[p * FIELD_COUNT + f] ?? 0;
      if (l === 0 || !active[f]) continue;
      observed = true;
      pm *= model.m[f]?.[l] ?? 1;
      pu *= model.u[f]?.[l] ?? 1;
    }
    // A pair with nothing to compare (a block of bare identical names) says nothing.
    if (!observed) continue;
    const posterior = pm / (pm + pu);
    all += posterior;
    if (records.source[left[p] ?? 0] === records.source[right[p] ?? 0]) within += posterior;
  }
  // Light smoothing: one pseudo-match of each kind.
  return all < 20 ? undefined : (within + 1) / (all + 2);
}

/**
 * u of the birth field among sibling-like pairs of the lineage block (same father,
 * grandfather and family name, given names disagreeing): almost all are siblings or
 * cousins, and they tell how often a family's members share a birth date or an age.
 * Undefined when the block holds too few such pairs to say.
 */
function estimateSiblingBirthU(c: ComparedPairs, pairCount: number): number[] | undefined {
  const levelCount = COMPARISON_FIELDS[BIRTH_FIELD]?.levels.length ?? 0;
  const counts = new Array<number>(levelCount).fill(0);
  let observed = 0;
  for (let p = 0; p < pairCount; p++) {
    if (!isSiblingLike(c.levels, p)) continue;
    const l = c.levels[p * FIELD_COUNT + BIRTH_FIELD] ?? 0;
    if (l === 0) continue;
    counts[l] = (counts[l] ?? 0) + 1;
    observed++;
  }
  if (observed < 50) return undefined;
  return counts.map((n, l) => (l === 0 ? 0 : (n + 1) / (observed + levelCount - 1)));
}

/**
 * Pairs of records sharing a key under `rule`: all of them when there are at most
 * `max`, otherwise `max` drawn uniformly (with replacement) among them, without ever
 * listing them all. `total` is the number of such pairs.
 */
export function sampleBlockPairs(
  records: PreparedRecords,
  rule: BlockingRule,
  max: number,
  seed: number,
): { left: Uint32Array; right: Uint32Array; total: number } {
  const { order, start } = groupByKey(records, rule);
  const blocks = start.length - 1;
  const cumulative = new Float64Array(blocks);
  let total = 0;
  for (let b = 0; b < blocks; b++) {
    const s = (start[b + 1] ?? 0) - (start[b] ?? 0);
    total += (s * (s - 1)) / 2;
    cumulative[b] = total;
  }
  const count = Math.min(max, total);
  const left = new Uint32Array(count);
  const right = new Uint32Array(count);
  if (total <= max) {
    let p = 0;
    for (let b = 0; b < blocks; b++)
      for (let x = start[b] ?? 0; x < (start[b + 1] ?? 0); x++)
        for (let y = x + 1; y < (start[b + 1] ?? 0); y++) {
          left[p] = order[x] ?? 0;
          right[p++] = order[y] ?? 0;
        }
    return { left, right, total };
  }
  const rng = new Prng(seed);
  for (let p = 0; p < count; p++) {
    // A block in proportion to its pairs, then two distinct members of it.
    const u = rng.next() * total;
    let lo = 0;
    let hi = blocks - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] ?? 0) > u) hi = mid;
      else lo = mid + 1;
    }
    const from = start[lo] ?? 0;
    const s = (start[lo + 1] ?? 0) - from;
    const x = rng.int(s);
    let y = rng.int(s - 1);
    if (y >= x) y++;
    left[p] = order[from + x] ?? 0;
    right[p] = order[from + y] ?? 0;
  }
  return { left, right, total };
}

/** Samples distinct-index random pairs with a seeded generator. */
export function sampleRandomPairs(
  n: number,
  count: number,
  seed: number,
): { left: Uint32Array; right: Uint32Array } {
  if (n < 2) return { left: new Uint32Array(0), right: new Uint32Array(0) };
  const k = Math.min(count, (n * (n - 1)) / 2);
  const rng = new Prng(seed);
  const left = new Uint32Array(k);
  const right = new Uint32Array(k);
  for (let p = 0; p < k; p++) {
    const a = rng.int(n);
    let b = rng.int(n - 1);
    if (b >= a) b++;
    left[p] = a;
    right[p] = b;
  }
  return { left, right };
}
