import { waitForCommit } from '../attempt/commit';
import { HeldFailure } from '../attempt/held-failure';
import type { AttemptScope } from '../attempt/scope';
import type { BaseCallOptions, BaseGenerateResult } from '../versions/adapter';
import { promptFor } from './entry-prompt';
import type { Adapter } from './generate';
import type { ResolvedEntry } from './options';

/** One streaming attempt: open the stream under the attempt's clocks and wait for its commit point. */
export function streamAttempt<
  OPTIONS extends BaseCallOptions,
  RESULT extends BaseGenerateResult,
  PART,
  STREAM extends { stream: ReadableStream<PART> },
>(adapter: Adapter<OPTIONS, RESULT, PART, STREAM>, params: OPTIONS) {
  return async (entry: ResolvedEntry, scope: AttemptScope) => {
    scope.arm('request', entry.timeouts.requestMs);
    scope.arm('first-chunk', entry.timeouts.firstChunkMs);
    const opening = Promise.resolve(
      adapter.doStream(
        entry.model,
        adapter.callOptions(promptFor(adapter, entry, params), entry.settings, scope.signal),
      ),
    );
    // A model that ignores its abort signal may still deliver a stream after we gave up on it: close it.
    opening.then(
      late => {
        if (scope.signal.aborted) late.stream.cancel().catch(() => {});
      },
      () => {},
    );
    const result = await scope.race(opening);
    scope.disarm('request');
    scope.armIdle(entry.timeouts.chunkIdleMs);
    try {
      return { result, committed: await waitForCommit(result.stream, scope, adapter.stream) };
    } catch (error) {
      // What the model sent is held with the stream's result, to be handed on if nobody takes over.
      if (error instanceof HeldFailure)
        throw new HeldFailure(error.error, { result, committed: error.held }, error.discard, error.usage);
      throw error;
    }
  };
}

/** Closes, unread, the stream of an attempt that lost a hedge race after it had committed. */
export function releaseCommitted(value: { committed: { reader: ReadableStreamDefaultReader<unknown> } }): void {
  value.committed.reader.cancel().catch(() => {});
}
