import type { FallbackUsage } from '../types';
import { withPartTags } from './part-tag';
import { knownUsage, type ResultSpec } from './stream-spec';
import type { LanguageModelV1GenerateResult } from './v1-types';

type DeltaContent = { type: string; text?: string };

/** Content a V2–V4 result counts as an answer: what a stream's commit point and sources count. */
function isAnswer(part: DeltaContent): boolean {
  switch (part.type) {
    case 'text':
    case 'reasoning':
      return (part.text ?? '').length > 0;
    default:
      // Tool calls and results, files, reasoning files, sources, and content kinds added later.
      return true;
  }
}

/** The result spec of V2, V3 and V4, given how the version spells finish reasons and usage. */
export function deltaResultSpec<
  RESULT extends { content: DeltaContent[]; finishReason: unknown; usage: unknown },
>(finish: {
  reason(finishReason: never): string | undefined;
  usage(usage: never): FallbackUsage | undefined;
}): ResultSpec<RESULT> {
  return {
    hasOutput: result => result.content.some(isAnswer),
    finishReasonOf: result => finish.reason(result.finishReason as never),
    usageOf: result => finish.usage(result.usage as never),
    withTags(result, tag) {
      const content = withPartTags(result.content, tag);
      return content === result.content ? result : { ...result, content };
    },
  };
}

/** The V1 (AI SDK 4) result: text, reasoning, tool calls, files and sources are separate fields. */
export const v1ResultSpec: ResultSpec<LanguageModelV1GenerateResult> = {
  hasOutput(result) {
    const more = result as LanguageModelV1GenerateResult & Record<string, unknown>;
    return (
      (result.text ?? '').length > 0 ||
      (typeof more.reasoning === 'string'
        ? more.reasoning.length > 0
        : Array.isArray(more.reasoning) && more.reasoning.length > 0) ||
      [more.toolCalls, more.files, more.sources].some(list => Array.isArray(list) && list.length > 0)
    );
  },
  finishReasonOf: result => result.finishReason,
  usageOf: result => knownUsage(result.usage?.promptTokens, result.usage?.completionTokens),
  // V1 results have no provider metadata per part: nothing to tag.
  withTags: result => result,
};
