/** Cuts text at the given positions (sorted, within the text) into chunks, as a stream would. */
export function cutText(text: string, positions: readonly number[]): string[] {
  const chunks: string[] = [];
  let start = 0;
  for (const position of positions) {
    chunks.push(text.slice(start, position));
    start = position;
  }
  chunks.push(text.slice(start));
  return chunks;
}
