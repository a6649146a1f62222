import type { LanguageModelV2StreamPart } from '@ai-sdk/provider';
import { deltaStreamSpec } from './v2-v4-stream-spec';

/** The V2 (AI SDK 5) stream: finish reasons are plain strings, usage is flat. */
export const v2StreamSpec = deltaStreamSpec<LanguageModelV2StreamPart>({
  isError: reason => reason === 'error',
  errorReason: 'error',
  unknownUsage: { inputTokens: undefined, outputTokens: undefined, totalTokens: undefined },
});
