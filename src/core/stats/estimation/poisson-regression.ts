import { logFactorial, logGamma } from './special-functions.js';

/**
 * Poisson regression with a log link, fitted by iteratively reweighted least squares
 * (the same algorithm and starting values as R's glm), for the small dense designs
 * of log-linear capture–recapture models (at most 64 cells).
 */

/** A design: `rows` × `cols`, row-major, first column the intercept. */
export interface Design {
  readonly rows: number;
  readonly cols: number;
  readonly x: Float64Array;
}

/** The fitted model. */
export interface PoissonFit {
  readonly coefficients: Float64Array;
  readonly fitted: Float64Array;
  /** 2 Σ [y log(y/μ) − (y − μ)]. */
  readonly deviance: number;
  /** Σ log Poisson(y | μ), including the log(y!) constant (as R's logLik and AIC). */
  readonly logLik: number;
  /** (X'WX)⁻¹ with the weights of the last iteration (as R): the coefficients' covariance. */
  readonly covariance: Float64Array;
  readonly converged: boolean;
  readonly iterations: number;
  /** False when X'WX is singular: some parameter cannot be estimated from these cells. */
  readonly estimable: boolean;
}

/** Fitting options. */
export interface PoissonFitOptions {
  /** Warm start (e.g. the previous fit in a profile); else R's μ = y + 0.1. */
  readonly start?: Float64Array;
  readonly maxIterations?: number;
  /** Relative change in deviance that ends the iterations (1e-8, as R's glm). */
  readonly tolerance?: number;
  /** Skip the covariance matrix (the profile likelihood does not need it). */
  readonly covariance?: boolean;
}

/** Fits log μ = Xβ to counts y. */
export function fitPoisson(
  design: Design,
  y: Float64Array,
  options: PoissonFitOptions = {},
): PoissonFit {
  const { rows: n, cols: p, x } = design;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-8;
  const beta = new Float64Array(p);
  const eta = new Float64Array(n);
  const mu = new Float64Array(n);
  const a = new Float64Array(p * p);
  const b = new Float64Array(p);
  if (options.start) {
    beta.set(options.start);
    linearPredictor(design, beta, eta);
    for (let i = 0; i < n; i++) mu[i] = Math.exp(eta[i] ?? 0);
  } else {
    for (let i = 0; i < n; i++) {
      const m = (y[i] ?? 0) + 0.1;
      mu[i] = m;
      eta[i] = Math.log(m);
    }
  }
  let dev = deviance(y, mu);
  let converged = false;
  let estimable = true;
  let iterations = 0;
  const previous = new Float64Array(p);
  // The weights of the last solve: R reports the covariance from these (glm.fit's
  // final QR), not from the updated fit, and the reference figures follow R.
  const lastWeights = new Float64Array(n);
  for (; iterations < maxIterations; iterations++) {
    // Normal equations X'WX β = X'Wz with W = μ, z = η + (y − μ)/μ.
    a.fill(0);
    b.fill(0);
    for (let i = 0; i < n; i++) {
      const w = mu[i] ?? 0;
      const wz = w * (eta[i] ?? 0) + ((y[i] ?? 0) - w);
      const row = i * p;
      for (let r = 0; r < p; r++) {
        const xr = x[row + r] ?? 0;
        if (xr === 0) continue;
        b[r] = (b[r] ?? 0) + xr * wz;
        const wx = w * xr;
        for (let c = 0; c <= r; c++) a[r * p + c] = (a[r * p + c] ?? 0) + wx * (x[row + c] ?? 0);
      }
    }
    previous.set(beta);
    lastWeights.set(mu);
    if (!choleskySolve(a, p, b)) {
      estimable = false;
      break;
    }
    beta.set(b);
    let newDev = NaN;
    // Step halving if the step overshoots into overflow (as glm.fit does).
    for (let half = 0; half < 30; half++) {
      linearPredictor(design, beta, eta);
      for (let i = 0; i < n; i++) mu[i] = Math.exp(eta[i] ?? 0);
      newDev = deviance(y, mu);
      if (Number.isFinite(newDev)) break;
      for (let r = 0; r < p; r++) beta[r] = ((beta[r] ?? 0) + (previous[r] ?? 0)) / 2;
    }
    const change = Math.abs(newDev - dev) / (Math.abs(newDev) + 0.1);
    dev = newDev;
    if (change < tolerance) {
      converged = true;
      iterations++;
      break;
    }
  }
  let covariance: Float64Array = new Float64Array(0);
  if (estimable && options.covariance !== false) {
    const inv = informationInverse(design, iterations > 0 ? lastWeights : mu);
    if (inv) covariance = inv;
    else estimable = false;
  }
  let logLik = 0;
  for (let i = 0; i < n; i++) {
    const yi = y[i] ?? 0;
    const m = mu[i] ?? 0;
    logLik += (yi > 0 ? yi * Math.log(m) : 0) - m - logFactorialReal(yi);
  }
  return {
    coefficients: beta,
    fitted: mu,
    deviance: dev,
    logLik,
    covariance,
    converged,
    iterations,
    estimable,
  };
}

function linearPredictor(design: Design, beta: Float64Array, eta: Float64Array): void {
  const { rows, cols, x } = design;
  for (let i = 0; i < rows; i++) {
    let s = 0;
    const row = i * cols;
    for (let r = 0; r < cols; r++) s += (x[row + r] ?? 0) * (beta[r] ?? 0);
    eta[i] = s;
  }
}

/** Poisson deviance; cells with y = 0 contribute 2μ. */
export function deviance(y: Float64Array, mu: Float64Array): number {
  let d = 0;
  for (let i = 0; i < y.length; i++) {
    const yi = y[i] ?? 0;
    const m = mu[i] ?? 0;
    d += (yi > 0 ? yi * Math.log(yi / m) : 0) - (yi - m);
  }
  return 2 * d;
}

function logFactorialReal(k: number): number {
  return Number.isInteger(k) ? logFactorial(k) : logGamma(k + 1);
}

/**
 * Solves A v = b in place (b becomes v) for symmetric positive-definite A given by its
 * lower triangle, by Cholesky. False when A is numerically singular.
 */
function choleskySolve(a: Float64Array, p: number, b: Float64Array): boolean {
  const l = cholesky(a, p);
  if (!l) return false;
  for (let i = 0; i < p; i++) {
    let s = b[i] ?? 0;
    for (let k = 0; k < i; k++) s -= (l[i * p + k] ?? 0) * (b[k] ?? 0);
    b[i] = s / (l[i * p + i] ?? 1);
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = b[i] ?? 0;
    for (let k = i + 1; k < p; k++) s -= (l[k * p + i] ?? 0) * (b[k] ?? 0);
    b[i] = s / (l[i * p + i] ?? 1);
  }
  return true;
}

function cholesky(a: Float64Array, p: number): Float64Array | null {
  const l = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * p + j] ?? 0;
      for (let k = 0; k < j; k++) s -= (l[i * p + k] ?? 0) * (l[j * p + k] ?? 0);
      if (i === j) {
        // Relative pivot test: a column that is (nearly) a combination of others.
        if (!(s > 1e-10 * Math.max(a[i * p + i] ?? 0, 1e-300))) return null;
        l[i * p + i] = Math.sqrt(s);
      } else l[i * p + j] = s / (l[j * p + j] ?? 1);
    }
  }
  return l;
}

function informationInverse(design: Design, mu: Float64Array): Float64Array | null {
  const { rows: n, cols: p, x } = design;
  const a = new Float64Array(p * p);
  for (let i = 0; i < n; i++) {
    const w = mu[i] ?? 0;
    const row = i * p;
    for (let r = 0; r < p; r++) {
      const wx = w * (x[row + r] ?? 0);
      if (wx === 0) continue;
      for (let c = 0; c <= r; c++) a[r * p + c] = (a[r * p + c] ?? 0) + wx * (x[row + c] ?? 0);
    }
  }
  const inv = new Float64Array(p * p);
  const col = new Float64Array(p);
  const l = cholesky(a, p);
  if (!l) return null;
  for (let j = 0; j < p; j++) {
    col.fill(0);
    col[j] = 1;
    // Forward and back substitution with the factor already computed.
    for (let i = 0; i < p; i++) {
      let s = col[i] ?? 0;
      for (let k = 0; k < i; k++) s -= (l[i * p + k] ?? 0) * (col[k] ?? 0);
      col[i] = s / (l[i * p + i] ?? 1);
    }
    for (let i = p - 1; i >= 0; i--) {
      let s = col[i] ?? 0;
      for (let k = i + 1; k < p; k++) s -= (l[k * p + i] ?? 0) * (col[k] ?? 0);
      col[i] = s / (l[i * p + i] ?? 1);
    }
    for (let i = 0; i < p; i++) inv[i * p + j] = col[i] ?? 0;
  }
  return inv;
}
