import type { FallbackErrorType } from './error-type';
import type { FallbackAttempt, FallbackCaughtError, FallbackCircuitReason, FallbackEntryRef } from './results';

/** `onCircuitOpen`: an entry will be skipped until `until`. */
export interface FallbackCircuitOpenEvent extends FallbackCallContext {
  entry: FallbackEntryRef;
  reason: FallbackCircuitReason;
  /** Epoch milliseconds when the cooldown ends. */
  until: number;
  cooldownMs: number;
  /** Consecutive failures counted so far. */
  failures: number;
  /** The failure that opened it. */
  type: Exclude<FallbackErrorType, 'all'>;
  error: unknown;
  statusCode?: number;
}

/** `onCircuitClose`: an entry that was open answered again and is called normally. */
export interface FallbackCircuitCloseEvent extends FallbackCallContext {
  entry: FallbackEntryRef;
  /**
   * `'probe'`: the half-open probe answered. `'retry'`: a retry that a call
   * waited for (after a Retry-After) answered. `'last-resort'`: it answered
   * when every entry was open.
   */
  reason: 'probe' | 'retry' | 'last-resort';
  /** When the cooldown it closes from ended (or would have). */
  until: number;
}

/** Context common to every event: which call it belongs to. */
export interface FallbackCallContext {
  /** Unique per call: events of concurrent calls never mix. */
  callId: string;
  /** `generate`/`stream` for language models; the other kinds' one call each. */
  operation: 'generate' | 'stream' | 'embed' | 'image' | 'rerank' | 'speech' | 'transcribe' | 'video';
}

/** `onRetry`: an attempt failed and the same entry is tried again after `delayMs`. */
export interface FallbackRetryEvent extends FallbackCallContext, FallbackEntryRef {
  /** The attempt that failed (1-based, on this entry). */
  attempt: number;
  type: Exclude<FallbackErrorType, 'all'>;
  error: unknown;
  statusCode?: number;
  delayMs: number;
}

/** `onFallback`: the chain moves from one entry to the next. */
export interface FallbackSwitchEvent extends FallbackCallContext {
  from: FallbackEntryRef;
  to: FallbackEntryRef;
  /** The attempt on `from` that failed (1-based). */
  attempt: number;
  type: Exclude<FallbackErrorType, 'all'>;
  error: unknown;
  statusCode?: number;
}

/** `onSuccess`: an entry answered (for streams: reached its first output). */
export interface FallbackSuccessEvent extends FallbackCallContext, FallbackEntryRef {
  /** All attempts of this call, including the successful one. */
  attempts: number;
  caught: FallbackCaughtError[];
  durationMs: number;
}

/** `onExhausted`: the call fails; `error` is what the caller receives. */
export interface FallbackExhaustedEvent extends FallbackCallContext {
  error: Error;
  attempts: FallbackAttempt[];
}

/** `onHedge`: the attempt on `from` had not committed after `afterMs`, so `to` was started alongside it. */
export interface FallbackHedgeEvent extends FallbackCallContext {
  from: FallbackEntryRef;
  to: FallbackEntryRef;
  /** The wait in force for `from` (with `'auto'`: the observed percentile, or `initialMs`). */
  afterMs: number;
  /** `'fixed'`: the configured number; `'initial'`: `'auto'` before `minSamples`; `'observed'`: the percentile. */
  source: 'fixed' | 'initial' | 'observed';
}

/** The names of the event hooks of `FallbackConfig`. */
export type FallbackEventHook =
  | 'onRetry'
  | 'onFallback'
  | 'onSuccess'
  | 'onExhausted'
  | 'onCircuitOpen'
  | 'onCircuitClose'
  | 'onHedge';
