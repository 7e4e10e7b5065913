// Match flags reused across calls: names are short, and comparison runs millions of times.
let matchedA = new Uint8Array(64);
let matchedB = new Uint8Array(64);

/**
 * Jaro–Winkler similarity in [0, 1] of the first `la` code units of `a` and the first
 * `lb` of `b` (UTF-16 code units: Arabic letters are single code units). Suited to
 * names: typos near the end cost less than at the start.
 */
export function jaroWinklerCodes(a: Uint16Array, la: number, b: Uint16Array, lb: number): number {
  if (la === 0 || lb === 0) return la === lb ? 1 : 0;
  if (la > matchedA.length || lb > matchedB.length) {
    matchedA = new Uint8Array(Math.max(la, lb) * 2);
    matchedB = new Uint8Array(Math.max(la, lb) * 2);
  }
  matchedA.fill(0, 0, la);
  matchedB.fill(0, 0, lb);
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(lb - 1, i + window);
    const ca = a[i];
    for (let j = lo; j <= hi; j++) {
      if (matchedB[j] === 0 && b[j] === ca) {
        matchedA[i] = 1;
        matchedB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (matchedA[i] === 0) continue;
    while (matchedB[k] === 0) k++;
    if (a[i] !== b[k]) transpositions++;
    k++;
  }
  const m = matches;
  const jaro = (m / la + m / lb + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  const maxPrefix = Math.min(4, la, lb);
  while (prefix < maxPrefix && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** Jaro–Winkler similarity of two strings (see `jaroWinklerCodes`). */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  return jaroWinklerCodes(codesOf(a), a.length, codesOf(b), b.length);
}

function codesOf(s: string): Uint16Array {
  const out = new Uint16Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
