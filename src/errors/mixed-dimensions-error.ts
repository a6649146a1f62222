import { AISDKError } from '@ai-sdk/provider';

const name = 'AI_FallbackMixedDimensionsError';
const marker = `vercel.ai.error.${name}`;
const symbol = Symbol.for(marker);

/**
 * An embedding chain answered with vectors of another size than an earlier
 * entry's (for the same requested `dimensions`). Thrown by the call that
 * sees it, instead of its vectors: vectors of two sizes in one index cannot be
 * compared, and vectors of one size from two models are not comparable
 * either, so a silent switch would corrupt a vector index. Give the entries
 * the same `dimensions` (settings or provider options), or set
 * `allowMixedDimensions: true` when each call's vectors are stored apart.
 */
export class FallbackMixedDimensionsError extends AISDKError {
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: the marker isInstance checks (AISDKError.hasMarker)
  private readonly [symbol] = true;

  /** The entry that answered first, and the size of its vectors. */
  readonly first: { entryId: string; dimensions: number };
  /** The entry that answered now, and the size of its vectors. */
  readonly received: { entryId: string; dimensions: number };
  readonly isRetryable = false;

  constructor({ first, received }: Pick<FallbackMixedDimensionsError, 'first' | 'received'>) {
    super({
      name,
      message:
        `'${received.entryId}' answered with ${received.dimensions}-dimensional vectors, but '${first.entryId}' ` +
        `answered with ${first.dimensions} dimensions: vectors of different models cannot share an index. ` +
        'Give the entries the same dimensions, or set allowMixedDimensions: true to accept it',
    });
    this.first = first;
    this.received = received;
  }

  static override isInstance(error: unknown): error is FallbackMixedDimensionsError {
    return AISDKError.hasMarker(error, marker);
  }
}
