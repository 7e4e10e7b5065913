import { maximise, findRoot } from './brent.js';
import { observedCount, type CaptureTable } from './capture-table.js';
import {
  designMatrix,
  enumerateModels,
  rcaptureName,
  termLabels,
  type HierarchicalModel,
} from './hierarchical-models.js';
import { fitPoisson } from './poisson-regression.js';
import { chiSquare1Quantile, logGamma } from './special-functions.js';
import { logNormalInterval } from './two-list.js';

/** An interval for N and how it was computed. */
export interface EstimateInterval {
  readonly lower: number;
  /** Infinity when the likelihood does not fall far enough within 3 × the estimate. */
  readonly upper: number;
  /** profile: multinomial profile likelihood (Cormack 1992, as Rcapture's closedpCI). */
  readonly method: 'profile' | 'log-normal';
  /** Where the profile likelihood peaks (close to, not equal to, the estimate). */
  readonly mode?: number;
}

/** One fitted log-linear model. */
export interface LoglinearFit {
  readonly model: HierarchicalModel;
  /** Rcapture's name, e.g. "[123,14,34]". */
  readonly name: string;
  /** Highest interaction terms with list names, e.g. ["EXH:ABA:OSCE", "EXH:HRW"]. */
  readonly terms: readonly string[];
  /** Parameters including the intercept. */
  readonly parameters: number;
  readonly observed: number;
  /** Predicted number on no list: exp(intercept). */
  readonly unobserved: number;
  readonly estimate: number;
  readonly standardError: number;
  readonly deviance: number;
  readonly df: number;
  readonly logLik: number;
  /** −2 logLik + 2p, with the log(y!) constant (as R's glm). */
  readonly aic: number;
  /** −2 logLik + p log(observed), as Rcapture's closedpMS. */
  readonly bic: number;
  readonly converged: boolean;
  /** False when some parameter cannot be estimated from the observed cells. */
  readonly estimable: boolean;
  readonly interval: EstimateInterval | null;
}

/** Options for fitting. */
export interface LoglinearOptions {
  /** Interval confidence level; 0.95 unless said. */
  readonly level?: number;
  /** 'profile' (default), 'log-normal' (fast), or 'none'. */
  readonly interval?: 'profile' | 'log-normal' | 'none';
}

function observedCells(table: CaptureTable): Float64Array {
  return table.counts.slice(1);
}

/** Fits one hierarchical model to the observed cells and predicts the unobserved one. */
export function fitLoglinearModel(
  table: CaptureTable,
  model: HierarchicalModel,
  options: LoglinearOptions = {},
): LoglinearFit {
  const y = observedCells(table);
  const n = observedCount(table);
  const design = designMatrix(model);
  const fit = fitPoisson(design, y);
  const b0 = fit.coefficients[0] ?? NaN;
  const unobserved = Math.exp(b0);
  const estimate = n + unobserved;
  const v00 = fit.covariance[0] ?? NaN;
  // Delta method on N = n + exp(b0), plus the Poisson variance of the unseen count.
  const standardError = Math.sqrt(unobserved + unobserved * unobserved * v00);
  const p = design.cols;
  const base = {
    model,
    name: rcaptureName(model),
    terms: termLabels(model, table.lists),
    parameters: p,
    observed: n,
    unobserved,
    estimate,
    standardError,
    deviance: fit.deviance,
    df: design.rows - p,
    logLik: fit.logLik,
    aic: -2 * fit.logLik + 2 * p,
    bic: -2 * fit.logLik + p * Math.log(n),
    converged: fit.converged,
    estimable: fit.estimable,
  };
  const usable = fit.estimable && Number.isFinite(estimate);
  const kind = options.interval ?? 'profile';
  const level = options.level ?? 0.95;
  let interval: EstimateInterval | null = null;
  if (usable && kind === 'profile') interval = profileInterval(table, model, estimate, level);
  else if (usable && kind === 'log-normal')
    interval = { ...logNormalInterval(n, estimate, standardError, level), method: 'log-normal' };
  return { ...base, interval };
}

/**
 * Profile-likelihood interval for N (Cormack 1992), computed as Rcapture's
 * closedpCI does: for each candidate N the model is refitted with N − n put in the
 * unobserved cell; the multinomial profile log-likelihood is −(deviance − 2c)/2,
 * with c Cormack's Stirling correction. The interval holds the N whose
 * log-likelihood is within χ²₁(level)/2 of the maximum, searched up to 3 × N̂.
 */
export function profileInterval(
  table: CaptureTable,
  model: HierarchicalModel,
  estimate: number,
  level = 0.95,
  maxFactor = 3,
): EstimateInterval {
  const y = observedCells(table);
  const n = observedCount(table);
  const design = designMatrix(model, true);
  const augmented = new Float64Array(y.length + 1);
  augmented.set(y);
  // Every refit starts from R's default (μ = y + 0.1): a warm start from a distant N
  // can send Newton's steps far off, and a cold start costs only a few iterations.
  const logLik = (N: number): number => {
    const n0 = N - n;
    augmented[y.length] = n0;
    const fit = fitPoisson(design, augmented, { covariance: false });
    const total = n + n0;
    let c: number;
    if (total > 100) {
      c =
        n0 === 0 || n0 === 1
          ? -total + 0.5 * Math.log(2 * Math.PI * total)
          : n0 - total - 0.5 * Math.log(n0 / total);
    } else {
      c =
        (n0 > 0 ? n0 * Math.log(n0) : 0) +
        logGamma(total + 1) -
        total * Math.log(total) -
        logGamma(n0 + 1);
    }
    return (fit.deviance - 2 * c) / -2;
  };
  const best = maximise(logLik, n, maxFactor * estimate, 1e-7);
  const threshold = best.value - chiSquare1Quantile(level) / 2;
  const gap = (N: number) => logLik(N) - threshold;
  const lower = findRoot(gap, n, best.x, 1e-7) ?? n;
  const upper = findRoot(gap, best.x, maxFactor * estimate, 1e-7) ?? Infinity;
  return { lower, upper, method: 'profile', mode: best.x };
}

/** Options for fitting every model. */
export interface AllModelsOptions extends LoglinearOptions {
  /** Highest interaction order; by default 3 for 4 lists, else 2. */
  readonly maxOrder?: number;
  /**
   * Above this many models only the best `profileTop` by BIC get profile intervals,
   * the rest log-normal ones (profiles cost about fifty refits each).
   */
  readonly profileLimit?: number;
  readonly profileTop?: number;
}

/** Default highest interaction order for J lists (Rcapture's default for J ≤ 4). */
export function defaultMaxOrder(lists: number): number {
  return lists <= 4 ? lists - 1 : 2;
}

/** Fits every hierarchical model up to the chosen order, ranked by BIC (best first). */
export function fitAllModels(table: CaptureTable, options: AllModelsOptions = {}): LoglinearFit[] {
  const maxOrder = options.maxOrder ?? defaultMaxOrder(table.lists.length);
  const models = enumerateModels(table.lists.length, maxOrder);
  const kind = options.interval ?? 'profile';
  const many = models.length > (options.profileLimit ?? 500);
  const first = models.map((m) =>
    fitLoglinearModel(table, m, {
      ...options,
      interval: kind === 'profile' && many ? 'log-normal' : kind,
    }),
  );
  const ranked = rankByBic(first);
  if (kind !== 'profile' || !many) return ranked;
  const top = options.profileTop ?? 20;
  return ranked.map((f, i) =>
    i < top && f.estimable && Number.isFinite(f.estimate)
      ? { ...f, interval: profileInterval(table, f.model, f.estimate, options.level ?? 0.95) }
      : f,
  );
}

/** Best first; models whose parameters cannot be estimated go last. */
export function rankByBic(fits: readonly LoglinearFit[]): LoglinearFit[] {
  const score = (f: LoglinearFit) => (f.estimable && Number.isFinite(f.bic) ? f.bic : Infinity);
  return [...fits].sort((a, b) => score(a) - score(b));
}

/** A model-averaged estimate. */
export interface AveragedEstimate {
  readonly criterion: 'bic' | 'aic';
  readonly estimate: number;
  /** Buckland et al. (1997): includes the spread between models. */
  readonly standardError: number;
  readonly interval: EstimateInterval;
  /** Weight of each model, in the order given. */
  readonly weights: readonly number[];
}

/**
 * Model averaging with weights exp(−Δ/2) on BIC or AIC differences. The standard
 * error is Buckland's unconditional one, Σ wᵢ √(seᵢ² + (N̂ᵢ − N̄)²), and the interval
 * the log-normal one built from it.
 */
export function modelAverage(
  fits: readonly LoglinearFit[],
  criterion: 'bic' | 'aic' = 'bic',
  level = 0.95,
): AveragedEstimate {
  const usable = (f: LoglinearFit) =>
    f.estimable && Number.isFinite(f.estimate) && Number.isFinite(f.standardError);
  const scores = fits.map((f) => (usable(f) ? f[criterion] : Infinity));
  const best = Math.min(...scores);
  if (!Number.isFinite(best)) throw new Error('no model could be fitted to these lists');
  const raw = scores.map((s) => (Number.isFinite(s) ? Math.exp(-(s - best) / 2) : 0));
  const total = raw.reduce((a, b) => a + b, 0);
  const weights = raw.map((w) => w / total);
  let estimate = 0;
  fits.forEach((f, i) => {
    if ((weights[i] ?? 0) > 0) estimate += (weights[i] ?? 0) * f.estimate;
  });
  let se = 0;
  fits.forEach((f, i) => {
    const w = weights[i] ?? 0;
    if (w > 0) se += w * Math.sqrt(f.standardError ** 2 + (f.estimate - estimate) ** 2);
  });
  const observed = fits[0]?.observed ?? 0;
  return {
    criterion,
    estimate,
    standardError: se,
    interval: { ...logNormalInterval(observed, estimate, se, level), method: 'log-normal' },
    weights,
  };
}
