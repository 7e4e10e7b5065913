import {
  explainComparison,
  FIELD_COUNT,
  linkable,
  matchProbability,
  NAME_FIELD_COUNT,
  type LinkResult,
} from '../../core/linkage/index.js';
import type { ReviewPair } from '../../db/repositories/linkage-queue-repository.js';

/** Which pairs go to reviewers, and how many. */
export interface ReviewQueueOptions {
  /** Pairs whose match probability lies in [low, high] are uncertain. */
  readonly low: number;
  readonly high: number;
  /** Most pairs queued in all. */
  readonly maxPairs: number;
  /**
   * Most pairs queued per record: a block of identical common names would otherwise flood the
   * queue with pairs that teach the same thing.
   */
  readonly maxPairsPerRecord: number;
}

/** Defaults: around the default threshold (0.8), wide enough to catch the model's doubts. */
export const DEFAULT_REVIEW_QUEUE: ReviewQueueOptions = {
  low: 0.2,
  high: 0.95,
  maxPairs: 10_000,
  maxPairsPerRecord: 3,
};

/** Bits of information a decision on a pair of match probability p gives (binary entropy). */
export function decisionInformation(p: number): number {
  if (p <= 0 || p >= 1) return 0;
  return -(p * Math.log2(p) + (1 - p) * Math.log2(1 - p));
}

/**
 * Picks the uncertain candidate pairs to review, most informative first. A pair's priority is
 * the information a decision on it gives (the entropy of its match probability, 1 bit at 0.5)
 * times its reach: 1 + log10 of the number of candidate pairs sharing its comparison pattern,
 * since a decision is a label for the model's m estimates of that whole pattern. Pairs already
 * decided, or that the model may not link (no usable name), are left out.
 */
export function selectReviewPairs(
  result: LinkResult,
  recordIds: ArrayLike<number>,
  personOf: Int32Array,
  decided: ReadonlySet<string>,
  options: ReviewQueueOptions = DEFAULT_REVIEW_QUEUE,
): ReviewPair[] {
  const pairCount = result.left.length;
  const codeOf = (p: number): number => {
    let code = 0;
    for (let f = 0; f < FIELD_COUNT; f++)
      code = code * 8 + (result.compared.levels[p * FIELD_COUNT + f] ?? 0);
    return code;
  };
  const patternCount = new Map<number, number>();
  for (let p = 0; p < pairCount; p++) {
    const c = codeOf(p);
    patternCount.set(c, (patternCount.get(c) ?? 0) + 1);
  }
  const uncertain: { p: number; probability: number; priority: number }[] = [];
  for (let p = 0; p < pairCount; p++) {
    const probability = matchProbability(result.weights[p] ?? -Infinity);
    if (probability < options.low || probability > options.high) continue;
    const a = result.left[p] ?? 0;
    const b = result.right[p] ?? 0;
    if (!linkable(result.records, a, b)) continue;
    if (decided.has(pairKey(recordIds[a] ?? 0, recordIds[b] ?? 0))) continue;
    const reach = 1 + Math.log10(patternCount.get(codeOf(p)) ?? 1);
    uncertain.push({ p, probability, priority: decisionInformation(probability) * reach });
  }
  uncertain.sort(
    (x, y) =>
      y.priority - x.priority ||
      (result.left[x.p] ?? 0) - (result.left[y.p] ?? 0) ||
      (result.right[x.p] ?? 0) - (result.right[y.p] ?? 0),
  );
  const perRecord = new Map<number, number>();
  const out: ReviewPair[] = [];
  const levels = new Uint8Array(FIELD_COUNT);
  const tf = new Float32Array(NAME_FIELD_COUNT);
  for (const u of uncertain) {
    if (out.length >= options.maxPairs) break;
    const a = result.left[u.p] ?? 0;
    const b = result.right[u.p] ?? 0;
    if ((perRecord.get(a) ?? 0) >= options.maxPairsPerRecord) continue;
    if ((perRecord.get(b) ?? 0) >= options.maxPairsPerRecord) continue;
    perRecord.set(a, (perRecord.get(a) ?? 0) + 1);
    perRecord.set(b, (perRecord.get(b) ?? 0) + 1);
    levels.set(result.compared.levels.subarray(u.p * FIELD_COUNT, (u.p + 1) * FIELD_COUNT));
    tf.set(result.compared.tf.subarray(u.p * NAME_FIELD_COUNT, (u.p + 1) * NAME_FIELD_COUNT));
    const e = explainComparison(
      result.model,
      levels,
      tf,
      0,
      result.records.source[a] === result.records.source[b],
    );
    const bits = result.ruleBits[u.p] ?? 0;
    const idA = recordIds[a] ?? 0;
    const idB = recordIds[b] ?? 0;
    out.push({
      recordA: Math.min(idA, idB),
      recordB: Math.max(idA, idB),
      probability: u.probability,
      matchWeight: result.weights[u.p] ?? 0,
      priority: u.priority,
      samePerson: personOf[a] === personOf[b],
      explanation: {
        prior: round(e.prior),
        weight: round(e.weight),
        fields: e.fields.map((f) =>
          f.valueFrequency === undefined
            ? { field: f.field, level: f.level, weight: round(f.weight) }
            : {
                field: f.field,
                level: f.level,
                weight: round(f.weight),
                valueFrequency: round(f.valueFrequency, 5),
              },
        ),
        blockingRules: result.ruleNames.filter((_, r) => (bits & (1 << r)) !== 0),
      },
    });
  }
  return out;
}

/** Key of an unordered pair of record ids. */
export function pairKey(a: number, b: number): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}

function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
