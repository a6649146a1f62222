import type { LanguageModelV4 } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { type ResolvedChain, resolveChainFromConfig } from '../../src/config/resolve-chain';
import { type FallbackEntry, memoryHealthStore } from '../../src/index';

const env = {
  OPENAI_API_KEY: 'test-openai',
  AZURE_API_KEY: 'test-azure',
  OPENROUTER_API_KEY: 'test-openrouter',
  MY_KEY: 'test-mine',
};

/** The original design's JSON, spelled as it was. */
const snake = {
  enabled: true,
  max_retries_per_provider: 1,
  retry_on: ['RateLimit', 'provider-unavailable'],
  backoff: { initial_delay_ms: 100, max_delay_ms: 1000, multiplier: 3, jitter: false },
  max_retry_after_ms: 2000,
  mid_stream: 'continue',
  circuit_breaker: { failure_threshold: 2, cooldown_ms: 5000, max_cooldown_ms: 60000 },
  timeouts: { request_ms: 30000, first_chunk_ms: 10000, chunk_idle_ms: 5000, total_ms: 60000 },
  primary: { provider: 'openai', model_name: 'gpt-4o', base_url: 'http://127.0.0.1:1/v1', api: 'responses' },
  providers: [
    {
      provider: 'openrouter',
      model_name: 'openai/gpt-4o',
      base_url: 'http://127.0.0.1:1/api/v1',
      catch_errors: ['RateLimit', 'ProviderQuotaExceeded'],
      api_key_env: 'MY_KEY',
    },
    {
      provider: 'azure',
      model_name: 'gpt-35-turbo|2024-02-15-preview',
      base_url: 'http://127.0.0.1:1/openai',
      max_tokens: 512,
      temperature: 0.2,
      catch_errors: ['All'],
      max_retries: 0,
      id: 'azure-eu',
      timeouts: { first_chunk_ms: false },
    },
  ],
};

const camel = {
  enabled: true,
  maxRetriesPerProvider: 1,
  retryOn: ['rate-limit', 'provider-unavailable'],
  backoff: { initialDelayMs: 100, maxDelayMs: 1000, multiplier: 3, jitter: false },
  maxRetryAfterMs: 2000,
  midStream: 'continue',
  circuitBreaker: { failureThreshold: 2, cooldownMs: 5000, maxCooldownMs: 60000 },
  timeouts: { requestMs: 30000, firstChunkMs: 10000, chunkIdleMs: 5000, totalMs: 60000 },
  primary: { provider: 'openai', model: 'gpt-4o', baseURL: 'http://127.0.0.1:1/v1', api: 'responses' },
  providers: [
    {
      provider: 'openrouter',
      model: 'openai/gpt-4o',
      baseURL: 'http://127.0.0.1:1/api/v1',
      catchErrors: ['rate-limit', 'quota-exceeded'],
      apiKeyEnv: 'MY_KEY',
    },
    {
      provider: 'azure',
      model: 'gpt-35-turbo',
      apiVersion: '2024-02-15-preview',
      baseURL: 'http://127.0.0.1:1/openai',
      maxTokens: 512,
      temperature: 0.2,
      catchErrors: ['all'],
      maxRetries: 0,
      id: 'azure-eu',
      timeouts: { firstChunkMs: false },
    },
  ],
};

/** What a chain is made of, without the model objects themselves. */
function describeChain({ models, config }: ResolvedChain) {
  return {
    entries: models.map(item => {
      const { model, ...entry } = item as FallbackEntry;
      const { provider, modelId } = model as LanguageModelV4;
      return { provider, modelId, ...entry };
    }),
    config,
  };
}

describe('snake_case and camelCase configs', () => {
  it('produce identical chains', () => {
    const fromSnake = describeChain(resolveChainFromConfig(snake, { env }));
    const fromCamel = describeChain(resolveChainFromConfig(camel, { env }));

    expect(fromSnake).toEqual(fromCamel);
    // And the chain is the one the config describes, not just the same wrong one twice.
    expect(fromSnake.entries).toEqual([
      { provider: 'openai.responses', modelId: 'gpt-4o' },
      { provider: 'openrouter', modelId: 'openai/gpt-4o', catchErrors: ['rate-limit', 'quota-exceeded'] },
      {
        provider: 'azure.chat',
        modelId: 'gpt-35-turbo',
        id: 'azure-eu',
        catchErrors: ['all'],
        maxRetries: 0,
        settings: { maxOutputTokens: 512, temperature: 0.2 },
        timeouts: { firstChunkMs: false },
      },
    ]);
    expect(fromSnake.config).toEqual({
      enabled: true,
      maxRetriesPerModel: 1,
      retryOn: ['rate-limit', 'provider-unavailable'],
      backoff: { initialDelayMs: 100, maxDelayMs: 1000, multiplier: 3, jitter: false },
      maxRetryAfterMs: 2000,
      timeouts: { requestMs: 30000, firstChunkMs: 10000, chunkIdleMs: 5000, totalMs: 60000 },
      midStream: 'continue',
      circuitBreaker: { failureThreshold: 2, cooldownMs: 5000, maxCooldownMs: 60000 },
    });
  });

  it('accept the mixed spellings an edited file ends up with', () => {
    const mixed = {
      maxRetriesPerModel: 1,
      providers: [
        { provider: 'openai', modelName: 'gpt-4o', baseUrl: 'http://127.0.0.1:1/v1', catch_errors: ['RateLimit'] },
      ],
    };
    const chain = describeChain(resolveChainFromConfig(mixed, { env }));
    expect(chain.config.maxRetriesPerModel).toBe(1);
    expect(chain.entries[0]).toEqual({ provider: 'openai.chat', modelId: 'gpt-4o', catchErrors: ['rate-limit'] });
  });

  it("without a primary, providers[0] is the primary; what the config leaves out is left to withFallback's defaults", () => {
    const chain = describeChain(
      resolveChainFromConfig(
        {
          providers: [
            { provider: 'openai', model: 'a' },
            { provider: 'openrouter', model: 'b' },
          ],
        },
        { env },
      ),
    );
    expect(chain.entries).toEqual([
      { provider: 'openai.chat', modelId: 'a' },
      { provider: 'openrouter', modelId: 'b' },
    ]);
    expect(chain.config).toEqual({});
  });

  it('circuit_breaker: false turns the breaker off; the health store comes from the options', () => {
    const providers = [{ provider: 'openai', model: 'a' }];
    expect(resolveChainFromConfig({ circuit_breaker: false, providers }, { env }).config.circuitBreaker).toBe(false);
    expect(
      resolveChainFromConfig({ circuitBreaker: { enabled: false }, providers }, { env }).config.circuitBreaker,
    ).toBe(false);
    const healthStore = memoryHealthStore();
    expect(
      resolveChainFromConfig({ circuit_breaker: { cooldown_ms: 1000 }, providers }, { env, healthStore }).config
        .circuitBreaker,
    ).toEqual({
      cooldownMs: 1000,
      store: healthStore,
    });
  });
});
