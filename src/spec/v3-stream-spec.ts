import type { LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { deltaStreamSpec } from './delta-stream-spec';

/** The V3 (AI SDK 6) stream: the V4 shapes (`{ unified, raw }` finish reasons, split usage) without reasoning files. */
export const v3StreamSpec = deltaStreamSpec<LanguageModelV3StreamPart>({
  isError: reason => reason.unified === 'error',
  errorReason: { unified: 'error', raw: undefined },
  unknownUsage: {
    inputTokens: { total: undefined, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: undefined, text: undefined, reasoning: undefined },
  },
});
