import type {
  LanguageModelV2,
  LanguageModelV2Prompt,
  LanguageModelV3,
  LanguageModelV3Prompt,
  LanguageModelV4,
  LanguageModelV4Prompt,
} from '@ai-sdk/provider';
import type { FallbackErrorType } from './error-type';
import type {
  FallbackCircuitCloseEvent,
  FallbackCircuitOpenEvent,
  FallbackExhaustedEvent,
  FallbackHedgeEvent,
  FallbackRetryEvent,
  FallbackSuccessEvent,
  FallbackSwitchEvent,
} from './events';
import type { HealthStore } from './health-store';
import type { FallbackKindOptions, SettingsOf } from './kinds';
import type { FallbackCheckResult, FallbackCommit } from './result-check';
import type { FallbackClassifyContext, FallbackEntryRef } from './results';
import type { FallbackTelemetry } from './telemetry';

/** Any language model the AI SDK 7 accepts: V2 and V3 models are normalized as `ai` does. */
export type FallbackModel = LanguageModelV2 | LanguageModelV3 | LanguageModelV4;

/**
 * Call options an entry may override for its own attempts. `providerOptions`
 * and `headers` merge per key with the caller's; the others replace the
 * caller's value. `reasoning` exists from AI SDK 7 (V4 models) on.
 *
 * Checked at construction: any other key is refused with its path and the
 * closest name (`maxTokens` → `maxOutputTokens`), and so are the options that
 * belong to the call (`prompt`, `tools`, `toolChoice`, `responseFormat`,
 * `abortSignal`): an entry never answers a different question than the one asked.
 */
export interface FallbackEntrySettings {
  maxOutputTokens?: number;
  temperature?: number;
  stopSequences?: string[];
  topP?: number;
  topK?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  seed?: number;
  headers?: Record<string, string | undefined>;
  reasoning?: 'provider-default' | 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh' | 'max';
  /** Per provider key: `{ openai: { … } }`. */
  providerOptions?: Record<string, Record<string, unknown>>;
}

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
  /** Call options that override the caller's for this entry only (for other kinds than language models, that kind's settings). */
  settings?: SettingsOf<MODEL, FallbackEntrySettings>;
  /** Timeouts for this entry's attempts; override the chain's `timeouts`. */
  timeouts?: FallbackTimeouts;
  /** This entry's own result check; replaces the chain's `checkResult` for its answers. */
  checkResult?: FallbackCheckResult;
  /** Where this entry's streams are judged; overrides the chain's `commit`. */
  commit?: FallbackCommit;
  /**
   * How a conversation's history is prepared for this entry (docs/conversations.md). `true`
   * (default): parts another entry produced lose their provider references (item ids, encrypted
   * reasoning, signatures). `false`: the prompt is sent as the caller passed it. A function:
   * decides itself, for histories the chain cannot read (see {@link FallbackPreparePrompt}).
   */
  preparePrompt?: boolean | FallbackPreparePrompt;
  /** `false`: this entry is never hedged, nor started as a hedge (see {@link FallbackHedge}). */
  hedge?: false;
}

/**
 * A prompt as the chain's entries receive it: the prompt of the chain's spec version (V4 with
 * AI SDK 7, V3 with 6, V2 with 5), whose messages and parts have the same fields.
 */
export type FallbackPrompt = LanguageModelV2Prompt | LanguageModelV3Prompt | LanguageModelV4Prompt;

/** What a {@link FallbackPreparePrompt} hook knows about the call. */
export interface FallbackPromptContext {
  /**
   * The ids of the entries that produced tagged parts of the prompt (their
   * `providerOptions.fallback.producedBy`), in order of first appearance; `to.id` may be one of
   * them. Empty for a history the chain did not tag.
   */
  from: readonly string[];
  /** The entry about to be called. */
  to: FallbackEntryRef;
  /** The built-in preparation for `to`, to apply before or after your own changes. */
  prepare<PROMPT extends FallbackPrompt>(prompt: PROMPT): PROMPT;
}

/**
 * Called before each call to the entry, with the prompt as the caller passed it; what it returns
 * is sent instead, and the built-in preparation is not applied unless it calls `prepare`. An error
 * it throws fails that attempt.
 */
export type FallbackPreparePrompt = (prompt: FallbackPrompt, context: FallbackPromptContext) => FallbackPrompt;

/** Exponential backoff between retries on the same model; full jitter keeps concurrent callers apart. */
export interface FallbackBackoff {
  /** Delay before the first retry (before jitter). Default 500. */
  initialDelayMs?: number;
  /** Upper bound of one delay; at least `initialDelayMs` when both are given. Default 8000. */
  maxDelayMs?: number;
  /** Growth per retry. Default 2. */
  multiplier?: number;
  /** Randomize each delay within [50 %, 100 %] of its value. Default true. */
  jitter?: boolean;
}

/**
 * The library's own clocks. `false` turns one off. Each can be set per entry.
 * Defaults are generous on purpose (see docs/streaming.md): they guarantee no call hangs
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

/**
 * A console-compatible logger. Each method is optional; one that is given
 * must be a function (checked at construction). A method that throws is
 * ignored, as a throwing event handler is: logging never breaks a call.
 */
export interface FallbackLogger {
  debug?: (message: string, details?: Record<string, unknown>) => void;
  info?: (message: string, details?: Record<string, unknown>) => void;
  warn?: (message: string, details?: Record<string, unknown>) => void;
  error?: (message: string, details?: Record<string, unknown>) => void;
}

/**
 * Per-entry health: entries that keep failing, or that answered with a
 * Retry-After, are skipped for a cooldown instead of being asked on every
 * call. See docs/health.md for why the defaults are what they are.
 */
export interface FallbackCircuitBreaker {
  /** `false` turns the breaker off (the same as `circuitBreaker: false`). Default true. */
  enabled?: boolean;
  /** Consecutive failures (of provider-side types) that open the circuit. Default 3. */
  failureThreshold?: number;
  /** Cooldown after the threshold is reached; a failed probe doubles it, up to 4 × this. Default 30 000. */
  cooldownMs?: number;
  /**
   * Longest cooldown: caps a Retry-After, and the probe backoff (which stops at
   * 4 × `cooldownMs` on its own). At least `cooldownMs`. Default 300 000, or
   * `cooldownMs` when that is larger.
   */
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

/**
 * Hedged requests (docs/hedging.md): an attempt not committed (answered, or first output) after `afterMs` gets
 * the next entry started alongside it; the first to commit wins, the other is cancelled. At most one per call.
 */
export interface FallbackHedge {
  /**
   * How long an attempt may go without committing before the hedge starts. `'auto'`: the `percentile` of the
   * entry's own time to first output in this process (its last 100 attempts), `initialMs` until `minSamples`.
   */
  afterMs: number | 'auto';
  /** `'auto'`: which percentile of the entry's time to first output. Default 95. */
  percentile?: number;
  /** `'auto'`: samples needed before the percentile is used. Default 20. */
  minSamples?: number;
  /** `'auto'`: the wait before `minSamples` were seen. Default 1000. */
  initialMs?: number;
  /** Most hedged calls, as a share of the entry's recent calls (a token bucket). Default 0.05. */
  maxRatio?: number;
}

/** Options of `withFallback` (with {@link FallbackKindOptions} for the other kinds of models). */
export interface FallbackConfig extends FallbackKindOptions {
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
   * A stream that fails after its first output: `'error'` (default) passes
   * the failure on as the provider sent it (its `error` part and finish, or a
   * rejected read); `'continue'` asks the next matching entry to continue the
   * text (prefill), for text-only output.
   */
  midStream?: 'error' | 'continue';
  /**
   * Your own check of every successful answer (see docs/results.md): return an
   * error type to treat the answer as a failure of that type. Runs after the
   * built-in checks (content filter, empty answer, JSON, schema).
   */
  checkResult?: FallbackCheckResult;
  /** Where a stream is judged: `'first-output'` (default) or `'finish'` (see {@link FallbackCommit}). */
  commit?: FallbackCommit;
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
  /** Hedged requests; off unless given. See {@link FallbackHedge}. */
  hedge?: FallbackHedge;
  /** A hedge was started: the attempt on `from` had not committed after `afterMs`. */
  onHedge?: (event: FallbackHedgeEvent) => void;
  /** Console-compatible; silent by default. */
  logger?: FallbackLogger;
  /** OpenTelemetry spans and metrics; on when a tracer or meter provider is registered (docs/telemetry.md). */
  telemetry?: FallbackTelemetry;
}
