import { AISDKError } from '@ai-sdk/provider';
import type { FallbackErrorType } from '../types/error-type';

const name = 'AI_FallbackResultError';
const marker = `vercel.ai.error.${name}`;
const symbol = Symbol.for(marker);

/**
 * A successful answer that failed a result check: its finish reason says a
 * filter stopped it (`'content-filter'`), its text is not the JSON the call
 * asked for or does not satisfy the call's schema (`'invalid-output'`), or
 * `checkResult` returned a type. It stands for the attempt in `caught` and in
 * `FallbackExhaustedError.attempts`; the caller never receives it: on the
 * last entry the model's own answer is handed on as it is.
 */
export class FallbackResultError extends AISDKError {
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: the marker isInstance checks (AISDKError.hasMarker)
  private readonly [symbol] = true;

  /** What the failed check makes of the answer. */
  readonly type: Exclude<FallbackErrorType, 'all'>;
  /** The unified finish reason of the answer (`'stop'`, `'content-filter'` …), if any. */
  readonly finishReason: string | undefined;
  /** Why, in a few words: `'finish reason content-filter'`, `'invalid JSON at position 17'`. */
  readonly reason: string;
  readonly isRetryable = false;

  constructor({
    type,
    finishReason,
    reason,
  }: {
    type: Exclude<FallbackErrorType, 'all'>;
    finishReason: string | undefined;
    reason: string;
  }) {
    super({ name, message: reason });
    this.type = type;
    this.finishReason = finishReason;
    this.reason = reason;
  }

  static override isInstance(error: unknown): error is FallbackResultError {
    return AISDKError.hasMarker(error, marker);
  }
}
