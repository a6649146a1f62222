import { type FallbackErrorType, matchesErrorType } from '../errors/fallback-error-type';

/** What is known about a failed attempt when deciding whether to retry the same model. */
export interface RetryInput {
  type: FallbackErrorType;
  retryOn: readonly FallbackErrorType[];
  /** Retries already made on this entry. */
  retriesUsed: number;
  maxRetries: number;
  /** The provider's Retry-After, when it sent one. */
  retryAfterMs: number | undefined;
  maxRetryAfterMs: number;
  /** The backoff delay this retry would wait without a Retry-After. */
  backoffMs: number;
  /** Time left in the call's budget (Infinity when there is none). */
  remainingMs: number;
}

/**
 * `{ retry: true, delayMs }` to try the same model again, `{ retry: false }`
 * to move on. A Retry-After replaces the backoff; one longer than
 * `maxRetryAfterMs`, or a wait that would outlast the call's budget, is not
 * worth waiting for when another model may answer now.
 */
export function decideRetry(input: RetryInput): { retry: true; delayMs: number } | { retry: false } {
  if (!matchesErrorType(input.retryOn, input.type)) return { retry: false };
  if (input.retriesUsed >= input.maxRetries) return { retry: false };
  if (input.retryAfterMs !== undefined && input.retryAfterMs > input.maxRetryAfterMs) {
    return { retry: false };
  }
  const delayMs = input.retryAfterMs ?? input.backoffMs;
  if (delayMs >= input.remainingMs) return { retry: false };
  return { retry: true, delayMs };
}
