import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamPart,
  LanguageModelV4StreamResult,
} from '@ai-sdk/provider';
import { deltaResultSpec } from './result-specs';
import { deltaSpecAdapter } from './v2-v4-adapter';
import { UNIFIED_FINISH } from './v2-v4-stream-spec';
import { v4StreamSpec } from './v4-stream-spec';

/** LanguageModelV4 (AI SDK 7). */
export const v4Adapter = deltaSpecAdapter<
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamPart,
  LanguageModelV4StreamResult
>({ version: 'v4', stream: v4StreamSpec, result: deltaResultSpec(UNIFIED_FINISH), unsupportedSettings: [] });
