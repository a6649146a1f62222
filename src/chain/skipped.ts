import { FallbackCircuitOpenError } from '../errors/circuit-open-error';
import { describeError } from '../errors/describe';
import type { FallbackEntryRef } from '../types';
import { type ClassifiedFailure, entryRef } from './failure';
import type { DeniedGate } from './health';

/** A skipped entry, recorded among the call's failed attempts: nothing was sent, so it took no time. */
export function skippedFailure(entry: FallbackEntryRef, attempt: number, gate: DeniedGate): ClassifiedFailure {
  const error = new FallbackCircuitOpenError({ entryId: entry.id, skip: gate.skip });
  return {
    ...entryRef(entry),
    attempt,
    type: gate.type,
    error,
    durationMs: 0,
    retryAfterMs: undefined,
    skipped: gate.skip,
    description: describeError(error),
  };
}
