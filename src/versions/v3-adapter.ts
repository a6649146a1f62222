import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamPart,
  LanguageModelV3StreamResult,
} from '@ai-sdk/provider';
import { deltaResultSpec } from './result-specs';
import { deltaSpecAdapter } from './v2-v4-adapter';
import { UNIFIED_FINISH } from './v2-v4-stream-spec';
import { v3StreamSpec } from './v3-stream-spec';

/** LanguageModelV3 (AI SDK 6): V4's call options without `reasoning`. */
export const v3Adapter = deltaSpecAdapter<
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamPart,
  LanguageModelV3StreamResult
>({ version: 'v3', stream: v3StreamSpec, result: deltaResultSpec(UNIFIED_FINISH), unsupportedSettings: ['reasoning'] });
