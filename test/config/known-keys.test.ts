import { describe, expect, it } from 'vitest';
import { fallbackFromConfig } from '../../src/config/index';
import { describeError } from '../../src/errors/describe';

// Keys of no shape the built-in patterns know; each test uses its own, as the registry is process-wide.
const line = (key: string) => describeError(new Error(`upstream said: key ${key} is not valid`));
const redacted = 'Error: upstream said: key [redacted] is not valid';

describe('the keys fallbackFromConfig reads are redacted by value from then on', () => {
  it('from the default variable and from the one apiKeyEnv names, in options.env', () => {
    const azureKey = '5d41402abc4b2a76b9719d911017c592';
    const gatewayKey = 'gw_7a1c-proxy-token-93bd';
    expect([line(azureKey), line(gatewayKey)]).not.toContain(redacted);

    fallbackFromConfig(
      {
        providers: [
          { provider: 'azure', model: 'gpt-4o', baseURL: 'http://127.0.0.1:9/openai' },
          { provider: 'openai', model: 'gpt-4o', apiKeyEnv: 'GATEWAY_TOKEN' },
        ],
      },
      { env: { AZURE_API_KEY: azureKey, GATEWAY_TOKEN: gatewayKey } },
    );

    expect([line(azureKey), line(gatewayKey)]).toEqual([redacted, redacted]);
  });

  it('from process.env when no env option is given', () => {
    const key = '7215ee9c7d9dc229d2921a40e899ec5f';
    const before = process.env.KNOWN_KEYS_TEST_KEY;
    process.env.KNOWN_KEYS_TEST_KEY = key;
    try {
      fallbackFromConfig({ providers: [{ provider: 'openai', model: 'gpt-4o', apiKeyEnv: 'KNOWN_KEYS_TEST_KEY' }] });
    } finally {
      if (before === undefined) delete process.env.KNOWN_KEYS_TEST_KEY;
      else process.env.KNOWN_KEYS_TEST_KEY = before;
    }
    expect(line(key)).toBe(redacted);
  });

  it('only the keys it read: a variable no entry names is left alone', () => {
    const unread = 'b6d767d2f8ed5d21a44b0e5886680cb9';
    fallbackFromConfig(
      { providers: [{ provider: 'openai', model: 'gpt-4o' }] },
      { env: { OPENAI_API_KEY: 'e4da3b7fbbce2345d7772b0674a318d5', OPENROUTER_API_KEY: unread } },
    );
    expect(line(unread)).toBe(`Error: upstream said: key ${unread} is not valid`);
  });
});
