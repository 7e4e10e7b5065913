/** One combination of sources and how many persons exactly those sources recorded. */
export interface CaptureHistory {
  /** Source slugs that recorded these persons, in the order of the table's columns. */
  sources: readonly string[];
  count: number;
}

/**
 * Writes capture histories as CSV: one 0/1 column per source and a `count` column, rows ordered
 * by pattern with the first source as the lowest bit (the layout of the Kosovo table that the
 * estimators read, see parseCaptureCsv).
 */
export function formatCaptureCsv(
  sources: readonly string[],
  histories: readonly CaptureHistory[],
): string {
  // Patterns are 31-bit masks; the estimators take at most six lists anyway.
  if (sources.length > 30) throw new Error('a capture table can have at most 30 sources');
  for (const s of sources) {
    if (s.toLowerCase() === 'count')
      throw new Error('a source named "count" would clash with the count column');
    if (/[",\r\n]/.test(s)) throw new Error(`source "${s}" cannot be a CSV column name`);
  }
  const rows = histories
    .filter((h) => h.count > 0)
    .map((h) => {
      let pattern = 0;
      for (const s of h.sources) {
        const j = sources.indexOf(s);
        if (j < 0) throw new Error(`source "${s}" is not among the table's columns`);
        pattern |= 1 << j;
      }
      return { pattern, count: h.count };
    })
    .sort((a, b) => a.pattern - b.pattern);
  const lines = [[...sources, 'count'].join(',')];
  for (const r of rows)
    lines.push([...sources.map((_, j) => ((r.pattern >> j) & 1 ? '1' : '0')), r.count].join(','));
  return lines.join('\n') + '\n';
}
