import type { FallbackErrorType } from './error-type';

/** Identifies one entry of the chain. */
export interface FallbackEntryRef {
  /** Position in the chain: 0 is the primary. */
  index: number;
  id: string;
  provider: string;
  modelId: string;
}

/** Tokens one attempt (or a whole call) reported; a field is absent when no attempt reported it. */
export interface FallbackUsage {
  inputTokens?: number;
  outputTokens?: number;
}

/** One failed attempt, as listed by `FallbackExhaustedError.attempts`. */
export interface FallbackAttempt extends FallbackEntryRef {
  /** 1-based attempt number on this entry. */
  attempt: number;
  type: Exclude<FallbackErrorType, 'all'>;
  error: unknown;
  statusCode?: number;
  durationMs: number;
  /** Set when the entry was not called because its circuit is open (`type` is then the failure that opened it). */
  skipped?: FallbackSkip;
  /** The tokens this attempt reported (billed although it failed), when it reported any. */
  usage?: FallbackUsage;
}

/** Why a circuit opened. */
export type FallbackCircuitReason =
  /** The provider answered with a Retry-After: the entry cools down for that long (capped at `maxCooldownMs`). */
  | 'retry-after'
  /** `failureThreshold` consecutive failures. */
  | 'failures'
  /** The half-open probe failed: cooling down again, twice as long (up to 4 × `cooldownMs`). */
  | 'probe-failed';

/** An entry the chain passed over without calling it, because its circuit is open. */
export interface FallbackSkip {
  /** `'circuit-open'`: cooling down. `'probe-in-flight'`: half-open, and another call is probing it. */
  reason: 'circuit-open' | 'probe-in-flight';
  /** Why the circuit opened. */
  openedBy: FallbackCircuitReason;
  /** Epoch milliseconds when the cooldown ends and one call may probe the entry again. */
  until: number;
}

/**
 * A failure the chain recovered from, as listed in `providerMetadata.fallback.caught`,
 * or (`type: 'hedged'`) a racer of a hedged call that was cancelled because the other
 * committed first. `'hedged'` is not a {@link FallbackErrorType}: it is never a failure,
 * `catchErrors` and `retryOn` cannot name it, and health does not count it.
 */
export interface FallbackCaughtError extends FallbackEntryRef {
  type: Exclude<FallbackErrorType, 'all'> | 'hedged';
  message: string;
  statusCode?: number;
  /** Set when the entry was not called because its circuit is open. */
  skipped?: FallbackSkip;
  /** The tokens this attempt reported, when it reported any. */
  usage?: FallbackUsage;
}

/** `providerMetadata.fallback` on results and on the stream's `finish` part. */
export interface FallbackMetadata {
  servedBy: FallbackEntryRef;
  /** Attempts made for this call, the successful one included. */
  attempts: number;
  caught: FallbackCaughtError[];
  /**
   * Tokens summed over every attempt of the call that reported usage, the
   * serving one included: what the call was billed. Present when any attempt
   * reported usage.
   */
  totalUsage?: FallbackUsage;
  /** With `midStream: 'continue'`: the stream failed after commit and another entry continued its text. */
  continuation?: {
    from: FallbackEntryRef;
    by: FallbackEntryRef;
    /** Characters of text the consumer had received when `from` failed (the prefill). */
    receivedChars: number;
  };
  /** Set when a hedge was started: the wait in force, the entry started as the hedge, and the entry that won. */
  hedge?: { afterMs: number; started: FallbackEntryRef; winner: FallbackEntryRef };
}

/**
 * `providerMetadata.fallback` on each content part (and stream part) that has provider metadata:
 * which entry produced it. The AI SDK carries it into the next turn's message part as
 * `providerOptions.fallback`, where the chain reads it (docs/conversations.md).
 */
export interface FallbackPartTag {
  /** The id of the entry whose model produced the part. */
  producedBy: string;
}

/** Context passed to a custom `classifyError`. */
export interface FallbackClassifyContext extends FallbackEntryRef {
  attempt: number;
  /** What the built-in mapper says. */
  builtIn: Exclude<FallbackErrorType, 'all'>;
}
