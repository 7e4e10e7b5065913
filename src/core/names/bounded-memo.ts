/**
 * Memoises a function of one string in a map that is emptied when it grows past
 * `max` entries. Name tokens repeat endlessly in casualty lists (a million records
 * hold tens of thousands of distinct tokens), so per-token work is done once per token;
 * the bound keeps memory flat on inputs that never repeat.
 */
export function boundedMemo<T>(fn: (s: string) => T, max = 100_000): (s: string) => T {
  const cache = new Map<string, T>();
  return (s) => {
    let v = cache.get(s);
    if (v === undefined) {
      if (cache.size >= max) cache.clear();
      v = fn(s);
      cache.set(s, v);
    }
    return v;
  };
}
