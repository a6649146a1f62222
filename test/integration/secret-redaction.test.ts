import { APICallError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { fallbackFromConfig } from '../../src/config/index';
import { describeError } from '../../src/errors/describe';
import { FallbackExhaustedError, type FallbackExhaustedEvent, type FallbackSwitchEvent } from '../../src/index';
import type { FakeRequest, FakeStep } from '../../src/testing/index';
import { call, fakeProviderForFile, type Operation } from './helpers';

const fake = fakeProviderForFile();

// Shaped like real keys none of the built-in patterns knows: Azure's 32 hex digits, and a gateway's own token.
const AZURE_KEY = '3f9c2a7e5b1d4c8fa06e92b7d5c3e1f4';
const GATEWAY_KEY = 'gw_live_7Qm2Zr8Kx4Lp9Tn3';

/** What some upstreams do: answer 401 with the credential that was presented, verbatim. */
const echoPresentedKey: FakeStep = (request: FakeRequest) => ({
  status: 401,
  code: 'invalid_api_key',
  type: 'invalid_request_error',
  message: `Incorrect API key provided: ${request.headers['api-key'] ?? request.headers.authorization?.replace(/^Bearer /, '')}.`,
});

function echoingChain(lines: string[], events: unknown[]) {
  const record =
    (level: string) =>
    (...args: unknown[]) =>
      lines.push(`${level} ${args.map(String).join(' ')}`);
  return fallbackFromConfig(
    {
      max_retries_per_provider: 0,
      providers: [
        { provider: 'openai', model_name: 'gpt-4o', base_url: fake.openaiBaseURL, api_key_env: 'GATEWAY_TOKEN' },
        {
          provider: 'azure',
          model_name: 'gpt-4o-eu|2024-10-21',
          base_url: fake.azureBaseURL,
          api_key_env: 'MY_AZURE_KEY',
          catch_errors: ['All'],
        },
      ],
    },
    {
      env: { GATEWAY_TOKEN: GATEWAY_KEY, MY_AZURE_KEY: AZURE_KEY },
      logger: { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') },
      onFallback: (event: FallbackSwitchEvent) => events.push(event),
      onExhausted: (event: FallbackExhaustedEvent) => events.push(event),
    },
  );
}

describe.each<Operation>(['generate', 'stream'])('%s: a key the upstream echoes back', operation => {
  it('is redacted from the message, the logs, describeError and JSON.stringify; events keep the raw errors', async () => {
    fake.setScript({ 'gpt-4o': echoPresentedKey, 'gpt-4o-eu': echoPresentedKey });
    const lines: string[] = [];
    const events: unknown[] = [];

    const outcome = await call(echoingChain(lines, events), operation);
    const error = outcome.thrown ?? outcome.errors[0];

    // The keys really travelled, and really came back in the provider's own errors.
    expect(fake.requests.map(request => request.headers['api-key'] ?? request.headers.authorization)).toEqual([
      `Bearer ${GATEWAY_KEY}`,
      AZURE_KEY,
    ]);
    expect(FallbackExhaustedError.isInstance(error)).toBe(true);
    const exhausted = error as FallbackExhaustedError;
    const [openaiError, azureError] = exhausted.attempts.map(attempt => attempt.error);
    expect(APICallError.isInstance(openaiError) && openaiError.responseBody).toContain(GATEWAY_KEY);
    expect(APICallError.isInstance(azureError) && azureError.responseBody).toContain(AZURE_KEY);

    const json = JSON.stringify(exhausted);
    const surfaces = {
      message: exhausted.message,
      logs: lines.join('\n'),
      describeError: describeError(exhausted),
      json,
    };
    const leaking = Object.entries(surfaces).filter(
      ([, text]) => text.includes(AZURE_KEY) || text.includes(GATEWAY_KEY),
    );
    expect(leaking.map(([where]) => where)).toEqual([]);
    expect(exhausted.message).toContain('Incorrect API key provided: [redacted].');
    expect(lines.filter(line => line.startsWith('error'))).toHaveLength(1);

    // The JSON says what failed, never the bodies, headers or prompt the provider errors carry.
    const parsed = JSON.parse(json);
    const described = { name: 'AI_APICallError', message: 'Incorrect API key provided: [redacted].', statusCode: 401 };
    expect(parsed).toMatchObject({
      name: 'AI_FallbackExhaustedError',
      reason: 'no-fallback',
      attemptedProviders: ['openai.chat:gpt-4o', 'azure.chat:gpt-4o-eu'],
      attempts: [
        { id: 'openai.chat:gpt-4o', type: 'auth', statusCode: 401, error: described },
        { id: 'azure.chat:gpt-4o-eu', type: 'auth', statusCode: 401, error: described },
      ],
      lastError: described,
      cause: described,
      providerErrors: { 'openai.chat:gpt-4o': described, 'azure.chat:gpt-4o-eu': described },
    });
    expect(json).not.toMatch(/responseBody|requestBodyValues|responseHeaders|Say hello/);

    // Handed to user code as they are: the provider's own objects (documented as raw).
    const [switched, gaveUp] = events as [FallbackSwitchEvent, FallbackExhaustedEvent];
    expect(switched.error).toBe(openaiError);
    expect(gaveUp.error).toBe(exhausted);
    expect(gaveUp.attempts.map(attempt => attempt.error)).toEqual([openaiError, azureError]);
    expect(exhausted.lastError).toBe(azureError);
    expect(exhausted.providerErrors['azure.chat:gpt-4o-eu']).toBe(azureError);
  });
});
