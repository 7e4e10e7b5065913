/**
 * A hash map from pairs of non-negative 32-bit integers to a number, in one typed array
 * (open addressing, linear probing). Linkage looks up lineage frequencies by pairs of
 * interned ids millions of times: a JavaScript Map would hash a boxed double per lookup,
 * and could not be handed to a worker thread without cloning it. A slot holds its key,
 * value and dense id side by side, so a lookup touches one cache line. Each pair's dense
 * id (0, 1, 2, … in order of first sight) stays put when the table grows.
 */
export interface IntPairTable {
  /** SLOT numbers per slot: key a (-1 for a free slot), key b, value, dense id. */
  readonly slots: Float64Array;
  /** Slot count minus one (slot counts are powers of two). */
  readonly mask: number;
}

/** Numbers per slot. */
const SLOT = 4;

function hash(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 13)) >>> 0;
}

/** The slot of (a, b), or -1 when absent. */
export function findSlot(t: IntPairTable, a: number, b: number): number {
  const slots = t.slots;
  let s = hash(a, b) & t.mask;
  for (;;) {
    const ka = slots[s * SLOT] ?? -1;
    if (ka === -1) return -1;
    if (ka === a && slots[s * SLOT + 1] === b) return s;
    s = (s + 1) & t.mask;
  }
}

/** The value in slot `s`. */
export function slotValue(t: IntPairTable, s: number): number {
  return t.slots[s * SLOT + 2] ?? 0;
}

/** The dense id of the pair in slot `s`. */
export function slotId(t: IntPairTable, s: number): number {
  return t.slots[s * SLOT + 3] ?? -1;
}

/** The value of (a, b), or `fallback` when absent. */
export function lookup(t: IntPairTable, a: number, b: number, fallback: number): number {
  const s = findSlot(t, a, b);
  return s < 0 ? fallback : slotValue(t, s);
}

/** Calls `visit` for every pair in the table; `visit` may return a new value for it. */
export function updateEach(
  t: IntPairTable,
  visit: (a: number, b: number, value: number, id: number) => number,
): void {
  const slots = t.slots;
  for (let s = 0; s <= t.mask; s++) {
    const a = slots[s * SLOT] ?? -1;
    if (a === -1) continue;
    slots[s * SLOT + 2] = visit(
      a,
      slots[s * SLOT + 1] ?? 0,
      slots[s * SLOT + 2] ?? 0,
      slots[s * SLOT + 3] ?? 0,
    );
  }
}

/** A growable map while building; `table` is the current (final once building stops) table. */
export class IntPairMap {
  private slots: Float64Array;
  private mask: number;
  private used = 0;

  constructor(expected = 1024) {
    let size = 16;
    while (size < expected * 2) size *= 2;
    this.slots = emptySlots(size);
    this.mask = size - 1;
  }

  get table(): IntPairTable {
    return { slots: this.slots, mask: this.mask };
  }

  get size(): number {
    return this.used;
  }

  /** The slot of (a, b), inserting it (value 0) when absent. */
  slot(a: number, b: number): number {
    let s = hash(a, b) & this.mask;
    for (;;) {
      const ka = this.slots[s * SLOT] ?? -1;
      if (ka === -1) break;
      if (ka === a && this.slots[s * SLOT + 1] === b) return s;
      s = (s + 1) & this.mask;
    }
    if ((this.used + 1) * 2 > this.mask + 1) {
      this.grow();
      s = hash(a, b) & this.mask;
      while ((this.slots[s * SLOT] ?? -1) !== -1) s = (s + 1) & this.mask;
    }
    this.slots[s * SLOT] = a;
    this.slots[s * SLOT + 1] = b;
    this.slots[s * SLOT + 2] = 0;
    this.slots[s * SLOT + 3] = this.used++;
    return s;
  }

  /** A dense id (0, 1, 2, … in order of first sight) of the pair (a, b). */
  denseId(a: number, b: number): number {
    // The slot first: inserting may grow (replace) the array.
    const s = this.slot(a, b);
    return this.slots[s * SLOT + 3] ?? -1;
  }

  /** Adds `by` to the value of (a, b). */
  add(a: number, b: number, by: number): void {
    const s = this.slot(a, b);
    this.slots[s * SLOT + 2] = (this.slots[s * SLOT + 2] ?? 0) + by;
  }

  private grow(): void {
    const old = this.slots;
    const size = (this.mask + 1) * 2;
    this.slots = emptySlots(size);
    this.mask = size - 1;
    for (let s = 0; s < old.length; s += SLOT) {
      const a = old[s] ?? -1;
      if (a === -1) continue;
      const b = old[s + 1] ?? 0;
      let d = hash(a, b) & this.mask;
      while ((this.slots[d * SLOT] ?? -1) !== -1) d = (d + 1) & this.mask;
      this.slots.set(old.subarray(s, s + SLOT), d * SLOT);
    }
  }
}

function emptySlots(size: number): Float64Array {
  const slots = new Float64Array(size * SLOT);
  for (let s = 0; s < size; s++) slots[s * SLOT] = -1;
  return slots;
}
