import type { FallbackBackoff } from '../types';

/** Backoff with every field filled in. */
export type ResolvedBackoff = Required<FallbackBackoff>;

/**
 * Delay before retry number `retry` (1-based) on the same model.
 * With jitter the delay is drawn from [50 %, 100 %] of the exponential value,
 * so callers that failed together do not come back together.
 */
export function backoffDelay(
  retry: number,
  { initialDelayMs, maxDelayMs, multiplier, jitter }: ResolvedBackoff,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(maxDelayMs, initialDelayMs * multiplier ** (retry - 1));
  return Math.round(jitter ? exponential * (0.5 + random() / 2) : exponential);
}
