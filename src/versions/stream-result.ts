import type { FallbackResult, FallbackUsage } from '../types';
import type { LanguageModelV1StreamPart } from './v1-types';

type Content = FallbackResult['content'][number];
type Part = { type: string; [key: string]: unknown };

/** Parts that are content as they are sent (everything else is a delta, a marker or metadata). */
const WHOLE_PARTS: ReadonlySet<string> = new Set(['tool-call', 'tool-result', 'file', 'reasoning-file', 'source']);

/**
 * The answer of a V2–V4 stream: text and reasoning deltas joined per block
 * (in the order the blocks opened), whole parts as sent, the finish's reason,
 * usage and metadata.
 */
export function deltaStreamResult(
  parts: readonly Part[],
  finish: { reason(finishReason: never): string | undefined; usage(usage: never): FallbackUsage | undefined },
): FallbackResult {
  const content: Content[] = [];
  const blocks = new Map<string, { type: string; text: string }>();
  const result: FallbackResult = {
    text: '',
    content,
    finishReason: undefined,
    usage: undefined,
    providerMetadata: undefined,
  };
  for (const part of parts) {
    if (part.type === 'text-delta' || part.type === 'reasoning-delta') {
      const type = part.type === 'text-delta' ? 'text' : 'reasoning';
      const key = `${type}:${String(part.id)}`;
      let block = blocks.get(key);
      if (block === undefined) {
        block = { type, text: '' };
        blocks.set(key, block);
        content.push(block);
      }
      block.text += part.delta as string;
      if (type === 'text') result.text += part.delta as string;
    } else if (WHOLE_PARTS.has(part.type)) content.push(part);
    else if (part.type === 'finish') {
      result.finishReason = finish.reason(part.finishReason as never);
      result.usage = finish.usage(part.usage as never);
      result.providerMetadata = part.providerMetadata as Record<string, unknown> | undefined;
    }
  }
  return result;
}

/** The answer of a V1 stream: text and reasoning joined, tool calls, sources and files as sent. */
export function v1StreamResult(
  parts: readonly LanguageModelV1StreamPart[],
  usageOf: (part: LanguageModelV1StreamPart) => FallbackUsage | undefined,
): FallbackResult {
  const content: Content[] = [];
  let text: { type: 'text'; text: string } | undefined;
  let reasoning: { type: 'reasoning'; text: string } | undefined;
  const result: FallbackResult = {
    text: '',
    content,
    finishReason: undefined,
    usage: undefined,
    providerMetadata: undefined,
  };
  for (const part of parts) {
    switch (part.type) {
      case 'text-delta':
        if (text === undefined) {
          text = { type: 'text', text: '' };
          content.push(text);
        }
        text.text += part.textDelta;
        result.text += part.textDelta;
        break;
      case 'reasoning':
        if (reasoning === undefined) {
          reasoning = { type: 'reasoning', text: '' };
          content.push(reasoning);
        }
        reasoning.text += part.textDelta;
        break;
      case 'tool-call':
      case 'file':
        content.push(part);
        break;
      case 'source':
        content.push({ ...part.source, type: 'source' });
        break;
      case 'finish':
        result.finishReason = part.finishReason;
        result.usage = usageOf(part);
        result.providerMetadata = part.providerMetadata;
        break;
      default:
        break;
    }
  }
  return result;
}
