import type { CheckReport } from '../attempt/result-check';
import { describeError } from '../errors/describe';
import type { FallbackExhaustedError } from '../errors/fallback-exhausted-error';
import type { FallbackCallContext, FallbackCaughtError, FallbackEntryRef, FallbackHedgeEvent } from '../types';
import { type ClassifiedFailure, entryRef, failureLabel, toAttempt } from './failure';
import type { ResolvedOptions } from './options';

/** What the chain did, as logs and events report it. */
export type Transition =
  | { kind: 'retry'; entry: FallbackEntryRef; failure: ClassifiedFailure; delayMs: number }
  | { kind: 'move'; entry: FallbackEntryRef; to: FallbackEntryRef; failure: ClassifiedFailure }
  | { kind: 'rethrow'; entry: FallbackEntryRef; failure: ClassifiedFailure }
  | { kind: 'exhausted'; error: FallbackExhaustedError; failures: readonly ClassifiedFailure[] }
  | {
      kind: 'hedge';
      entry: FallbackEntryRef;
      to: FallbackEntryRef;
      afterMs: number;
      source: FallbackHedgeEvent['source'];
    }
  | {
      kind: 'success';
      entry: FallbackEntryRef;
      attempts: number;
      caught: FallbackCaughtError[];
      durationMs: number;
    };

/**
 * The one place logs and `on*` events are written: each transition of the
 * chain becomes its log line and its event. Skips are logged where the
 * circuit is read; moves past a skipped entry fire no `onFallback`.
 */
export function observe(options: ResolvedOptions, context: FallbackCallContext, t: Transition): void {
  const { logger } = options;
  switch (t.kind) {
    case 'retry': {
      const { entry, failure, delayMs } = t;
      logger.warn?.(
        `[ai-sdk-fallback] ${entry.id} attempt ${failure.attempt} failed (${failureLabel(failure)}): ${failure.description}; retrying in ${delayMs} ms`,
      );
      if (options.onRetry !== undefined)
        emitEvent('onRetry', options.onRetry, { ...context, ...entryRef(entry), ...failed(failure), delayMs }, logger);
      return;
    }
    case 'move': {
      const { entry, to, failure } = t;
      if (failure.skipped !== undefined) return;
      logger.warn?.(
        `[ai-sdk-fallback] ${entry.id} failed (${failureLabel(failure)}): ${failure.description}; falling back to ${to.id}`,
      );
      if (options.onFallback !== undefined)
        emitEvent(
          'onFallback',
          options.onFallback,
          { ...context, from: entryRef(entry), to: entryRef(to), ...failed(failure) },
          logger,
        );
      return;
    }
    case 'rethrow':
      logger.debug?.(
        `[ai-sdk-fallback] ${t.entry.id} failed (${failureLabel(t.failure)}) and no entry catches it; rethrowing`,
      );
      return;
    case 'exhausted':
      logger.error?.(`[ai-sdk-fallback] ${t.error.message}`);
      if (options.onExhausted !== undefined)
        emitEvent(
          'onExhausted',
          options.onExhausted,
          { ...context, error: t.error, attempts: t.failures.map(toAttempt) },
          logger,
        );
      return;
    case 'hedge': {
      const { entry, to, afterMs, source } = t;
      logger.info?.(`[ai-sdk-fallback] ${entry.id} has not answered after ${afterMs} ms; hedging with ${to.id}`);
      if (options.onHedge !== undefined)
        emitEvent(
          'onHedge',
          options.onHedge,
          { ...context, from: entryRef(entry), to: entryRef(to), afterMs, source },
          logger,
        );
      return;
    }
    case 'success':
      if (options.onSuccess !== undefined)
        emitEvent(
          'onSuccess',
          options.onSuccess,
          { ...context, ...entryRef(t.entry), attempts: t.attempts, caught: t.caught, durationMs: t.durationMs },
          logger,
        );
      return;
  }
}

function failed({ attempt, type, error, statusCode }: ClassifiedFailure) {
  return { attempt, type, error, ...(statusCode === undefined ? {} : { statusCode }) };
}

/**
 * Calls a user's event handler. A handler that throws (or returns a promise
 * that rejects) is logged and ignored: observing the chain must never break it.
 */
export function emitEvent<EVENT>(
  name: string,
  handler: ((event: EVENT) => unknown) | undefined,
  event: EVENT,
  logger: ResolvedOptions['logger'],
): void {
  if (handler === undefined) return;
  const report = (error: unknown) =>
    logger.warn?.(`[ai-sdk-fallback] ${name} handler threw; ignored: ${describeError(error)}`);
  try {
    const result = handler(event);
    if (isThenable(result)) result.then(undefined, report);
  } catch (error) {
    report(error);
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}

const warnedNoValidator = new WeakSet<ResolvedOptions>();

/** The log lines of a result check that went wrong (the answer stands); the missing validator once per chain. */
export function checkReport(options: ResolvedOptions, entry: FallbackEntryRef): CheckReport {
  const { logger } = options;
  return {
    threw: error =>
      logger.warn?.(
        `[ai-sdk-fallback] checkResult threw on ${entry.id}'s answer; the answer stands: ${describeError(error)}`,
      ),
    invalid: value =>
      logger.warn?.(
        `[ai-sdk-fallback] checkResult returned '${String(value)}', which is not an error type; the answer stands`,
      ),
    noValidator() {
      if (warnedNoValidator.has(options)) return;
      warnedNoValidator.add(options);
      logger.warn?.(
        '[ai-sdk-fallback] the call sent a JSON schema, but @cfworker/json-schema is not installed: answers are checked for valid JSON only (npm install @cfworker/json-schema)',
      );
    },
  };
}
