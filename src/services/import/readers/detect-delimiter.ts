/** Delimiters tried by {@link detectDelimiter}, in tie-breaking order. */
export const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'] as const;

/**
 * Guesses the CSV delimiter from the header line: the candidate that occurs
 * most often outside quotes wins, ties going to the earlier candidate in
 * {@link CANDIDATE_DELIMITERS}. Header names rarely contain these characters,
 * while Arabic-locale Excel exports use `;` and many tools export tabs.
 * A header without any candidate is a one-column file, read with `,`.
 */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>(CANDIDATE_DELIMITERS.map((d) => [d, 0]));
  let inQuotes = false;
  for (const char of headerLine) {
    if (char === '"') {
      inQuotes = !inQuotes;
    } else if (!inQuotes && counts.has(char)) {
      counts.set(char, (counts.get(char) ?? 0) + 1);
    }
  }
  let best: string = CANDIDATE_DELIMITERS[0];
  let bestCount = 0;
  for (const [delimiter, count] of counts) {
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Finds the first non-blank line of CSV text, treating line breaks inside
 * quotes as part of the line. Returns null when `text` may not yet hold the
 * whole line (no line break seen and `complete` is false).
 */
export function firstCsvLine(text: string, complete: boolean): string | null {
  let start = 0;
  let inQuotes = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (char === '"') {
      inQuotes = !inQuotes;
    } else if (!inQuotes && (char === '\r' || char === '\n')) {
      const line = text.slice(start, i);
      if (line.trim() !== '') return line;
      start = i + 1;
    }
  }
  if (!complete) return null;
  const last = text.slice(start);
  return last.trim() === '' ? '' : last;
}
