/**
 * Finds a pair among candidate pairs (sorted by left then right record) in a few steps:
 * clustering and attachment weigh pairs across clusters, and most of those were
 * candidates already scored, so their weights are looked up rather than compared again.
 */
export interface PairIndex {
  /** The position of pair (a, b) in the candidates, or -1. */
  find(a: number, b: number): number;
}

export function pairIndex(recordCount: number, left: Uint32Array, right: Uint32Array): PairIndex {
  const first = new Int32Array(recordCount + 1);
  for (let p = 0; p < left.length; p++) {
    const a = left[p] ?? 0;
    first[a + 1] = (first[a + 1] ?? 0) + 1;
  }
  for (let i = 0; i < recordCount; i++) first[i + 1] = (first[i + 1] ?? 0) + (first[i] ?? 0);
  return {
    find(a, b) {
      const lo = a < b ? a : b;
      const hi = a < b ? b : a;
      if (lo < 0 || hi >= recordCount) return -1;
      let from = first[lo] ?? 0;
      let to = first[lo + 1] ?? 0;
      while (from < to) {
        const mid = (from + to) >>> 1;
        const r = right[mid] ?? 0;
        if (r === hi) return mid;
        if (r < hi) from = mid + 1;
        else to = mid;
      }
      return -1;
    },
  };
}
