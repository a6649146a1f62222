import type { FallbackUsage } from '../types';

/**
 * An attempt that failed, with what the model did produce. If another entry
 * takes over, the held output is discarded; if none does, it is handed to the
 * caller as the model's own answer, exactly as the bare model would have
 * given it (an empty result, or a stream with its error part and finish).
 */
export class HeldFailure<HELD> {
  constructor(
    /** What the failure is classified from. */
    readonly error: unknown,
    readonly held: HELD,
    /** Frees what the held output keeps open (the stream's reader). */
    readonly discard: () => void = () => {},
    /** The tokens the failed attempt reported. */
    readonly usage?: FallbackUsage,
  ) {}
}
