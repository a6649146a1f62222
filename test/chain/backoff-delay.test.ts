import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/chain/backoff';

const backoff = { initialDelayMs: 500, maxDelayMs: 8_000, multiplier: 2, jitter: false };

describe('backoffDelay', () => {
  it.each([
    [1, 500],
    [2, 1_000],
    [3, 2_000],
    [5, 8_000],
    [9, 8_000],
  ])('retry %i waits %i ms without jitter', (retry, expected) => {
    expect(backoffDelay(retry, backoff)).toBe(expected);
  });

  it.each([
    [0, 1_000],
    [0.5, 1_500],
    [0.999999, 2_000],
  ])('jitter draws within [50 %%, 100 %%]: random %f gives %i ms on retry 3', (random, expected) => {
    expect(backoffDelay(3, { ...backoff, jitter: true }, () => random)).toBe(expected);
  });
});
