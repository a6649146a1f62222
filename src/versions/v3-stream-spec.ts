import type { LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { deltaStreamSpec, UNIFIED_FINISH } from './v2-v4-stream-spec';

/** The V3 (AI SDK 6) stream: the V4 shapes (`{ unified, raw }` finish reasons, split usage) without reasoning files. */
export const v3StreamSpec = deltaStreamSpec<LanguageModelV3StreamPart>(UNIFIED_FINISH);
