import {
  generateCandidatePairs,
  type BlockingOptions,
  DEFAULT_BLOCKING_OPTIONS,
  DEFAULT_BLOCKING_RULES,
  type CandidatePairs,
  type OversizedBlock,
} from './blocking.js';
import {
  clusterRecords,
  DEFAULT_CLUSTER_OPTIONS,
  type ClusterOptions,
  type ClusterReport,
  type ClusterResult,
} from './clustering.js';
import { attachDominant, DEFAULT_ATTACH_OPTIONS, type AttachOptions } from './attach-dominant.js';
import { comparePair, FIELD_COUNT, NAME_FIELD_COUNT } from './compare-records.js';
import type { PairDecision } from './decisions.js';
import {
  scoreComparison,
  weightTable,
  type FellegiSunterModel,
  type WeightTable,
} from './fellegi-sunter.js';
import type { LinkInputRecord } from './link-record.js';
import { nameFrequencies, type NameFrequencies } from './name-frequencies.js';
import { countWithoutName, linkable, type PreparedRecords } from './prepared-records.js';
import { pairIndex } from './pair-index.js';
import { prepareRecords } from './record-preparer.js';
import { ScoredLinks } from './scored-links.js';
import { compareRange, trainModel, type ComparedPairs } from './training.js';

/**
 * Compares pairs of prepared records. The comparison phase is independent per pair,
 * so a comparer may split the pairs over worker threads, processes or machines; the
 * in-process comparer is the reference implementation.
 */
export interface PairComparer {
  /**
   * True for a comparer that also scores the pairs (the partitioned comparer, whose jobs run on
   * other processes): the model is then trained first and passed in, instead of alongside.
   */
  readonly scores?: boolean;
  compare(
    records: PreparedRecords,
    freq: NameFrequencies,
    left: Uint32Array,
    right: Uint32Array,
    context?: ComparisonContext,
  ): Promise<ScoredComparedPairs>;
}

/** What a scoring comparer is given: the run's model and blocking options. */
export interface ComparisonContext {
  readonly model: FellegiSunterModel;
  readonly blocking: BlockingOptions;
}

/** Compared pairs, with their match weights when the comparer scored them. */
export interface ScoredComparedPairs extends ComparedPairs {
  readonly weights?: Float64Array;
}

/**
 * Compares the candidate pairs and trains the model: alongside each other (this thread trains
 * while the comparer's workers compare), or one after the other for a comparer that scores.
 */
export async function compareAndTrain(
  comparer: PairComparer,
  records: PreparedRecords,
  freq: NameFrequencies,
  candidates: CandidatePairs,
  opts: LinkOptions,
  timer: { lap(name: string): void },
): Promise<{ model: FellegiSunterModel; compared: ScoredComparedPairs }> {
  if (comparer.scores === true) {
    const model = trainModel(records, freq, opts);
    timer.lap('model');
    const compared = await comparer.compare(records, freq, candidates.left, candidates.right, {
      model,
      blocking: opts.blocking,
    });
    timer.lap('compare');
    return { model, compared };
  }
  const comparing = comparer.compare(records, freq, candidates.left, candidates.right);
  const model = trainModel(records, freq, opts);
  timer.lap('model');
  const compared = await comparing;
  timer.lap('compare');
  return { model, compared };
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
  /** Records clustering left alone are attached to a dominant candidate person (false: never). */
  readonly attach: AttachOptions | false;
}

/** Defaults; the threshold was chosen on a held-out release pair (docs/METHODOLOGY.md). */
export const DEFAULT_LINK_OPTIONS: LinkOptions = {
  threshold: 0.8,
  blocking: DEFAULT_BLOCKING_OPTIONS,
  cluster: DEFAULT_CLUSTER_OPTIONS,
  randomPairs: 100_000,
  seed: 1,
  decisions: [],
  attach: DEFAULT_ATTACH_OPTIONS,
};

/** Everything a run produced: clusters, the model, the scored pairs and reports. */
export interface LinkResult {
  readonly clusterOf: Int32Array;
  readonly records: PreparedRecords;
  readonly frequencies: NameFrequencies;
  readonly model: FellegiSunterModel;
  readonly left: Uint32Array;
  readonly right: Uint32Array;
  readonly ruleBits: Uint16Array;
  readonly ruleNames: readonly string[];
  readonly compared: ComparedPairs;
  readonly weights: Float32Array;
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
  /** Records attached to a dominant candidate person after clustering. */
  readonly attached: number;
  readonly seconds: Readonly<Record<string, number>>;
}

/** Converts a match probability to a match weight (log2 odds). */
export function probabilityToWeight(p: number): number {
  const q = Math.min(1 - 1e-12, Math.max(1e-12, p));
  return Math.log2(q / (1 - q));
}

/** Records already prepared, or input rows to prepare. */
function prepared(inputs: PreparedRecords | readonly LinkInputRecord[]): PreparedRecords {
  return Array.isArray(inputs) ? prepareRecords(inputs) : (inputs as PreparedRecords);
}

/** Wall-clock seconds per phase, for the run report. */
export function phaseTimer(): { lap(name: string): void; seconds: Record<string, number> } {
  const seconds: Record<string, number> = {};
  let t = performance.now();
  return {
    seconds,
    lap(name) {
      const now = performance.now();
      seconds[name] = (now - t) / 1000;
      t = now;
    },
  };
}

/**
 * Links records end to end: prepare, block, compare (through `comparer`, while this
 * thread estimates u from random pairs and m by EM), score, and cluster under human
 * decisions.
 */
export async function linkRecords(
  inputs: PreparedRecords | readonly LinkInputRecord[],
  options: Partial<LinkOptions> = {},
  comparer: PairComparer = inProcessComparer,
): Promise<LinkResult> {
  const opts: LinkOptions = { ...DEFAULT_LINK_OPTIONS, ...options };
  const timer = phaseTimer();
  const records = prepared(inputs);
  const freq = nameFrequencies(records);
  timer.lap('prepare');
  const candidates = generateCandidatePairs(records, DEFAULT_BLOCKING_RULES, opts.blocking);
  timer.lap('block');
  const { model, compared } = await compareAndTrain(
    comparer,
    records,
    freq,
    candidates,
    opts,
    timer,
  );

  const table = weightTable(model);
  const thresholdWeight = probabilityToWeight(opts.threshold);
  const { weights, links } = scorePairs(records, candidates, compared, table, thresholdWeight);
  timer.lap('score');

  // Cross pairs of a proposed merge are looked up among candidates, or compared on demand.
  const scorer = pairScorer(records, freq, table, candidates, weights);
  const { clusters, attached } = attachLeftAlone(
    clusterRecords(
      records.count,
      links,
      scorer,
      opts.decisions,
      { ...opts.cluster, threshold: thresholdWeight },
      records.source,
    ),
    { records, candidates, weights, scorer },
    opts,
  );
  timer.lap('cluster');

  return assembleLinkResult({
    records,
    freq,
    model,
    candidates,
    compared,
    weights,
    thresholdWeight,
    clusters,
    attached,
    seconds: timer.seconds,
  });
}

/**
 * Clusters after the attachment pass (attach-dominant.ts; skipped when `opts.attach` is false),
 * which moves only the records `movable` allows.
 */
export function attachLeftAlone(
  clusters: ClusterResult,
  pairs: {
    records: PreparedRecords;
    candidates: CandidatePairs;
    weights: Float32Array;
    scorer: (a: number, b: number) => number;
  },
  opts: Pick<LinkOptions, 'attach' | 'decisions'>,
  movable?: (record: number) => boolean,
): { clusters: ClusterResult; attached: number } {
  if (opts.attach === false) return { clusters, attached: 0 };
  const a = attachDominant(
    pairs.records,
    clusters.clusterOf,
    pairs.candidates.left,
    pairs.candidates.right,
    pairs.weights,
    pairs.scorer,
    opts.decisions,
    opts.attach,
    movable,
  );
  return { clusters: { ...clusters, clusterOf: a.clusterOf }, attached: a.attached };
}

/**
 * Scores every candidate pair (or takes the weights the comparer computed with the same model);
 * pairs at or above the threshold that may be linked (see `linkable`) and that `keep` accepts
 * become links.
 */
export function scorePairs(
  records: PreparedRecords,
  candidates: CandidatePairs,
  compared: ScoredComparedPairs,
  table: WeightTable,
  thresholdWeight: number,
  keep: (a: number, b: number) => boolean = () => true,
): { weights: Float32Array; links: ScoredLinks } {
  const pairCount = candidates.left.length;
  const weights = new Float32Array(pairCount);
  const links = new ScoredLinks();
  for (let p = 0; p < pairCount; p++) {
    const a = candidates.left[p] ?? 0;
    const b = candidates.right[p] ?? 0;
    const w =
      compared.weights?.[p] ??
      scoreComparison(
        table,
        compared.levels,
        compared.tf,
        p,
        records.source[a] === records.source[b],
      );
    weights[p] = w;
    if (w < thresholdWeight) continue;
    if (keep(a, b) && linkable(records, a, b)) links.push(a, b, w);
  }
  return { weights, links };
}

/**
 * Scores any pair on demand: clustering weighs pairs it was not handed when it guards
 * chains. A candidate pair's weight is looked up when `candidates` are given.
 */
export function pairScorer(
  records: PreparedRecords,
  freq: NameFrequencies,
  table: WeightTable,
  candidates?: CandidatePairs,
  weights?: Float32Array,
): (a: number, b: number) => number {
  const levels = new Uint8Array(FIELD_COUNT);
  const tf = new Float32Array(NAME_FIELD_COUNT);
  const index =
    candidates && weights ? pairIndex(records.count, candidates.left, candidates.right) : undefined;
  return (a, b) => {
    if (a < 0 || b < 0 || a >= records.count || b >= records.count) return -Infinity;
    const p = index?.find(a, b) ?? -1;
    if (p >= 0) return weights?.[p] ?? -Infinity;
    comparePair(records, freq, a, b, levels, tf, 0);
    return scoreComparison(table, levels, tf, 0, records.source[a] === records.source[b]);
  };
}

/** What a linkage returns, assembled alike by the one-shot and the constrained paths. */
export function assembleLinkResult(parts: {
  records: PreparedRecords;
  freq: NameFrequencies;
  model: FellegiSunterModel;
  candidates: CandidatePairs;
  compared: ComparedPairs;
  weights: Float32Array;
  thresholdWeight: number;
  clusters: ClusterResult;
  attached?: number;
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
      records: records.count,
      recordsWithoutName: countWithoutName(records),
      candidatePairs: candidates.left.length,
      pairsPerRule,
      oversizedBlocks: candidates.oversized,
      emIterations: model.iterations,
      lambda: model.lambda,
      clusters: clusterCount,
      clustering: clusters.report,
      attached: parts.attached ?? 0,
      seconds: parts.seconds,
    },
  };
}
