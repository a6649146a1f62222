import type { AttemptScope } from '../attempt/scope';
import type { FallbackExhaustedError } from '../errors/fallback-exhausted-error';
import type { FallbackCallContext, FallbackCaughtError, FallbackMetadata } from '../types';
import type { Chain, ResolvedEntry } from './options';
import type { CallTrace } from './telemetry/call-trace';

// What one call through the chain (`runChain`) takes, and what it hands back.

/** What the chain hands back when an entry succeeded. */
export interface Served<T> {
  value: T;
  entry: ResolvedEntry;
  /** Owned by the caller from here on: dispose it when the result is done (for streams: when the stream ends). */
  scope: AttemptScope;
  /** Attempts made, the successful one included. */
  attempts: number;
  caught: FallbackCaughtError[];
  /**
   * Set when no entry took over a failure whose output was held: `value` is
   * that attempt's own output, handed on as the bare model would give it.
   * `error`: what replaces the model's error where it reaches the caller
   * (more than one model was tried); absent when the model's own error stands.
   */
  passThrough?: { error?: FallbackExhaustedError; modelError: unknown };
  /** Set when the call started a hedge. */
  hedge?: FallbackMetadata['hedge'];
  /** The call's spans and metrics, when recorded: the caller ends them when the result is done. */
  trace?: CallTrace;
}

/** One call through the chain. */
export interface CallInput<T> {
  chain: Chain;
  context: FallbackCallContext;
  signal: AbortSignal | undefined;
  /** When the call started; the total budget counts from here. */
  startedAt: number;
  /** `startedAt` was read just now: a first attempt admitted at once starts then, without reading the clock again. */
  startedNow?: boolean;
  /** One attempt on one entry (`attempt`: its number on that entry). It must honour `scope.signal`. */
  attempt: (entry: ResolvedEntry, scope: AttemptScope, attempt: number) => Promise<T>;
  /** Frees the value of an attempt that lost a hedge race after it had committed (a stream: cancels it). */
  release?: (value: T) => void;
  /** A continuation's run joins the trace of the call it continues. */
  trace?: CallTrace;
}
