import { listTotal, observedCount, pairOverlap, type CaptureTable } from './capture-table.js';

/** A reason to distrust, or to refuse, an estimate from this table. */
export interface EstimationWarning {
  readonly code:
    | 'empty-list'
    | 'few-records'
    | 'few-overlaps'
    | 'empty-cells'
    | 'list-missing-in-stratum'
    | 'too-few-lists'
    | 'unstable-estimate'
    | 'chains-disagree';
  /** Plain words, for the person reading the output. */
  readonly message: string;
  /** The lists concerned, when it is about particular lists. */
  readonly lists?: readonly string[];
}

/** Thresholds below which the data are said to be too thin. */
export interface DataCheckOptions {
  /** Pairs of lists sharing fewer people than this are flagged (default 10). */
  readonly minOverlap?: number;
  /** Fewer people observed than this is flagged (default 50). */
  readonly minObserved?: number;
}

/**
 * What in the table itself limits an estimate: lists that record nobody, lists that
 * hardly overlap (a two-list estimate divides by the overlap; a few people more or
 * less change it wildly), empty cells (interactions touching them cannot be
 * estimated), and too few people overall.
 */
export function checkCaptureTable(
  table: CaptureTable,
  options: DataCheckOptions = {},
): EstimationWarning[] {
  const minOverlap = options.minOverlap ?? 10;
  const minObserved = options.minObserved ?? 50;
  const warnings: EstimationWarning[] = [];
  const J = table.lists.length;
  const n = observedCount(table);
  const empty = table.lists.filter((_, j) => listTotal(table, j) === 0);
  if (empty.length > 0)
    warnings.push({
      code: 'empty-list',
      message: `${empty.join(', ')} record${empty.length === 1 ? 's' : ''} nobody here; a list that was not collecting here says nothing about who was missed.`,
      lists: empty,
    });
  if (n < minObserved)
    warnings.push({
      code: 'few-records',
      message: `Only ${n} people are recorded; any estimate from so few is very uncertain.`,
    });
  for (let a = 0; a < J; a++) {
    for (let b = a + 1; b < J; b++) {
      const m = pairOverlap(table, a, b);
      if (m < minOverlap && listTotal(table, a) > 0 && listTotal(table, b) > 0) {
        const pair = [table.lists[a] ?? '', table.lists[b] ?? ''];
        warnings.push({
          code: 'few-overlaps',
          message: `${pair[0]} and ${pair[1]} share only ${m} ${m === 1 ? 'person' : 'people'}; estimates that lean on this overlap are unstable${m === 0 ? ' (with none, the two-list estimate is undefined)' : ''}.`,
          lists: pair,
        });
      }
    }
  }
  let zeros = 0;
  for (let p = 1; p < table.counts.length; p++) if ((table.counts[p] ?? 0) === 0) zeros++;
  if (zeros > 0)
    warnings.push({
      code: 'empty-cells',
      message: `${zeros} of the ${table.counts.length - 1} combinations of lists are empty; models with interactions among those lists may not be estimable or may give implausibly large totals.`,
    });
  return warnings;
}

/** Warns when an estimate is far larger than what was observed (a sign the model is straining). */
export function checkEstimateSize(
  observed: number,
  estimate: number,
  upper: number,
): EstimationWarning[] {
  if (!Number.isFinite(estimate) || !Number.isFinite(upper) || estimate > 5 * observed)
    return [
      {
        code: 'unstable-estimate',
        message:
          'The estimate or its upper bound is more than five times the number recorded, or unbounded: the lists overlap too little for the data to pin the total down.',
      },
    ];
  return [];
}

/**
 * A sampler's chains that disagree (split-R̂ above 1.1) have not forgotten where they
 * started: the burn-in, or the number of draws, was too short for this table.
 */
export function checkChainAgreement(rHat: number): EstimationWarning[] {
  if (!(rHat > 1.1)) return [];
  return [
    {
      code: 'chains-disagree',
      message: `The sampler's independent chains disagree (R-hat ${rHat.toFixed(2)}, above 1.1): the burn-in or the number of draws is too short for this table, so the figure and its interval are not yet reliable. Run again with a longer burn-in or more draws.`,
    },
  ];
}
