/**
 * Wraps a Latin-script value (an email, a code) in Unicode isolates before it goes into a
 * translated sentence, so an Arabic sentence keeps its order around it.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}
