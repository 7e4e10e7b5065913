import type { StringCodes } from './string-table.js';

/** Name script codes. */
export const SCRIPT_NONE = 0;
export const SCRIPT_ARABIC = 1;
export const SCRIPT_LATIN = 2;

/**
 * Ids per name in `PreparedNames.parts`: given, father, grandfather and family name
 * (spellings), then the same four consonant skeletons; 0 for an absent part.
 */
export const PART_STRIDE = 8;
/** Offset of the skeleton parts within a name's parts. */
export const SKELETON_AT = 4;
export const GIVEN = 0;
export const FATHER = 1;
export const GRANDFATHER = 2;
export const FAMILY = 3;

/** Name flags. */
export const NAME_KUNYA = 1;
export const NAME_PLACEHOLDER = 2;

/** Record flags. */
export const RECORD_ID_VALID = 1;

/**
 * `PreparedRecords.packed`: what comparison reads of a record, side by side, so that a
 * pair of records costs two cache lines rather than one per column.
 */
export const RECORD_STRIDE = 8;
export const AT_NAME = 0;
export const AT_SEX = 1;
export const AT_BIRTH = 2;
export const AT_AGE = 3;
export const AT_ID_NUMBER = 4;
export const AT_FLAGS = 5;
export const AT_PLACE = 6;

/** `PreparedNames.packed`: the parts (PART_STRIDE), script, flags, first and end token. */
export const NAME_STRIDE = 12;
export const AT_SCRIPT = 8;
export const AT_NAME_FLAGS = 9;
export const AT_TOKENS = 10;
export const AT_TOKENS_END = 11;

/**
 * The distinct names of a run, in columns. Lists repeat names (one person in several
 * releases, common names), so records point at a name rather than carry one.
 */
export interface PreparedNames {
  readonly count: number;
  /** SCRIPT_NONE, SCRIPT_ARABIC or SCRIPT_LATIN. */
  readonly script: Uint8Array;
  /** NAME_KUNYA (tokens[0] is a kunya), NAME_PLACEHOLDER (the cells held only placeholders). */
  readonly flags: Uint8Array;
  /** PART_STRIDE string ids per name (see PART_STRIDE). */
  readonly parts: Int32Array;
  /**
   * Dense ids of the spelling chain (the four parts) and of the skeleton chain, two per
   * name: records whose parts agree share them (lineage counts are over distinct chains).
   */
  readonly chains: Int32Array;
  /** Dense id of the whole token list, or -1 for fewer than two tokens. */
  readonly fullName: Int32Array;
  /** Dense id of the tokens written without spaces, or -1 without tokens. */
  readonly joined: Int32Array;
  /** Tokens of name k: `tokens[tokenStart[k]] … tokens[tokenStart[k + 1] - 1]` (string ids). */
  readonly tokenStart: Int32Array;
  readonly tokens: Int32Array;
  /** Consonant skeleton of each token, parallel to `tokens`. */
  readonly skeletons: Int32Array;
  /** Alternative (parenthesised) names of name k, as for tokens. */
  readonly alternateStart: Int32Array;
  readonly alternates: Int32Array;
  /** NAME_STRIDE numbers per name (see NAME_STRIDE): what comparison reads, together. */
  readonly packed: Int32Array;
}

/**
 * Records reduced to what linkage needs, in columns (typed arrays and one string
 * table): a million records cost tens of megabytes instead of a million objects, and
 * worker threads receive them without cloning.
 */
export interface PreparedRecords {
  readonly count: number;
  /** Index of the record's name in `names`. */
  readonly name: Int32Array;
  /** Index of the record's source (list) in `sources`. */
  readonly source: Int32Array;
  readonly sources: readonly string[];
  /** 0 unknown, 1 male, 2 female. */
  readonly sex: Uint8Array;
  /** Birth date as YYYYMMDD, 0 when missing or a default. */
  readonly birth: Int32Array;
  /** Age in years, -1 when missing or a default. */
  readonly age: Int16Array;
  /** Nine-digit identity number as a number, -1 when absent. */
  readonly idNumber: Int32Array;
  /** RECORD_ID_VALID when the identity number passes its check digit. */
  readonly flags: Uint8Array;
  /** String id of the normalised place, 0 when absent. */
  readonly place: Int32Array;
  readonly names: PreparedNames;
  readonly strings: StringCodes;
  /** RECORD_STRIDE numbers per record (see RECORD_STRIDE): what comparison reads, together. */
  readonly packed: Int32Array;
}

/** The script of record `i`'s name. */
export function recordScript(records: PreparedRecords, i: number): number {
  return records.names.script[records.name[i] ?? 0] ?? SCRIPT_NONE;
}

/** String id of part `part` (GIVEN…FAMILY, plus SKELETON_AT for skeletons) of record `i`. */
export function recordPart(records: PreparedRecords, i: number, part: number): number {
  return records.names.parts[(records.name[i] ?? 0) * PART_STRIDE + part] ?? 0;
}

/** Number of records without a usable name. */
export function countWithoutName(records: PreparedRecords): number {
  let n = 0;
  for (let i = 0; i < records.count; i++) if (recordScript(records, i) === SCRIPT_NONE) n++;
  return n;
}

/**
 * A record without a usable name is linked only through a shared identity number:
 * birth date and sex alone never make two people one.
 */
export function linkable(records: PreparedRecords, a: number, b: number): boolean {
  if (a < 0 || b < 0 || a >= records.count || b >= records.count) return false;
  if (recordScript(records, a) !== SCRIPT_NONE && recordScript(records, b) !== SCRIPT_NONE)
    return true;
  const id = records.idNumber[a] ?? -1;
  return id >= 0 && id === records.idNumber[b];
}
