import type { Design } from './poisson-regression.js';

/**
 * A hierarchical log-linear model for J lists: all main effects plus a set of
 * interaction terms closed under taking subsets (if A×B×C is in, so are A×B, A×C,
 * B×C). A term is a bit mask of lists with at least two bits set.
 */
export interface HierarchicalModel {
  /** Number of lists. */
  readonly lists: number;
  /** Interaction terms, ordered by order then lexicographically. */
  readonly terms: readonly number[];
}

/** How many models `enumerateModels` may produce before it refuses (fits take time). */
export const MAX_MODELS = 40_000;

function bits(mask: number): number[] {
  const out: number[] = [];
  for (let j = 0; mask >> j; j++) if ((mask >> j) & 1) out.push(j);
  return out;
}

function popcount(mask: number): number {
  let c = 0;
  for (let m = mask; m; m &= m - 1) c++;
  return c;
}

/** Interaction terms of a given order, in lexicographic order of their list indices. */
function termsOfOrder(lists: number, order: number): number[] {
  const out: number[] = [];
  for (let m = 1; m < 1 << lists; m++) if (popcount(m) === order) out.push(m);
  return out.sort((a, b) => compareTerms(a, b));
}

function compareTerms(a: number, b: number): number {
  const pa = popcount(a);
  const pb = popcount(b);
  if (pa !== pb) return pa - pb;
  const ba = bits(a);
  const bb = bits(b);
  for (let i = 0; i < ba.length; i++) {
    const d = (ba[i] ?? 0) - (bb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Every hierarchical model whose interactions are of order ≤ maxOrder (always with
 * all main effects, as Rcapture's closedpMS): 113 models for 4 lists up to order 3.
 */
export function enumerateModels(lists: number, maxOrder: number): HierarchicalModel[] {
  if (maxOrder < 1 || maxOrder > lists - 1)
    throw new Error(`the highest interaction order must be between 1 and ${lists - 1}`);
  const candidates: number[] = [];
  for (let order = 2; order <= maxOrder; order++) candidates.push(...termsOfOrder(lists, order));
  const models: HierarchicalModel[] = [];
  const chosen = new Set<number>();
  const visit = (i: number): void => {
    if (models.length > MAX_MODELS)
      throw new Error(
        `more than ${MAX_MODELS.toLocaleString('en')} models: lower the highest interaction order`,
      );
    if (i === candidates.length) {
      models.push({ lists, terms: [...chosen].sort(compareTerms) });
      return;
    }
    const term = candidates[i] ?? 0;
    visit(i + 1);
    // A term may join only if all its sub-terms one order down are already in.
    const order = popcount(term);
    const allowed = order === 2 || bits(term).every((j) => chosen.has(term & ~(1 << j)));
    if (allowed) {
      chosen.add(term);
      visit(i + 1);
      chosen.delete(term);
    }
  };
  visit(0);
  return models;
}

/** The model with the given interaction terms, closed downwards. */
export function modelFromTerms(lists: number, generators: readonly number[]): HierarchicalModel {
  const all = new Set<number>();
  for (const g of generators) {
    if (popcount(g) < 2) continue;
    for (let sub = g; sub; sub = (sub - 1) & g) if (popcount(sub) >= 2) all.add(sub);
  }
  return { lists, terms: [...all].sort(compareTerms) };
}

/** The highest terms of the model: those not contained in another term. */
export function generators(model: HierarchicalModel): number[] {
  const gens = model.terms.filter((t) => !model.terms.some((u) => u !== t && (u & t) === t));
  // Main effects not covered by any interaction are generators of their own.
  for (let j = 0; j < model.lists; j++) {
    if (!gens.some((g) => g & (1 << j))) gens.push(1 << j);
  }
  // Highest order first, then lexicographic, as Rcapture names its models.
  return gens.sort((a, b) => popcount(b) - popcount(a) || compareTerms(a, b));
}

/** Rcapture's name for the model, e.g. "[123,14,34]" (lists numbered from 1). */
export function rcaptureName(model: HierarchicalModel): string {
  const gens = generators(model);
  return `[${gens
    .map((g) =>
      bits(g)
        .map((j) => j + 1)
        .join(''),
    )
    .join(',')}]`;
}

/** Readable terms with list names, e.g. ["EXH:ABA:OSCE", "EXH:HRW", "OSCE:HRW"]. */
export function termLabels(model: HierarchicalModel, names: readonly string[]): string[] {
  return generators(model)
    .filter((g) => popcount(g) >= 2)
    .map((g) =>
      bits(g)
        .map((j) => names[j] ?? `list${j + 1}`)
        .join(':'),
    );
}

/** Parses "[123,14,34]" (or "123,14,34") into a model for J lists. */
export function parseRcaptureName(name: string, lists: number): HierarchicalModel {
  const gens = name
    .replace(/[[\]\s]/g, '')
    .split(',')
    .filter((s) => s.length > 0)
    .map((s) => [...s].reduce((mask, d) => mask | (1 << (Number(d) - 1)), 0));
  return modelFromTerms(lists, gens);
}

/**
 * The design on the 2^J − 1 observed cells (pattern 1 first): intercept, main
 * effects, interactions, coded 0/1 so that the all-zero cell is exp(intercept).
 * With `withZeroCell` the unobserved cell is appended as a last row of zeros
 * (apart from the intercept), for the profile likelihood.
 */
export function designMatrix(model: HierarchicalModel, withZeroCell = false): Design {
  const cells = (1 << model.lists) - 1;
  const rows = withZeroCell ? cells + 1 : cells;
  const columns = [...Array.from({ length: model.lists }, (_, j) => 1 << j), ...model.terms];
  const cols = columns.length + 1;
  const x = new Float64Array(rows * cols);
  for (let m = 1; m <= cells; m++) {
    const row = (m - 1) * cols;
    x[row] = 1;
    columns.forEach((t, c) => {
      if ((m & t) === t) x[row + c + 1] = 1;
    });
  }
  if (withZeroCell) x[cells * cols] = 1;
  return { rows, cols, x };
}

/** Number of interaction terms of each order, for descriptions. */
export function highestOrder(model: HierarchicalModel): number {
  return model.terms.reduce((o, t) => Math.max(o, popcount(t)), 1);
}
