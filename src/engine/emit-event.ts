import { describeError } from '../errors/error-details';
import type { FallbackLogger } from '../types';

/**
 * Calls a user's event handler. A handler that throws (or returns a promise
 * that rejects) is logged and ignored: observing the chain must never break it.
 */
export function emitEvent<EVENT>(
  name: string,
  handler: ((event: EVENT) => unknown) | undefined,
  event: EVENT,
  logger: FallbackLogger,
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
