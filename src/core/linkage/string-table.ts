/**
 * Interned strings of one linkage run (name tokens, skeletons, places). Records refer to
 * strings by id; comparison reads the UTF-16 code units of the frozen table, so worker
 * threads get the whole table as two typed arrays instead of millions of strings.
 * Id 0 is always the empty string.
 */

/** A frozen string table: string `k` is `codes[offsets[k]] … codes[offsets[k + 1] - 1]`. */
export interface StringCodes {
  readonly count: number;
  readonly offsets: Int32Array;
  readonly codes: Uint16Array;
}

/** Builds a string table, assigning ids on first sight. */
export class StringTable {
  private readonly ids = new Map<string, number>([['', 0]]);
  private readonly strings: string[] = [''];

  /** The id of `s`, assigned on first sight. */
  id(s: string): number {
    let k = this.ids.get(s);
    if (k === undefined) {
      k = this.strings.length;
      this.ids.set(s, k);
      this.strings.push(s);
    }
    return k;
  }

  /** The id of `s`, or -1 when it was never interned. */
  find(s: string): number {
    return this.ids.get(s) ?? -1;
  }

  /** The string of `id`. */
  text(id: number): string {
    return this.strings[id] ?? '';
  }

  /** Every string, by id. */
  all(): string[] {
    return [...this.strings];
  }

  get size(): number {
    return this.strings.length;
  }

  /** The table as code units (a snapshot: ids assigned later are not in it). */
  freeze(): StringCodes {
    const offsets = new Int32Array(this.strings.length + 1);
    let total = 0;
    for (let k = 0; k < this.strings.length; k++) {
      offsets[k] = total;
      total += (this.strings[k] ?? '').length;
    }
    offsets[this.strings.length] = total;
    const codes = new Uint16Array(total);
    let at = 0;
    for (const s of this.strings) for (let i = 0; i < s.length; i++) codes[at++] = s.charCodeAt(i);
    return { count: this.strings.length, offsets, codes };
  }
}

/** The string of `id` in a frozen table (for explanations and tests, not hot loops). */
export function stringAt(table: StringCodes, id: number): string {
  const from = table.offsets[id] ?? 0;
  const to = table.offsets[id + 1] ?? from;
  return String.fromCharCode(...table.codes.subarray(from, to));
}
