import { FallbackExhaustedError } from '../../errors/fallback-exhausted-error';
import type { FallbackEntryRef } from '../../types';
import type { TelemetryAttributes } from '../../types/telemetry';
import { ATTR, bounded } from './attributes';

/** An entry's identity as attributes; strings bounded. */
export function entryAttributes(entry: FallbackEntryRef): TelemetryAttributes {
  return {
    [ATTR.index]: entry.index,
    [ATTR.id]: bounded(entry.id),
    [ATTR.provider]: bounded(entry.provider),
    [ATTR.model]: bounded(entry.modelId),
  };
}

/** How a call that threw `error` ended, when it is the chain's own error. */
export function endedBy(error: unknown): 'total-timeout' | 'exhausted' {
  return FallbackExhaustedError.isInstance(error) && error.reason === 'total-timeout' ? 'total-timeout' : 'exhausted';
}
