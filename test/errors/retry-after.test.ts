import { APICallError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { getRetryAfterMs } from '../../src/errors/retry-after';
import {
  azure,
  generateError,
  openai,
  openaiErrorBody,
  openrouter,
  respond,
  respondSse,
  streamError,
} from './provider-errors';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const rateLimited = openaiErrorBody('Rate limit reached', 'requests', 'rate_limit_exceeded');
const openaiWithHeaders = (headers: Record<string, string>) => () =>
  generateError(openai(respond(429, rateLimited, headers)).chat('gpt-4o'));
const openRouterReset = (resetMs: number) => ({
  code: 429,
  message: 'Rate limit exceeded: limit_rpm/x/y',
  metadata: {
    headers: { 'X-RateLimit-Limit': '20', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(resetMs) },
  },
});

describe('getRetryAfterMs', () => {
  it.each<{ label: string; produce: () => Promise<unknown> | unknown; expected: number | undefined }>([
    { label: 'OpenAI retry-after in seconds', produce: openaiWithHeaders({ 'retry-after': '3' }), expected: 3_000 },
    { label: 'fractional seconds', produce: openaiWithHeaders({ 'retry-after': '1.5' }), expected: 1_500 },
    {
      label: 'retry-after-ms wins over retry-after (Azure sends both)',
      produce: () =>
        generateError(
          azure(
            respond(
              429,
              { error: { code: '429', message: 'Rate limit is exceeded.' } },
              { 'retry-after': '2', 'retry-after-ms': '1500' },
            ),
          )('deployment'),
        ),
      expected: 1_500,
    },
    {
      label: 'HTTP date, as a delay from now',
      produce: openaiWithHeaders({ 'Retry-After': new Date(NOW + 7_000).toUTCString() }),
      expected: 7_000,
    },
    {
      label: 'HTTP date in the past clamps to 0',
      produce: openaiWithHeaders({ 'retry-after': new Date(NOW - 60_000).toUTCString() }),
      expected: 0,
    },
    { label: 'unreadable value', produce: openaiWithHeaders({ 'retry-after': 'soon' }), expected: undefined },
    {
      label: 'negative seconds are not a delay',
      produce: openaiWithHeaders({ 'retry-after': '-5' }),
      expected: undefined,
    },
    { label: 'no header', produce: openaiWithHeaders({}), expected: undefined },
    {
      label: 'OpenRouter 429: metadata.headers X-RateLimit-Reset (epoch ms)',
      produce: () => generateError(openrouter(respond(429, { error: openRouterReset(NOW + 42_000) }))('x/y')),
      expected: 42_000,
    },
    {
      label: 'OpenRouter stream error part: metadata.headers on the plain object',
      produce: () => streamError(openrouter(respondSse([{ error: openRouterReset(NOW + 9_000) }, '[DONE]']))('x/y')),
      expected: 9_000,
    },
    {
      label: 'a real Retry-After header wins over OpenRouter metadata',
      produce: () =>
        generateError(
          openrouter(respond(429, { error: openRouterReset(NOW + 42_000) }, { 'Retry-After': '5' }))('x/y'),
        ),
      expected: 5_000,
    },
    {
      label: 'X-RateLimit-Reset in epoch seconds',
      produce: () => ({
        code: 429,
        message: 'slow down',
        headers: { 'x-ratelimit-reset': String((NOW + 4_000) / 1000) },
      }),
      expected: 4_000,
    },
    {
      label: 'small X-RateLimit-Reset is ambiguous and ignored',
      produce: () => ({ code: 429, message: 'slow down', headers: { 'x-ratelimit-reset': '30' } }),
      expected: undefined,
    },
    {
      label: 'plain object headers, any case',
      produce: () => ({ status: 429, headers: { 'Retry-After': '7' } }),
      expected: 7_000,
    },
    {
      label: 'a fetch Headers instance',
      produce: () => ({ status: 429, headers: new Headers({ 'retry-after-ms': '250' }) }),
      expected: 250,
    },
    // Built with the SDK's class: no provider records numeric header values, but user code might.
    {
      label: 'APICallError constructed with headers only',
      produce: () =>
        new APICallError({
          message: 'x',
          url: 'u',
          requestBodyValues: {},
          statusCode: 503,
          responseHeaders: { 'RETRY-AFTER-MS': '10' },
        }),
      expected: 10,
    },
    { label: 'undefined', produce: () => undefined, expected: undefined },
    { label: 'a string', produce: () => 'retry-after: 5', expected: undefined },
  ])('$label → $expected', async ({ produce, expected }) => {
    expect(getRetryAfterMs(await produce(), NOW)).toBe(expected);
  });

  it('measures HTTP dates from Date.now() by default', async () => {
    const error = await openaiWithHeaders({ 'retry-after': new Date(Date.now() + 60_000).toUTCString() })();
    const delay = getRetryAfterMs(error);
    expect(delay).toBeGreaterThan(55_000);
    expect(delay).toBeLessThanOrEqual(60_000);
  });

  it('never throws', () => {
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('trap');
        },
      },
    );
    expect(getRetryAfterMs(hostile, NOW)).toBeUndefined();
  });
});
