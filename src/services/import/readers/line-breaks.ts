/**
 * Counts line breaks in text the way a text editor numbers lines: `\r\n`,
 * a lone `\n` and a lone `\r` (old Mac exports) each end one line.
 */
export function countLineBreaks(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charCodeAt(i);
    if (char === 0x0a) {
      count += 1;
    } else if (char === 0x0d) {
      count += 1;
      if (text.charCodeAt(i + 1) === 0x0a) i += 1;
    }
  }
  return count;
}
