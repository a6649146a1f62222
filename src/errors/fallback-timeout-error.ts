import { AISDKError } from '@ai-sdk/provider';

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

  static override isInstance(error: unknown): error is FallbackTimeoutError {
    return AISDKError.hasMarker(error, marker);
  }
}
