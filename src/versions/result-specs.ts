import type { FallbackResult, FallbackUsage } from '../types';
import { withPartTags } from './part-tag';
import { knownUsage, type ResultSpec } from './stream-spec';
import type { LanguageModelV1GenerateResult } from './v1-types';

type DeltaContent = { type: string; text?: string };
type Content = FallbackResult['content'][number];

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

/** The text parts joined; undefined when there is none. */
function joinedText(content: readonly DeltaContent[]): string | undefined {
  let text: string | undefined;
  for (const part of content) if (part.type === 'text') text = (text ?? '') + (part.text ?? '');
  return text;
}

/** The result spec of V2, V3 and V4, given how the version spells finish reasons and usage. */
export function deltaResultSpec<
  RESULT extends {
    content: DeltaContent[];
    finishReason: unknown;
    usage: unknown;
    providerMetadata?: Record<string, unknown>;
  },
>(finish: {
  reason(finishReason: never): string | undefined;
  usage(usage: never): FallbackUsage | undefined;
}): ResultSpec<RESULT> {
  const finishReasonOf = (result: RESULT) => finish.reason(result.finishReason as never);
  const usageOf = (result: RESULT) => finish.usage(result.usage as never);
  return {
    hasOutput: result => result.content.some(isAnswer),
    finishReasonOf,
    usageOf,
    textOf: result => joinedText(result.content),
    resultOf: result => ({
      text: joinedText(result.content) ?? '',
      content: result.content as Content[],
      finishReason: finishReasonOf(result),
      usage: usageOf(result),
      providerMetadata: result.providerMetadata,
    }),
    withTags(result, tag) {
      const content = withPartTags(result.content, tag);
      return content === result.content ? result : { ...result, content };
    },
  };
}

type V1Result = LanguageModelV1GenerateResult & Record<string, unknown>;

/** The V1 (AI SDK 4) result: text, reasoning, tool calls, files and sources are separate fields. */
export const v1ResultSpec: ResultSpec<LanguageModelV1GenerateResult> = {
  hasOutput(result) {
    const more = result as V1Result;
    return (
      (result.text ?? '').length > 0 ||
      (typeof more.reasoning === 'string'
        ? more.reasoning.length > 0
        : Array.isArray(more.reasoning) && more.reasoning.length > 0) ||
      [more.toolCalls, more.files, more.sources].some(list => Array.isArray(list) && list.length > 0)
    );
  },
  finishReasonOf: result => result.finishReason,
  usageOf: v1Usage,
  textOf: result => result.text,
  resultOf(result) {
    const more = result as V1Result;
    const content: Content[] = result.text === undefined ? [] : [{ type: 'text', text: result.text }];
    const reasoning = typeof more.reasoning === 'string' ? [{ text: more.reasoning }] : more.reasoning;
    for (const [type, list] of Object.entries({
      reasoning,
      'tool-call': more.toolCalls,
      file: more.files,
      source: more.sources,
    })) {
      if (Array.isArray(list)) for (const item of list) content.push({ ...item, type });
    }
    return {
      text: result.text ?? '',
      content,
      finishReason: result.finishReason,
      usage: v1Usage(result),
      providerMetadata: more.providerMetadata as Record<string, unknown> | undefined,
    };
  },
  // V1 results have no provider metadata per part: nothing to tag.
  withTags: result => result,
};

function v1Usage(result: LanguageModelV1GenerateResult): FallbackUsage | undefined {
  return knownUsage(result.usage?.promptTokens, result.usage?.completionTokens);
}
