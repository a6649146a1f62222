import { classifyFacts } from '../errors/classify-error';
import { describeError, describeFacts } from '../errors/describe';
import { readErrorFacts } from '../errors/facts';
import { retryAfterOf } from '../errors/retry-after';
import type { FallbackAttempt, FallbackCaughtError, FallbackEntryRef, FallbackLogger, FallbackUsage } from '../types';
import { CLASSIFIED_ERROR_TYPES, type FallbackErrorType } from '../types/error-type';

type ClassifiedType = Exclude<FallbackErrorType, 'all'>;

/** A failed (or skipped) attempt, its error read once: everything downstream reads this. */
export interface ClassifiedFailure extends FallbackAttempt {
  retryAfterMs: number | undefined;
  /** The error in one redacted line, for logs and `caught`. */
  description: string;
}

/** The user's error mapper hook, as the chain calls it. */
export interface Classifier {
  classifyError?: (
    error: unknown,
    context: FallbackEntryRef & { attempt: number; builtIn: ClassifiedType },
  ) => FallbackErrorType | undefined;
  logger: FallbackLogger;
}

/**
 * The single place errors go through the mapper: the error's facts are read
 * once, then the built-in mapping, then the user's hook, which may override
 * it. A hook that throws or answers with something that is not a type is
 * ignored (and logged).
 */
export function classifyFailure(
  error: unknown,
  entry: FallbackEntryRef,
  attempt: number,
  durationMs: number,
  { classifyError, logger }: Classifier,
  usage?: FallbackUsage,
): ClassifiedFailure {
  const facts = readErrorFacts(error);
  const builtIn = classifyFacts(facts);
  let type = builtIn;
  if (classifyError !== undefined) {
    try {
      const custom = classifyError(error, { ...entryRef(entry), attempt, builtIn });
      if (custom !== undefined) {
        if ((CLASSIFIED_ERROR_TYPES as readonly string[]).includes(custom)) type = custom as ClassifiedType;
        else
          logger.warn?.(
            `[ai-sdk-fallback] classifyError returned '${String(custom)}', which is not an error type; using '${builtIn}'`,
          );
      }
    } catch (hookError) {
      logger.warn?.(`[ai-sdk-fallback] classifyError threw; using '${builtIn}': ${describeError(hookError)}`);
    }
  }
  // A stream cut after a 200 carries status 200: that says nothing about the failure, so it is not reported.
  const statusCode = facts.status !== undefined && facts.status >= 400 ? facts.status : undefined;
  return {
    ...entryRef(entry),
    attempt,
    type,
    error,
    ...(statusCode === undefined ? {} : { statusCode }),
    durationMs,
    retryAfterMs: retryAfterOf(facts),
    description: describeFacts(facts),
    ...(usage === undefined ? {} : { usage }),
  };
}

/** The public identity of an entry, without its model or settings. */
export function entryRef({ index, id, provider, modelId }: FallbackEntryRef): FallbackEntryRef {
  return { index, id, provider, modelId };
}

/** A failure or a skip as `providerMetadata.fallback.caught` lists it: JSON only, message redacted. */
export function toCaught(failure: ClassifiedFailure): FallbackCaughtError {
  return {
    ...entryRef(failure),
    type: failure.type,
    message: failure.description,
    ...(failure.statusCode === undefined ? {} : { statusCode: failure.statusCode }),
    ...(failure.skipped === undefined ? {} : { skipped: failure.skipped }),
    ...(failure.usage === undefined ? {} : { usage: failure.usage }),
  };
}

/** A failure as `FallbackExhaustedError.attempts` lists it. */
export function toAttempt({ retryAfterMs: _, description: __, ...attempt }: ClassifiedFailure): FallbackAttempt {
  return attempt;
}

/** `type 429`, for log lines. */
export function failureLabel({ type, statusCode }: ClassifiedFailure): string {
  return statusCode === undefined ? type : `${type} ${statusCode}`;
}
