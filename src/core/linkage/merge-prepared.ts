import {
  findDefaultAges,
  findDefaultBirthDays,
  KNOWN_DEFAULT_AGES_WITHOUT_BIRTH_DATE,
} from './default-values.js';
import {
  AT_AGE,
  AT_BIRTH,
  AT_FLAGS,
  AT_ID_NUMBER,
  AT_NAME,
  AT_NAME_FLAGS,
  AT_PLACE,
  AT_SCRIPT,
  AT_SEX,
  AT_TOKENS,
  AT_TOKENS_END,
  NAME_STRIDE,
  PART_STRIDE,
  RECORD_STRIDE,
  SKELETON_AT,
  type PreparedRecords,
} from './prepared-records.js';
import { groupNumbers, radixGroup } from './radix-group.js';
import { StringTable } from './string-table.js';

/**
 * Records prepared from one part of an input, before the whole input is known: ids
 * refer to the part's own strings and sources, and dates and ages are as read (what
 * counts as a default depends on every part).
 */
export interface PartialRecords {
  /** The part's strings by id (id 0 is ''). */
  readonly strings: readonly string[];
  readonly sources: readonly string[];
  readonly name: Int32Array;
  readonly source: Int32Array;
  readonly sex: Uint8Array;
  /** Birth date as read (YYYYMMDD, 0 when none). */
  readonly rawBirth: Int32Array;
  /** Age as read (-1 when none). */
  readonly rawAge: Int16Array;
  /** Year of death (0 when none). */
  readonly deathYear: Int16Array;
  readonly idNumber: Int32Array;
  readonly flags: Uint8Array;
  readonly place: Int32Array;
  readonly names: {
    readonly count: number;
    readonly script: Uint8Array;
    readonly flags: Uint8Array;
    readonly parts: Int32Array;
    /** Two 31-bit hashes of the token list per name (-1, -1 for fewer than two tokens). */
    readonly fullNameHash: Int32Array;
    /** Two 31-bit hashes of the tokens written without spaces (-1, -1 without tokens). */
    readonly joinedHash: Int32Array;
    readonly tokenStart: Int32Array;
    readonly tokens: Int32Array;
    readonly skeletons: Int32Array;
    readonly alternateStart: Int32Array;
    readonly alternates: Int32Array;
  };
}

/**
 * Joins parts prepared separately (in order) into prepared records, and finishes them.
 * Strings get ids in sorted order and whole-name keys come from grouping, so the result
 * is the same however the input was split.
 */
export function mergePartials(parts: readonly PartialRecords[]): PreparedRecords {
  // Strings: sorted, so that ids do not depend on reading order.
  const all = new StringTable();
  for (const p of parts) for (const s of p.strings) all.id(s);
  const sorted = all.all().sort();
  const table = new StringTable();
  for (const s of sorted) table.id(s);
  const remaps = parts.map((p) => Int32Array.from(p.strings, (s) => table.find(s)));
  const sources = new StringTable();
  const sourceRemaps = parts.map((p) => Int32Array.from(p.sources, (s) => sources.id(s)));

  const n = parts.reduce((s, p) => s + p.name.length, 0);
  const nameCount = parts.reduce((s, p) => s + p.names.count, 0);
  const tokenCount = parts.reduce((s, p) => s + p.names.tokens.length, 0);
  const alternateCount = parts.reduce((s, p) => s + p.names.alternates.length, 0);
  const names = {
    count: nameCount,
    script: new Uint8Array(nameCount),
    flags: new Uint8Array(nameCount),
    parts: new Int32Array(nameCount * PART_STRIDE),
    chains: new Int32Array(nameCount * 2),
    fullName: new Int32Array(nameCount),
    joined: new Int32Array(nameCount),
    tokenStart: new Int32Array(nameCount + 1),
    tokens: new Int32Array(tokenCount),
    skeletons: new Int32Array(tokenCount),
    alternateStart: new Int32Array(nameCount + 1),
    alternates: new Int32Array(alternateCount),
  };
  const fullNameHash = new Int32Array(nameCount * 2);
  const joinedHash = new Int32Array(nameCount * 2);
  const name = new Int32Array(n);
  const source = new Int32Array(n);
  const sex = new Uint8Array(n);
  const rawBirth = new Int32Array(n);
  const rawAge = new Int16Array(n);
  const deathYear = new Int16Array(n);
  const idNumber = new Int32Array(n);
  const flags = new Uint8Array(n);
  const place = new Int32Array(n);
  let r0 = 0;
  let k0 = 0;
  let t0 = 0;
  let a0 = 0;
  parts.forEach((p, k) => {
    const remap = remaps[k] ?? new Int32Array(0);
    const id = (v: number): number => remap[v] ?? 0;
    const pn = p.names;
    names.script.set(pn.script, k0);
    names.flags.set(pn.flags, k0);
    pn.parts.forEach((v, j) => (names.parts[k0 * PART_STRIDE + j] = id(v)));
    fullNameHash.set(pn.fullNameHash, k0 * 2);
    joinedHash.set(pn.joinedHash, k0 * 2);
    for (let j = 0; j < pn.count; j++) {
      names.tokenStart[k0 + j] = t0 + (pn.tokenStart[j] ?? 0);
      names.alternateStart[k0 + j] = a0 + (pn.alternateStart[j] ?? 0);
    }
    pn.tokens.forEach((v, j) => (names.tokens[t0 + j] = id(v)));
    pn.skeletons.forEach((v, j) => (names.skeletons[t0 + j] = id(v)));
    pn.alternates.forEach((v, j) => (names.alternates[a0 + j] = id(v)));
    const sourceRemap = sourceRemaps[k] ?? new Int32Array(0);
    for (let i = 0; i < p.name.length; i++) {
      name[r0 + i] = k0 + (p.name[i] ?? 0);
      source[r0 + i] = sourceRemap[p.source[i] ?? 0] ?? 0;
      place[r0 + i] = id(p.place[i] ?? 0);
    }
    sex.set(p.sex, r0);
    rawBirth.set(p.rawBirth, r0);
    rawAge.set(p.rawAge, r0);
    deathYear.set(p.deathYear, r0);
    idNumber.set(p.idNumber, r0);
    flags.set(p.flags, r0);
    r0 += p.name.length;
    k0 += pn.count;
    t0 += pn.tokens.length;
    a0 += pn.alternates.length;
  });
  names.tokenStart[nameCount] = t0;
  names.alternateStart[nameCount] = a0;
  wholeNameIds(names, fullNameHash, joinedHash);

  const { birth, age } = finishDates(rawBirth, rawAge, deathYear, source, sources.size);
  const packed = new Int32Array(n * RECORD_STRIDE);
  for (let i = 0; i < n; i++) {
    const o = i * RECORD_STRIDE;
    packed[o + AT_NAME] = name[i] ?? 0;
    packed[o + AT_SEX] = sex[i] ?? 0;
    packed[o + AT_BIRTH] = birth[i] ?? 0;
    packed[o + AT_AGE] = age[i] ?? -1;
    packed[o + AT_ID_NUMBER] = idNumber[i] ?? -1;
    packed[o + AT_FLAGS] = flags[i] ?? 0;
    packed[o + AT_PLACE] = place[i] ?? 0;
  }
  return {
    count: n,
    name,
    source,
    sources: sources.all(),
    sex,
    birth,
    age,
    idNumber,
    flags,
    place,
    names: { ...names, packed: packNames(names) },
    strings: table.freeze(),
    packed,
  };
}

function packNames(names: {
  count: number;
  script: Uint8Array;
  flags: Uint8Array;
  parts: Int32Array;
  tokenStart: Int32Array;
}): Int32Array {
  const packed = new Int32Array(names.count * NAME_STRIDE);
  for (let k = 0; k < names.count; k++) {
    const o = k * NAME_STRIDE;
    packed.set(names.parts.subarray(k * PART_STRIDE, (k + 1) * PART_STRIDE), o);
    packed[o + AT_SCRIPT] = names.script[k] ?? 0;
    packed[o + AT_NAME_FLAGS] = names.flags[k] ?? 0;
    packed[o + AT_TOKENS] = names.tokenStart[k] ?? 0;
    packed[o + AT_TOKENS_END] = names.tokenStart[k + 1] ?? 0;
  }
  return packed;
}

/**
 * Dense ids of equal spelling chains and equal skeleton chains (records sharing the four
 * parts), of equal token lists, and of equal names written without spaces.
 */
function wholeNameIds(
  names: {
    count: number;
    parts: Int32Array;
    chains: Int32Array;
    fullName: Int32Array;
    joined: Int32Array;
  },
  fullNameHash: Int32Array,
  joinedHash: Int32Array,
): void {
  const all = new Uint8Array(names.count).fill(1);
  const spelling = groupNumbers(radixGroup(names.parts, all, 4, PART_STRIDE), names.count);
  const skeletonKeys = names.parts.subarray(SKELETON_AT);
  const skeletons = groupNumbers(
    radixGroup(skeletonKeys, all.subarray(0, names.count), 4, PART_STRIDE),
    names.count,
  );
  const spellingGroups = spelling.reduce((m, g) => Math.max(m, g + 1), 0);
  for (let k = 0; k < names.count; k++) {
    names.chains[k * 2] = spelling[k] ?? 0;
    names.chains[k * 2 + 1] = spellingGroups + (skeletons[k] ?? 0);
  }
  const byHash = (hashes: Int32Array, out: Int32Array): void => {
    const present = Uint8Array.from({ length: names.count }, (_, k) =>
      (hashes[k * 2] ?? -1) >= 0 ? 1 : 0,
    );
    out.set(groupNumbers(radixGroup(hashes, present, 2, 2), names.count));
  };
  byHash(fullNameHash, names.fullName);
  byHash(joinedHash, names.joined);
}

/**
 * Birth dates that are defaults in this input (known ones, and dates far more frequent
 * than their neighbours) become missing, as do each source's default ages without a
 * birth date; with a birth date and a year of death, the age is derived.
 */
function finishDates(
  rawBirth: Int32Array,
  rawAge: Int16Array,
  deathYear: Int16Array,
  source: Int32Array,
  sourceCount: number,
): { birth: Int32Array; age: Int16Array } {
  const n = rawBirth.length;
  const dateCounts = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const d = rawBirth[i] ?? 0;
    if (d !== 0) dateCounts.set(d, (dateCounts.get(d) ?? 0) + 1);
  }
  const defaults = findDefaultBirthDays(dateCounts);
  // Default ages are found per source: each list has its own.
  const agesBySource: number[][] = Array.from({ length: sourceCount }, () => []);
  for (let i = 0; i < n; i++) {
    const d = rawBirth[i] ?? 0;
    const a = rawAge[i] ?? -1;
    if ((d === 0 || defaults.has(d)) && a >= 0) agesBySource[source[i] ?? 0]?.push(a);
  }
  const defaultAges = agesBySource.map((ages) =>
    ages.length > 0 ? findDefaultAges(ages) : KNOWN_DEFAULT_AGES_WITHOUT_BIRTH_DATE,
  );
  const birth = new Int32Array(n);
  const age = new Int16Array(n);
  for (let i = 0; i < n; i++) {
    const d = rawBirth[i] ?? 0;
    const b = d !== 0 && !defaults.has(d) ? d : 0;
    birth[i] = b;
    let a = rawAge[i] ?? -1;
    if (b !== 0) {
      // With a birth date, an age at death is derived rather than trusted.
      const death = deathYear[i] ?? 0;
      if (death !== 0) a = Math.max(0, death - Math.floor(b / 10000));
    } else if (defaultAges[source[i] ?? 0]?.has(a)) a = -1;
    age[i] = a;
  }
  return { birth, age };
}
