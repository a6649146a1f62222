import type { LanguageModelV2, LanguageModelV2CallOptions, LanguageModelV2StreamPart } from '@ai-sdk/provider';
import { deltaResultSpec } from './result-specs';
import { V2_FINISH, v2StreamSpec } from './v2-stream-spec';
import { deltaSpecAdapter } from './v2-v4-adapter';

/** LanguageModelV2 (AI SDK 5): V4's call options without `reasoning`; string finish reasons, flat usage. */
export const v2Adapter = deltaSpecAdapter<
  LanguageModelV2,
  LanguageModelV2CallOptions,
  Awaited<ReturnType<LanguageModelV2['doGenerate']>>,
  LanguageModelV2StreamPart,
  Awaited<ReturnType<LanguageModelV2['doStream']>>
>({ version: 'v2', stream: v2StreamSpec, result: deltaResultSpec(V2_FINISH), unsupportedSettings: ['reasoning'] });
