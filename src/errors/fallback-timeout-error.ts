import { AISDKError } from '@ai-sdk/provider';
import { type ErrorSummary, summarizeError } from './describe';
import { redactSecrets } from './redact';

const name = 'AI_FallbackTimeoutError';
const marker = `vercel.ai.error.${name}`;
const symbol = Symbol.for(marker);

/** Which of the library's own clocks ran out. */
export type FallbackTimeoutKind = 'request' | 'first-chunk' | 'chunk-idle' | 'total';

/**
 * One of this library's own timeouts fired for one attempt (or for the whole
 * call, kind `total`). It is classified `timeout`; the caller's own abort is
 * never turned into this error.
 */
export class FallbackTimeoutError extends AISDKError {
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: the marker isInstance checks (AISDKError.hasMarker)
  private readonly [symbol] = true;

  readonly kind: FallbackTimeoutKind;
  readonly timeoutMs: number;

  constructor({ kind, timeoutMs }: { kind: FallbackTimeoutKind; timeoutMs: number }) {
    super({ name, message: `${kind} timeout after ${timeoutMs} ms` });
    this.kind = kind;
    this.timeoutMs = timeoutMs;
  }

  /** What `JSON.stringify` writes: the message redacted, a `cause` summarized as `{ name, message, statusCode }`. */
  toJSON(): { name: string; message: string; kind: FallbackTimeoutKind; timeoutMs: number; cause?: ErrorSummary } {
    return {
      name: this.name,
      message: redactSecrets(this.message),
      kind: this.kind,
      timeoutMs: this.timeoutMs,
      ...(this.cause === undefined ? {} : { cause: summarizeError(this.cause) }),
    };
  }

  static override isInstance(error: unknown): error is FallbackTimeoutError {
    return AISDKError.hasMarker(error, marker);
  }
}
