import type {
  EmbeddingModelV4,
  Experimental_VideoModelV4,
  ImageModelV4,
  LanguageModelV4,
  RerankingModelV4,
  SpeechModelV4,
  TranscriptionModelV4,
} from '@ai-sdk/provider';
import type { FallbackModelKind } from '../types';
import { withFallback } from '../with-fallback';
import type { FallbackChainConfig, FallbackFromConfigOptions } from './config-types';
import { resolveChainFromConfig } from './resolve-chain';

/**
 * The model `withFallback` returns, built from a config instead of code.
 *
 * `config` is a {@link FallbackChainConfig} in camelCase, or the original
 * design's snake_case JSON (`model_name`, `base_url`, `catch_errors`,
 * `max_retries_per_provider`, …), e.g. from {@link loadFallbackConfig}.
 * Without it, `AI_SDK_FALLBACK_CONFIG` is read (the JSON or a path).
 *
 * Everything is checked here, synchronously, never at the first request: the
 * config's fields (errors name the field as spelled, e.g.
 * `providers[1].catch_errors[0]`), the API keys in the environment, and the
 * provider packages, which are loaded only when the config names them.
 *
 * @throws {FallbackConfigError} with every problem listed.
 *
 * A config of another kind (`"kind": "embedding"`) gives that kind's model;
 * `options.kind` says the same, so the model's type is that kind's.
 *
 * @example
 * const model = fallbackFromConfig(loadFallbackConfig('./fallback.json'), { onFallback: e => log(e) });
 * const result = streamText({ model, prompt, maxRetries: 0 });
 */
export function fallbackFromConfig(
  config?: FallbackChainConfig | Readonly<Record<string, unknown>>,
  options?: FallbackFromConfigOptions & { kind?: 'language' },
): LanguageModelV4;
export function fallbackFromConfig<KIND extends Exclude<FallbackModelKind, 'language'>>(
  config: FallbackChainConfig | Readonly<Record<string, unknown>> | undefined,
  options: FallbackFromConfigOptions & { kind: KIND },
): ModelOfKind[KIND];
export function fallbackFromConfig(
  config?: FallbackChainConfig | Readonly<Record<string, unknown>>,
  options: FallbackFromConfigOptions = {},
): unknown {
  const { models, config: chainConfig } = resolveChainFromConfig(config, options);
  return withFallback(models, chainConfig);
}

/** The model of each kind a config can describe (AI SDK 7). */
interface ModelOfKind {
  embedding: EmbeddingModelV4;
  image: ImageModelV4;
  reranking: RerankingModelV4;
  speech: SpeechModelV4;
  transcription: TranscriptionModelV4;
  video: Experimental_VideoModelV4;
}
