import { AISDKError } from '@ai-sdk/provider';
import type { FallbackAttempt } from '../types';
import { describeError } from './describe';

const name = 'AI_FallbackExhaustedError';
const marker = `vercel.ai.error.${name}`;
const symbol = Symbol.for(marker);

/** Why the chain gave up. */
export type FallbackExhaustedReason =
  /** No remaining entry catches the last error. */
  | 'no-fallback'
  /** `timeouts.totalMs` ran out. */
  | 'total-timeout';

/**
 * Every model the chain could use failed. `isRetryable` is false so the AI
 * SDK's own `maxRetries` never runs the whole chain again.
 */
export class FallbackExhaustedError extends AISDKError {
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: the marker isInstance checks (AISDKError.hasMarker)
  private readonly [symbol] = true;

  /** Every failed attempt, in order. */
  readonly attempts: FallbackAttempt[];
  /** Entry ids in the order they were first tried. */
  readonly attemptedProviders: string[];
  readonly lastError: unknown;
  /** The last error of each entry, by entry id. */
  readonly providerErrors: Record<string, unknown>;
  readonly reason: FallbackExhaustedReason;
  readonly isRetryable = false;

  constructor({
    attempts,
    reason = 'no-fallback',
    budgetMs,
  }: {
    attempts: FallbackAttempt[];
    reason?: FallbackExhaustedReason;
    budgetMs?: number;
  }) {
    const lastError = attempts.at(-1)?.error;
    super({ name, message: formatMessage(attempts, reason, budgetMs), cause: lastError });
    this.attempts = attempts;
    this.reason = reason;
    this.lastError = lastError;
    this.attemptedProviders = [...new Set(attempts.map(attempt => attempt.id))];
    this.providerErrors = Object.fromEntries(attempts.map(attempt => [attempt.id, attempt.error]));
  }

  static override isInstance(error: unknown): error is FallbackExhaustedError {
    return AISDKError.hasMarker(error, marker);
  }
}

function formatMessage(
  attempts: FallbackAttempt[],
  reason: FallbackExhaustedReason,
  budgetMs: number | undefined,
): string {
  const models = new Set(attempts.map(attempt => attempt.id)).size;
  const head =
    reason === 'total-timeout'
      ? `Fallback gave up: the total budget of ${budgetMs} ms was spent after ${attempts.length} attempt(s) on ${models} model(s):`
      : `All fallback models failed (${attempts.length} attempt(s) on ${models} model(s)):`;
  return [head, ...attempts.map(formatAttempt)].join('\n');
}

function formatAttempt(attempt: FallbackAttempt): string {
  const status = attempt.statusCode === undefined ? '' : ` ${attempt.statusCode}`;
  return `  #${attempt.index} ${attempt.id} attempt ${attempt.attempt}: ${attempt.type}${status} after ${attempt.durationMs} ms: ${describeError(attempt.error)}`;
}
