import type {
  EmbeddingModelV2,
  EmbeddingModelV3,
  EmbeddingModelV4,
  Experimental_VideoModelV4,
  ImageModelV2,
  ImageModelV3,
  ImageModelV4,
  LanguageModelV2,
  LanguageModelV3,
  LanguageModelV4,
  RerankingModelV4,
  SpeechModelV4,
  TranscriptionModelV4,
} from '@ai-sdk/provider';
import { kindChainModel } from './chain/kind-chain';
import { createChainModel } from './chain/model';
import { createChain, resolveEntries, resolveOptions } from './chain/options';
import { parseEntries } from './chain/options-schema';
import type { FallbackConfig, FallbackEntry } from './types';
import { SPEC_ADAPTERS } from './versions/adapters';
import type { FallbackLanguageModel, ModelsOf } from './versions/fallback-language-model';
import type {
  FallbackAudioModel,
  FallbackEmbeddingModel,
  FallbackImageModel,
  FallbackRerankingModel,
  FallbackVideoModel,
} from './versions/kinds/fallback-kind-models';
import { chainKind } from './versions/kinds/model-kind';
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
/** An embedding model that tries `models` in order (`embed`, `embedMany`); see docs/beyond-chat.md. */
export function withFallback<MODELS extends readonly (Embedding | FallbackEntry<Embedding>)[]>(
  models: MODELS,
  config?: FallbackConfig,
): FallbackEmbeddingModel<ModelsOf<MODELS>>;
/** An image model that tries `models` in order (`generateImage`). */
export function withFallback<MODELS extends readonly (Image | FallbackEntry<Image>)[]>(
  models: MODELS,
  config?: FallbackConfig,
): FallbackImageModel<ModelsOf<MODELS>>;
/** A speech model that tries `models` in order (`generateSpeech`). */
export function withFallback<MODELS extends readonly (SpeechModelV4 | FallbackEntry<SpeechModelV4>)[]>(
  models: MODELS,
  config?: FallbackConfig,
): FallbackAudioModel<ModelsOf<MODELS>>;
/** A transcription model that tries `models` in order (`transcribe`). */
export function withFallback<MODELS extends readonly (TranscriptionModelV4 | FallbackEntry<TranscriptionModelV4>)[]>(
  models: MODELS,
  config?: FallbackConfig,
): FallbackAudioModel<ModelsOf<MODELS>>;
/** A reranking model that tries `models` in order (`rerank`). */
export function withFallback<MODELS extends readonly (RerankingModelV4 | FallbackEntry<RerankingModelV4>)[]>(
  models: MODELS,
  config?: FallbackConfig,
): FallbackRerankingModel<ModelsOf<MODELS>>;
/** A video model that tries `models` in order (`experimental_generateVideo`). */
export function withFallback<
  MODELS extends readonly (Experimental_VideoModelV4 | FallbackEntry<Experimental_VideoModelV4>)[],
>(models: MODELS, config?: FallbackConfig): FallbackVideoModel<ModelsOf<MODELS>>;
export function withFallback<
  MODELS extends readonly (
    | LanguageModelV2
    | LanguageModelV3
    | LanguageModelV4
    | FallbackEntry<LanguageModelV2 | LanguageModelV3 | LanguageModelV4>
  )[],
>(models: MODELS, config?: FallbackConfig): FallbackLanguageModel<ModelsOf<MODELS>>;
export function withFallback(models: readonly unknown[], config: FallbackConfig = {}): unknown {
  const options = resolveOptions(config);
  // The kind is settled here, once: a language chain runs exactly as before.
  const kind = chainKind(models, config.kind);
  if (kind !== 'language') return kindChainModel(models, config, options, kind, WHERE);
  const version = chainSpecVersion(models);
  const entries = resolveEntries(parseEntries(models, { caller: 'withFallback', root: 'models' }), options, {
    version,
  });
  const adapter = SPEC_ADAPTERS[version];
  refuseUnsupportedSettings(entries, adapter);
  if (!options.enabled) return entries[0]!.model;
  return createChainModel(adapter, createChain(entries, options));
}

const WHERE = { caller: 'withFallback', root: 'models' };
type Embedding = EmbeddingModelV2<string> | EmbeddingModelV3 | EmbeddingModelV4;
type Image = ImageModelV2 | ImageModelV3 | ImageModelV4;
