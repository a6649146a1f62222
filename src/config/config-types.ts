import type { HealthStore } from '../health/health-store';
import type {
  FallbackBackoff,
  FallbackCircuitBreaker,
  FallbackCommit,
  FallbackConfig,
  FallbackEntry,
  FallbackEventHook,
  FallbackHedge,
  FallbackModel,
  FallbackModelKind,
  FallbackTimeouts,
} from '../types';
import type { FallbackErrorTypeName } from './error-type-name';
import type { ProviderFactory } from './provider-packages';

/** The providers a config can name; each is built with its package's `create…` function. */
export type FallbackProviderName = 'openai' | 'azure' | 'openrouter';

/**
 * One model of a configured chain (the original design's `FallbackProviderConfig`).
 * Every field may also be written in snake_case (`model_name`, `base_url`,
 * `max_tokens`, `catch_errors`, `api_key_env`, …).
 */
export interface FallbackProviderConfig {
  provider: FallbackProviderName;
  /**
   * The model id (OpenAI, OpenRouter) or the Azure deployment name. Azure also
   * accepts `deployment|api-version` (`gpt-35-turbo|2024-02-15-preview`):
   * requests then go to `…/openai/deployments/<deployment>/…?api-version=<version>`.
   * Alias: `model_name`.
   */
  model: string;
  /** Name of the entry in events, errors and metadata. Default `provider:modelId`. */
  id?: string;
  /** The provider's URL prefix. Default: the provider's own (Azure: from `resourceName` or `AZURE_RESOURCE_NAME`). */
  baseURL?: string;
  /** The environment variable holding this entry's API key. Default `OPENAI_API_KEY`, `AZURE_API_KEY` or `OPENROUTER_API_KEY`. */
  apiKeyEnv?: string;
  /** OpenAI and Azure: `'chat'` (chat completions, the default) or `'responses'`. OpenRouter: `'chat'` only. */
  api?: 'chat' | 'responses';
  /** Azure: the `api-version`; selects deployment-based URLs like the `deployment|api-version` form. */
  apiVersion?: string;
  /** Azure: the resource name (`https://<resourceName>.openai.azure.com`). Default `AZURE_RESOURCE_NAME`. */
  resourceName?: string;
  /** Sent as `maxOutputTokens` for this entry's attempts. */
  maxTokens?: number;
  temperature?: number;
  /** Error types that let the chain move on to this entry, as values (`'rate-limit'`) or names (`'RateLimit'`). */
  catchErrors?: FallbackErrorTypeName[];
  /** Retries on this entry; overrides `maxRetriesPerProvider`. */
  maxRetries?: number;
  timeouts?: Omit<FallbackTimeouts, 'totalMs'>;
  /** Where this entry's streams are judged: `'first-output'` or `'finish'`; overrides the chain's `commit`. */
  commit?: FallbackCommit;
  /** `false`: this entry is never hedged, nor started as a hedge (docs/hedging.md). */
  hedge?: false;
}

/**
 * A fallback chain as data (the original design's `FallbackConfig`), in
 * camelCase or snake_case. The chain is `primary` (when given) followed by
 * `providers`, in order.
 *
 * In JSON, `null` is the same as leaving a field out, at every level, as the
 * original design serializes its `Option` fields (`"base_url": null`); a
 * required field (`provider`, `model`) given as `null` is reported as required.
 */
export interface FallbackChainConfig {
  /** `false`: the primary alone, no retries, no fallback. Default true. */
  enabled?: boolean;
  /** The first model tried. Without it, `providers[0]` is the primary. */
  primary?: FallbackProviderConfig;
  /** The fallbacks, in order (or the whole chain when there is no `primary`). */
  providers?: FallbackProviderConfig[];
  /** Retries on each model before moving on. Default 2. Alias: `max_retries_per_provider`, `maxRetriesPerModel`. */
  maxRetriesPerProvider?: number;
  retryOn?: FallbackErrorTypeName[];
  backoff?: FallbackBackoff;
  maxRetryAfterMs?: number;
  timeouts?: FallbackTimeouts;
  midStream?: 'error' | 'continue';
  /** Where a stream is judged: `'first-output'` (default) or `'finish'` (the whole answer held and checked). */
  commit?: FallbackCommit;
  /**
   * Skip entries that keep failing for a cooldown. `false` (or `{ enabled: false }`)
   * turns it off; the health store is passed in the options (`healthStore`).
   * Alias: `circuit_breaker` (`failure_threshold`, `cooldown_ms`, …).
   */
  circuitBreaker?: false | ({ enabled?: boolean } & Omit<FallbackCircuitBreaker, 'store'>);
  /**
   * What the providers' models are: `'language'` (default), `'embedding'`,
   * `'image'`, `'speech'`, `'transcription'`, … Each entry's model is built with
   * that kind's model builder (`openai.embedding(model)`). The code says the same
   * in `options.kind`, which types the model returned.
   */
  kind?: FallbackModelKind;
  /** Embedding chains: accept entries whose vectors differ in size. Default false. Alias: `allow_mixed_dimensions`. */
  allowMixedDimensions?: boolean;
  /** Hedged requests (docs/hedging.md). Alias: `hedge` with `after_ms`, `max_ratio`, `min_samples`, … */
  hedge?: FallbackHedge;
}

/** What a config cannot say: hooks, a model built in code, where keys come from. */
export interface FallbackFromConfigOptions
  extends Pick<FallbackConfig, 'classifyError' | 'checkResult' | FallbackEventHook | 'logger'> {
  /** Where the circuit breaker keeps health, e.g. one `memoryHealthStore()` shared by several chains, or `redisHealthStore`. */
  healthStore?: HealthStore;
  /**
   * A model built in code to use as the primary; the config's entries become its
   * fallbacks. The config must not have a `primary` then.
   */
  primary?: FallbackModel | FallbackEntry;
  /** Where API keys, `AZURE_RESOURCE_NAME` and `AI_SDK_FALLBACK_CONFIG` are read. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * The provider packages' `create…` functions, e.g. `{ openai: createOpenAI }`: used instead of
   * loading the package by name, which needs Node.js. With a factory for every provider the config
   * names, and the config passed as an object, `fallbackFromConfig` runs on Edge runtimes.
   */
  providerFactories?: Partial<Record<FallbackProviderName, ProviderFactory>>;
  /** Passed to every provider, e.g. `fakeProviderFetch(script)` in tests, or a proxy-aware fetch. */
  fetch?: typeof fetch;
  /**
   * The kind of model the code expects (types the model returned). Must be the
   * config's `kind`; both default to `'language'`.
   */
  kind?: FallbackModelKind;
}
