import {
  checkCaptureTable,
  checkChainAgreement,
  checkEstimateSize,
  chapman,
  collapseTable,
  defaultMaxOrder,
  fitAllModels,
  lincolnPetersen,
  listTotal,
  modelAverage,
  observedCount,
  pairOverlap,
  type CaptureTable,
  type EstimationWarning,
  type LoglinearFit,
} from '../../core/stats/estimation/index.js';
import { runLcmcr, type RunLcmcrOptions } from './lcmcr-runner.js';

/** The estimators offered. */
export const estimationMethods = ['chapman', 'loglinear', 'lcmcr'] as const;
/** One of `estimationMethods`. */
export type EstimationMethod = (typeof estimationMethods)[number];

/** What to estimate and how. */
export interface EstimateRequest {
  readonly method: EstimationMethod;
  /** LCMCR seed (default 1). */
  readonly seed?: number;
  /** Log-linear: report the model average instead of the best-BIC model. */
  readonly average?: boolean;
  /** Log-linear: weights for the average. */
  readonly weights?: 'bic' | 'aic';
  /** Log-linear: highest interaction order. */
  readonly maxOrder?: number;
  /** Chapman: the two lists to use (by name); all pairs are reported otherwise. */
  readonly lists?: readonly string[];
  /** Interval level, default 0.95. */
  readonly level?: number;
  /** LCMCR settings beyond the seed (tests use shorter runs). */
  readonly lcmcr?: Omit<RunLcmcrOptions, 'seed' | 'level'>;
}

/** A two-list estimate for one pair. */
export interface PairEstimate {
  readonly lists: readonly [string, string];
  readonly n1: number;
  readonly n2: number;
  readonly both: number;
  readonly lincolnPetersen: number;
  readonly lincolnPetersenSe: number;
  readonly chapman: number;
  readonly chapmanSe: number;
  readonly lower: number;
  readonly upper: number;
}

/** One log-linear model as reported. */
export interface ModelReport {
  readonly name: string;
  readonly terms: readonly string[];
  readonly parameters: number;
  readonly estimate: number;
  readonly standardError: number;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly interval: 'profile' | 'log-normal' | null;
  readonly deviance: number;
  readonly df: number;
  readonly aic: number;
  readonly bic: number;
  readonly weight: number;
  readonly converged: boolean;
}

/** The result of an estimate, shaped for JSON output. */
export interface EstimateReport {
  readonly method: EstimationMethod;
  readonly lists: readonly string[];
  readonly observed: number;
  /** Null when the method cannot give one here (e.g. Chapman without a chosen pair). */
  readonly estimate: number | null;
  readonly lower: number | null;
  /** Null also when the interval is unbounded. */
  readonly upper: number | null;
  readonly level: number;
  readonly warnings: readonly EstimationWarning[];
  readonly pairs?: readonly PairEstimate[];
  readonly model?: string;
  readonly averaged?: { readonly criterion: 'bic' | 'aic'; readonly standardError: number };
  readonly models?: readonly ModelReport[];
  readonly posterior?: {
    readonly mean: number;
    readonly median: number;
    readonly sd: number;
    readonly draws: number;
    readonly K: number;
    readonly burnIn: number;
    readonly thinning: number;
    readonly seed: number;
    readonly meanOccupiedClasses: number;
    /** Independent chains, each with the whole burn-in and its share of the draws. */
    readonly chains: number;
    /** Split-R̂ over the chains; null when it cannot be computed (too few draws). */
    readonly rHat: number | null;
    readonly seconds: number;
    readonly ranIn: 'worker' | 'main-thread';
  };
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** Runs the chosen estimator on a capture table, with the data checks. */
export async function estimateCaptures(
  table: CaptureTable,
  request: EstimateRequest,
): Promise<EstimateReport> {
  const level = request.level ?? 0.95;
  const warnings = [...checkCaptureTable(table)];
  const base = { lists: table.lists, observed: observedCount(table), level };
  switch (request.method) {
    case 'chapman':
      return chapmanReport(table, request, level, warnings);
    case 'loglinear': {
      if (table.lists.length < 3)
        throw new Error('log-linear models need at least three lists; use --method chapman');
      const fits = fitAllModels(table, {
        maxOrder: request.maxOrder ?? defaultMaxOrder(table.lists.length),
        level,
      });
      const criterion = request.weights ?? 'bic';
      const average = modelAverage(fits, criterion, level);
      const best = fits[0];
      if (!best || !best.estimable) throw new Error('no log-linear model could be fitted');
      const models = fits.map((f, i) => modelReport(f, average.weights[i] ?? 0));
      if (request.average) {
        warnings.push(
          ...checkEstimateSize(base.observed, average.estimate, average.interval.upper),
        );
        return {
          method: 'loglinear',
          ...base,
          estimate: average.estimate,
          lower: finite(average.interval.lower),
          upper: finite(average.interval.upper),
          warnings,
          averaged: { criterion, standardError: average.standardError },
          models,
        };
      }
      warnings.push(
        ...checkEstimateSize(base.observed, best.estimate, best.interval?.upper ?? Infinity),
      );
      return {
        method: 'loglinear',
        ...base,
        estimate: best.estimate,
        lower: finite(best.interval?.lower ?? NaN),
        upper: finite(best.interval?.upper ?? NaN),
        warnings,
        model: best.name,
        models,
      };
    }
    case 'lcmcr': {
      if (table.lists.length < 3)
        throw new Error('the latent-class model needs at least three lists; use --method chapman');
      const run = await runLcmcr(table, { ...request.lcmcr, seed: request.seed ?? 1, level });
      const s = run.summary;
      warnings.push(
        ...checkEstimateSize(base.observed, s.median, s.upper),
        ...checkChainAgreement(run.rHat),
      );
      return {
        method: 'lcmcr',
        ...base,
        // The posterior median: the distribution of N has a long right tail.
        estimate: s.median,
        lower: s.lower,
        upper: s.upper,
        warnings,
        posterior: {
          mean: s.mean,
          median: s.median,
          sd: s.sd,
          draws: s.draws,
          K: run.options.K,
          burnIn: run.options.burnIn,
          thinning: run.options.thinning,
          seed: run.options.seed,
          meanOccupiedClasses: run.meanOccupiedClasses,
          chains: run.chains,
          rHat: finite(run.rHat),
          seconds: run.seconds,
          ranIn: run.ranIn,
        },
      };
    }
  }
}

function modelReport(f: LoglinearFit, weight: number): ModelReport {
  return {
    name: f.name,
    terms: f.terms,
    parameters: f.parameters,
    estimate: f.estimate,
    standardError: f.standardError,
    lower: f.interval ? finite(f.interval.lower) : null,
    upper: f.interval ? finite(f.interval.upper) : null,
    interval: f.interval?.method ?? null,
    deviance: f.deviance,
    df: f.df,
    aic: f.aic,
    bic: f.bic,
    weight,
    converged: f.converged && f.estimable,
  };
}

/** Two-list estimates for every pair (or the chosen one). */
export function pairEstimates(table: CaptureTable, level = 0.95): PairEstimate[] {
  const out: PairEstimate[] = [];
  const J = table.lists.length;
  for (let a = 0; a < J; a++) {
    for (let b = a + 1; b < J; b++) {
      const c = {
        n1: listTotal(table, a),
        n2: listTotal(table, b),
        both: pairOverlap(table, a, b),
      };
      const lp = lincolnPetersen(c, level);
      const ch = chapman(c, level);
      out.push({
        lists: [table.lists[a] ?? '', table.lists[b] ?? ''],
        ...c,
        lincolnPetersen: lp.estimate,
        lincolnPetersenSe: lp.standardError,
        chapman: ch.estimate,
        chapmanSe: ch.standardError,
        lower: ch.lower,
        upper: ch.upper,
      });
    }
  }
  return out;
}

function chapmanReport(
  table: CaptureTable,
  request: EstimateRequest,
  level: number,
  warnings: EstimationWarning[],
): EstimateReport {
  let use = table;
  if (request.lists && request.lists.length > 0) {
    if (request.lists.length !== 2) throw new Error('--lists takes exactly two list names');
    const idx = request.lists.map((name) => {
      const i = table.lists.indexOf(name);
      if (i < 0) throw new Error(`no list named "${name}" (lists: ${table.lists.join(', ')})`);
      return i;
    });
    use = collapseTable(table, idx);
  }
  const pairs = pairEstimates(use, level);
  const only = use.lists.length === 2 ? pairs[0] : undefined;
  if (!only)
    warnings.push({
      code: 'too-few-lists',
      message:
        'With more than two lists, each pair gives its own two-list estimate and they differ because lists are not independent; choose a pair with --lists A,B, or use --method loglinear or lcmcr, which use all lists.',
    });
  else {
    if (only.both === 0)
      warnings.push({
        code: 'few-overlaps',
        message: 'The two lists share nobody: a two-list estimate is meaningless.',
        lists: only.lists,
      });
    warnings.push(...checkEstimateSize(observedCount(use), only.chapman, only.upper));
  }
  return {
    method: 'chapman',
    lists: use.lists,
    observed: observedCount(use),
    estimate: only ? only.chapman : null,
    lower: only ? finite(only.lower) : null,
    upper: only ? finite(only.upper) : null,
    level,
    warnings,
    pairs,
  };
}
