import { type ClassifiedFailure, entryRef, toCaught } from '../engine/classify-attempt';
import { describeError } from '../errors/error-details';
import type { ResolvedEntry } from '../options/resolve-options';
import type { FallbackCaughtError } from '../types';
import type { DeniedGate } from './call-health';
import { FallbackCircuitOpenError } from './circuit-open-error';

/** A skipped entry, recorded among the call's failed attempts: nothing was sent, so it took no time. */
export function skippedFailure(entry: ResolvedEntry, attempt: number, gate: DeniedGate): ClassifiedFailure {
  return {
    ...entryRef(entry),
    attempt,
    type: gate.type,
    error: new FallbackCircuitOpenError({ entryId: entry.id, skip: gate.skip }),
    durationMs: 0,
    retryAfterMs: undefined,
    skipped: gate.skip,
  };
}

/** A failure or a skip as `providerMetadata.fallback.caught` lists it. */
export function toCaughtOrSkipped(failure: ClassifiedFailure): FallbackCaughtError {
  if (failure.skipped === undefined) return toCaught(failure);
  return {
    ...entryRef(failure),
    type: failure.type,
    message: describeError(failure.error),
    skipped: failure.skipped,
  };
}

/** Attempts actually sent to a model, skips excluded. */
export function countCalled(failures: readonly ClassifiedFailure[]): number {
  return failures.filter(failure => failure.skipped === undefined).length;
}
