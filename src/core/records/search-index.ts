import { ageGroups } from '../stats/counts/index.js';
import { recordFacetNames, type RecordFacetName, type RecordFilters } from './record-filters.js';
import {
  canonicalNameTokens,
  crossScriptTokens,
  latinSpellingKey,
  matchWord,
  type SearchVocabulary,
} from './search-terms.js';

/**
 * The search screen's read model of the register, held in memory: for each record, the values
 * its filters and facets read (in columns, one code per value) and the words it is found by (an
 * inverted index: token → records). A search is then a pass over arrays instead of a scan of
 * the store, and the store stays as fast to write as before (nothing is indexed per imported
 * row). The store fills it (see the record search repository) and stays the only truth: a
 * search gives record ids, and the records are read from the store.
 */

/** One record as the index takes it; facet values read exactly as the SQL filters read them. */
export interface SearchIndexRow {
  id: number;
  personId: number;
  searchText: string;
  name: string | null;
  nameLatin: string | null;
  source: string;
  violation: string | null;
  country: string | null;
  governorate: string | null;
  year: string | null;
  month: string | null;
  sex: string | null;
  /** The broad age group (age-group.ts). */
  ageGroup: string | null;
  age: number | null;
  restricted: boolean;
}

/** Columns with a dictionary of values; code 0 is "no value". */
const codedColumns = [...recordFacetNames, 'month'] as const;
type CodedColumn = (typeof codedColumns)[number];

const rowField: Record<CodedColumn, keyof SearchIndexRow> = {
  source: 'source',
  violation: 'violation',
  country: 'country',
  governorate: 'governorate',
  year: 'year',
  sex: 'sex',
  age: 'ageGroup',
  month: 'month',
};

/** What a search asks of the index. */
export interface IndexQuery {
  filters: RecordFilters;
  /** A single source slug (the records list's `source`). */
  source?: string;
  /** The persons of `filters.sourceSet`, looked up in the store (see prepareFilters). */
  sourceSetPersons?: readonly number[];
  includeRestricted: boolean;
}

/** How many records have one value of a facet (null = unknown). */
export interface IndexFacetCount {
  value: string | null;
  records: number;
}

export interface IndexFacetCounts {
  records: number;
  persons: number;
  facets: Record<RecordFacetName, IndexFacetCount[]>;
}

class Int32Column {
  data = new Int32Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
}

/** Codes of a column: a byte each while they fit, then two bytes, then four. */
type Codes = Uint8Array | Uint16Array | Int32Array;

/**
 * A column of small non-negative codes. Facets have a few values each, so codes mostly fit in a
 * byte: a facet count over a million records then reads a quarter of the memory it would as
 * 32-bit numbers (counting, not arithmetic, is what a facet request spends its time on).
 */
class CodeColumn {
  data: Codes = new Uint8Array(1024);
  length = 0;
  push(code: number): void {
    if (code > 0xffff && !(this.data instanceof Int32Array)) this.data = this.widened(Int32Array);
    else if (code > 0xff && this.data instanceof Uint8Array) this.data = this.widened(Uint16Array);
    if (this.length === this.data.length) this.data = this.widened(this.kind(), 2);
    this.data[this.length++] = code;
  }
  private kind(): typeof Uint8Array | typeof Uint16Array | typeof Int32Array {
    return this.data instanceof Uint8Array
      ? Uint8Array
      : this.data instanceof Uint16Array
        ? Uint16Array
        : Int32Array;
  }
  private widened(
    kind: typeof Uint8Array | typeof Uint16Array | typeof Int32Array,
    growth = 1,
  ): Codes {
    const out = new kind(this.data.length * growth);
    out.set(this.data);
    return out;
  }
}

class Dictionary {
  readonly values: (string | null)[] = [null];
  private readonly codes = new Map<string, number>();
  code(value: string | null): number {
    if (value === null) return 0;
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.codes.set(value, code);
    }
    return code;
  }
  /** Which codes a filter's values allow (null allows code 0), or null when the filter is empty. */
  allowed(values: readonly (string | null)[] | undefined): Uint8Array | null {
    if (!values || values.length === 0) return null;
    const allowed = new Uint8Array(this.values.length);
    for (const v of values) {
      if (v === null) allowed[0] = 1;
      else {
        const code = this.codes.get(v);
        if (code !== undefined) allowed[code] = 1;
      }
    }
    return allowed;
  }
}

/** Results of a word match kept per vocabulary size, so a repeated search does not rescan. */
const wordCacheSize = 256;

export class RecordSearchIndex implements SearchVocabulary {
  private readonly ids = new Int32Column();
  private readonly persons = new Int32Column();
  /** Age + 1 (0: no age). */
  private readonly ages = new CodeColumn();
  private readonly restrictedFlags = new CodeColumn();
  private readonly columns = Object.fromEntries(
    codedColumns.map((c) => [c, new CodeColumn()]),
  ) as Record<CodedColumn, CodeColumn>;
  private readonly dictionaries = Object.fromEntries(
    codedColumns.map((c) => [c, new Dictionary()]),
  ) as Record<CodedColumn, Dictionary>;
  /**
   * Each record's combination of facet values, as one code: the distinct combinations are far
   * fewer than the records, so a count adds one per record and spreads the sums over the facets
   * at the end, instead of adding one per facet per record.
   */
  private readonly combinations = new CodeColumn();
  private readonly combinationIds = new Map<string, number>();
  /** The facet codes of combination c: `combinationCodes[c * FACETS + f]`. */
  private readonly combinationCodes = new Int32Column();
  private combinationCounts = new Int32Array(0);
  private touched = new Int32Array(0);

  readonly tokens: string[] = [];
  readonly byLatinKey = new Map<string, number[]>();
  private readonly tokenIds = new Map<string, number>();
  private readonly postings: Int32Column[] = [];
  private readonly wordCache = new Map<string, { tokens: number; ids: number[] }>();
  /** Facet counts of the whole register, without and with restricted records, until a change. */
  private wholeCounts: [IndexFacetCounts | null, IndexFacetCounts | null] = [null, null];
  private marks = new Int32Array(0);
  private generation = 0;
  private scratch = new Int32Array(0);
  private personMarks = new Int32Array(0);
  private personGeneration = 0;
  /** The largest person id held, so the marks of distinct persons fit. */
  private maxPerson = 0;
  /**
   * Searches see the records at positions below this; those after it were added hidden (a large
   * import being read in slices) and are shown all at once by `reveal`, never half a batch.
   */
  private visible = 0;

  /** Records searches see. */
  get size(): number {
    return this.visible;
  }

  /** Records held but not yet shown to searches. */
  get hidden(): number {
    return this.ids.length - this.visible;
  }

  idOf(token: string): number | undefined {
    return this.tokenIds.get(token);
  }

  /** The largest record id held (0 when empty). */
  get lastId(): number {
    return this.ids.length === 0 ? 0 : this.ids.data[this.ids.length - 1]!;
  }

  /**
   * Adds records, which must come in id order after every record already held. Hidden ones
   * wait for `reveal` (and so do any added after them); the others are searchable at once.
   */
  add(rows: readonly SearchIndexRow[], options: { hidden?: boolean } = {}): void {
    const hiddenBefore = this.hidden;
    this.appendRows(rows);
    if (!options.hidden && hiddenBefore === 0) this.reveal();
  }

  /** Shows every record added hidden to searches. */
  reveal(): void {
    if (this.visible === this.ids.length) return;
    this.visible = this.ids.length;
    this.wholeCounts = [null, null];
  }

  private appendRows(rows: readonly SearchIndexRow[]): void {
    for (const row of rows) {
      if (row.id <= this.lastId) throw new Error(`record ${row.id} is not after ${this.lastId}`);
      const position = this.ids.length;
      this.ids.push(row.id);
      this.persons.push(row.personId);
      if (row.personId > this.maxPerson) this.maxPerson = row.personId;
      this.ages.push(Math.max(0, (row.age ?? -1) + 1));
      this.restrictedFlags.push(row.restricted ? 1 : 0);
      let key = '';
      for (const c of codedColumns) {
        const value = row[rowField[c]] as string | null;
        const code = this.dictionaries[c].code(value);
        this.columns[c].push(code);
        if (c !== 'month') key += `${code},`;
      }
      let combination = this.combinationIds.get(key);
      if (combination === undefined) {
        combination = this.combinationIds.size;
        this.combinationIds.set(key, combination);
        for (const f of recordFacetNames)
          this.combinationCodes.push(this.columns[f].data[position]!);
      }
      this.combinations.push(combination);
      const words = new Set(row.searchText.split(' '));
      for (const t of canonicalNameTokens(row.name, row.nameLatin)) words.add(t);
      for (const t of crossScriptTokens(words)) words.add(t);
      for (const word of words) {
        if (word === '') continue;
        let id = this.tokenIds.get(word);
        if (id === undefined) {
          id = this.tokens.length;
          this.tokens.push(word);
          this.tokenIds.set(word, id);
          this.postings.push(new Int32Column());
          const key = latinSpellingKey(word);
          if (key !== null) {
            const list = this.byLatinKey.get(key);
            if (list) list.push(id);
            else this.byLatinKey.set(key, [id]);
          }
        }
        this.postings[id]!.push(position);
      }
    }
  }

  /** The position of a record id, or -1 (ids are held in increasing order). */
  private positionOf(id: number): number {
    let lo = 0;
    let hi = this.ids.length - 1;
    const ids = this.ids.data;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = ids[mid]!;
      if (v === id) return mid;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** True when the index holds this record. */
  has(id: number): boolean {
    return this.positionOf(id) >= 0;
  }

  /** The first position whose id is greater than `id` (ids are whole numbers). */
  private firstAfter(id: number): number {
    return lowerBound(this.ids.data, this.ids.length, id + 1);
  }

  /** Sets the person of records, given as parallel lists of record ids and person ids. */
  setPersons(recordIds: ArrayLike<number>, personIds: ArrayLike<number>): void {
    this.wholeCounts = [null, null];
    for (let i = 0; i < recordIds.length; i++) {
      const p = this.positionOf(recordIds[i]!);
      if (p < 0) continue;
      this.persons.data[p] = personIds[i]!;
      if (personIds[i]! > this.maxPerson) this.maxPerson = personIds[i]!;
    }
  }

  /** The token ids a folded search word finds (see search-terms.ts), cached until new tokens. */
  private wordTokens(word: string): number[] {
    const cached = this.wordCache.get(word);
    if (cached && cached.tokens === this.tokens.length) return cached.ids;
    const ids = matchWord(this, word).tokenIds;
    if (this.wordCache.size >= wordCacheSize) this.wordCache.clear();
    this.wordCache.set(word, { tokens: this.tokens.length, ids });
    return ids;
  }

  /** A scratch array of marks, one per record, told apart by a generation number. */
  private mark(): { marks: Int32Array; generation: number } {
    if (this.marks.length < this.ids.length) {
      this.marks = new Int32Array(this.ids.data.length);
      this.generation = 0;
    }
    if (++this.generation > 2 ** 30) {
      this.marks.fill(0);
      this.generation = 1;
    }
    return { marks: this.marks, generation: this.generation };
  }

  /**
   * Positions (in id order) of the records holding every word, or null when there are no words
   * (every record qualifies). The rarest word gives the candidates; the others strike out.
   * The result is a view of a posting list or of a scratch array: read it before the next call.
   * (Copying محمد's 158,000 positions for every search cost more than the rest of the search.)
   */
  private candidates(words: readonly string[]): Int32Array | null {
    if (words.length === 0) return null;
    const perWord = [...new Set(words)].map((word) => {
      const tokens = this.wordTokens(word);
      let size = 0;
      for (const t of tokens) size += this.postings[t]!.length;
      return { tokens, size };
    });
    perWord.sort((a, b) => a.size - b.size);
    const rarest = perWord[0]!;
    if (rarest.tokens.length === 0) return new Int32Array(0);
    const scratch = this.scratchFor(rarest.size);
    let list: Int32Array;
    if (rarest.tokens.length === 1) {
      const postings = this.postings[rarest.tokens[0]!]!;
      list = postings.data.subarray(0, this.visibleIn(postings));
    } else {
      // Union of several tokens' records, back in id order by a pass over the marks.
      const { marks, generation } = this.mark();
      for (const t of rarest.tokens) {
        const postings = this.postings[t]!;
        for (let i = 0; i < postings.length; i++) marks[postings.data[i]!] = generation;
      }
      let n = 0;
      for (let p = 0; p < this.visible; p++) if (marks[p] === generation) scratch[n++] = p;
      list = scratch.subarray(0, n);
    }
    // Each word strikes out into the scratch array; after the first, in place (n never passes i).
    for (const other of perWord.slice(1)) {
      let n = 0;
      if (list.length * other.tokens.length * 24 < other.size) {
        // Few candidates left against long postings: look each one up (postings are in order).
        const postings = other.tokens.map((t) => this.postings[t]!);
        for (let i = 0; i < list.length; i++) {
          const p = list[i]!;
          if (postings.some((column) => holds(column.data, column.length, p))) scratch[n++] = p;
        }
      } else {
        const { marks, generation } = this.mark();
        for (const t of other.tokens) {
          const postings = this.postings[t]!;
          for (let i = 0; i < postings.length; i++) marks[postings.data[i]!] = generation;
        }
        for (let i = 0; i < list.length; i++) {
          const p = list[i]!;
          if (marks[p] === generation) scratch[n++] = p;
        }
      }
      list = scratch.subarray(0, n);
      if (n === 0) break;
    }
    return list;
  }

  /** How many positions of a posting list searches see (positions are in increasing order). */
  private visibleIn(postings: Int32Column): number {
    if (this.visible === this.ids.length) return postings.length;
    return lowerBound(postings.data, postings.length, this.visible);
  }

  /** The scratch array of candidates, grown to hold at least `size` positions. */
  private scratchFor(size: number): Int32Array {
    if (this.scratch.length < size)
      this.scratch = new Int32Array(Math.max(size, this.scratch.length * 2));
    return this.scratch;
  }

  /** The conditions every listed or counted record meets whatever the facets (words apart). */
  private commonFilter(q: IndexQuery): CommonFilter {
    let ageAllowed: Uint8Array | null = null;
    if (q.filters.ageBand?.length) {
      const bands = q.filters.ageBand;
      ageAllowed = new Uint8Array(132);
      for (let age = -1; age <= 130; age++) {
        const ok = bands.some((label) =>
          label === null ? age < 0 : age >= 0 && ageBandHolds(label, age),
        );
        ageAllowed[age + 1] = ok ? 1 : 0;
      }
    }
    let persons: Set<number> | null = null;
    if (q.filters.sourceSet?.length) {
      if (!q.sourceSetPersons) throw new Error('give the persons of the source set');
      persons = new Set(q.sourceSetPersons);
    }
    return new CommonFilter(
      q.includeRestricted ? null : this.restrictedFlags.data,
      q.source === undefined ? null : this.dictionaries.source.allowed([q.source]),
      this.columns.source.data,
      this.dictionaries.month.allowed(q.filters.month),
      this.columns.month.data,
      ageAllowed,
      this.ages.data,
      persons,
      this.persons.data,
    );
  }

  /** The facets whose filters are set: their codes and the codes allowed. */
  private facetTests(filters: RecordFilters): FacetTest[] {
    const out: FacetTest[] = [];
    recordFacetNames.forEach((facet, i) => {
      const values = facet === 'source' ? filters.sources : filters[facet];
      const allowed = this.dictionaries[facet].allowed(values);
      if (allowed) out.push({ facet: i, codes: this.columns[facet].data, allowed });
    });
    return out;
  }

  /** Ids of matching records after `afterId`, in id order, at most `limit`. */
  select(q: IndexQuery, afterId: number, limit: number): number[] {
    const candidates = this.candidates(q.filters.words ?? []);
    const common = this.commonFilter(q);
    const facets = this.facetTests(q.filters);
    const out: number[] = [];
    const ids = this.ids.data;
    const after = this.firstAfter(afterId);
    let i = 0;
    let end = this.visible;
    if (candidates) {
      // The first candidate after `afterId`.
      i = lowerBound(candidates, candidates.length, after);
      end = candidates.length;
    } else i = after;
    outer: for (; i < end && out.length < limit; i++) {
      const p = candidates ? candidates[i]! : i;
      if (!common.accepts(p)) continue;
      for (const f of facets) if (f.allowed[f.codes[p]!] !== 1) continue outer;
      out.push(ids[p]!);
    }
    return out;
  }

  /**
   * Facet counts over the matching records, each facet counted under every filter but its own
   * (as countRecordFacets counts them), and the records and distinct persons matching all.
   */
  facetCounts(q: IndexQuery): IndexFacetCounts {
    // The search screen opens on the whole register: those counts are kept until it changes.
    const whole =
      q.source === undefined &&
      Object.values(q.filters).every((v) => !Array.isArray(v) || v.length === 0);
    if (whole) {
      const key = q.includeRestricted ? 1 : 0;
      const kept = this.wholeCounts[key];
      if (kept) return structuredClone(kept);
      const counts = this.countFacets(q);
      this.wholeCounts[key] = counts;
      return structuredClone(counts);
    }
    return this.countFacets(q);
  }

  private countFacets(q: IndexQuery): IndexFacetCounts {
    const candidates = this.candidates(q.filters.words ?? []);
    const common = this.commonFilter(q);
    const tests = this.facetTests(q.filters);
    const codes = recordFacetNames.map((f) => this.columns[f].data);
    // One array of counters, each facet's values from its offset on (see the loop).
    const offsets: number[] = [];
    let width = 0;
    for (const f of recordFacetNames) {
      offsets.push(width);
      width += this.dictionaries[f].values.length;
    }
    const counts = new Int32Array(width);
    const persons = this.persons.data;
    if (this.personMarks.length <= this.maxPerson) {
      this.personMarks = new Int32Array(this.maxPerson + 1);
      this.personGeneration = 0;
    }
    if (++this.personGeneration > 2 ** 30) {
      this.personMarks.fill(0);
      this.personGeneration = 1;
    }
    const personMarks = this.personMarks;
    const generation = this.personGeneration;
    const combinations = this.combinations.data;
    const kinds = this.combinationIds.size;
    if (this.combinationCounts.length < kinds) {
      this.combinationCounts = new Int32Array(kinds * 2);
      this.touched = new Int32Array(kinds * 2);
    }
    const perCombination = this.combinationCounts;
    const touched = this.touched;
    let touchedCount = 0;
    let records = 0;
    let distinctPersons = 0;
    const end = candidates ? candidates.length : this.visible;
    for (let i = 0; i < end; i++) {
      const p = candidates ? candidates[i]! : i;
      if (!common.accepts(p)) continue;
      let failed = -1;
      let failures = 0;
      for (const t of tests) {
        if (t.allowed[t.codes[p]!] !== 1) {
          failed = t.facet;
          if (++failures > 1) break;
        }
      }
      if (failures > 1) continue;
      if (failures === 1) {
        counts[offsets[failed]! + codes[failed]![p]!]!++;
        continue;
      }
      records++;
      const c = combinations[p]!;
      if (perCombination[c]!++ === 0) touched[touchedCount++] = c;
      const person = persons[p]!;
      if (personMarks[person] !== generation) {
        personMarks[person] = generation;
        distinctPersons++;
      }
    }
    // Each combination's records go to its value of every facet; the counters are left at zero.
    const combinationCodes = this.combinationCodes.data;
    const facetCount = recordFacetNames.length;
    for (let k = 0; k < touchedCount; k++) {
      const c = touched[k]!;
      const n = perCombination[c]!;
      perCombination[c] = 0;
      for (let f = 0; f < facetCount; f++)
        counts[offsets[f]! + combinationCodes[c * facetCount + f]!]! += n;
    }
    const facets = {} as Record<RecordFacetName, IndexFacetCount[]>;
    recordFacetNames.forEach((facet, f) => {
      const values = this.dictionaries[facet].values;
      const list: IndexFacetCount[] = [];
      for (let code = 0; code < values.length; code++) {
        const c = counts[offsets[f]! + code]!;
        if (c > 0) list.push({ value: values[code]!, records: c });
      }
      facets[facet] = list;
    });
    return { records, persons: distinctPersons, facets };
  }
}

/** The first of the first `length` values of `sorted` (ascending) not below `value`, or `length`. */
function lowerBound(sorted: Int32Array, length: number, value: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether the first `length` values of `sorted` (ascending) hold `value`. */
function holds(sorted: Int32Array, length: number, value: number): boolean {
  const at = lowerBound(sorted, length, value);
  return at < length && sorted[at] === value;
}

interface FacetTest {
  facet: number;
  codes: Codes;
  allowed: Uint8Array;
}

/** The conditions of a search other than words and facets; null parts do not apply. */
class CommonFilter {
  constructor(
    private readonly restricted: Codes | null,
    private readonly sourceAllowed: Uint8Array | null,
    private readonly sources: Codes,
    private readonly monthAllowed: Uint8Array | null,
    private readonly months: Codes,
    private readonly ageAllowed: Uint8Array | null,
    /** Age + 1, as `ageAllowed` is indexed. */
    private readonly ages: Codes,
    private readonly personSet: Set<number> | null,
    private readonly persons: Int32Array,
  ) {}

  accepts(p: number): boolean {
    if (this.restricted !== null && this.restricted[p] === 1) return false;
    if (this.sourceAllowed !== null && this.sourceAllowed[this.sources[p]!] !== 1) return false;
    if (this.monthAllowed !== null && this.monthAllowed[this.months[p]!] !== 1) return false;
    if (this.ageAllowed !== null && this.ageAllowed[this.ages[p]!] !== 1) return false;
    if (this.personSet !== null && !this.personSet.has(this.persons[p]!)) return false;
    return true;
  }
}

function ageBandHolds(label: string, age: number): boolean {
  const band = ageGroups.find((g) => g.label === label);
  if (!band) throw new Error(`unknown age band ${label}`);
  return age >= band.from && (band.to === null || age <= band.to);
}
