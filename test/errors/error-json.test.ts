import { APICallError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { FallbackCircuitOpenError, FallbackExhaustedError, FallbackTimeoutError } from '../../src/index';
import type { FallbackAttempt } from '../../src/types';
import { generateError, openai, openaiErrorBody, respond } from './provider-errors';

const ref = { index: 0, id: 'openai.chat:gpt-4o', provider: 'openai.chat', modelId: 'gpt-4o' };

describe('JSON.stringify of our errors', () => {
  it('FallbackExhaustedError: every error summarized and redacted, never bodies, headers or the prompt', async () => {
    const secret = 'sk-proj-Abc123Def456Ghi789Jkl012';
    const providerError = await generateError(
      openai(
        respond(401, openaiErrorBody(`Incorrect API key provided: ${secret}.`, 'invalid_request_error'), {
          'x-request-id': 'req-777',
        }),
      ).chat('gpt-4o'),
    );
    expect(APICallError.isInstance(providerError) && providerError.responseBody).toContain(secret);
    const timeout = new FallbackTimeoutError({ kind: 'request', timeoutMs: 50 });
    const attempts: FallbackAttempt[] = [
      { ...ref, attempt: 1, type: 'auth', error: providerError, statusCode: 401, durationMs: 3 },
      { ...ref, index: 1, id: 'b', attempt: 1, type: 'timeout', error: timeout, durationMs: 50 },
    ];

    const json = JSON.stringify(new FallbackExhaustedError({ attempts }));

    expect(json).not.toContain(secret);
    expect(json).not.toMatch(/responseBody|requestBodyValues|responseHeaders|req-777|"hi"/);
    const apiCall = { name: 'AI_APICallError', message: 'Incorrect API key provided: [redacted]', statusCode: 401 };
    const timedOut = { name: 'AI_FallbackTimeoutError', message: 'request timeout after 50 ms' };
    expect(JSON.parse(json)).toEqual({
      name: 'AI_FallbackExhaustedError',
      message: expect.stringContaining('#0 openai.chat:gpt-4o attempt 1: auth 401 after 3 ms: APICallError 401'),
      reason: 'no-fallback',
      attemptedProviders: ['openai.chat:gpt-4o', 'b'],
      attempts: [
        { ...ref, attempt: 1, type: 'auth', statusCode: 401, durationMs: 3, error: apiCall },
        { ...ref, index: 1, id: 'b', attempt: 1, type: 'timeout', durationMs: 50, error: timedOut },
      ],
      lastError: timedOut,
      providerErrors: { 'openai.chat:gpt-4o': apiCall, b: timedOut },
      cause: timedOut,
    });
  });

  it('summarizes stream error parts and thrown strings too', () => {
    const attempts: FallbackAttempt[] = [
      { ...ref, attempt: 1, type: 'rate-limit', error: { code: 429, message: 'Rate limit exceeded' }, durationMs: 1 },
      {
        ...ref,
        attempt: 2,
        type: 'provider-unavailable',
        error: { code: 'server_error', message: 'gone' },
        durationMs: 1,
      },
      { ...ref, attempt: 3, type: 'provider-unavailable', error: 'boom', durationMs: 1 },
    ];
    const parsed = JSON.parse(JSON.stringify(new FallbackExhaustedError({ attempts })));
    expect(parsed.attempts.map((attempt: { error: unknown }) => attempt.error)).toEqual([
      { message: 'Rate limit exceeded', statusCode: 429 },
      { name: 'server_error', message: 'gone' },
      { message: 'boom' },
    ]);
  });

  it('FallbackTimeoutError and FallbackCircuitOpenError say what they are', () => {
    const skip = { reason: 'circuit-open' as const, openedBy: 'retry-after' as const, until: Date.UTC(2030, 0, 1) };
    expect(JSON.parse(JSON.stringify(new FallbackTimeoutError({ kind: 'first-chunk', timeoutMs: 900 })))).toEqual({
      name: 'AI_FallbackTimeoutError',
      message: 'first-chunk timeout after 900 ms',
      kind: 'first-chunk',
      timeoutMs: 900,
    });
    expect(JSON.parse(JSON.stringify(new FallbackCircuitOpenError({ entryId: 'a', skip })))).toEqual({
      name: 'AI_FallbackCircuitOpenError',
      message: 'skipped a: its circuit is open until 2030-01-01T00:00:00.000Z (opened by retry-after)',
      entryId: 'a',
      skip,
    });
  });
});
