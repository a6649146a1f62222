import { createOpenAI } from '@ai-sdk/openai';
import { generateText, streamText } from 'ai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fallbackFromConfig } from '../../src/config/index';
import type { FallbackMetadata, FallbackRetryEvent, FallbackSwitchEvent } from '../../src/index';
import { canonicalAnswer, type FakeProvider, startFakeProvider } from '../../src/testing/index';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
afterEach(() => {
  fake.setScript({});
  fake.reset();
});
afterAll(() => fake.close());

const env = {
  OPENAI_API_KEY: 'test-openai-key',
  AZURE_API_KEY: 'test-azure-key',
  OPENROUTER_API_KEY: 'test-openrouter-key',
};

/** OpenAI → OpenRouter → Azure on the fake server, in the original design's spelling. */
function chainConfig() {
  return {
    max_retries_per_provider: 1,
    backoff: { initial_delay_ms: 1, jitter: false },
    providers: [
      { provider: 'openai', model_name: 'gpt-4o', base_url: fake.openaiBaseURL },
      {
        provider: 'openrouter',
        model_name: 'openai/gpt-4o',
        base_url: fake.openrouterBaseURL,
        catch_errors: ['RateLimit', 'ProviderQuotaExceeded'],
      },
      {
        provider: 'azure',
        model_name: 'gpt-4o-eu|2024-10-21',
        base_url: fake.azureBaseURL,
        catch_errors: ['All'],
        max_tokens: 64,
        temperature: 0.5,
      },
    ],
  };
}

describe('fallbackFromConfig against the fake provider', () => {
  it('generateText: retries, falls back twice and reports who answered', async () => {
    fake.setScript({ 'gpt-4o': [{ status: 429, retryAfter: 0 }, 'quota'], 'openai/gpt-4o': 'overloaded' });
    const retries: FallbackRetryEvent[] = [];
    const switches: FallbackSwitchEvent[] = [];
    const model = fallbackFromConfig(chainConfig(), {
      env,
      onRetry: event => retries.push(event),
      onFallback: event => switches.push(event),
    });

    const result = await generateText({ model, prompt: 'hi', maxRetries: 0 });

    expect(result.text).toBe(canonicalAnswer('gpt-4o-eu'));
    const metadata = result.providerMetadata?.fallback as unknown as FallbackMetadata;
    expect(metadata.servedBy).toEqual({
      index: 2,
      id: 'azure.chat:gpt-4o-eu',
      provider: 'azure.chat',
      modelId: 'gpt-4o-eu',
    });
    expect(metadata.attempts).toBe(5);
    expect(fake.requests.map(request => `${request.provider}:${request.step}`)).toEqual([
      'openai:status 429',
      'openai:quota',
      'openrouter:overloaded',
      'openrouter:overloaded',
      'azure:ok',
    ]);
    expect(retries.map(event => `${event.id}:${event.type}`)).toEqual([
      'openai.chat:gpt-4o:rate-limit',
      'openrouter:openai/gpt-4o:provider-unavailable',
    ]);
    expect(switches.map(event => `${event.from.id}->${event.to.id}:${event.type}`)).toEqual([
      'openai.chat:gpt-4o->openrouter:openai/gpt-4o:quota-exceeded',
      'openrouter:openai/gpt-4o->azure.chat:gpt-4o-eu:provider-unavailable',
    ]);
  });

  it('streamText: the entry settings and the keys reach the provider that answers', async () => {
    fake.setScript({ 'gpt-4o': 'quota', 'openai/gpt-4o': 'credits' });
    const model = fallbackFromConfig(chainConfig(), { env });

    const result = streamText({ model, prompt: 'hi', maxRetries: 0 });

    expect(await result.text).toBe(canonicalAnswer('gpt-4o-eu'));
    const [openai, openrouter, azure] = fake.requests;
    expect(openai!.headers.authorization).toBe('Bearer test-openai-key');
    expect(openrouter!.headers.authorization).toBe('Bearer test-openrouter-key');
    expect(azure!.headers['api-key']).toBe('test-azure-key');
    expect(azure!.body).toMatchObject({ stream: true, max_tokens: 64, temperature: 0.5 });
    expect(openai!.body.max_tokens).toBeUndefined();
  });

  it("an entry's catchErrors decide: an error it does not catch is passed over to the next", async () => {
    // 401 is 'auth': OpenRouter catches only rate limits and quotas, Azure catches everything.
    fake.setScript({ 'gpt-4o': 'auth' });
    const result = await generateText({
      model: fallbackFromConfig(chainConfig(), { env }),
      prompt: 'hi',
      maxRetries: 0,
    });
    expect(result.text).toBe(canonicalAnswer('gpt-4o-eu'));
    expect(fake.requests.map(request => request.provider)).toEqual(['openai', 'azure']);
  });

  it('apiKeyEnv names the variable a key is read from', async () => {
    const model = fallbackFromConfig(
      {
        providers: [
          { provider: 'openrouter', model: 'x', baseURL: fake.openrouterBaseURL, apiKeyEnv: 'TEAM_OPENROUTER_KEY' },
        ],
      },
      { env: { TEAM_OPENROUTER_KEY: 'team-key' } },
    );
    await generateText({ model, prompt: 'hi', maxRetries: 0 });
    expect(fake.requests[0]!.headers.authorization).toBe('Bearer team-key');
  });

  it("api: 'responses' calls OpenAI's Responses API", async () => {
    const model = fallbackFromConfig(
      { providers: [{ provider: 'openai', model: 'gpt-4o', baseURL: fake.openaiBaseURL, api: 'responses' }] },
      { env },
    );
    const result = await generateText({ model, prompt: 'hi', maxRetries: 0 });
    expect(result.text).toBe(canonicalAnswer('gpt-4o'));
    expect(fake.requests[0]).toMatchObject({ api: 'responses', path: '/v1/responses' });
  });

  it('options.primary puts a model built in code ahead of the configured fallbacks', async () => {
    fake.setScript({ 'code-model': 'overloaded' });
    const primary = createOpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'test' }).chat('code-model');
    const model = fallbackFromConfig(
      {
        max_retries_per_provider: 0,
        providers: [{ provider: 'openrouter', model_name: 'openai/gpt-4o', base_url: fake.openrouterBaseURL }],
      },
      { env, primary },
    );
    const result = await generateText({ model, prompt: 'hi', maxRetries: 0 });
    expect(result.text).toBe(canonicalAnswer('openai/gpt-4o'));
    expect(model.modelId).toBe('code-model');
  });

  it('enabled: false is the primary alone: its error surfaces, no fallback is tried', async () => {
    fake.setScript({ 'gpt-4o': 'overloaded' });
    const model = fallbackFromConfig({ ...chainConfig(), enabled: false }, { env });
    await expect(generateText({ model, prompt: 'hi', maxRetries: 0 })).rejects.toMatchObject({ statusCode: 503 });
    expect(fake.requests).toHaveLength(1);
  });
});
