import type { LanguageModelV2StreamPart } from '@ai-sdk/provider';
import { knownUsage } from './stream-spec';
import { deltaStreamSpec } from './v2-v4-stream-spec';

/** The finish of V2: plain string reasons, flat usage. */
export const V2_FINISH = {
  reason: (reason: string | undefined) => reason,
  usage: (usage: { inputTokens?: number; outputTokens?: number } | undefined) =>
    knownUsage(usage?.inputTokens, usage?.outputTokens),
  errorReason: 'error' as const,
  unknownUsage: { inputTokens: undefined, outputTokens: undefined, totalTokens: undefined },
};

/** The V2 (AI SDK 5) stream: finish reasons are plain strings, usage is flat. */
export const v2StreamSpec = deltaStreamSpec<LanguageModelV2StreamPart>(V2_FINISH);
