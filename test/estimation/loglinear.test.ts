import { describe, expect, it } from 'vitest';
import {
  checkCaptureTable,
  enumerateModels,
  fitAllModels,
  fitLoglinearModel,
  modelAverage,
  modelFromTerms,
  parseRcaptureName,
  rcaptureName,
  type HierarchicalModel,
  type LoglinearFit,
} from '../../src/core/stats/estimation/index.js';
import { kosovo, referenceRows, relativeError, SIX_DIGITS } from './reference-data.js';

const table = kosovo();

/** "EXH + ABA + OSCE + HRW + EXH:ABA" or "(EXH + ABA + OSCE + HRW)^2" as a model. */
function modelFromFormula(formula: string): HierarchicalModel {
  const J = table.lists.length;
  const power = /\^(\d)$/.exec(formula);
  if (power) {
    const order = Number(power[1]);
    const gens: number[] = [];
    for (let m = 1; m < 1 << J; m++) {
      let bits = 0;
      for (let x = m; x; x &= x - 1) bits++;
      if (bits === order) gens.push(m);
    }
    return modelFromTerms(J, gens);
  }
  const gens = formula
    .split('+')
    .map((t) => t.trim())
    .filter((t) => t.includes(':'))
    .map((t) => t.split(':').reduce((mask, name) => mask | (1 << table.lists.indexOf(name)), 0));
  return modelFromTerms(J, gens);
}

/** Six significant digits, or absolutely tiny when R's value is zero up to rounding. */
function expectClose(actual: number, expected: number, what: string): void {
  if (Math.abs(expected) < 1e-6) expect(Math.abs(actual), what).toBeLessThan(1e-6);
  else
    expect(relativeError(actual, expected), `${what}: ${actual} vs ${expected}`).toBeLessThan(
      SIX_DIGITS,
    );
}

describe('log-linear models on the Kosovo table, against R', () => {
  it('enumerates the 113 hierarchical models up to order 3, with Rcapture names', () => {
    const models = enumerateModels(4, 3);
    expect(models).toHaveLength(113);
    const names = new Set(models.map(rcaptureName));
    const reference = referenceRows('rcapture_closedpMS.csv').map((r) => String(r.name));
    expect(names).toEqual(new Set(reference));
    expect(enumerateModels(4, 2)).toHaveLength(64);
    expect(enumerateModels(3, 2)).toHaveLength(8);
  });

  it.each([['loglinear_models.csv'], ['loglinear_twoway_subsets.csv']])(
    'matches glm in %s: N, deviance, df, logLik, AIC, both BICs',
    (file) => {
      for (const row of referenceRows(file)) {
        const fit = fitLoglinearModel(table, modelFromFormula(String(row.formula)), {
          interval: 'none',
        });
        const what = String(row.model);
        expect(fit.parameters, what).toBe(row.n_params);
        expect(fit.df, what).toBe(row.df);
        expectClose(fit.unobserved, Number(row.n0_hat), `${what} n0`);
        expectClose(fit.estimate, Number(row.N_hat), `${what} N`);
        expectClose(fit.deviance, Number(row.deviance), `${what} deviance`);
        expectClose(fit.logLik, Number(row.logLik), `${what} logLik`);
        expectClose(fit.aic, Number(row.AIC), `${what} AIC`);
        expectClose(fit.bic, Number(row.BIC_n), `${what} BIC`);
        expectClose(-2 * fit.logLik + fit.parameters * Math.log(15), Number(row.BIC_cells), what);
        expect(fit.converged).toBe(true);
      }
    },
  );

  it('matches Rcapture closedpMS for every model: abundance, stderr, deviance, df, AIC, BIC, ranking', () => {
    const fits = fitAllModels(table, { maxOrder: 3, interval: 'none' });
    const byName = new Map(fits.map((f) => [f.name, f]));
    const reference = referenceRows('rcapture_closedpMS.csv');
    for (const row of reference) {
      const name = String(row.name);
      const fit = byName.get(name) as LoglinearFit;
      expect(fit, name).toBeDefined();
      expectClose(fit.estimate, Number(row.abundance), `${name} abundance`);
      expectClose(fit.standardError, Number(row.stderr), `${name} stderr`);
      expectClose(fit.deviance, Number(row.deviance), `${name} deviance`);
      expect(fit.df, name).toBe(row.df);
      expectClose(fit.aic, Number(row.AIC), `${name} AIC`);
      expectClose(fit.bic, Number(row.BIC), `${name} BIC`);
    }
    // Ranked by BIC as Rcapture lists them: the best is the published 10,356.5.
    expect(fits.map((f) => f.name)).toEqual(reference.map((r) => String(r.name)));
    expect(fits[0]?.name).toBe('[123,14,34]');
    expect(fits[0]?.terms).toEqual(['EXH:ABA:OSCE', 'EXH:HRW', 'OSCE:HRW']);
    expect(Math.round((fits[0]?.estimate ?? 0) * 10) / 10).toBe(10356.5);
  });

  it('matches the profile-likelihood intervals of Rcapture closedpCI', () => {
    for (const row of referenceRows('rcapture_custom_models_CI.csv')) {
      const name = String(row.mX);
      const fit = fitLoglinearModel(table, parseRcaptureName(name, 4));
      expectClose(fit.estimate, Number(row.N), `${name} N`);
      expectClose(fit.standardError, Number(row.stderr), `${name} stderr`);
      expect(fit.interval?.method).toBe('profile');
      expectClose(fit.interval?.mode ?? NaN, Number(row.CI_N), `${name} profile mode`);
      expectClose(fit.interval?.lower ?? NaN, Number(row.CI_low), `${name} lower`);
      expectClose(fit.interval?.upper ?? NaN, Number(row.CI_high), `${name} upper`);
    }
  });

  it('averages models by BIC and AIC weights that sum to one', () => {
    const fits = fitAllModels(table, { interval: 'log-normal' });
    const bic = modelAverage(fits, 'bic');
    const sum = bic.weights.reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 12);
    // The three best models by BIC are within 1 BIC unit and give 10,357, 12,741, 18,393.
    expect(bic.weights[0]).toBeGreaterThan(bic.weights[3] ?? 1);
    expect(bic.estimate).toBeGreaterThan(10_356);
    expect(bic.estimate).toBeLessThan(18_393);
    // The unconditional error includes the spread between models, so exceeds the best's.
    expect(bic.standardError).toBeGreaterThan(fits[0]?.standardError ?? Infinity);
    expect(bic.interval.lower).toBeGreaterThanOrEqual(4400);
    const aic = modelAverage(fits, 'aic');
    expect(aic.estimate).not.toBeCloseTo(bic.estimate, 0);
  });

  it('gives profile intervals to the best models only when there are many models', () => {
    const fits = fitAllModels(table, { profileLimit: 10, profileTop: 3 });
    expect(fits.slice(0, 3).every((f) => f.interval?.method === 'profile')).toBe(true);
    expect(fits.slice(3).every((f) => f.interval?.method === 'log-normal')).toBe(true);
  });

  it('finds nothing to warn about in the Kosovo table, and flags thin data', () => {
    expect(checkCaptureTable(table)).toEqual([]);
    const thin = { lists: ['A', 'B', 'C'], counts: Float64Array.from([0, 40, 30, 2, 25, 0, 0, 0]) };
    const codes = checkCaptureTable(thin).map((w) => w.code);
    expect(codes).toContain('few-overlaps');
    expect(codes).toContain('empty-cells');
  });
});
