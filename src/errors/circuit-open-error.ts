import { AISDKError } from '@ai-sdk/provider';
import type { FallbackSkip } from '../types';
import { type ErrorSummary, summarizeError } from './describe';
import { redactSecrets } from './redact';

const name = 'AI_FallbackCircuitOpenError';
const marker = `vercel.ai.error.${name}`;
const symbol = Symbol.for(marker);

/**
 * Stands for an entry the chain skipped because its circuit is open: the
 * `error` of a skipped attempt in `FallbackExhaustedError.attempts`.
 * Nothing was sent to the model.
 */
export class FallbackCircuitOpenError extends AISDKError {
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: the marker isInstance checks (AISDKError.hasMarker)
  private readonly [symbol] = true;

  readonly entryId: string;
  readonly skip: FallbackSkip;
  readonly isRetryable = false;

  constructor({ entryId, skip }: { entryId: string; skip: FallbackSkip }) {
    super({ name, message: redactSecrets(describeSkip(entryId, skip)) });
    this.entryId = entryId;
    this.skip = skip;
  }

  /** What `JSON.stringify` writes: the message redacted, a `cause` summarized as `{ name, message, statusCode }`. */
  toJSON(): { name: string; message: string; entryId: string; skip: FallbackSkip; cause?: ErrorSummary } {
    return {
      name: this.name,
      message: redactSecrets(this.message),
      entryId: this.entryId,
      skip: this.skip,
      ...(this.cause === undefined ? {} : { cause: summarizeError(this.cause) }),
    };
  }

  static override isInstance(error: unknown): error is FallbackCircuitOpenError {
    return AISDKError.hasMarker(error, marker);
  }
}

function describeSkip(entryId: string, { reason, openedBy, until }: FallbackSkip): string {
  const when = new Date(until).toISOString();
  return reason === 'probe-in-flight'
    ? `skipped ${entryId}: its circuit is half-open and another call is probing it (opened by ${openedBy}, cooldown ended ${when})`
    : `skipped ${entryId}: its circuit is open until ${when} (opened by ${openedBy})`;
}
