import type { LanguageModelV4 } from '@ai-sdk/provider';
import { createFallbackLanguageModel } from './model/fallback-language-model';
import { resolveEntries, resolveOptions } from './options/resolve-options';
import type { FallbackConfig, FallbackEntry, FallbackModel } from './types';

/**
 * One language model that tries `models` in order: the first is the primary,
 * each later one is a fallback that the chain moves to when it catches the
 * error. Pass `maxRetries: 0` to `generateText`/`streamText`: the chain owns
 * retries.
 *
 * @example
 * const model = withFallback([openai('gpt-4o'), { model: azure('gpt-4o'), catchErrors: ['all'] }]);
 */
export function withFallback(
  models: readonly (FallbackModel | FallbackEntry)[],
  config: FallbackConfig = {},
): LanguageModelV4 {
  const options = resolveOptions(config);
  const entries = resolveEntries(models, options);
  if (!options.enabled) return entries[0]!.model;
  return createFallbackLanguageModel(entries, options);
}
