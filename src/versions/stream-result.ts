import type { FallbackResult, FallbackUsage } from '../types';

type Content = FallbackResult['content'][number];

/** How one spec's stream part adds to an answer: text, reasoning, a whole content part, or its finish. */
export type AnswerPiece =
  | { text: string }
  | { reasoning: string }
  | { content: Content }
  | { finishReason: string | undefined; usage: FallbackUsage | undefined; providerMetadata: unknown }
  | undefined;

/**
 * The answer of a stream held to its finish: its text deltas joined (and
 * its reasoning), its other output parts as sent, and its finish's reason,
 * usage and metadata.
 */
export function streamResult<PART>(parts: readonly PART[], pieceOf: (part: PART) => AnswerPiece): FallbackResult {
  const content: Content[] = [];
  const result: FallbackResult = {
    text: '',
    content,
    finishReason: undefined,
    usage: undefined,
    providerMetadata: undefined,
  };
  let text: { type: 'text'; text: string } | undefined;
  let reasoning: { type: 'reasoning'; text: string } | undefined;
  for (const part of parts) {
    const piece = pieceOf(part);
    if (piece === undefined) continue;
    if ('text' in piece) {
      if (text === undefined) {
        text = { type: 'text', text: '' };
        content.push(text);
      }
      text.text += piece.text;
      result.text += piece.text;
    } else if ('reasoning' in piece) {
      if (reasoning === undefined) {
        reasoning = { type: 'reasoning', text: '' };
        content.push(reasoning);
      }
      reasoning.text += piece.reasoning;
    } else if ('content' in piece) content.push(piece.content);
    else {
      result.finishReason = piece.finishReason;
      result.usage = piece.usage;
      result.providerMetadata = piece.providerMetadata as FallbackResult['providerMetadata'];
    }
  }
  return result;
}
