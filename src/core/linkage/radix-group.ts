/**
 * Groups records by a key of a few non-negative integers with a least-significant
 * digit radix sort: a counting sort per 16-bit digit, last component first. No hashing,
 * no comparisons: linear in the number of records, which is what blocking a million
 * records by eight rules (and sampling four more) needs.
 */

/** Records grouped by key: group g is `order[start[g]] … order[start[g + 1] - 1]`. */
export interface Groups {
  readonly order: Int32Array;
  readonly start: Int32Array;
}

const DIGIT = 16;
const BUCKETS = 1 << DIGIT;

/**
 * Groups the records whose `width` key components are written in `keys` (record i's
 * components at `keys[i * stride + c]`, non-negative); records with `present[i] === 0`
 * are left out. Within a group records keep their input order; groups come in key order.
 */
export function radixGroup(
  keys: Int32Array,
  present: Uint8Array,
  width: number,
  stride = 3,
): Groups {
  if (width > 4) throw new Error('keys of at most four components');
  // A key of no components: the rule applied to no record.
  if (width < 1) return { order: new Int32Array(0), start: Int32Array.of(0) };
  const n = present.length;
  let m = 0;
  for (let i = 0; i < n; i++) if (present[i] === 1) m++;
  // Records and their key components move together, so every pass reads in order.
  // Up to four components, each in its own array (kept in locals: this is a hot loop).
  let order = new Int32Array(m);
  let c0 = new Int32Array(m);
  let c1 = new Int32Array(width > 1 ? m : 0);
  let c2 = new Int32Array(width > 2 ? m : 0);
  let c3 = new Int32Array(width > 3 ? m : 0);
  m = 0;
  for (let i = 0; i < n; i++) {
    if (present[i] !== 1) continue;
    order[m] = i;
    c0[m] = keys[i * stride] ?? 0;
    if (width > 1) c1[m] = keys[i * stride + 1] ?? 0;
    if (width > 2) c2[m] = keys[i * stride + 2] ?? 0;
    if (width > 3) c3[m] = keys[i * stride + 3] ?? 0;
    m++;
  }
  let o2 = new Int32Array(m);
  let d0 = new Int32Array(m);
  let d1 = new Int32Array(c1.length);
  let d2 = new Int32Array(c2.length);
  let d3 = new Int32Array(c3.length);
  const count = new Int32Array(BUCKETS + 1);
  for (let c = width - 1; c >= 0; c--) {
    for (let shift = 0; shift < 32; shift += DIGIT) {
      const digits = c === 0 ? c0 : c === 1 ? c1 : c === 2 ? c2 : c3;
      if (shift > 0) {
        let high = false;
        for (let k = 0; k < m && !high; k++) high = (digits[k] ?? 0) >>> shift !== 0;
        if (!high) break;
      }
      count.fill(0);
      for (let k = 0; k < m; k++) {
        const d = ((digits[k] ?? 0) >>> shift) & (BUCKETS - 1);
        count[d + 1] = (count[d + 1] ?? 0) + 1;
      }
      for (let d = 0; d < BUCKETS; d++) count[d + 1] = (count[d + 1] ?? 0) + (count[d] ?? 0);
      for (let k = 0; k < m; k++) {
        const d = ((digits[k] ?? 0) >>> shift) & (BUCKETS - 1);
        const to = count[d] ?? 0;
        count[d] = to + 1;
        o2[to] = order[k] ?? 0;
        d0[to] = c0[k] ?? 0;
        if (width > 1) d1[to] = c1[k] ?? 0;
        if (width > 2) d2[to] = c2[k] ?? 0;
        if (width > 3) d3[to] = c3[k] ?? 0;
      }
      [order, o2] = [o2, order];
      [c0, d0] = [d0, c0];
      [c1, d1] = [d1, c1];
      [c2, d2] = [d2, c2];
      [c3, d3] = [d3, c3];
    }
  }
  // Group boundaries: where the key changes.
  const starts: number[] = [];
  for (let k = 0; k < m; k++) {
    const same =
      k > 0 &&
      c0[k] === c0[k - 1] &&
      (width < 2 || c1[k] === c1[k - 1]) &&
      (width < 3 || c2[k] === c2[k - 1]) &&
      (width < 4 || c3[k] === c3[k - 1]);
    if (!same) starts.push(k);
  }
  starts.push(m);
  return { order, start: Int32Array.from(starts) };
}

/** The group number of each record (-1 for records left out), from `radixGroup`'s result. */
export function groupNumbers(groups: Groups, count: number): Int32Array {
  const out = new Int32Array(count).fill(-1);
  for (let g = 0; g + 1 < groups.start.length; g++)
    for (let k = groups.start[g] ?? 0; k < (groups.start[g + 1] ?? 0); k++)
      out[groups.order[k] ?? 0] = g;
  return out;
}
