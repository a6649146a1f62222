import { classifyError } from '../errors/classify-error';
import { describeError, getStatusCode } from '../errors/error-details';
import { CLASSIFIED_ERROR_TYPES } from '../errors/fallback-error-type';
import { getRetryAfterMs } from '../errors/retry-after';
import type { ResolvedEntry, ResolvedOptions } from '../options/resolve-options';
import type { FallbackAttempt, FallbackCaughtError, FallbackEntryRef } from '../types';

/** A failed attempt, classified once: everything downstream reads this. */
export interface ClassifiedFailure extends FallbackAttempt {
  retryAfterMs: number | undefined;
}

/**
 * The single place errors go through the mapper: the built-in mapping, then
 * the user's hook, which may override it. A hook that throws or answers with
 * something that is not a type is ignored (and logged).
 */
export function classifyAttempt(
  error: unknown,
  entry: ResolvedEntry,
  attempt: number,
  durationMs: number,
  options: ResolvedOptions,
): ClassifiedFailure {
  const builtIn = classifyError(error);
  let type = builtIn;
  if (options.classifyError !== undefined) {
    try {
      const custom = options.classifyError(error, { ...entryRef(entry), attempt, builtIn });
      if (custom !== undefined) {
        if ((CLASSIFIED_ERROR_TYPES as readonly string[]).includes(custom)) {
          type = custom as typeof builtIn;
        } else {
          options.logger.warn?.(
            `[ai-sdk-fallback] classifyError returned '${String(custom)}', which is not an error type; using '${builtIn}'`,
          );
        }
      }
    } catch (hookError) {
      options.logger.warn?.(`[ai-sdk-fallback] classifyError threw; using '${builtIn}': ${describeError(hookError)}`);
    }
  }
  // A stream cut after a 200 carries status 200: that says nothing about the failure, so it is not reported.
  const status = getStatusCode(error);
  const statusCode = status !== undefined && status >= 400 ? status : undefined;
  return {
    ...entryRef(entry),
    attempt,
    type,
    error,
    ...(statusCode === undefined ? {} : { statusCode }),
    durationMs,
    retryAfterMs: getRetryAfterMs(error),
  };
}

/** The public identity of an entry, without its model or settings. */
export function entryRef({ index, id, provider, modelId }: FallbackEntryRef): FallbackEntryRef {
  return { index, id, provider, modelId };
}

/** A failure as `providerMetadata.fallback.caught` lists it: JSON only, message redacted. */
export function toCaught(failure: ClassifiedFailure): FallbackCaughtError {
  return {
    ...entryRef(failure),
    type: failure.type,
    message: describeError(failure.error),
    ...(failure.statusCode === undefined ? {} : { statusCode: failure.statusCode }),
  };
}
