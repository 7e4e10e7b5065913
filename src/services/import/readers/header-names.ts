/**
 * Turns the raw header cells of a table into unique, non-empty column names.
 *
 * Header cells are trimmed (spreadsheet exports often pad them), an empty cell
 * becomes `column_N` (N = 1-based column position) and a repeated name gets a
 * numeric suffix (`name`, `name_2`, `name_3`). The result depends only on the
 * input, so the same file always maps to the same column names.
 */
export function normalizeHeaderNames(rawHeaders: readonly string[]): string[] {
  const used = new Set<string>();
  return rawHeaders.map((raw, index) => {
    const base = raw.trim() === '' ? `column_${index + 1}` : raw.trim();
    let name = base;
    for (let suffix = 2; used.has(name); suffix += 1) {
      name = `${base}_${suffix}`;
    }
    used.add(name);
    return name;
  });
}
