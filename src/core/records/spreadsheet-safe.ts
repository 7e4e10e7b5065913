/**
 * Spreadsheet programs run a cell that starts with = + - @ (or a tab or carriage return) as a
 * formula: a list exported from the register must not carry an attack to whoever opens it
 * (OWASP "CSV injection"). Such cells get a leading apostrophe, which spreadsheets hide.
 */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
