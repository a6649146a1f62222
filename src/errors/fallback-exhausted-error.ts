import { AISDKError } from '@ai-sdk/provider';
import type { FallbackAttempt } from '../types';
import { describeError, type ErrorSummary, summarizeError } from './describe';
import { redactSecrets } from './redact';

const name = 'AI_FallbackExhaustedError';
const marker = `vercel.ai.error.${name}`;
const symbol = Symbol.for(marker);

/** Why the chain gave up. */
export type FallbackExhaustedReason =
  /** No remaining entry catches the last error. */
  | 'no-fallback'
  /** `timeouts.totalMs` ran out. */
  | 'total-timeout';

/** A failed attempt as {@link FallbackExhaustedError.toJSON} writes it: its error summarized. */
export type FallbackAttemptJSON = Omit<FallbackAttempt, 'error'> & { error: ErrorSummary };

/**
 * Every model the chain could use failed. `isRetryable` is false so the AI
 * SDK's own `maxRetries` never runs the whole chain again.
 *
 * Its message is redacted (see `redactSecrets`), and so is `JSON.stringify`
 * of it; `attempts[].error`, `lastError`, `providerErrors` and `cause` are
 * the providers' own errors, unredacted.
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
    super({ name, message: redactSecrets(formatMessage(attempts, reason, budgetMs)), cause: lastError });
    this.attempts = attempts;
    this.reason = reason;
    this.lastError = lastError;
    this.attemptedProviders = [...new Set(attempts.map(attempt => attempt.id))];
    this.providerErrors = Object.fromEntries(attempts.map(attempt => [attempt.id, attempt.error]));
  }

  /**
   * What `JSON.stringify` writes: every error summarized as `{ name, message,
   * statusCode }` with its message redacted, never the raw errors, which carry
   * request and response bodies (the prompt, an echoed key) and headers.
   */
  toJSON(): {
    name: string;
    message: string;
    reason: FallbackExhaustedReason;
    attemptedProviders: string[];
    attempts: FallbackAttemptJSON[];
    lastError: ErrorSummary | undefined;
    providerErrors: Record<string, ErrorSummary>;
    cause: ErrorSummary | undefined;
  } {
    return {
      name: this.name,
      message: redactSecrets(this.message),
      reason: this.reason,
      attemptedProviders: this.attemptedProviders,
      attempts: this.attempts.map(attempt => ({ ...attempt, error: summarizeError(attempt.error) })),
      lastError: summaryOf(this.lastError),
      providerErrors: Object.fromEntries(
        Object.entries(this.providerErrors).map(([id, error]) => [id, summarizeError(error)]),
      ),
      cause: summaryOf(this.cause),
    };
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

function summaryOf(error: unknown): ErrorSummary | undefined {
  return error === undefined ? undefined : summarizeError(error);
}
