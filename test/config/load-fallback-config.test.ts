import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFallbackConfig } from '../../src/config/index';
import { resolveChainFromConfig } from '../../src/config/resolve-chain';
import { configErrorOf } from '../helpers/config-error';

const dir = mkdtempSync(join(tmpdir(), 'ai-sdk-fallback-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const snakeJson = JSON.stringify({
  max_retries_per_provider: 1,
  providers: [
    { provider: 'openai', model_name: 'gpt-4o', catch_errors: ['RateLimit'] },
    {
      provider: 'azure',
      model_name: 'gpt-35-turbo|2024-02-15-preview',
      base_url: 'https://my-resource.openai.azure.com/',
    },
  ],
});

describe('loadFallbackConfig', () => {
  it('reads a snake_case file and returns it in camelCase, error types as values', () => {
    expect(loadFallbackConfig(file('fallback.json', snakeJson))).toEqual({
      maxRetriesPerProvider: 1,
      providers: [
        { provider: 'openai', model: 'gpt-4o', catchErrors: ['rate-limit'] },
        {
          provider: 'azure',
          model: 'gpt-35-turbo|2024-02-15-preview',
          baseURL: 'https://my-resource.openai.azure.com/',
        },
      ],
    });
  });

  it('reads AI_SDK_FALLBACK_CONFIG holding the JSON itself, or a path', () => {
    const expected = loadFallbackConfig(file('env.json', snakeJson));
    expect(loadFallbackConfig(undefined, { env: { AI_SDK_FALLBACK_CONFIG: `  ${snakeJson}\n` } })).toEqual(expected);
    expect(loadFallbackConfig(undefined, { env: { AI_SDK_FALLBACK_CONFIG: join(dir, 'env.json') } })).toEqual(expected);
  });

  it('fallbackFromConfig without a config or AI_SDK_FALLBACK_CONFIG says what to do', () => {
    const error = configErrorOf(() => resolveChainFromConfig(undefined, { env: {} }));
    expect(error.message).toBe(
      'fallbackFromConfig: no config: pass one, or set AI_SDK_FALLBACK_CONFIG to its JSON or the path of a JSON file',
    );
    expect(error.missingEnv).toEqual(['AI_SDK_FALLBACK_CONFIG']);
  });

  it('is what fallbackFromConfig reads when it is given no config', () => {
    const chain = resolveChainFromConfig(undefined, {
      env: { AI_SDK_FALLBACK_CONFIG: snakeJson, OPENAI_API_KEY: 'k', AZURE_API_KEY: 'k' },
    });
    expect(chain.models.map(entry => (entry as { model: { modelId: string } }).model.modelId)).toEqual([
      'gpt-4o',
      'gpt-35-turbo',
    ]);
  });

  it('names the file and the bad field', () => {
    const path = file(
      'bad.json',
      JSON.stringify({ providers: [{ provider: 'openai', model_name: 'x', catch_errors: ['RateLimt'] }] }),
    );
    const error = configErrorOf(() => loadFallbackConfig(path));
    expect(error.message.split('\n')[0]).toBe(`loadFallbackConfig: '${path}': invalid config:`);
    expect(error.issues[0]!.path).toBe('providers[0].catch_errors[0]');
  });

  it('says where JSON is broken without quoting the text around it', () => {
    const secret = 'sk-live-secret-0123456789abcdef';
    const path = file(
      'broken.json',
      `{\n  "providers": [\n    { "provider": "openai", "model": "${secret}" }\n    { "provider": "azure" }\n  ]\n}`,
    );
    const error = configErrorOf(() => loadFallbackConfig(path));
    expect(error.message).toMatch(/^loadFallbackConfig: '.*broken\.json': not valid JSON at line 4 column 5$/);
    expect(error.message).not.toContain(secret);

    const fromEnv = configErrorOf(() =>
      loadFallbackConfig(undefined, { env: { AI_SDK_FALLBACK_CONFIG: `{"providers": [${secret}` } }),
    );
    expect(fromEnv.message).toMatch(/^loadFallbackConfig: AI_SDK_FALLBACK_CONFIG: not valid JSON/);
    expect(fromEnv.message).not.toContain(secret);
  });

  it('a missing file, or none configured, says so; a path from the environment is not echoed', () => {
    expect(configErrorOf(() => loadFallbackConfig(join(dir, 'nope.json'))).message).toBe(
      `loadFallbackConfig: '${join(dir, 'nope.json')}': no such file`,
    );
    expect(
      configErrorOf(() =>
        loadFallbackConfig(undefined, { env: { AI_SDK_FALLBACK_CONFIG: 'sk-live-secret-0123456789' } }),
      ).message,
    ).toBe('loadFallbackConfig: the file named by AI_SDK_FALLBACK_CONFIG: no such file');
    const none = configErrorOf(() => loadFallbackConfig(undefined, { env: {} }));
    expect(none.message).toBe(
      'loadFallbackConfig: no config: pass the path of a JSON file, or set AI_SDK_FALLBACK_CONFIG to the JSON or its path',
    );
    expect(none.missingEnv).toEqual(['AI_SDK_FALLBACK_CONFIG']);
  });
});
