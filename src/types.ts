import type { LanguageModelV2, LanguageModelV3, LanguageModelV4, LanguageModelV4CallOptions } from '@ai-sdk/provider';
import type { FallbackErrorType } from './errors/fallback-error-type';
import type { HealthStore } from './health/health-store';

/** Any language model the AI SDK 7 accepts: V2 and V3 models are normalized as `ai` does. */
export type FallbackModel = LanguageModelV2 | LanguageModelV3 | LanguageModelV4;

/** Call options an entry may override for its own attempts (`providerOptions` merge per provider key). */
export type FallbackEntrySettings = Partial<
  Pick<
    LanguageModelV4CallOptions,
    | 'maxOutputTokens'
    | 'temperature'
    | 'stopSequences'
    | 'topP'
    | 'topK'
    | 'presencePenalty'
    | 'frequencyPenalty'
    | 'seed'
    | 'headers'
    | 'reasoning'
    | 'providerOptions'
  >
>;

/** A model in the chain, with what lets the chain move on to it. */
export interface FallbackEntry<MODEL = FallbackModel> {
  model: MODEL;
  /** Unique name of this entry in events, errors and metadata. Default: `provider:modelId` (`#2`, `#3` … for repeats). */
  id?: string;
  /**
   * Which error types let the chain move on to this entry.
   * Default: every type except `context-length`, `content-filter` and `bad-request`.
   */
  catchErrors?: readonly FallbackErrorType[];
  /** Retries on this entry before moving on; overrides `maxRetriesPerModel`. */
  maxRetries?: number;
  /** Call options that override the caller's for this entry only. */
  settings?: FallbackEntrySettings;
  /** Timeouts for this entry's attempts; override the chain's `timeouts`. */
  timeouts?: FallbackTimeouts;
}

/** Exponential backoff between retries on the same model; full jitter keeps concurrent callers apart. */
export interface FallbackBackoff {
  /** Delay before the first retry (before jitter). Default 500. */
  initialDelayMs?: number;
  /** Upper bound of one delay. Default 8000. */
  maxDelayMs?: number;
  /** Growth per retry. Default 2. */
  multiplier?: number;
  /** Randomize each delay within [50 %, 100 %] of its value. Default true. */
  jitter?: boolean;
}

/**
 * The library's own clocks. `false` turns one off. Each can be set per entry.
 * Defaults are generous on purpose (see README): they guarantee no call hangs
 * forever without cutting off a reasoning model that thinks for minutes.
 */
export interface FallbackTimeouts {
  /** Longest a `doGenerate` may take, or a `doStream` may take to return its stream. Default 600 000. */
  requestMs?: number | false;
  /** From the start of a streaming attempt to its first output part. Default 300 000. */
  firstChunkMs?: number | false;
  /** Longest silence between two parts of a stream, before and after commit. Default 300 000. */
  chunkIdleMs?: number | false;
  /** One budget for the whole call: attempts, waits and fallbacks, and the stream after commit. Default 1 200 000. Chain level only. */
  totalMs?: number | false;
}

/** A console-compatible logger. */
export interface FallbackLogger {
  debug?: (message: string, details?: Record<string, unknown>) => void;
  info?: (message: string, details?: Record<string, unknown>) => void;
  warn?: (message: string, details?: Record<string, unknown>) => void;
  error?: (message: string, details?: Record<string, unknown>) => void;
}

/** Identifies one entry of the chain. */
export interface FallbackEntryRef {
  /** Position in the chain: 0 is the primary. */
  index: number;
  id: string;
  provider: string;
  modelId: string;
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
}

/** Why a circuit opened. */
export type FallbackCircuitReason =
  /** The provider answered with a Retry-After: the entry cools down for that long (capped at `maxCooldownMs`). */
  | 'retry-after'
  /** `failureThreshold` consecutive failures. */
  | 'failures'
  /** The half-open probe failed: cooling down again, twice as long. */
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
 * Per-entry health: entries that keep failing, or that answered with a
 * Retry-After, are skipped for a cooldown instead of being asked on every
 * call. See the README's "Health" section for why the defaults are what they are.
 */
export interface FallbackCircuitBreaker {
  /** Consecutive failures (of provider-side types) that open the circuit. Default 3. */
  failureThreshold?: number;
  /** First cooldown after the threshold is reached. Default 30 000. */
  cooldownMs?: number;
  /** Longest cooldown: caps doubling after failed probes, and Retry-After. Default 300 000. */
  maxCooldownMs?: number;
  /**
   * Where health is kept. Default: a `memoryHealthStore()` of this `withFallback` alone.
   * Pass one store to several `withFallback` calls to share it, or
   * `redisHealthStore` (`ai-sdk-fallback/redis`) to share it across processes.
   */
  store?: HealthStore;
  /** Longest a store operation may take before the breaker uses local memory instead. Default 100. */
  storeTimeoutMs?: number;
}

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
  operation: 'generate' | 'stream';
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

/** A failure the chain recovered from, as listed in `providerMetadata.fallback.caught`. */
export interface FallbackCaughtError extends FallbackEntryRef {
  type: Exclude<FallbackErrorType, 'all'>;
  message: string;
  statusCode?: number;
  /** Set when the entry was not called because its circuit is open. */
  skipped?: FallbackSkip;
}

/** `providerMetadata.fallback` on results and on the stream's `finish` part. */
export interface FallbackMetadata {
  servedBy: FallbackEntryRef;
  /** Attempts made for this call, the successful one included. */
  attempts: number;
  caught: FallbackCaughtError[];
  /** With `midStream: 'continue'`: the stream failed after commit and another entry continued its text. */
  continuation?: {
    from: FallbackEntryRef;
    by: FallbackEntryRef;
    /** Characters of text the consumer had received when `from` failed (the prefill). */
    receivedChars: number;
  };
}

/** Context passed to a custom `classifyError`. */
export interface FallbackClassifyContext extends FallbackEntryRef {
  attempt: number;
  /** What the built-in mapper says. */
  builtIn: Exclude<FallbackErrorType, 'all'>;
}

/** Options of `withFallback`. */
export interface FallbackConfig {
  /** `false`: the primary alone, no retries, no fallback. Default true. */
  enabled?: boolean;
  /** Retries on the same model before moving on (2 means up to 3 attempts). Default 2. */
  maxRetriesPerModel?: number;
  /** Types retried on the same model. Default `['rate-limit', 'provider-unavailable', 'network']`. */
  retryOn?: readonly FallbackErrorType[];
  backoff?: FallbackBackoff;
  /** A Retry-After longer than this is not waited for: the chain moves on at once. Default 10 000. */
  maxRetryAfterMs?: number;
  timeouts?: FallbackTimeouts;
  /**
   * A stream that fails after its first output: `'error'` (default) ends it
   * with an `error` part; `'continue'` asks the next matching entry to
   * continue the text (prefill), for text-only output.
   */
  midStream?: 'error' | 'continue';
  /** The error mapper hook: return a type, or `undefined` for the built-in mapping. */
  classifyError?: (error: unknown, context: FallbackClassifyContext) => FallbackErrorType | undefined;
  onRetry?: (event: FallbackRetryEvent) => void;
  onFallback?: (event: FallbackSwitchEvent) => void;
  onSuccess?: (event: FallbackSuccessEvent) => void;
  onExhausted?: (event: FallbackExhaustedEvent) => void;
  /**
   * Remember failing entries and skip them for a cooldown. Default: on, with
   * the defaults of {@link FallbackCircuitBreaker}. `false` turns it off.
   */
  circuitBreaker?: FallbackCircuitBreaker | false;
  onCircuitOpen?: (event: FallbackCircuitOpenEvent) => void;
  onCircuitClose?: (event: FallbackCircuitCloseEvent) => void;
  /** Console-compatible; silent by default. */
  logger?: FallbackLogger;
}
