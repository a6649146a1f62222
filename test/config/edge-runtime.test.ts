/**
 * `ai-sdk-fallback/config` where Node built-ins do not exist. Next.js's Edge runtime defines every
 * `process` method as one that throws, `process.getBuiltinModule` included: stubbed the same way here.
 */
import { createAzure } from '@ai-sdk/azure';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenRouter } from '@openrouter/ai-sdk-provider';
import { generateText } from 'ai';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fallbackFromConfig, loadFallbackConfig } from '../../src/config/index';
import { canonicalAnswer } from '../../src/testing/index';
import { configErrorOf } from '../helpers/config-error';
import { fakeProviderForFile } from '../integration/helpers';

const fake = fakeProviderForFile();
const env = { OPENAI_API_KEY: 'test-openai', AZURE_API_KEY: 'test-azure' };
const config = () => ({
  providers: [
    { provider: 'openai', model: 'gpt-primary', baseURL: fake.openaiBaseURL },
    { provider: 'azure', model: 'azure-backup', baseURL: fake.azureBaseURL },
  ],
  maxRetriesPerProvider: 0,
});

describe('ai-sdk-fallback/config without Node built-ins', () => {
  beforeEach(() => {
    vi.spyOn(process, 'getBuiltinModule').mockImplementation(() => {
      throw new Error('A Node.js API is used (process.getBuiltinModule) which is not supported in the Edge Runtime.');
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it('builds and runs the chain with the provider factories passed in', async () => {
    fake.setScript({ 'gpt-primary': 'rate-limit' });
    const model = fallbackFromConfig(config(), {
      env,
      providerFactories: { openai: createOpenAI, azure: createAzure, openrouter: createOpenRouter },
    });
    const result = await generateText({ model, prompt: 'Hi', maxRetries: 0 });

    expect(result.text).toBe(canonicalAnswer('azure-backup'));
    expect(fake.requests.map(request => request.model)).toEqual(['gpt-primary', 'azure-backup']);
    // Other code (the AI SDK's telemetry) may probe for built-ins of its own; the config loader asked for none.
    const asked = vi.mocked(process.getBuiltinModule).mock.calls.map(([id]) => id);
    expect(asked.filter(id => id === 'node:module' || id === 'node:fs')).toEqual([]);
  });

  it('without a factory, says that loading the package needs Node.js and what to pass instead', () => {
    const error = configErrorOf(() =>
      fallbackFromConfig(config(), { env, providerFactories: { openai: createOpenAI } }),
    );
    expect(error.message).toBe(
      "fallbackFromConfig: providers[1]: needs Node.js (node:module), which this runtime does not have; pass the provider package's factory in the options instead, e.g. providerFactories: { openai: createOpenAI }",
    );
  });

  it('a config in AI_SDK_FALLBACK_CONFIG as JSON loads; a path to a file says it needs Node.js', () => {
    expect(loadFallbackConfig(undefined, { env: { AI_SDK_FALLBACK_CONFIG: JSON.stringify(config()) } })).toEqual(
      config(),
    );
    const error = configErrorOf(() => loadFallbackConfig('./fallback.json', { env: {} }));
    expect(error.message).toBe(
      "loadFallbackConfig: './fallback.json': needs Node.js (node:fs), which this runtime does not have; read the file in your own code, or set AI_SDK_FALLBACK_CONFIG to the JSON itself",
    );
  });
});
