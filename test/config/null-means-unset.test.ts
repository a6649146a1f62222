import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOpenAI } from '@ai-sdk/openai';
import { generateText } from 'ai';
import { afterAll, describe, expect, it } from 'vitest';
import { fallbackFromConfig, loadFallbackConfig } from '../../src/config/index';
import type { FallbackMetadata } from '../../src/index';
import { canonicalAnswer, fakeProviderFetch } from '../../src/testing/index';
import { configErrorOf } from '../helpers/config-error';

const dir = mkdtempSync(join(tmpdir(), 'ai-sdk-fallback-null-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const env = { OPENAI_API_KEY: 'test-openai', OPENROUTER_API_KEY: 'test-openrouter', AZURE_API_KEY: 'test-azure' };

/**
 * The original design's Quick Start `FallbackConfig`, as its Rust struct
 * serializes: every `Option` field that is `None` is written as `null`.
 */
const QUICK_START = `{
  "enabled": true,
  "providers": [
    {
      "provider": "openrouter",
      "model_name": "openai/gpt-3.5-turbo",
      "base_url": null,
      "max_tokens": null,
      "temperature": null,
      "catch_errors": ["RateLimit", "Auth"]
    }
  ],
  "max_retries_per_provider": 3
}`;

/** Its "Multi-Provider Chain" example, the fields it elides (`// ... other fields`) as `None`. */
const MULTI_PROVIDER = `{
  "enabled": true,
  "providers": [
    {
      "provider": "openrouter",
      "model_name": "openai/gpt-3.5-turbo",
      "base_url": null,
      "max_tokens": null,
      "temperature": null,
      "catch_errors": ["RateLimit"]
    },
    {
      "provider": "azure",
      "model_name": "gpt-35-turbo|2024-02-15-preview",
      "base_url": "https://your-resource.openai.azure.com",
      "max_tokens": null,
      "temperature": null,
      "catch_errors": ["All"]
    }
  ],
  "max_retries_per_provider": 3
}`;

function servedBy(result: { providerMetadata?: Record<string, unknown> }): number {
  const metadata = result.providerMetadata?.fallback as unknown as FallbackMetadata;
  return metadata.servedBy.index;
}

describe('null means "not set" in the config loader, as the original design writes its Option fields', () => {
  // The design's primary is the request's own provider (OpenAI here); the config holds the fallbacks.
  it.each<[string, () => unknown]>([
    ['fallbackFromConfig(JSON.parse(…))', () => JSON.parse(QUICK_START)],
    [
      'loadFallbackConfig(path)',
      () => {
        const path = join(dir, 'quick-start.json');
        writeFileSync(path, QUICK_START);
        return loadFallbackConfig(path);
      },
    ],
    ['AI_SDK_FALLBACK_CONFIG', () => undefined],
  ])('the Quick Start config through %s builds a chain that falls back', async (_, source) => {
    const fetch = fakeProviderFetch({ 'gpt-4o': 'auth' });
    const config = source() as Record<string, unknown> | undefined;
    const model = fallbackFromConfig(config, {
      env: { ...env, AI_SDK_FALLBACK_CONFIG: QUICK_START },
      fetch,
      primary: createOpenAI({ apiKey: 'test-openai', fetch }).chat('gpt-4o'),
    });

    const result = await generateText({ model, prompt: 'hi', maxRetries: 0 });

    expect(result.text).toBe(canonicalAnswer('openai/gpt-3.5-turbo'));
    expect(servedBy(result)).toBe(1);
    const backup = fetch.requests[1]!;
    // base_url null: the provider's own URL; max_tokens and temperature null: nothing sent for them.
    expect(backup.path).toBe('/api/v1/chat/completions');
    expect(backup.body.max_tokens).toBeUndefined();
    expect(backup.body.temperature).toBeUndefined();
  });

  it('the multi-provider example chains OpenAI → OpenRouter → Azure', async () => {
    const fetch = fakeProviderFetch({ 'gpt-4o': 'rate-limit', 'openai/gpt-3.5-turbo': 'credits' });
    const model = fallbackFromConfig(
      { ...JSON.parse(MULTI_PROVIDER), backoff: { initial_delay_ms: 1, jitter: false } },
      { env, fetch, primary: createOpenAI({ apiKey: 'test-openai', fetch }).chat('gpt-4o') },
    );

    const result = await generateText({ model, prompt: 'hi', maxRetries: 0 });

    expect(result.text).toBe(canonicalAnswer('gpt-35-turbo'));
    expect(new Set(fetch.requests.map(request => `${request.provider}:${request.step}`))).toEqual(
      new Set(['openai:rate-limit', 'openrouter:credits', 'azure:ok']),
    );
    expect(servedBy(result)).toBe(2);
    expect(fetch.requests.at(-1)!.path).toBe('/openai/deployments/gpt-35-turbo/chat/completions');
  });

  it('every optional field given as null is the same as leaving it out, at every level', () => {
    const allNull = {
      $schema: null,
      enabled: null,
      primary: null,
      max_retries_per_provider: null,
      retry_on: null,
      backoff: { initial_delay_ms: null, max_delay_ms: null, multiplier: null, jitter: null },
      max_retry_after_ms: null,
      timeouts: { request_ms: null, first_chunk_ms: null, chunk_idle_ms: null, total_ms: null },
      mid_stream: null,
      circuit_breaker: {
        enabled: null,
        failure_threshold: null,
        cooldown_ms: null,
        max_cooldown_ms: null,
        store_timeout_ms: null,
      },
      providers: [
        {
          provider: 'openai',
          model_name: 'gpt-4o',
          id: null,
          base_url: null,
          api_key_env: null,
          api: null,
          api_version: null,
          resource_name: null,
          max_tokens: null,
          temperature: null,
          catch_errors: null,
          max_retries: null,
          timeouts: { request_ms: null, first_chunk_ms: null, chunk_idle_ms: null },
        },
        { provider: 'openai', model: 'gpt-4o-mini', timeouts: null },
      ],
    };
    const objectsNull = { backoff: null, timeouts: null, circuit_breaker: null, providers: [allNull.providers[1]] };

    expect(loadFallbackConfig(undefined, { env: { AI_SDK_FALLBACK_CONFIG: JSON.stringify(allNull) } })).toEqual({
      backoff: {},
      timeouts: {},
      circuitBreaker: {},
      providers: [
        { provider: 'openai', model: 'gpt-4o', timeouts: {} },
        { provider: 'openai', model: 'gpt-4o-mini' },
      ],
    });
    expect(loadFallbackConfig(undefined, { env: { AI_SDK_FALLBACK_CONFIG: JSON.stringify(objectsNull) } })).toEqual({
      providers: [{ provider: 'openai', model: 'gpt-4o-mini' }],
    });
    expect(() => fallbackFromConfig(allNull, { env })).not.toThrow();
  });

  it('a required field given as null is reported as required, under its own spelling', () => {
    const error = configErrorOf(() =>
      fallbackFromConfig({ providers: [{ provider: null, model_name: null, base_url: null }] }, { env }),
    );
    expect(error.issues).toEqual([
      { path: 'providers[0].provider', message: "required: 'openai', 'azure' or 'openrouter'" },
      { path: 'providers[0].model_name', message: 'required: the model id (the deployment name for azure)' },
    ]);
  });

  it('a null where a value is needed (inside a list) is still refused', () => {
    const error = configErrorOf(() => fallbackFromConfig({ providers: [null] }, { env }));
    expect(error.message).toContain('providers[0]: expected an object');
  });
});
