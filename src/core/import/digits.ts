import { fail, ok, type ParseResult } from './parse-result.js';

const ARABIC_INDIC_ZERO = 0x0660;
const EXTENDED_ARABIC_INDIC_ZERO = 0x06f0;

/**
 * Converts Arabic-Indic (٠-٩) and Persian/Extended Arabic-Indic (۰-۹) digits to ASCII, the
 * Arabic decimal separator ٫ to '.', and drops the Arabic thousands separator ٬.
 * Everything else is left as it is.
 */
export function toAsciiDigits(text: string): string {
  return text.replace(/[\u0660-\u066c\u06f0-\u06f9]/g, (ch) => {
    const code = ch.charCodeAt(0);
    if (code === 0x066b) return '.';
    if (code === 0x066c) return '';
    if (code >= EXTENDED_ARABIC_INDIC_ZERO) return String(code - EXTENDED_ARABIC_INDIC_ZERO);
    if (code <= 0x0669) return String(code - ARABIC_INDIC_ZERO);
    // U+066A (percent sign) is in the range but is not a digit.
    return ch;
  });
}

/**
 * Removes invisible formatting characters (bidi marks and isolates, zero-width characters,
 * soft hyphens, stray BOMs). Arabic spreadsheets and word processors put them around numbers
 * and dates, where they are invisible to the person reading the error message.
 */
export function stripInvisibles(text: string): string {
  return text.replace(/[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, '');
}

/**
 * Parses a whole number as typed or exported: surrounding spaces, Arabic digits, grouping
 * commas ("1,234") and a zero fraction from Excel ("12.0") are accepted; fractions, text and
 * empty cells are rejected with a reason.
 */
export function parseInteger(text: string): ParseResult<number> {
  // U+2212 MINUS SIGN is what Persian-locale number formatting writes.
  const cleaned = toAsciiDigits(stripInvisibles(text))
    .replace(/\u2212/g, '-')
    .trim();
  if (cleaned === '') return fail('empty: expected a whole number', 'empty_number');
  const match = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/.exec(cleaned);
  if (!match) return fail(`"${text.trim()}" is not a whole number`, 'not_whole_number');
  const [, sign = '', whole = '', fraction] = match;
  if (fraction !== undefined) {
    if (/[^0]/.test(fraction))
      return fail(`"${text.trim()}" is not a whole number`, 'not_whole_number');
    // "1.000" is a thousand in much of Europe and one in Excel: refuse to guess.
    if (fraction.length === 3) {
      return fail(
        `"${text.trim()}" is ambiguous: '.' may be a thousands separator`,
        'ambiguous_decimal',
      );
    }
  }
  const value = Number(sign + whole.replace(/,/g, ''));
  if (!Number.isSafeInteger(value))
    return fail(`"${text.trim()}" is too large`, 'number_too_large');
  // Avoid -0, which prints as 0 but is not === 0 under Object.is.
  return ok(value === 0 ? 0 : value);
}
