import { partStrings, partsOf, type PreparedRecord } from './link-record.js';

/**
 * Prepared records in columnar form, for handing to worker threads, processes or
 * machines: every distinct string once in `strings`, everything else in typed
 * arrays whose buffers can be transferred (or shared) instead of cloning tens of
 * thousands of small objects.
 */
export interface ColumnarRecords {
  readonly count: number;
  /** Distinct strings; records refer to them by index. */
  readonly strings: readonly string[];
  /** RECORD_STRIDE integers per record (see `encodeRecords`). */
  readonly fixed: Int32Array;
  /** String indices of tokens, skeletons and alternates, pointed into by `fixed`. */
  readonly lists: Int32Array;
}

/** Integers per record in `fixed`. */
const RECORD_STRIDE = 20;
/** Where the ten interned name ids sit in a record's integers. */
const NAME_IDS_AT = 10;

/** Encodes prepared records into columns (the inverse of `decodeRecords`). */
export function encodeRecords(records: readonly PreparedRecord[]): ColumnarRecords {
  const ids = new Map<string, number>();
  const strings: string[] = [];
  const id = (s: string): number => {
    let k = ids.get(s);
    if (k === undefined) {
      k = strings.length;
      strings.push(s);
      ids.set(s, k);
    }
    return k;
  };
  const fixed = new Int32Array(records.length * RECORD_STRIDE);
  let listLength = 0;
  for (const r of records) listLength += r.tokens.length * 2 + r.alternates.length;
  const lists = new Int32Array(listLength);
  let at = 0;
  records.forEach((r, i) => {
    const o = i * RECORD_STRIDE;
    fixed[o] = r.script;
    fixed[o + 1] = (r.kunya ? 1 : 0) | (r.idValid ? 2 : 0) | (r.placeholderName ? 4 : 0);
    fixed[o + 2] = r.sex;
    fixed[o + 3] = r.birth;
    fixed[o + 4] = r.age;
    fixed[o + 5] = id(r.idNumber);
    fixed[o + 6] = id(r.place);
    fixed[o + 7] = at;
    fixed[o + 8] = r.tokens.length;
    fixed[o + 9] = r.alternates.length;
    // Interned ids travel as they are: frequencies sent along are indexed by them.
    r.nameIds.forEach((v, k) => (fixed[o + NAME_IDS_AT + k] = v));
    for (const t of r.tokens) lists[at++] = id(t);
    r.tokens.forEach((_, k) => (lists[at++] = id(r.skeletons[k] ?? '')));
    for (const a of r.alternates) lists[at++] = id(a);
  });
  return { count: records.length, strings, fixed, lists };
}

/** Rebuilds prepared records from columns. */
export function decodeRecords(c: ColumnarRecords): PreparedRecord[] {
  const out: PreparedRecord[] = new Array<PreparedRecord>(c.count);
  const str = (k: number): string => c.strings[k] ?? '';
  for (let i = 0; i < c.count; i++) {
    const o = i * RECORD_STRIDE;
    const flags = c.fixed[o + 1] ?? 0;
    const start = c.fixed[o + 7] ?? 0;
    const n = c.fixed[o + 8] ?? 0;
    const nAlt = c.fixed[o + 9] ?? 0;
    const tokens: string[] = [];
    const skeletons: string[] = [];
    const alternates: string[] = [];
    for (let k = 0; k < n; k++) tokens.push(str(c.lists[start + k] ?? 0));
    for (let k = 0; k < n; k++) skeletons.push(str(c.lists[start + n + k] ?? 0));
    for (let k = 0; k < nAlt; k++) alternates.push(str(c.lists[start + 2 * n + k] ?? 0));
    const kunya = (flags & 1) !== 0;
    const nameParts = partsOf(tokens, kunya);
    const skeletonParts = partsOf(skeletons, kunya);
    out[i] = {
      script: c.fixed[o] ?? 0,
      tokens,
      skeletons,
      alternates,
      kunya,
      nameParts,
      skeletonParts,
      nameIds: Array.from(c.fixed.subarray(o + NAME_IDS_AT, o + NAME_IDS_AT + 10)),
      nameStrings: partStrings(nameParts, skeletonParts),
      sex: c.fixed[o + 2] ?? 0,
      birth: c.fixed[o + 3] ?? 0,
      age: c.fixed[o + 4] ?? 0,
      idNumber: str(c.fixed[o + 5] ?? 0),
      idValid: (flags & 2) !== 0,
      place: str(c.fixed[o + 6] ?? 0),
      placeholderName: (flags & 4) !== 0,
    };
  }
  return out;
}
