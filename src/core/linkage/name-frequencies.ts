import { IntPairMap, lookup, updateEach, type IntPairTable } from './int-pair-map.js';
import {
  FAMILY,
  FATHER,
  GIVEN,
  GRANDFATHER,
  PART_STRIDE,
  SKELETON_AT,
  type PreparedRecords,
} from './prepared-records.js';
import type { StringCodes } from './string-table.js';

/**
 * Frequencies of one kind of name value (spellings or skeletons), indexed by string id.
 */
export interface ChainFrequencies {
  /** Fraction of the records having each value, per name field: `fields[field * size + id]`. */
  readonly fields: Float64Array;
  /** Number of string ids (the stride of `fields`). */
  readonly size: number;
  /** (father, family) → p(father | family); each pair's dense id is its line number. */
  readonly lines: IntPairTable;
  /** (grandfather, line number) → p(grandfather | father, family). */
  readonly grandfathers: IntPairTable;
}

/**
 * Frequency of each name value per name field, as fractions of the records having
 * it, and conditional frequencies along the patrilineal chain. Siblings share father,
 * grandfather and family name: the three agreements are one piece of evidence, not
 * three. Weighing the father's name by p(father | family) and the grandfather's by
 * p(grandfather | father, family) when the earlier links agree makes their sum
 * log2(m³ / p(whole lineage)), as it should be.
 */
export interface NameFrequencies extends ChainFrequencies {
  /**
   * The same figures over cross-script skeletons (used when two records agree on a
   * skeleton but not on a spelling: a Latin and an Arabic record, or two Latin
   * spellings). A skeleton is coarser than a spelling, so it is more frequent and
   * its agreement weighs less.
   */
  readonly skeleton: ChainFrequencies;
}

/** Counts value frequencies per name field over prepared records (spellings and skeletons). */
export function nameFrequencies(records: PreparedRecords): NameFrequencies {
  // Records repeat names: count each name's records once, then weigh by that count.
  const perName = new Int32Array(records.names.count);
  for (let i = 0; i < records.count; i++) {
    const k = records.name[i] ?? 0;
    perName[k] = (perName[k] ?? 0) + 1;
  }
  const size = records.strings.count;
  return {
    ...chainFrequencies(records, perName, 0, size),
    skeleton: chainFrequencies(records, perName, SKELETON_AT, size),
  };
}

/** p(father | family) of two part ids, or undefined when the lineage is unknown. */
export function lineageFrequency(
  freq: ChainFrequencies,
  father: number,
  family: number,
): number | undefined {
  const p = lookup(freq.lines, father, family, -1);
  return p < 0 ? undefined : p;
}

/** The id of `text` in a frozen string table, or -1 (a linear scan: for tests and tools). */
export function stringId(strings: StringCodes, text: string): number {
  outer: for (let k = 0; k < strings.count; k++) {
    const from = strings.offsets[k] ?? 0;
    if ((strings.offsets[k + 1] ?? 0) - from !== text.length) continue;
    for (let i = 0; i < text.length; i++)
      if (strings.codes[from + i] !== text.charCodeAt(i)) continue outer;
    return k;
  }
  return -1;
}

function chainFrequencies(
  records: PreparedRecords,
  perName: Int32Array,
  at: number,
  size: number,
): ChainFrequencies {
  const names = records.names;
  const counts = new Float64Array(4 * size);
  const totals = [0, 0, 0, 0];
  const familyCount = new Float64Array(size);
  const lines = new IntPairMap(1024);
  const fullLines = new IntPairMap(1024);
  // Lineage counts are over distinct name chains: a person listed in three releases
  // must not make their own lineage look common.
  const seenChains = new Uint8Array(names.count * 2);
  for (let k = 0; k < names.count; k++) {
    const weight = perName[k] ?? 0;
    if (weight === 0) continue;
    const o = k * PART_STRIDE + at;
    const given = names.parts[o + GIVEN] ?? 0;
    const father = names.parts[o + FATHER] ?? 0;
    const grandfather = names.parts[o + GRANDFATHER] ?? 0;
    const family = names.parts[o + FAMILY] ?? 0;
    const chain = names.chains[k * 2 + (at === 0 ? 0 : 1)] ?? 0;
    const firstSeen = seenChains[chain] === 0;
    if (firstSeen) seenChains[chain] = 1;
    if (firstSeen && family !== 0 && father !== 0) {
      familyCount[family] = (familyCount[family] ?? 0) + 1;
      lines.add(father, family, 1);
      const line = lines.denseId(father, family);
      if (grandfather !== 0) fullLines.add(grandfather, line, 1);
    }
    const values = [given, father, grandfather, family];
    for (let f = 0; f < 4; f++) {
      const v = values[f] ?? 0;
      if (v === 0) continue;
      counts[f * size + v] = (counts[f * size + v] ?? 0) + weight;
      totals[f] = (totals[f] ?? 0) + weight;
    }
  }
  // Leave-one-out and shrunk towards the marginal frequency: a lineage seen once
  // says nothing about how common it is among other people, so the marginal is
  // used there, not 1 (which would make agreement on it worthless).
  const marginal = (f: number, v: number): number =>
    (counts[f * size + v] ?? 0) / Math.max(1, totals[f] ?? 1);
  const lineTable = lines.table;
  const lineCountById = new Float64Array(lines.size);
  updateEach(lineTable, (father, family, c, id) => {
    lineCountById[id] = c;
    const others = (familyCount[family] ?? c) - 1;
    return (c - 1 + marginal(1, father)) / (others + 1);
  });
  const fullTable = fullLines.table;
  updateEach(fullTable, (grandfather, line, c) => {
    const others = (lineCountById[line] ?? c) - 1;
    return (c - 1 + marginal(2, grandfather)) / (others + 1);
  });
  for (let f = 0; f < 4; f++) {
    const total = Math.max(1, totals[f] ?? 1);
    for (let v = 0; v < size; v++) counts[f * size + v] = (counts[f * size + v] ?? 0) / total;
  }
  return { fields: counts, size, lines: lineTable, grandfathers: fullTable };
}
