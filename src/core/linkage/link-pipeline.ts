import {
  generateCandidatePairs,
  type BlockingRule,
  type BlockingOptions,
  DEFAULT_BLOCKING_OPTIONS,
  DEFAULT_BLOCKING_RULES,
  type OversizedBlock,
} from './blocking.js';
import {
  clusterRecords,
  DEFAULT_CLUSTER_OPTIONS,
  type ClusterOptions,
  type ClusterReport,
  type ScoredLink,
} from './clustering.js';
import {
  COMPARISON_FIELDS,
  comparePair,
  FIELD_COUNT,
  NAME_EXACT,
  NAME_FIELD_COUNT,
  nameFrequencies,
  type NameFrequencies,
} from './compare-records.js';
import type { PairDecision } from './decisions.js';
import {
  BIRTH_FIELD,
  combineSessions,
  isSiblingLike,
  DEFAULT_EM,
  estimateModel,
  estimateU,
  scoreComparison,
  weightTable,
  type FellegiSunterModel,
  type LabelledComparison,
  type TrainingSession,
} from './fellegi-sunter.js';
import {
  prepareRecords,
  SCRIPT_NONE,
  type LinkInputRecord,
  type PreparedRecord,
} from './link-record.js';
import { Prng } from './prng.js';

/** Comparison levels of a batch of pairs (FIELD_COUNT levels and NAME_FIELD_COUNT frequencies per pair). */
export interface ComparedPairs {
  readonly levels: Uint8Array;
  readonly tf: Float32Array;
}

/**
 * Compares pairs of prepared records. The comparison phase is independent per pair,
 * so a comparer may split the pairs over worker threads, processes or machines; the
 * in-process comparer is the reference implementation.
 */
export interface PairComparer {
  compare(
    records: readonly PreparedRecord[],
    freq: NameFrequencies,
    left: Uint32Array,
    right: Uint32Array,
  ): Promise<ComparedPairs>;
}

/** Compares pairs `from`..`to` of (left, right) into fresh buffers. */
export function compareRange(
  records: readonly PreparedRecord[],
  freq: NameFrequencies,
  left: Uint32Array,
  right: Uint32Array,
  from = 0,
  to = left.length,
): ComparedPairs {
  const count = to - from;
  const levels = new Uint8Array(count * FIELD_COUNT);
  const tf = new Float32Array(count * NAME_FIELD_COUNT);
  for (let p = 0; p < count; p++) {
    const a = records[left[from + p] ?? 0];
    const b = records[right[from + p] ?? 0];
    if (a && b) comparePair(a, b, freq, levels, tf, p);
  }
  return { levels, tf };
}

/** Compares in the calling thread. */
export const inProcessComparer: PairComparer = {
  compare: (records, freq, left, right) =>
    Promise.resolve(compareRange(records, freq, left, right)),
};

/** Options of one linkage run. */
export interface LinkOptions {
  /** Match probability a link must reach (0–1). */
  readonly threshold: number;
  readonly blocking: BlockingOptions;
  readonly cluster: Omit<ClusterOptions, 'threshold'>;
  /** Random pairs sampled to estimate u. */
  readonly randomPairs: number;
  readonly seed: number;
  readonly decisions: readonly PairDecision[];
}

/** Defaults; the threshold was chosen on a held-out release pair (docs/METHODOLOGY.md). */
export const DEFAULT_LINK_OPTIONS: LinkOptions = {
  threshold: 0.8,
  blocking: DEFAULT_BLOCKING_OPTIONS,
  cluster: DEFAULT_CLUSTER_OPTIONS,
  randomPairs: 100_000,
  seed: 1,
  decisions: [],
};

/** Everything a run produced: clusters, the model, the scored pairs and reports. */
export interface LinkResult {
  readonly clusterOf: Int32Array;
  readonly records: readonly PreparedRecord[];
  readonly frequencies: NameFrequencies;
  readonly model: FellegiSunterModel;
  readonly left: Uint32Array;
  readonly right: Uint32Array;
  readonly ruleBits: Uint16Array;
  readonly ruleNames: readonly string[];
  readonly compared: ComparedPairs;
  readonly weights: Float64Array;
  readonly thresholdWeight: number;
  readonly report: LinkReport;
}

/** Figures about a run, for the command's summary and the methodology. */
export interface LinkReport {
  readonly records: number;
  readonly recordsWithoutName: number;
  readonly candidatePairs: number;
  readonly pairsPerRule: Readonly<Record<string, number>>;
  readonly oversizedBlocks: readonly OversizedBlock[];
  readonly emIterations: number;
  readonly lambda: number;
  readonly clusters: number;
  readonly clustering: ClusterReport;
  readonly seconds: Readonly<Record<string, number>>;
}

/** Converts a match probability to a match weight (log2 odds). */
export function probabilityToWeight(p: number): number {
  const q = Math.min(1 - 1e-12, Math.max(1e-12, p));
  return Math.log2(q / (1 - q));
}

/**
 * Links records end to end: prepare, block, compare (through `comparer`), estimate
 * u from random pairs and m by EM, score, and cluster under human decisions.
 */
export async function linkRecords(
  inputs: readonly LinkInputRecord[],
  options: Partial<LinkOptions> = {},
  comparer: PairComparer = inProcessComparer,
): Promise<LinkResult> {
  const opts: LinkOptions = { ...DEFAULT_LINK_OPTIONS, ...options };
  const seconds: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string): void => {
    const now = performance.now();
    seconds[name] = (now - t) / 1000;
    t = now;
  };
  const records = prepareRecords(inputs);
  const freq = nameFrequencies(records);
  lap('prepare');
  const candidates = generateCandidatePairs(records, DEFAULT_BLOCKING_RULES, opts.blocking);
  lap('block');
  // Candidates are compared first: most training pairs are candidates too, and
  // their levels are reused rather than compared again.
  const compared = await comparer.compare(records, freq, candidates.left, candidates.right);
  lap('compare');
  const model = trainModel(records, freq, opts, { pairs: candidates, compared });
  lap('model');

  const table = weightTable(model);
  const pairCount = candidates.left.length;
  const weights = new Float64Array(pairCount);
  const thresholdWeight = probabilityToWeight(opts.threshold);
  const links: ScoredLink[] = [];
  for (let p = 0; p < pairCount; p++) {
    const w = scoreComparison(table, compared.levels, compared.tf, p);
    weights[p] = w;
    const a = candidates.left[p] ?? 0;
    const b = candidates.right[p] ?? 0;
    if (w >= thresholdWeight && linkable(records[a], records[b])) links.push({ a, b, weight: w });
  }
  lap('score');

  // Cross pairs of a proposed merge are compared and scored on demand.
  const clusters = clusterRecords(
    records.length,
    links,
    pairScorer(records, freq, table),
    opts.decisions,
    {
      ...opts.cluster,
      threshold: thresholdWeight,
    },
  );
  lap('cluster');

  return assembleLinkResult({
    records,
    freq,
    model,
    candidates,
    compared,
    weights,
    thresholdWeight,
    clusters,
    seconds,
  });
}

/** Scores any pair on demand: clustering weighs pairs it was not handed when it guards chains. */
export function pairScorer(
  records: readonly PreparedRecord[],
  freq: ReturnType<typeof nameFrequencies>,
  table: ReturnType<typeof weightTable>,
): (a: number, b: number) => number {
  const one = { levels: new Uint8Array(FIELD_COUNT), tf: new Float32Array(NAME_FIELD_COUNT) };
  return (a, b) => {
    const ra = records[a];
    const rb = records[b];
    if (!ra || !rb) return -Infinity;
    comparePair(ra, rb, freq, one.levels, one.tf, 0);
    return scoreComparison(table, one.levels, one.tf, 0);
  };
}

/** What a linkage returns, assembled alike by the one-shot and the constrained paths. */
export function assembleLinkResult(parts: {
  records: PreparedRecord[];
  freq: ReturnType<typeof nameFrequencies>;
  model: LinkResult['model'];
  candidates: ReturnType<typeof generateCandidatePairs>;
  compared: ComparedPairs;
  weights: Float64Array;
  thresholdWeight: number;
  clusters: ReturnType<typeof clusterRecords>;
  seconds: Record<string, number>;
}): LinkResult {
  const { records, candidates, clusters, model } = parts;
  const pairsPerRule: Record<string, number> = {};
  candidates.ruleNames.forEach((name, i) => (pairsPerRule[name] = candidates.pairsPerRule[i] ?? 0));
  let clusterCount = 0;
  clusters.clusterOf.forEach((c, i) => {
    if (c === i) clusterCount++;
  });
  return {
    clusterOf: clusters.clusterOf,
    records,
    frequencies: parts.freq,
    model,
    left: candidates.left,
    right: candidates.right,
    ruleBits: candidates.rules,
    ruleNames: candidates.ruleNames,
    compared: parts.compared,
    weights: parts.weights,
    thresholdWeight: parts.thresholdWeight,
    report: {
      records: records.length,
      recordsWithoutName: records.filter((r) => r.script === SCRIPT_NONE).length,
      candidatePairs: candidates.left.length,
      pairsPerRule,
      oversizedBlocks: candidates.oversized,
      emIterations: model.iterations,
      lambda: model.lambda,
      clusters: clusterCount,
      clustering: clusters.report,
      seconds: parts.seconds,
    },
  };
}

/** A blocking rule used only to train the model, and the fields it must not estimate. */
interface TrainingRule {
  readonly rule: BlockingRule;
  readonly excluded: readonly string[];
}

const NAME_FIELDS = ['given', 'father', 'grandfather', 'family'];

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
      key: (r) => (r.birth !== 0 ? String(r.birth) : undefined),
      sortKey: (r) => r.skeletons.join(''),
    },
    excluded: ['birth'],
  },
  {
    rule: {
      name: 'train-name-chain',
      description: 'same name chain',
      key: (r) => (r.tokens.length >= 2 ? r.tokens.join(' ') : undefined),
      sortKey: (r) => `${r.birth}|${r.age}`,
    },
    excluded: NAME_FIELDS,
  },
  {
    rule: {
      name: 'train-lineage',
      description: 'same father, grandfather and family name',
      key: (r) => {
        const p = r.nameParts;
        return p.father !== '' && p.grandfather !== ''
          ? `${p.father}|${p.grandfather}|${p.family}`
          : undefined;
      },
      sortKey: (r) => `${r.birth}|${r.age}`,
    },
    // Non-matches here are siblings and cousins: this session teaches how rarely one
    // person's given name really differs between lists.
    excluded: ['father', 'grandfather', 'family'],
  },
  {
    rule: {
      name: 'train-identity-number',
      description: 'same identity number',
      key: (r) => (r.idNumber !== '' ? r.idNumber : undefined),
      sortKey: (r) => r.tokens.join(' '),
    },
    excluded: ['id_number'],
  },
];

/** Most pairs a training session compares (a random subset beyond that). */
const MAX_TRAINING_PAIRS = 100_000;

/**
 * Estimates the model: u from random pairs, m by EM in training sessions (plus human
 * decisions), and the prior from the name-chain session: matches found there divided
 * by the share of matches that agree on the whole chain.
 */
export function trainModel(
  records: readonly PreparedRecord[],
  freq: NameFrequencies,
  opts: LinkOptions,
  known?: KnownComparisons,
): FellegiSunterModel {
  const compare = (left: Uint32Array, right: Uint32Array): ComparedPairs =>
    known
      ? compareReusing(records, freq, left, right, known)
      : compareRange(records, freq, left, right);
  const rnd = sampleRandomPairs(records.length, opts.randomPairs, opts.seed);
  const randomCompared = compareRange(records, freq, rnd.left, rnd.right);
  const u = estimateU(randomCompared.levels, rnd.left.length);
  const labelled: LabelledComparison[] = opts.decisions.map((d) => {
    const c = compareRange(records, freq, Uint32Array.of(d.a), Uint32Array.of(d.b));
    return { levels: c.levels, same: d.same };
  });
  const sessions: (TrainingSession & { pairs: number; name: string })[] = [];
  let siblingBirthU: number[] | undefined;
  for (const t of TRAINING_RULES) {
    const pairs = generateCandidatePairs(records, [t.rule], opts.blocking);
    const { left, right } = subsample(pairs.left, pairs.right, MAX_TRAINING_PAIRS, opts.seed);
    if (left.length < 10) continue;
    const c = compare(left, right);
    if (t.rule.name === 'train-lineage') siblingBirthU = estimateSiblingBirthU(c, left.length);
    const activeFields = COMPARISON_FIELDS.map((f) => !t.excluded.includes(f.name));
    const session = estimateModel(c.levels, left.length, u, labelled, {
      ...DEFAULT_EM,
      activeFields,
    });
    sessions.push({
      model: session,
      activeFields,
      matchMass: session.lambda * left.length,
      pairs: pairs.left.length,
      name: t.rule.name,
    });
  }
  const partial = combineSessions(sessions, u, 0.5);
  // Prior: matches in the name-chain block, scaled up by how often a match agrees on
  // the whole chain; failing that, assume each record has about one match.
  const totalPairs = (records.length * (records.length - 1)) / 2;
  let expectedMatches = records.length / 2;
  const chain = sessions.find((s) => s.name === 'train-name-chain');
  if (chain) {
    let chainRecall = 1;
    for (const f of NAME_FIELDS)
      chainRecall *= partial.m[COMPARISON_FIELDS.findIndex((x) => x.name === f)]?.[NAME_EXACT] ?? 1;
    expectedMatches = (chain.model.lambda * chain.pairs) / Math.max(0.05, chainRecall);
  }
  const lambda = Math.min(
    0.5,
    Math.max(1 / Math.max(2, totalPairs), expectedMatches / Math.max(1, totalPairs)),
  );
  return siblingBirthU ? { ...partial, lambda, siblingBirthU } : { ...partial, lambda };
}

/** Pairs already compared (candidates, sorted by left then right index) and their levels. */
export interface KnownComparisons {
  readonly pairs: { readonly left: Uint32Array; readonly right: Uint32Array };
  readonly compared: ComparedPairs;
}

/**
 * Like `compareRange`, but a pair found among `known` (binary search: candidates are
 * sorted) has its levels copied instead of compared again. Comparison is a pure
 * function of the two records, so the result is the same.
 */
export function compareReusing(
  records: readonly PreparedRecord[],
  freq: NameFrequencies,
  left: Uint32Array,
  right: Uint32Array,
  known: KnownComparisons,
): ComparedPairs {
  const count = left.length;
  const levels = new Uint8Array(count * FIELD_COUNT);
  const tf = new Float32Array(count * NAME_FIELD_COUNT);
  const kl = known.pairs.left;
  const kr = known.pairs.right;
  for (let p = 0; p < count; p++) {
    const x = left[p] ?? 0;
    const y = right[p] ?? 0;
    const lo = x < y ? x : y;
    const hi = x < y ? y : x;
    let a = 0;
    let b = kl.length;
    while (a < b) {
      const mid = (a + b) >>> 1;
      const ml = kl[mid] ?? 0;
      if (ml < lo || (ml === lo && (kr[mid] ?? 0) < hi)) a = mid + 1;
      else b = mid;
    }
    if (a < kl.length && kl[a] === lo && kr[a] === hi) {
      for (let f = 0; f < FIELD_COUNT; f++)
        levels[p * FIELD_COUNT + f] = known.compared.levels[a * FIELD_COUNT + f] ?? 0;
      for (let f = 0; f < NAME_FIELD_COUNT; f++)
        tf[p * NAME_FIELD_COUNT + f] = known.compared.tf[a * NAME_FIELD_COUNT + f] ?? 0;
      continue;
    }
    const ra = records[x];
    const rb = records[y];
    if (ra && rb) comparePair(ra, rb, freq, levels, tf, p);
  }
  return { levels, tf };
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

function subsample(
  left: Uint32Array,
  right: Uint32Array,
  max: number,
  seed: number,
): { left: Uint32Array; right: Uint32Array } {
  if (left.length <= max) return { left, right };
  const rng = new Prng(seed + 7);
  const l = new Uint32Array(max);
  const r = new Uint32Array(max);
  for (let k = 0; k < max; k++) {
    const p = rng.int(left.length);
    l[k] = left[p] ?? 0;
    r[k] = right[p] ?? 0;
  }
  return { left: l, right: r };
}

/**
 * A record without a usable name is linked only through a shared identity number:
 * birth date and sex alone never make two people one.
 */
export function linkable(a: PreparedRecord | undefined, b: PreparedRecord | undefined): boolean {
  if (!a || !b) return false;
  if (a.script !== SCRIPT_NONE && b.script !== SCRIPT_NONE) return true;
  return a.idNumber !== '' && a.idNumber === b.idNumber;
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
