import {
  COMPARISON_FIELDS,
  FIELD_COUNT,
  NAME_EXACT,
  NAME_FIELD_COUNT,
  type ComparisonField,
} from './compare-records.js';

/**
 * The Fellegi–Sunter model: for each field and level, m = P(level | same person) and
 * u = P(level | different people). A pair's match weight is log2 of the prior odds
 * plus log2(m/u) summed over fields; missing values (level 0) add nothing.
 * u comes from random pairs (almost all non-matches), m from EM on the candidate
 * pairs with u held fixed, optionally anchored by human decisions.
 */
export interface FellegiSunterModel {
  readonly fields: readonly ComparisonField[];
  /** m[field][level]; m[field][0] is unused (missing is neutral). */
  readonly m: readonly (readonly number[])[];
  readonly u: readonly (readonly number[])[];
  /** Proportion of matches among candidate pairs. */
  readonly lambda: number;
  readonly iterations: number;
  /**
   * u of the birth field among siblings: pairs that agree on father and family name
   * but not on the given name. Siblings share a lineage, and twins a birth date, so
   * for such pairs a shared birth date is far weaker evidence than among strangers
   * (the fields are not independent there). Absent when it could not be estimated.
   */
  readonly siblingBirthU?: readonly number[];
  /**
   * Proportion of matches among pairs of records from one list and among pairs from
   * two lists. A list names a person once, as a rule, so two of its records are far
   * less likely to be one person than two records from different lists. Absent when
   * there is only one list, or too little to estimate them from; `lambda` then serves.
   */
  readonly listPriors?: { readonly within: number; readonly across: number };
}

/** Starting m values: what a record linker would guess before seeing data. */
const INITIAL_M: readonly (readonly number[])[] = [
  [0, 0.85, 0.05, 0.05, 0.03, 0.02],
  [0, 0.85, 0.05, 0.05, 0.03, 0.02],
  [0, 0.85, 0.05, 0.05, 0.03, 0.02],
  [0, 0.8, 0.08, 0.06, 0.03, 0.03],
  [0, 0.98, 0.02],
  [0, 0.6, 0.1, 0.2, 0.05, 0.03, 0.02],
  [0, 0.9, 0.04, 0.04, 0.02],
  [0, 0.8, 0.2],
];

/**
 * Estimates u per field and level from comparison levels of random pairs.
 * Add-one smoothing keeps every level possible.
 */
export function estimateU(levels: Uint8Array, pairCount: number): number[][] {
  return COMPARISON_FIELDS.map((field, f) => {
    const counts = new Array<number>(field.levels.length).fill(0);
    for (let p = 0; p < pairCount; p++) {
      const l = levels[p * FIELD_COUNT + f] ?? 0;
      counts[l] = (counts[l] ?? 0) + 1;
    }
    const observed = counts.slice(1).reduce((s, c) => s + c, 0);
    const k = field.levels.length - 1;
    return counts.map((c, l) => (l === 0 ? 0 : (c + 1) / (observed + k)));
  });
}

/** A human decision on a compared pair: its levels and whether it is the same person. */
export interface LabelledComparison {
  readonly levels: Uint8Array;
  readonly same: boolean;
}

/** EM settings. */
export interface EmOptions {
  readonly maxIterations: number;
  readonly tolerance: number;
  /** How many unlabelled pairs one human decision counts for. */
  readonly labelWeight: number;
  /**
   * Fields EM may use; the others are ignored as if missing. A training session on
   * pairs blocked by some fields must leave those fields out: within such a block
   * non-matches agree on them by construction, not by chance.
   */
  readonly activeFields?: readonly boolean[];
}

/** Default EM settings. */
export const DEFAULT_EM: EmOptions = { maxIterations: 40, tolerance: 1e-5, labelWeight: 10 };

/**
 * Estimates m (and the match proportion) by expectation–maximisation over the
 * distinct comparison patterns of the candidate pairs, with u fixed. Patterns are
 * aggregated first, so an iteration costs the number of distinct patterns, not pairs.
 */
export function estimateModel(
  levels: Uint8Array,
  pairCount: number,
  u: readonly (readonly number[])[],
  labelled: readonly LabelledComparison[] = [],
  options: EmOptions = DEFAULT_EM,
): FellegiSunterModel {
  const patterns = new Map<number, number>();
  const encode = (lv: Uint8Array, offset: number): number => {
    let code = 0;
    for (let f = 0; f < FIELD_COUNT; f++) code = code * 8 + (lv[offset + f] ?? 0);
    return code;
  };
  for (let p = 0; p < pairCount; p++) {
    const c = encode(levels, p * FIELD_COUNT);
    patterns.set(c, (patterns.get(c) ?? 0) + 1);
  }
  const decoded: { levels: number[]; count: number; fixed?: number }[] = [];
  const decode = (code: number): number[] => {
    const out = new Array<number>(FIELD_COUNT).fill(0);
    for (let f = FIELD_COUNT - 1; f >= 0; f--) {
      out[f] = code % 8;
      code = Math.floor(code / 8);
    }
    return out;
  };
  const active = options.activeFields;
  const mask = (lv: number[]): number[] => (active ? lv.map((l, f) => (active[f] ? l : 0)) : lv);
  for (const [code, count] of patterns) decoded.push({ levels: mask(decode(code)), count });
  for (const l of labelled)
    decoded.push({
      levels: mask(Array.from(l.levels)),
      count: options.labelWeight,
      fixed: l.same ? 1 : 0,
    });

  let m = INITIAL_M.map((row) => [...row]);
  let lambda = 0.3;
  let iterations = 0;
  for (; iterations < options.maxIterations; iterations++) {
    const mCounts = COMPARISON_FIELDS.map((field) =>
      new Array<number>(field.levels.length).fill(0),
    );
    let matchMass = 0;
    let total = 0;
    for (const pat of decoded) {
      let pm = lambda;
      let pu = 1 - lambda;
      for (let f = 0; f < FIELD_COUNT; f++) {
        const l = pat.levels[f] ?? 0;
        if (l === 0) continue;
        pm *= m[f]?.[l] ?? 1;
        pu *= u[f]?.[l] ?? 1;
      }
      const posterior = pat.fixed ?? pm / (pm + pu);
      const w = posterior * pat.count;
      matchMass += w;
      total += pat.count;
      for (let f = 0; f < FIELD_COUNT; f++) {
        const l = pat.levels[f] ?? 0;
        const row = mCounts[f];
        if (l !== 0 && row) row[l] = (row[l] ?? 0) + w;
      }
    }
    const next = mCounts.map((row, f) => {
      const observed = row.slice(1).reduce((s, c) => s + c, 0);
      // A field never observed keeps its starting values; others get light smoothing.
      if (observed < 1) return [...(INITIAL_M[f] ?? [])];
      const k = row.length - 1;
      return row.map((c, l) => (l === 0 ? 0 : (c + 0.5) / (observed + 0.5 * k)));
    });
    const nextLambda = total > 0 ? matchMass / total : lambda;
    let delta = Math.abs(nextLambda - lambda);
    next.forEach((row, f) =>
      row.forEach((v, l) => (delta = Math.max(delta, Math.abs(v - (m[f]?.[l] ?? 0))))),
    );
    m = next;
    lambda = Math.min(0.999, Math.max(1e-6, nextLambda));
    if (delta < options.tolerance) break;
  }
  return { fields: COMPARISON_FIELDS, m, u: u.map((r) => [...r]), lambda, iterations };
}

/** One EM training session: its estimated model and the fields it was allowed to estimate. */
export interface TrainingSession {
  readonly model: FellegiSunterModel;
  readonly activeFields: readonly boolean[];
  /** Expected matches in the session's pairs (weights the session's m when combined). */
  readonly matchMass: number;
}

/**
 * Combines training sessions: each field's m is the match-mass-weighted average over
 * the sessions that estimated it; a field no session estimated keeps its start value.
 */
export function combineSessions(
  sessions: readonly TrainingSession[],
  u: readonly (readonly number[])[],
  lambda: number,
): FellegiSunterModel {
  const m = COMPARISON_FIELDS.map((field, f) => {
    const acc = new Array<number>(field.levels.length).fill(0);
    let mass = 0;
    for (const s of sessions) {
      if (!s.activeFields[f] || s.matchMass <= 0) continue;
      s.model.m[f]?.forEach((v, l) => (acc[l] = (acc[l] ?? 0) + v * s.matchMass));
      mass += s.matchMass;
    }
    return mass > 0 ? acc.map((v) => v / mass) : [...(INITIAL_M[f] ?? [])];
  });
  const iterations = sessions.reduce((s, x) => s + x.model.iterations, 0);
  return { fields: COMPARISON_FIELDS, m, u: u.map((r) => [...r]), lambda, iterations };
}

/** log2(m/u) for one field and level; 0 for missing. */
export function levelWeight(model: FellegiSunterModel, field: number, level: number): number {
  if (level === 0) return 0;
  const m = model.m[field]?.[level] ?? 1;
  const u = model.u[field]?.[level] ?? 1;
  return Math.log2(m / u);
}

/** The smallest value frequency used in term-frequency adjustment (avoids infinite weights). */
const MIN_FREQUENCY = 1e-6;

/**
 * Weight of an exact name match adjusted for how common the value is: agreeing on
 * محمد (a fifth of all given names) says far less than agreeing on a rare name.
 * P(agree on v | match) ≈ m·p(v) and P(agree on v | non-match) ≈ p(v)², so the
 * weight is log2(m / p(v)).
 */
export function termFrequencyWeight(
  model: FellegiSunterModel,
  field: number,
  frequency: number,
): number {
  const m = model.m[field]?.[NAME_EXACT] ?? 1;
  return Math.log2(m / Math.max(MIN_FREQUENCY, frequency));
}

/**
 * Prior log2 odds of a match: for a pair within one list (`sameList` true) or across two
 * lists (false) when the model has list priors, otherwise for any pair.
 */
export function priorWeight(model: FellegiSunterModel, sameList?: boolean): number {
  const lambda =
    sameList === undefined || model.listPriors === undefined
      ? model.lambda
      : sameList
        ? model.listPriors.within
        : model.listPriors.across;
  return Math.log2(lambda / (1 - lambda));
}

/** Precomputed weights for fast scoring of millions of pairs. */
export interface WeightTable {
  readonly prior: number;
  /** Priors of pairs within one list and across two lists (see `listPriors`). */
  readonly priorWithin: number;
  readonly priorAcross: number;
  /** Birth weights used for sibling-like pairs (see `siblingBirthU`), by level. */
  readonly siblingBirth: Float64Array;
  /** weights[field * 8 + level] */
  readonly weights: Float64Array;
  readonly exactM: Float64Array;
}

/** Builds the lookup table used by `scoreComparison`. */
export function weightTable(model: FellegiSunterModel): WeightTable {
  const weights = new Float64Array(FIELD_COUNT * 8);
  for (let f = 0; f < FIELD_COUNT; f++)
    for (let l = 1; l < (model.fields[f]?.levels.length ?? 0); l++)
      weights[f * 8 + l] = levelWeight(model, f, l);
  const exactM = new Float64Array(NAME_FIELD_COUNT);
  for (let f = 0; f < NAME_FIELD_COUNT; f++) exactM[f] = model.m[f]?.[NAME_EXACT] ?? 1;
  const siblingBirth = new Float64Array(8);
  for (let l = 1; l < 8; l++) siblingBirth[l] = siblingBirthWeight(model, l);
  const prior = priorWeight(model);
  return {
    prior,
    priorWithin: priorWeight(model, true),
    priorAcross: priorWeight(model, false),
    weights,
    exactM,
    siblingBirth,
  };
}

/** Index of the birth field. */
export const BIRTH_FIELD = COMPARISON_FIELDS.findIndex((f) => f.name === 'birth');
const GIVEN_FIELD = 0;
const FATHER_FIELD = 1;
const FAMILY_FIELD = 3;
/** Name levels at or above this are "close", "similar" or "different". */
const GIVEN_DISAGREES = 3;

/**
 * True for a pair that reads like two siblings: same father and family name, given
 * names that disagree.
 */
export function isSiblingLike(levels: Uint8Array, offset = 0): boolean {
  const lo = offset * FIELD_COUNT;
  return (
    (levels[lo + GIVEN_FIELD] ?? 0) >= GIVEN_DISAGREES &&
    levels[lo + FATHER_FIELD] === NAME_EXACT &&
    levels[lo + FAMILY_FIELD] === NAME_EXACT
  );
}

/** Birth weight for a sibling-like pair: m as usual, u among siblings. */
export function siblingBirthWeight(model: FellegiSunterModel, level: number): number {
  if (level === 0) return 0;
  const uSib = model.siblingBirthU?.[level];
  if (uSib === undefined) return levelWeight(model, BIRTH_FIELD, level);
  return Math.log2((model.m[BIRTH_FIELD]?.[level] ?? 1) / uSib);
}

/**
 * Match weight (log2 odds) of one compared pair stored at `offset` in the buffers;
 * `sameList` tells whether its two records come from one list (see `listPriors`).
 */
export function scoreComparison(
  table: WeightTable,
  levels: Uint8Array,
  tf: Float32Array,
  offset: number,
  sameList?: boolean,
): number {
  let w = sameList === undefined ? table.prior : sameList ? table.priorWithin : table.priorAcross;
  const lo = offset * FIELD_COUNT;
  const to = offset * NAME_FIELD_COUNT;
  const sibling = isSiblingLike(levels, offset);
  for (let f = 0; f < FIELD_COUNT; f++) {
    const l = levels[lo + f] ?? 0;
    if (l === 0) continue;
    const freq = f < NAME_FIELD_COUNT ? (tf[to + f] ?? 0) : 0;
    w +=
      freq > 0
        ? Math.log2((table.exactM[f] ?? 1) / Math.max(MIN_FREQUENCY, freq))
        : sibling && f === BIRTH_FIELD
          ? (table.siblingBirth[l] ?? 0)
          : (table.weights[f * 8 + l] ?? 0);
  }
  return w;
}

/** Probability of a match from a match weight. */
export function matchProbability(weight: number): number {
  return 1 / (1 + Math.pow(2, -weight));
}

/** One field's contribution to a pair's score, for reviewers. */
export interface FieldExplanation {
  readonly field: string;
  readonly level: string;
  readonly weight: number;
  /** Present when the weight was adjusted for the value's frequency. */
  readonly valueFrequency?: number;
}

/** Explains a compared pair field by field (the sum of weights plus prior is the match weight). */
export function explainComparison(
  model: FellegiSunterModel,
  levels: Uint8Array,
  tf: Float32Array,
  offset = 0,
  sameList?: boolean,
): { prior: number; fields: FieldExplanation[]; weight: number } {
  const prior = priorWeight(model, sameList);
  let weight = prior;
  const sibling = isSiblingLike(levels, offset);
  const fields = model.fields.map((field, f) => {
    const l = levels[offset * FIELD_COUNT + f] ?? 0;
    const freq = f < NAME_FIELD_COUNT ? (tf[offset * NAME_FIELD_COUNT + f] ?? 0) : 0;
    const w =
      l === 0
        ? 0
        : freq > 0
          ? termFrequencyWeight(model, f, freq)
          : sibling && f === BIRTH_FIELD
            ? siblingBirthWeight(model, l)
            : levelWeight(model, f, l);
    weight += w;
    return freq > 0 && l !== 0
      ? { field: field.name, level: field.levels[l] ?? String(l), weight: w, valueFrequency: freq }
      : { field: field.name, level: field.levels[l] ?? String(l), weight: w };
  });
  return { prior, fields, weight };
}
