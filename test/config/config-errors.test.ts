import { describe, expect, it, vi } from 'vitest';
import { type FallbackConfigError, fallbackFromConfig } from '../../src/config/index';
import { resolveChainFromConfig } from '../../src/config/resolve-chain';
import { configErrorOf } from '../helpers/config-error';

const env = {
  OPENAI_API_KEY: 'test-openai',
  AZURE_API_KEY: 'test-azure',
  OPENROUTER_API_KEY: 'test-openrouter',
  AZURE_RESOURCE_NAME: 'my-resource',
};

function errorOf(
  config: unknown,
  options: Parameters<typeof resolveChainFromConfig>[1] = { env },
): FallbackConfigError {
  return configErrorOf(() => resolveChainFromConfig(config, options));
}

const openai = { provider: 'openai', model: 'gpt-4o' };

describe('invalid configs fail at construction with the field, what was expected and a suggestion', () => {
  it.each([
    [
      'a near miss of an original error type name',
      { providers: [openai, { provider: 'azure', model_name: 'gpt-35-turbo', catch_errors: ['RateLimt'] }] },
      "providers[1].catch_errors[0]: expected an error type (did you mean 'RateLimit'?): one of 'rate-limit',",
    ],
    [
      'an error type in the wrong case or punctuation',
      { retryOn: ['ratelimit'], providers: [openai] },
      "retryOn[0]: expected an error type (did you mean 'rate-limit'?)",
    ],
    [
      'an unknown snake_case field',
      { providers: [{ ...openai, max_token: 100 }] },
      "providers[0].max_token: unknown field (did you mean 'max_tokens'?)",
    ],
    [
      'an unknown camelCase field',
      { providers: [{ ...openai, catchError: ['all'] }] },
      "providers[0].catchError: unknown field (did you mean 'catchErrors'?)",
    ],
    [
      'an unknown field with nothing close',
      { providers: [openai], colour: 'blue' },
      "colour: unknown field; expected one of 'enabled', 'primary', 'providers', 'maxRetriesPerProvider',",
    ],
    [
      'an unknown provider',
      { providers: [{ provider: 'open-router', model: 'x' }] },
      "providers[0].provider: expected 'openai', 'azure' or 'openrouter' (did you mean 'openrouter'?)",
    ],
    [
      'a missing provider',
      { providers: [{ model: 'x' }] },
      "providers[0].provider: required: 'openai', 'azure' or 'openrouter'",
    ],
    [
      'a missing model',
      { providers: [{ provider: 'openai' }] },
      'providers[0].model: required: the model id (the deployment name for azure)',
    ],
    [
      'a field given twice',
      { providers: [{ ...openai, model_name: 'gpt-4o-mini' }] },
      "providers[0].model_name: given twice, as 'model' and 'model_name'; keep one",
    ],
    [
      'an API key in the config',
      { providers: [{ ...openai, api_key: 'sk-live-secret-0123456789' }] },
      'providers[0].api_key: API keys are not read from the config: put the key in an environment variable and name it with apiKeyEnv (api_key_env)',
    ],
    [
      'a key where the name of its variable belongs',
      { providers: [{ ...openai, api_key_env: 'sk-live-secret-0123456789' }] },
      'providers[0].api_key_env: expected the name of an environment variable (letters, digits, _), not the key itself',
    ],
    [
      'a base URL that is not one',
      { providers: [{ ...openai, base_url: 'localhost:8080' }] },
      'providers[0].base_url: expected an http(s) URL',
    ],
    [
      'a negative timeout',
      { providers: [openai], timeouts: { request_ms: -1 } },
      'timeouts.request_ms: expected a number of milliseconds > 0, or false to turn it off',
    ],
    [
      'a total timeout on an entry',
      { providers: [{ ...openai, timeouts: { totalMs: 1000 } }] },
      "providers[0].timeouts.totalMs: unknown field; expected one of 'requestMs', 'firstChunkMs', 'chunkIdleMs'",
    ],
    [
      'a timeout written at the top',
      { providers: [openai], total_ms: 30_000 },
      "total_ms: unknown field (did you mean 'timeouts.total_ms'?)",
    ],
    [
      'a backoff field written at the top, in camelCase',
      { providers: [openai], initialDelayMs: 100 },
      "initialDelayMs: unknown field (did you mean 'backoff.initialDelayMs'?)",
    ],
    [
      'a timeout written on an entry itself',
      { providers: [{ ...openai, request_ms: 5_000 }] },
      "providers[0].request_ms: unknown field (did you mean 'timeouts.request_ms'?)",
    ],
    [
      'a near miss inside the circuit breaker',
      { providers: [openai], circuit_breaker: { cooldown: 1000 } },
      "circuit_breaker.cooldown: unknown field (did you mean 'cooldown_ms'?)",
    ],
    [
      'a circuit breaker that is neither false nor an object',
      { providers: [openai], circuitBreaker: true },
      'circuitBreaker: expected false or an object',
    ],
    [
      'a fractional retry count',
      { providers: [openai], max_retries_per_provider: 1.5 },
      'max_retries_per_provider: expected a whole number >= 0',
    ],
    ['providers that are not a list', { providers: openai }, 'providers: expected an array of providers'],
    [
      'the Responses API on OpenRouter',
      { providers: [{ provider: 'openrouter', model: 'openai/gpt-4o', api: 'responses' }] },
      "providers[0].api: expected 'chat': openrouter entries use chat completions",
    ],
    [
      'the deployment|api-version form outside Azure',
      { providers: [{ provider: 'openai', model_name: 'gpt-4o|2024-10-21' }] },
      "providers[0].model_name: the 'deployment|api-version' form is only for azure entries",
    ],
    [
      'a malformed deployment|api-version',
      { providers: [{ provider: 'azure', model: 'gpt-35-turbo|' }] },
      "providers[0].model: expected 'deployment' or 'deployment|api-version', e.g. 'gpt-35-turbo|2024-02-15-preview'",
    ],
    [
      'an api version given twice',
      { providers: [{ provider: 'azure', model: 'gpt-35-turbo|2024-02-15-preview', api_version: '2024-10-21' }] },
      "providers[0].api_version: the api version is already given in the model ('deployment|api-version'); keep one",
    ],
    [
      'an api version on OpenAI',
      { providers: [{ ...openai, apiVersion: '2024-10-21' }] },
      'providers[0].apiVersion: only azure entries take an api version',
    ],
    [
      'two entries with one id',
      { primary: { ...openai, id: 'main' }, providers: [{ provider: 'openrouter', model: 'x', id: 'main' }] },
      'providers[0].id: already used by another entry; ids must be unique',
    ],
    [
      'an empty chain',
      { providers: [] },
      'providers: the chain is empty: expected a primary or at least one entry in providers',
    ],
    ['something that is not an object', ['openai'], 'fallbackFromConfig: expected an object such as'],
  ])('%s', (_name, config, expected) => {
    expect(errorOf(config).message).toContain(expected);
  });

  it('lists every problem at once, each with its path', () => {
    const error = errorOf({
      max_retries_per_provider: -1,
      providers: [
        { provider: 'openai', model_name: 'gpt-4o', catch_errors: ['RateLimt', 'All'] },
        { provider: 'azur', model_name: 'x' },
      ],
    });
    expect(error.message.split('\n')[0]).toBe('fallbackFromConfig: invalid config:');
    expect(error.issues.map(issue => issue.path)).toEqual([
      'max_retries_per_provider',
      'providers[0].catch_errors[0]',
      'providers[1].provider',
    ]);
    expect(error.issues[2]!.message).toBe("expected 'openai', 'azure' or 'openrouter' (did you mean 'azure'?)");
  });

  it("is a TypeError, like the core's construction errors", () => {
    expect(errorOf({ providers: [] })).toBeInstanceOf(TypeError);
  });

  it('rejects a config primary when options.primary is set too', () => {
    const primary = resolveChainFromConfig({ providers: [openai] }, { env }).models[0]!;
    expect(errorOf({ primary: openai, providers: [] }, { env, primary }).message).toContain(
      'primary: the config has a primary and options.primary is set too; keep one',
    );
  });

  it('never echoes values: a secret in any field stays out of the message', () => {
    const secret = 'sk-live-secret-0123456789abcdef';
    const error = errorOf({
      providers: [
        { provider: 'openai', model: 'gpt-4o', api_key: secret, api_key_env: secret, base_url: secret, id: 7 },
        { provider: secret, model: secret },
      ],
      retryOn: [secret],
    });
    expect(error.message).not.toContain(secret);
    expect(JSON.stringify(error.issues)).not.toContain(secret);
    expect(error.issues.length).toBeGreaterThanOrEqual(6);
  });
});

describe('missing settings', () => {
  it('name the variable and the entry, for every entry at once', () => {
    const error = errorOf(
      {
        providers: [
          { provider: 'openai', model: 'gpt-4o' },
          { provider: 'openrouter', model: 'openai/gpt-4o', api_key_env: 'MY_OPENROUTER_KEY' },
          { provider: 'azure', model: 'gpt-35-turbo|2024-02-15-preview' },
        ],
      },
      { env: { OPENAI_API_KEY: '' } },
    );
    expect(error.message).toBe(
      [
        'fallbackFromConfig: missing settings:',
        "  providers[0] (openai 'gpt-4o'): no API key: set the environment variable OPENAI_API_KEY (or name another variable with apiKeyEnv)",
        "  providers[1] (openrouter 'openai/gpt-4o'): no API key: set the environment variable MY_OPENROUTER_KEY",
        "  providers[2] (azure 'gpt-35-turbo|2024-02-15-preview'): no API key: set the environment variable AZURE_API_KEY (or name another variable with apiKeyEnv)",
        "  providers[2] (azure 'gpt-35-turbo|2024-02-15-preview'): no Azure endpoint: set the environment variable AZURE_RESOURCE_NAME, or give the entry a baseURL or resourceName",
      ].join('\n'),
    );
    expect(error.missingEnv).toEqual(['OPENAI_API_KEY', 'MY_OPENROUTER_KEY', 'AZURE_API_KEY', 'AZURE_RESOURCE_NAME']);
  });

  it('Azure needs no resource name with a base URL, and an invalid one is named without its value', () => {
    const azure = { provider: 'azure', model: 'gpt-4o' };
    expect(() =>
      resolveChainFromConfig(
        { providers: [{ ...azure, base_url: 'http://127.0.0.1:1/openai' }] },
        { env: { AZURE_API_KEY: 'k' } },
      ),
    ).not.toThrow();
    const error = errorOf(
      { providers: [azure] },
      { env: { AZURE_API_KEY: 'k', AZURE_RESOURCE_NAME: 'https://x.openai.azure.com' } },
    );
    expect(error.message).toContain('AZURE_RESOURCE_NAME is not an Azure resource name');
    expect(error.message).not.toContain('x.openai.azure.com');
  });

  it('a disabled chain needs keys for its primary only', () => {
    const config = { enabled: false, providers: [openai, { provider: 'openrouter', model: 'x' }] };
    expect(() => resolveChainFromConfig(config, { env: { OPENAI_API_KEY: 'k' } })).not.toThrow();
    expect(errorOf(config, { env: {} }).missingEnv).toEqual(['OPENAI_API_KEY']);
  });
});

describe('fallbackFromConfig', () => {
  it('throws at construction: no request is ever sent for a bad config', () => {
    const fetch = vi.fn<typeof globalThis.fetch>();
    expect(() =>
      fallbackFromConfig(
        { providers: [openai, { provider: 'azure', model: 'x', catch_errors: ['Timeuot'] }] },
        { env, fetch },
      ),
    ).toThrow("providers[1].catch_errors[0]: expected an error type (did you mean 'Timeout'?)");
    expect(fetch).not.toHaveBeenCalled();
  });
});
