import { isKunyaToken, readPersonName, type PersonName } from '../names/index.js';
import {
  findDefaultAges,
  findDefaultBirthDates,
  formatDate,
  KNOWN_DEFAULT_AGES_WITHOUT_BIRTH_DATE,
  parseAge,
  parseBirthDate,
} from './default-values.js';
import { cleanIdentityNumber, hasValidCheckDigit } from './identity-number.js';

/** One input row in the one-shot linkage format (all cells as text, '' when absent). */
export interface LinkInputRecord {
  readonly source: string;
  readonly recordId: string;
  readonly name: string;
  readonly nameLatin: string;
  readonly sex: string;
  readonly age: string;
  readonly birthDate: string;
  readonly deathDate: string;
  readonly place: string;
  readonly idNumber: string;
}

/** Name script codes (numbers keep prepared records cheap to send to workers). */
export const SCRIPT_NONE = 0;
export const SCRIPT_ARABIC = 1;
export const SCRIPT_LATIN = 2;

/**
 * A record reduced to what comparison needs: plain data only (strings, numbers,
 * arrays), so that it can be posted to a worker thread without custom serialisation.
 */
export interface PreparedRecord {
  readonly script: number;
  /** Canonical name tokens in the record's script. */
  readonly tokens: readonly string[];
  /** Cross-script skeletons parallel to `tokens`. */
  readonly skeletons: readonly string[];
  /** Alternative (parenthesised) names, canonical. */
  readonly alternates: readonly string[];
  /** True when tokens[0] is a kunya rather than the given name. */
  readonly kunya: boolean;
  /** Parts of `tokens` (computed once: comparison reads them for every pair). */
  readonly nameParts: PartValues;
  /** Parts of `skeletons`. */
  readonly skeletonParts: PartValues;
  /**
   * Interned ids of the parts: given, father, grandfather, family, then the same
   * four skeletons (0 for an absent part), then the whole spelling chain and the
   * whole skeleton chain. Comparison and frequency lookups test integers instead of
   * hashing strings; records sharing a name share this array.
   */
  readonly nameIds: readonly number[];
  /** The strings behind `nameIds`, in the same order. */
  readonly nameStrings: readonly string[];
  /** 0 unknown, 1 male, 2 female. */
  readonly sex: number;
  /** Birth date as YYYYMMDD, 0 when missing or a known default. */
  readonly birth: number;
  /** Age in years, -1 when missing or a default. */
  readonly age: number;
  /** Nine-digit identity number or ''. */
  readonly idNumber: string;
  readonly idValid: boolean;
  /** Normalised place or ''. */
  readonly place: string;
  /** True when the name cell held only placeholders. */
  readonly placeholderName: boolean;
}

/** Name parts of a token chain, by position (see names/name-parts.ts). */
export interface PartValues {
  readonly given: string;
  readonly father: string;
  readonly grandfather: string;
  readonly family: string;
}

/** Positions of the parts in a chain; '' for an absent part. */
export function partsOf(tokens: readonly string[], kunya: boolean): PartValues {
  const offset = kunya && tokens.length >= 2 ? 1 : 0;
  const n = tokens.length - offset;
  return {
    given: n >= 1 ? (tokens[offset] ?? '') : '',
    father: n >= 3 ? (tokens[offset + 1] ?? '') : '',
    grandfather: n >= 4 ? (tokens[offset + 2] ?? '') : '',
    family: n >= 2 ? (tokens[tokens.length - 1] ?? '') : '',
  };
}

/**
 * Interns name strings as small integers (id 0 is the empty string). One table per
 * linkage run: ids are only comparable within the records of that run.
 */
export class NameInterner {
  private readonly ids = new Map<string, number>([['', 0]]);

  /** The id of `s`, assigned on first sight. */
  id(s: string): number {
    let k = this.ids.get(s);
    if (k === undefined) {
      k = this.ids.size;
      this.ids.set(s, k);
    }
    return k;
  }
}

/** The eight part strings of a name (tokens, then skeletons) in `nameIds` order. */
export function partStrings(nameParts: PartValues, skeletonParts: PartValues): string[] {
  return [
    nameParts.given,
    nameParts.father,
    nameParts.grandfather,
    nameParts.family,
    skeletonParts.given,
    skeletonParts.father,
    skeletonParts.grandfather,
    skeletonParts.family,
  ];
}

/** Reads a sex cell in English or Arabic. */
export function parseSex(raw: string): number {
  const t = raw.trim().toLowerCase();
  if (t === 'm' || t === 'male' || t === 'ذكر' || t === 'man' || t === 'boy') return 1;
  if (t === 'f' || t === 'female' || t === 'انثى' || t === 'أنثى' || t === 'woman' || t === 'girl')
    return 2;
  return 0;
}

/**
 * Prepares records for linkage. Birth dates that are defaults in this input (known
 * ones, and dates far more frequent than their neighbours) become missing, as do
 * default ages without a birth date.
 */
export function prepareRecords(records: readonly LinkInputRecord[]): PreparedRecord[] {
  const parsedDates = records.map((r) => {
    const d = parseBirthDate(r.birthDate);
    return d ? formatDate(d) : '';
  });
  const defaults = findDefaultBirthDates(parsedDates);
  // Default ages are found per source: each list has its own.
  const agesBySource = new Map<string, number[]>();
  records.forEach((r, i) => {
    const d = parsedDates[i] ?? '';
    if (d !== '' && !defaults.has(d)) return;
    const age = parseAge(r.age);
    if (age === undefined) return;
    const list = agesBySource.get(r.source);
    if (list) list.push(age);
    else agesBySource.set(r.source, [age]);
  });
  const defaultAges = new Map<string, ReadonlySet<number>>();
  for (const [source, ages] of agesBySource) defaultAges.set(source, findDefaultAges(ages));
  const names = new Map<string, PreparedName>();
  const interner = new NameInterner();
  return records.map((r, i) =>
    prepareRecord(
      r,
      names,
      interner,
      parsedDates[i] ?? '',
      defaults,
      defaultAges.get(r.source) ?? KNOWN_DEFAULT_AGES_WITHOUT_BIRTH_DATE,
    ),
  );
}

/** What every record with the same name cells shares. */
interface PreparedName {
  readonly name: PersonName;
  readonly kunya: boolean;
  readonly nameParts: PartValues;
  readonly skeletonParts: PartValues;
  readonly nameIds: readonly number[];
  readonly nameStrings: readonly string[];
}

function prepareName(arabic: string, latin: string, interner: NameInterner): PreparedName {
  const name = readPersonName(arabic, latin);
  const head = name.tokens[0];
  const kunya = name.tokens.length >= 2 && head !== undefined && isKunyaToken(head);
  const nameParts = partsOf(name.tokens, kunya);
  const skeletonParts = partsOf(name.skeletons, kunya);
  const nameStrings = partStrings(nameParts, skeletonParts);
  return {
    name,
    kunya,
    nameParts,
    skeletonParts,
    nameIds: [
      ...nameStrings.map((x) => interner.id(x)),
      interner.id(`${nameStrings.slice(0, 4).join('|')}|`),
      interner.id(`${nameStrings.slice(4).join('|')}|`),
    ],
    nameStrings,
  };
}

function prepareRecord(
  r: LinkInputRecord,
  names: Map<string, PreparedName>,
  interner: NameInterner,
  isoBirth: string,
  defaults: ReadonlySet<string>,
  defaultAges: ReadonlySet<number>,
): PreparedRecord {
  // Lists repeat names (one person in several releases, common names): read each once.
  const nameKey = `${r.name}\u0000${r.nameLatin}`;
  let prepared = names.get(nameKey);
  if (prepared === undefined) {
    prepared = prepareName(r.name, r.nameLatin, interner);
    names.set(nameKey, prepared);
  }
  const { name, kunya } = prepared;
  const birthIso = isoBirth !== '' && !defaults.has(isoBirth) ? isoBirth : '';
  const birth = birthIso === '' ? 0 : Number(birthIso.replaceAll('-', ''));
  let age = parseAge(r.age) ?? -1;
  if (birth !== 0) {
    // With a birth date, an age at death is derived rather than trusted.
    const death = parseBirthDate(r.deathDate);
    if (death) age = Math.max(0, death.year - Math.floor(birth / 10000));
  } else if (defaultAges.has(age)) age = -1;
  const idNumber = cleanIdentityNumber(r.idNumber);
  return {
    script:
      name.script === 'arabic'
        ? SCRIPT_ARABIC
        : name.script === 'latin'
          ? SCRIPT_LATIN
          : SCRIPT_NONE,
    tokens: name.tokens,
    skeletons: name.skeletons,
    alternates: name.alternates,
    kunya,
    nameParts: prepared.nameParts,
    skeletonParts: prepared.skeletonParts,
    nameIds: prepared.nameIds,
    nameStrings: prepared.nameStrings,
    sex: parseSex(r.sex),
    birth,
    age,
    idNumber,
    idValid: idNumber !== '' && hasValidCheckDigit(idNumber),
    place: r.place.trim().toLowerCase().replace(/\s+/g, ' '),
    placeholderName: name.placeholderOnly,
  };
}
