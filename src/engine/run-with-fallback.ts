import { describeError } from '../errors/error-details';
import type { FallbackErrorType } from '../errors/fallback-error-type';
import { FallbackExhaustedError } from '../errors/fallback-exhausted-error';
import { callHealth } from '../health/call-health';
import { lastResort, nextUntried } from '../health/skip-order';
import { countCalled, skippedFailure, toCaughtOrSkipped } from '../health/skipped-attempt';
import type { ResolvedEntry, ResolvedOptions } from '../options/resolve-options';
import type { FallbackAttempt, FallbackCallContext, FallbackCaughtError } from '../types';
import { abortableDelay } from './abortable-delay';
import { AttemptScope } from './attempt-scope';
import { backoffDelay } from './backoff-delay';
import { type ClassifiedFailure, classifyAttempt, entryRef } from './classify-attempt';
import { decideRetry } from './decide-retry';
import { emitEvent } from './emit-event';

/** What the engine hands back when an entry succeeded. */
export interface FallbackRun<T> {
  value: T;
  entry: ResolvedEntry;
  /** Owned by the caller from here on: dispose it when the result is done (for streams: when the stream ends). */
  scope: AttemptScope;
  /** Attempts made, the successful one included. */
  attempts: number;
  caught: FallbackCaughtError[];
}

export interface RunInput<T> {
  entries: readonly ResolvedEntry[];
  options: ResolvedOptions;
  context: FallbackCallContext;
  callerSignal: AbortSignal | undefined;
  /** When the call started; the total budget counts from here. */
  startedAt: number;
  /** One attempt on one entry. It must honour `scope.signal`. */
  attempt: (entry: ResolvedEntry, scope: AttemptScope) => Promise<T>;
}

/**
 * The attempt loop, the same for every operation and spec version: try an
 * entry, classify a failure once, then retry the same entry (backoff or
 * Retry-After), move to the next entry that catches the error, or stop.
 * All state lives in this call, so one model serves concurrent calls safely.
 */
export async function runWithFallback<T>(input: RunInput<T>): Promise<FallbackRun<T>> {
  const { entries, options, context, callerSignal, startedAt } = input;
  const deadline = options.totalMs === false ? Infinity : startedAt + options.totalMs;
  const failures: ClassifiedFailure[] = [];
  let index = 0;
  let attemptOnEntry = 1;
  // Circuit breaker: positions skipped (open) and called in this call; once every remaining entry is open, `bypass` calls them anyway.
  const health = callHealth(options, context, callerSignal);
  const skipped: number[] = [];
  const tried = new Set<number>();
  let bypass = false;
  let lastType: FallbackErrorType | undefined;
  // When the retry the chain waits for is due: health judges that retry at this time, not at the timer's (clocks differ by a millisecond).
  let retryDueAt: number | undefined;
  const moveOn = (from: number, type: FallbackErrorType): number | undefined => {
    const next = nextUntried(entries, from, type, tried);
    if (next !== undefined) return next;
    const last = lastResort(entries, skipped, tried, lastType);
    if (last !== undefined) bypass = true;
    return last;
  };

  for (;;) {
    if (callerSignal?.aborted) throw callerSignal.reason;
    const entry = entries[index]!;
    const gate = await health.admit(entry, bypass, retryDueAt);
    retryDueAt = undefined;
    if (!gate.admitted) {
      failures.push(skippedFailure(entry, attemptOnEntry, gate));
      skipped.push(index);
      const next = moveOn(index, gate.type);
      if (next === undefined) {
        throw exhausted(input, failures, new FallbackExhaustedError({ attempts: failures.map(toAttempt) }));
      }
      index = next;
      attemptOnEntry = 1;
      continue;
    }
    tried.add(index);
    const scope = new AttemptScope(callerSignal);
    if (deadline !== Infinity) scope.arm('total', Math.max(0, deadline - Date.now()));
    const attemptStart = Date.now();
    try {
      const value = await scope.race(input.attempt(entry, scope));
      scope.disarm('request');
      scope.disarm('first-chunk');
      await health.succeeded(entry, gate);
      const run = { value, entry, scope, attempts: countCalled(failures) + 1, caught: failures.map(toCaughtOrSkipped) };
      if (options.onSuccess !== undefined)
        emitEvent(
          'onSuccess',
          options.onSuccess,
          {
            ...context,
            ...entryRef(entry),
            attempts: run.attempts,
            caught: run.caught,
            durationMs: Date.now() - startedAt,
          },
          options.logger,
        );
      return run;
    } catch (thrown) {
      const timeout = scope.timeout;
      const byCaller = scope.abortedByCaller;
      scope.dispose();
      // The caller's abort is never a provider failure: no retry, no fallback, their reason surfaces.
      if (byCaller) {
        health.released(entry, gate);
        throw callerSignal!.reason;
      }

      const failure = classifyAttempt(timeout ?? thrown, entry, attemptOnEntry, Date.now() - attemptStart, options);
      failures.push(failure);
      lastType = failure.type;
      const known = await health.failed(entry, gate, failure, timeout?.kind);
      const { logger } = options;

      if (timeout?.kind === 'total') {
        throw exhausted(
          input,
          failures,
          new FallbackExhaustedError({
            attempts: failures.map(toAttempt),
            reason: 'total-timeout',
            budgetMs: options.totalMs as number,
          }),
        );
      }

      let retry = decideRetry({
        type: failure.type,
        retryOn: options.retryOn,
        retriesUsed: attemptOnEntry - 1,
        maxRetries: entry.maxRetries,
        retryAfterMs: failure.retryAfterMs,
        maxRetryAfterMs: options.maxRetryAfterMs,
        backoffMs: backoffDelay(attemptOnEntry, options.backoff),
        remainingMs: deadline - Date.now(),
      });
      // Waiting is pointless when the circuit will still be open: the retry would be skipped.
      if (retry.retry && !bypass && health.openAt(known, Date.now() + retry.delayMs)) retry = { retry: false };
      if (retry.retry) {
        logger.warn?.(
          `[ai-sdk-fallback] ${entry.id} attempt ${attemptOnEntry} failed (${label(failure)}): ${describeError(failure.error)}; retrying in ${retry.delayMs} ms`,
        );
        emitEvent(
          'onRetry',
          options.onRetry,
          {
            ...context,
            ...entryRef(entry),
            attempt: attemptOnEntry,
            type: failure.type,
            error: failure.error,
            ...(failure.statusCode === undefined ? {} : { statusCode: failure.statusCode }),
            delayMs: retry.delayMs,
          },
          logger,
        );
        retryDueAt = Date.now() + retry.delayMs;
        await abortableDelay(retry.delayMs, callerSignal);
        attemptOnEntry++;
        continue;
      }

      const next = moveOn(index, failure.type);
      if (next === undefined) {
        // Only one model was tried: fallback never applied, so the caller gets the provider's own error.
        if (failures.every(f => f.index === entry.index || f.skipped !== undefined)) {
          logger.debug?.(
            `[ai-sdk-fallback] ${entry.id} failed (${label(failure)}) and no entry catches it; rethrowing`,
          );
          throw thrown;
        }
        throw exhausted(input, failures, new FallbackExhaustedError({ attempts: failures.map(toAttempt) }));
      }
      const to = entries[next]!;
      logger.warn?.(
        `[ai-sdk-fallback] ${entry.id} failed (${label(failure)}): ${describeError(failure.error)}; falling back to ${to.id}`,
      );
      emitEvent(
        'onFallback',
        options.onFallback,
        {
          ...context,
          from: entryRef(entry),
          to: entryRef(to),
          attempt: attemptOnEntry,
          type: failure.type,
          error: failure.error,
          ...(failure.statusCode === undefined ? {} : { statusCode: failure.statusCode }),
        },
        logger,
      );
      index = next;
      attemptOnEntry = 1;
    }
  }
}

function exhausted<T>(input: RunInput<T>, failures: ClassifiedFailure[], error: FallbackExhaustedError) {
  input.options.logger.error?.(`[ai-sdk-fallback] ${error.message}`);
  emitEvent(
    'onExhausted',
    input.options.onExhausted,
    {
      ...input.context,
      error,
      attempts: failures.map(toAttempt),
    },
    input.options.logger,
  );
  return error;
}

function label({ type, statusCode }: ClassifiedFailure): string {
  return statusCode === undefined ? type : `${type} ${statusCode}`;
}

function toAttempt({ retryAfterMs: _, ...attempt }: ClassifiedFailure): FallbackAttempt {
  return attempt;
}
