import {
  arabicSkeleton,
  isKunyaToken,
  readPersonName,
  standaloneToken,
  type PersonName,
} from '../names/index.js';
import { dayNumber, parseAge, parseBirthDate } from './default-values.js';
import { cleanIdentityNumber, hasValidCheckDigit } from './identity-number.js';
import type { LinkInputRecord } from './link-record.js';
import { parseSex } from './link-record.js';
import { mergePartials, type PartialRecords } from './merge-prepared.js';
import {
  NAME_KUNYA,
  NAME_PLACEHOLDER,
  PART_STRIDE,
  RECORD_ID_VALID,
  SCRIPT_ARABIC,
  SCRIPT_LATIN,
  SCRIPT_NONE,
  SKELETON_AT,
  type PreparedRecords,
} from './prepared-records.js';
import { StringTable } from './string-table.js';

/** A growable column of 32-bit integers. */
class IntColumn {
  data: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }

  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }

  /** The values, trimmed. */
  values(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/** FNV-1a over a string, continuing from `h` (two seeds give a 62-bit key). */
function fnv(text: string, h: number): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

/** Pushes two 31-bit hashes of a string (together a 62-bit key). */
function pushHash(text: string, out: IntColumn): void {
  out.push(fnv(text, 0x811c9dc5) >>> 1);
  out.push(fnv(text, 0x2f1b8e37) >>> 1);
}

/**
 * Prepares records for linkage one at a time (a reader can stream rows into it, and
 * several readers can prepare parts of one file side by side), then finishes them with
 * `finish` or `mergePartials`: birth dates that are defaults in the whole input (known
 * ones, and dates far more frequent than their neighbours) become missing, as do each
 * source's default ages without a birth date.
 */
export class RecordPreparer {
  private readonly strings = new StringTable();
  private readonly sources = new StringTable();
  // Per record, as read.
  private readonly nameOf = new IntColumn();
  private readonly sourceOf = new IntColumn();
  private readonly sexOf = new IntColumn();
  private readonly rawBirth = new IntColumn();
  private readonly rawAge = new IntColumn();
  private readonly deathYear = new IntColumn();
  private readonly idOf = new IntColumn();
  private readonly flagsOf = new IntColumn();
  private readonly placeOf = new IntColumn();
  // Per distinct name.
  private readonly script = new IntColumn();
  private readonly nameFlags = new IntColumn();
  private readonly parts = new IntColumn();
  private readonly fullNameHash = new IntColumn();
  private readonly joinedHash = new IntColumn();
  private readonly tokenStart = new IntColumn();
  private readonly tokens = new IntColumn();
  private readonly skeletons = new IntColumn();
  private readonly alternateStart = new IntColumn();
  private readonly alternates = new IntColumn();
  /** Arabic cells that gave an Arabic name: the Latin cell is then never read. */
  private readonly byArabic = new Map<string, number>();
  /** Other names, by both cells. */
  private readonly byBoth = new Map<string, number>();
  /** Arabic cells that gave no Arabic name (their Latin cell is read). */
  private readonly notArabic = new Set<string>();
  /**
   * Words of plain Arabic cells: the string ids of the word's token and skeleton, or -1
   * when the word does not stand alone (see standaloneToken). Most names are made of
   * such words, and are then read word by word, each word once.
   */
  private readonly words = new Map<string, number>();
  private readonly wordToken = new IntColumn();
  private readonly wordSkeleton = new IntColumn();
  private readonly tokenIds: number[] = [];
  private readonly skeletonIds: number[] = [];
  private readonly tokenTexts: string[] = [];
  // Dates and ages repeat: each distinct cell is parsed once.
  private readonly days = new Map<string, number>();
  private readonly ages = new Map<string, number>();

  /** Adds one record; returns its index. */
  add(r: LinkInputRecord): number {
    const i = this.nameOf.length;
    this.nameOf.push(this.nameIndex(r.name, r.nameLatin));
    this.sourceOf.push(this.sources.id(r.source));
    this.sexOf.push(parseSex(r.sex));
    this.rawBirth.push(r.birthDate === '' ? 0 : this.day(r.birthDate));
    this.rawAge.push(r.age === '' ? -1 : this.ageOf(r.age));
    this.deathYear.push(r.deathDate === '' ? 0 : Math.floor(this.day(r.deathDate) / 10000));
    const id = cleanIdentityNumber(r.idNumber);
    this.idOf.push(id === '' ? -1 : Number(id));
    this.flagsOf.push(id !== '' && hasValidCheckDigit(id) ? RECORD_ID_VALID : 0);
    this.placeOf.push(
      r.place === '' ? 0 : this.strings.id(r.place.trim().toLowerCase().replace(/\s+/g, ' ')),
    );
    return i;
  }

  get count(): number {
    return this.nameOf.length;
  }

  /** What was read so far, before the whole input is known (see `mergePartials`). */
  partial(): PartialRecords {
    return {
      strings: this.strings.all(),
      sources: this.sources.all(),
      name: this.nameOf.values(),
      source: this.sourceOf.values(),
      sex: Uint8Array.from(this.sexOf.values()),
      rawBirth: this.rawBirth.values(),
      rawAge: Int16Array.from(this.rawAge.values()),
      deathYear: Int16Array.from(this.deathYear.values()),
      idNumber: this.idOf.values(),
      flags: Uint8Array.from(this.flagsOf.values()),
      place: this.placeOf.values(),
      names: {
        count: this.script.length,
        script: Uint8Array.from(this.script.values()),
        flags: Uint8Array.from(this.nameFlags.values()),
        parts: this.parts.values(),
        fullNameHash: this.fullNameHash.values(),
        joinedHash: this.joinedHash.values(),
        tokenStart: this.closedStarts(this.tokenStart, this.tokens.length),
        tokens: this.tokens.values(),
        skeletons: this.skeletons.values(),
        alternateStart: this.closedStarts(this.alternateStart, this.alternates.length),
        alternates: this.alternates.values(),
      },
    };
  }

  /** The prepared records (finishing a single part). */
  finish(): PreparedRecords {
    return mergePartials([this.partial()]);
  }

  private closedStarts(starts: IntColumn, end: number): Int32Array {
    const out = new Int32Array(starts.length + 1);
    out.set(starts.data.subarray(0, starts.length));
    out[starts.length] = end;
    return out;
  }

  /** A date cell as YYYYMMDD, 0 when it is not a date. */
  private day(cell: string): number {
    let d = this.days.get(cell);
    if (d === undefined) {
      const parsed = parseBirthDate(cell);
      d = parsed ? dayNumber(parsed) : 0;
      this.days.set(cell, d);
    }
    return d;
  }

  /** An age cell in years, -1 when it is not an age. */
  private ageOf(cell: string): number {
    let a = this.ages.get(cell);
    if (a === undefined) {
      a = parseAge(cell) ?? -1;
      this.ages.set(cell, a);
    }
    return a;
  }

  /** Index of the prepared name of these cells; each distinct name is read once. */
  private nameIndex(arabic: string, latin: string): number {
    if (arabic !== '' && !this.notArabic.has(arabic)) {
      const k = this.byArabic.get(arabic);
      if (k !== undefined) return k;
      const quick = this.byWords(arabic);
      if (quick >= 0) {
        this.byArabic.set(arabic, quick);
        return quick;
      }
      const name = readPersonName(arabic, latin);
      // A Latin cell beside an Arabic name is never read (see readPersonName).
      if (name.script === 'arabic') {
        const index = this.addName(name);
        this.byArabic.set(arabic, index);
        return index;
      }
      this.notArabic.add(arabic);
    }
    const both = `${arabic}\u0000${latin}`;
    let k = this.byBoth.get(both);
    if (k === undefined) {
      k = this.addName(readPersonName(arabic, latin));
      this.byBoth.set(both, k);
    }
    return k;
  }

  /**
   * A cell whose words all stand alone, added word by word (the same name readPersonName
   * would give); -1 for any other cell.
   */
  private byWords(cell: string): number {
    const tokenIds = this.tokenIds;
    const skeletonIds = this.skeletonIds;
    const texts = this.tokenTexts;
    tokenIds.length = 0;
    skeletonIds.length = 0;
    texts.length = 0;
    let from = 0;
    for (;;) {
      let to = cell.indexOf(' ', from);
      if (to < 0) to = cell.length;
      if (to > from) {
        const word = cell.slice(from, to);
        let w = this.words.get(word);
        if (w === undefined) {
          const token = standaloneToken(word);
          w = -1;
          if (token !== undefined) {
            w = this.wordToken.length;
            this.wordToken.push(this.strings.id(token));
            this.wordSkeleton.push(this.strings.id(arabicSkeleton(token)));
          }
          this.words.set(word, w);
        }
        if (w < 0) return -1;
        tokenIds.push(this.wordToken.data[w] ?? 0);
        skeletonIds.push(this.wordSkeleton.data[w] ?? 0);
      }
      if (to >= cell.length) break;
      from = to + 1;
    }
    if (tokenIds.length === 0) return -1;
    for (const t of tokenIds) texts.push(this.strings.text(t));
    return this.addTokens(SCRIPT_ARABIC, 0, tokenIds, skeletonIds, texts, []);
  }

  private addName(name: PersonName): number {
    return this.addTokens(
      name.script === 'arabic'
        ? SCRIPT_ARABIC
        : name.script === 'latin'
          ? SCRIPT_LATIN
          : SCRIPT_NONE,
      name.placeholderOnly ? NAME_PLACEHOLDER : 0,
      name.tokens.map((t) => this.strings.id(t)),
      name.skeletons.map((t) => this.strings.id(t)),
      name.tokens,
      name.alternates,
    );
  }

  private addTokens(
    script: number,
    flags: number,
    tokenIds: readonly number[],
    skeletonIds: readonly number[],
    tokens: readonly string[],
    alternates: readonly string[],
  ): number {
    const index = this.script.length;
    const head = tokens[0];
    const kunya = tokens.length >= 2 && head !== undefined && isKunyaToken(head);
    this.script.push(script);
    this.nameFlags.push(flags | (kunya ? NAME_KUNYA : 0));
    this.tokenStart.push(this.tokens.length);
    for (const t of tokenIds) this.tokens.push(t);
    for (const t of skeletonIds) this.skeletons.push(t);
    this.alternateStart.push(this.alternates.length);
    for (const a of alternates) this.alternates.push(this.strings.id(a));
    const parts = new Int32Array(PART_STRIDE);
    partIds(tokenIds, kunya, parts, 0);
    partIds(skeletonIds, kunya, parts, SKELETON_AT);
    for (const p of parts) this.parts.push(p);
    // Whole names are keyed by hashes (two of 31 bits): ids from different parts of a
    // file could not be compared, hashes of the same text can.
    if (tokens.length >= 2) pushHash(tokens.join(' '), this.fullNameHash);
    else {
      this.fullNameHash.push(-1);
      this.fullNameHash.push(-1);
    }
    if (tokens.length > 0) pushHash(tokens.join(''), this.joinedHash);
    else {
      this.joinedHash.push(-1);
      this.joinedHash.push(-1);
    }
    return index;
  }
}

/**
 * Writes the ids of given, father, grandfather and family name of a token chain into
 * `out` at `at` (0 for an absent part): the first token after a leading kunya is the
 * given name, the last the family name, the second the father (three or more tokens),
 * the third the grandfather (four or more).
 */
export function partIds(
  tokens: ArrayLike<number>,
  kunya: boolean,
  out: Int32Array,
  at: number,
  count = tokens.length,
): void {
  const offset = kunya && count >= 2 ? 1 : 0;
  const n = count - offset;
  out[at] = n >= 1 ? (tokens[offset] ?? 0) : 0;
  out[at + 1] = n >= 3 ? (tokens[offset + 1] ?? 0) : 0;
  out[at + 2] = n >= 4 ? (tokens[offset + 2] ?? 0) : 0;
  out[at + 3] = n >= 2 ? (tokens[count - 1] ?? 0) : 0;
}

/** Prepares a batch of input records. */
export function prepareRecords(records: readonly LinkInputRecord[]): PreparedRecords {
  const preparer = new RecordPreparer();
  for (const r of records) preparer.add(r);
  return preparer.finish();
}
