import type { FallbackErrorType } from './error-type';
import type { FallbackCallContext } from './events';
import type { FallbackEntryRef, FallbackUsage } from './results';

/**
 * A successful answer as `checkResult` sees it, the same for `doGenerate` and
 * for a stream held to its finish (`commit: 'finish'`), in every spec version.
 */
export interface FallbackResult {
  /** Every text part of the answer, joined. */
  text: string;
  /**
   * The answer's output as the model's spec version lists it (`text`,
   * `reasoning`, `tool-call`, `file`, `source` …). For a stream: its text and
   * reasoning deltas joined per block, and its other output parts as sent.
   */
  content: readonly { type: string; [key: string]: unknown }[];
  /** The unified finish reason (`'stop'`, `'length'`, `'content-filter'`, `'tool-calls'` …). */
  finishReason: string | undefined;
  usage: FallbackUsage | undefined;
  providerMetadata: Record<string, unknown> | undefined;
}

/** The second argument of `checkResult`: which call, entry and attempt the answer is from. */
export interface FallbackCheckContext extends FallbackCallContext, FallbackEntryRef {
  /** 1-based attempt number on this entry. */
  attempt: number;
  /** Aborts when the attempt's clocks run out or the caller aborts: pass it to a judge call of your own. */
  abortSignal: AbortSignal;
}

/**
 * Your own check of a successful answer, run after the built-in ones.
 * Return an error type to make the answer a failure of that type (caught and
 * retried like an error of that type), or `undefined` to accept it. May be
 * async; it is bounded by the attempt's clocks. If it throws, the answer
 * stands and the error is logged.
 */
export type FallbackCheckResult = (
  result: FallbackResult,
  context: FallbackCheckContext,
) => FallbackErrorType | undefined | PromiseLike<FallbackErrorType | undefined>;

/**
 * Where a stream is judged and handed to the consumer:
 * - `'first-output'` (default): at its first output part. Failures before it
 *   fall back invisibly; the answer reaches the consumer as it is generated.
 * - `'finish'`: at its finish part. The whole answer is held back and every
 *   result check (content filter, JSON, schema, `checkResult`) runs on it
 *   before it is released: the consumer gets only an answer that passed, and
 *   time to first token becomes time to last token.
 */
export type FallbackCommit = 'first-output' | 'finish';
