import type { CaptureHistory } from './capture-csv.js';

/** What the capture histories say about one source. */
export interface SourceOverlap {
  source: string;
  /** Persons the source recorded. */
  persons: number;
  /** Persons no other source recorded. */
  onlyHere: number;
}

export interface PairOverlap {
  sources: [string, string];
  /** Persons both recorded, whether or not others did too. */
  persons: number;
}

export interface OverlapSummary {
  /** Unique persons over all the sources. */
  persons: number;
  sources: SourceOverlap[];
  /** Every pair of sources, in the order given, including pairs that share nobody. */
  pairs: PairOverlap[];
}

/**
 * Derives per-source and pairwise figures from the capture histories, so that every figure of a
 * comparison comes from the same persons and adds up (persons = sum of the histories).
 */
export function summariseCaptures(
  sources: readonly string[],
  histories: readonly CaptureHistory[],
): OverlapSummary {
  const index = new Map(sources.map((s, i) => [s, i]));
  const persons = sources.map(() => 0);
  const only = sources.map(() => 0);
  const pair = sources.map(() => sources.map(() => 0));
  let total = 0;
  for (const h of histories) {
    total += h.count;
    const at = [...new Set(h.sources)]
      .map((s) => index.get(s))
      .filter((i): i is number => i !== undefined);
    for (const i of at) persons[i] = (persons[i] ?? 0) + h.count;
    if (at.length === 1) only[at[0]!] = (only[at[0]!] ?? 0) + h.count;
    for (const i of at) for (const j of at) if (i < j) pair[i]![j] = (pair[i]![j] ?? 0) + h.count;
  }
  const pairs: PairOverlap[] = [];
  for (let i = 0; i < sources.length; i++)
    for (let j = i + 1; j < sources.length; j++)
      pairs.push({ sources: [sources[i]!, sources[j]!], persons: pair[i]![j] ?? 0 });
  return {
    persons: total,
    sources: sources.map((source, i) => ({
      source,
      persons: persons[i] ?? 0,
      onlyHere: only[i] ?? 0,
    })),
    pairs,
  };
}
