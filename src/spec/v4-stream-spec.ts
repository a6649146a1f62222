import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { deltaStreamSpec } from './delta-stream-spec';

/** The V4 (AI SDK 7) stream: finish reasons are `{ unified, raw }`, usage is split by token kind. */
export const v4StreamSpec = deltaStreamSpec<LanguageModelV4StreamPart>({
  isError: reason => reason.unified === 'error',
  errorReason: { unified: 'error', raw: undefined },
  unknownUsage: {
    inputTokens: { total: undefined, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: undefined, text: undefined, reasoning: undefined },
  },
});
