import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { deltaStreamSpec, UNIFIED_FINISH } from './v2-v4-stream-spec';

/** The V4 (AI SDK 7) stream: finish reasons are `{ unified, raw }`, usage is split by token kind. */
export const v4StreamSpec = deltaStreamSpec<LanguageModelV4StreamPart>(UNIFIED_FINISH);
