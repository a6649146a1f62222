/**
 * The answer a fake model gives for the `'ok'` step.
 *
 * Deterministic per model, so a test can tell which model answered just from the text.
 * Streams deliver it as small word pieces whose concatenation equals this string exactly.
 */
export function canonicalAnswer(model: string): string {
  return `Hello from ${model}. This is the complete answer, in several small tokens.`;
}

// Up to four non-space characters with their leading whitespace: small enough that every
// answer spans many chunks, so "after N tokens" faults land mid-answer.
const TOKEN_PATTERN = /\s*\S{1,4}|\s+$/g;

/** Splits text into the content deltas a stream sends; joining them gives back `text`. */
export function splitIntoTokens(text: string): string[] {
  const tokens = text.match(TOKEN_PATTERN) ?? [];
  return tokens.join('') === text ? tokens : [text];
}
