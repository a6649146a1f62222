import type { PartTag } from '../versions/part-tag';
import type { CommittedStream } from './commit';
import type { AttemptScope } from './scope';

/** The finish part's `providerMetadata` additions (`{ fallback: … }`), given the finish (undefined for one we write). */
export type FinishMetadata<PART> = (finish: PART | undefined) => Record<string, unknown>;

/** Another model that took over a stream after a mid-stream failure. */
export interface Continuation<PART> {
  committed: CommittedStream<PART>;
  scope: AttemptScope;
  metadata: FinishMetadata<PART>;
  /** The continuing entry's tag, for the parts it sends. */
  tag: PartTag;
}

/** What became of an attempt to continue a failed stream. */
export type ContinuationOutcome<PART> =
  | { continuation: Continuation<PART> }
  /**
   * No model continued: the original failure surfaces as this error. `metadata`, when continuation
   * requests were sent, replaces the finish's additions so that they count.
   */
  | { error: unknown; metadata?: FinishMetadata<PART> }
  /** The caller aborted meanwhile: error the stream with this reason. */
  | { abort: unknown };

/** Asks the chain for a model that continues the answer from `text`. */
export type ContinueAfter<PART> = (failure: {
  error: unknown;
  text: string;
  /** Aborts when the consumer cancels the stream. */
  signal: AbortSignal;
}) => Promise<ContinuationOutcome<PART>>;
