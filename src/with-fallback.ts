import type { LanguageModelV2, LanguageModelV3, LanguageModelV4 } from '@ai-sdk/provider';
import { createChainModel } from './chain/model';
import { createChain, resolveEntries, resolveOptions } from './chain/options';
import { parseEntries } from './chain/options-schema';
import type { FallbackConfig, FallbackEntry } from './types';
import { SPEC_ADAPTERS } from './versions/adapters';
import type { ChainModel } from './versions/chain-model';
import type { FallbackLanguageModel, ModelsOf } from './versions/fallback-language-model';
import { refuseUnsupportedSettings } from './versions/refuse-unsupported-settings';
import { chainSpecVersion } from './versions/spec-version';
import type { LanguageModelV1 } from './versions/v1-types';

/**
 * One language model that tries `models` in order: the first is the primary,
 * each later one is a fallback that the chain moves to when it catches the
 * error. Pass `maxRetries: 0` to `generateText`/`streamText`: the chain owns
 * retries.
 *
 * The model is of the entries' spec version: V1 models (AI SDK 4) give a V1
 * model, V2 (AI SDK 5) a V2, V3 (AI SDK 6) a V3, V4 (AI SDK 7) a V4. V2, V3
 * and V4 mixed are lifted to the highest; V1 cannot be mixed with them.
 *
 * @example
 * const model = withFallback([openai('gpt-4o'), { model: azure('gpt-4o'), catchErrors: ['all'] }]);
 */
export function withFallback<MODELS extends readonly (LanguageModelV1 | FallbackEntry<LanguageModelV1>)[]>(
  models: MODELS,
  config?: FallbackConfig,
): FallbackLanguageModel<ModelsOf<MODELS>>;
export function withFallback<
  MODELS extends readonly (
    | LanguageModelV2
    | LanguageModelV3
    | LanguageModelV4
    | FallbackEntry<LanguageModelV2 | LanguageModelV3 | LanguageModelV4>
  )[],
>(models: MODELS, config?: FallbackConfig): FallbackLanguageModel<ModelsOf<MODELS>>;
export function withFallback(
  models: readonly (ChainModel | FallbackEntry<ChainModel>)[],
  config: FallbackConfig = {},
): ChainModel {
  const options = resolveOptions(config);
  const version = chainSpecVersion(models);
  const entries = resolveEntries(parseEntries(models, { caller: 'withFallback', root: 'models' }), options, {
    version,
  });
  const adapter = SPEC_ADAPTERS[version];
  refuseUnsupportedSettings(entries, adapter);
  if (!options.enabled) return entries[0]!.model;
  return createChainModel(adapter, createChain(entries, options));
}
