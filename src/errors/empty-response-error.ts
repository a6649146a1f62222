import { AISDKError } from '@ai-sdk/provider';

const name = 'AI_FallbackEmptyResponseError';
const marker = `vercel.ai.error.${name}`;
const symbol = Symbol.for(marker);

/**
 * The model answered, but with no output at all: no text, reasoning, tool
 * call, file or source (an empty 200, an HTML page where a stream was due,
 * only `[DONE]`). Classified `'empty-response'` (`'content-filter'` when its
 * finish reason is `content-filter`; the chain itself reports a filtered
 * answer as a `FallbackResultError`). It stands for the
 * attempt in `caught` and in `FallbackExhaustedError.attempts`; the caller
 * never receives it: on the last entry the model's own empty answer is
 * passed through as the bare model would give it.
 */
export class FallbackEmptyResponseError extends AISDKError {
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: the marker isInstance checks (AISDKError.hasMarker)
  private readonly [symbol] = true;

  /** The unified finish reason the empty answer carried (`'stop'`, `'error'`, `'other'` …), if any. */
  readonly finishReason: string | undefined;
  readonly isRetryable = false;

  constructor({ finishReason }: { finishReason: string | undefined }) {
    super({
      name,
      message:
        finishReason === undefined
          ? 'The model answered with no output'
          : `The model answered with no output (finish reason ${finishReason})`,
    });
    this.finishReason = finishReason;
  }

  static override isInstance(error: unknown): error is FallbackEmptyResponseError {
    return AISDKError.hasMarker(error, marker);
  }
}
