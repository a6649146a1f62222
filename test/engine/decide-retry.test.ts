import { describe, expect, it } from 'vitest';
import { decideRetry, type RetryInput } from '../../src/engine/decide-retry';

const base: RetryInput = {
  type: 'rate-limit',
  retryOn: ['rate-limit', 'provider-unavailable', 'network'],
  retriesUsed: 0,
  maxRetries: 2,
  retryAfterMs: undefined,
  maxRetryAfterMs: 10_000,
  backoffMs: 500,
  remainingMs: Infinity,
};

describe('decideRetry', () => {
  it.each<[string, Partial<RetryInput>, ReturnType<typeof decideRetry>]>([
    ['a retryable type with retries left waits the backoff', {}, { retry: true, delayMs: 500 }],
    ['a Retry-After replaces the backoff', { retryAfterMs: 2_000 }, { retry: true, delayMs: 2_000 }],
    ['a Retry-After of 0 retries at once', { retryAfterMs: 0 }, { retry: true, delayMs: 0 }],
    ['a Retry-After beyond maxRetryAfterMs moves on', { retryAfterMs: 30_000 }, { retry: false }],
    ['a type not in retryOn moves on', { type: 'auth' }, { retry: false }],
    ['timeouts are not retried by default', { type: 'timeout' }, { retry: false }],
    ["retryOn 'all' retries anything", { type: 'timeout', retryOn: ['all'] }, { retry: true, delayMs: 500 }],
    ['no retries left moves on', { retriesUsed: 2 }, { retry: false }],
    ['maxRetries 0 never retries', { maxRetries: 0 }, { retry: false }],
    ['a wait longer than the budget left moves on', { remainingMs: 400 }, { retry: false }],
  ])('%s', (_, input, expected) => {
    expect(decideRetry({ ...base, ...input })).toEqual(expected);
  });
});
