import { type JudgeStream, waitForCommit } from '../attempt/commit';
import { HeldFailure } from '../attempt/held-failure';
import { judgeAnswer } from '../attempt/result-check';
import type { AttemptScope } from '../attempt/scope';
import type { BaseCallOptions, BaseGenerateResult } from '../versions/adapter';
import type { StreamSpec } from '../versions/stream-spec';
import { answerChecks, type CallChecks } from './answer-checks';
import { promptFor } from './entry-prompt';
import type { Adapter } from './generate';
import type { ResolvedEntry } from './options';

/**
 * One streaming attempt: open the stream under the attempt's clocks and wait
 * for its commit point. With `call`, an entry whose `commit` is `'finish'`
 * is held to its finish part and judged there.
 */
export function streamAttempt<
  OPTIONS extends BaseCallOptions,
  RESULT extends BaseGenerateResult,
  PART,
  STREAM extends { stream: ReadableStream<PART> },
>(adapter: Adapter<OPTIONS, RESULT, PART, STREAM>, params: OPTIONS, call?: CallChecks) {
  return async (entry: ResolvedEntry, scope: AttemptScope, attempt = 1) => {
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
      const judge =
        call !== undefined && entry.commit === 'finish'
          ? judgeOf(adapter.stream, call, entry, attempt, scope)
          : undefined;
      return { result, committed: await waitForCommit(result.stream, scope, adapter.stream, judge) };
    } catch (error) {
      // What the model sent is held with the stream's result, to be handed on if nobody takes over.
      if (error instanceof HeldFailure)
        throw new HeldFailure(error.error, { result, committed: error.held }, error.discard, error.usage);
      throw error;
    }
  };
}

const PASS = () => Promise.resolve(undefined);

/** The checks of a stream held to its finish; the built-in ones run in the commit gate. */
function judgeOf<PART>(
  spec: StreamSpec<PART>,
  call: CallChecks,
  entry: ResolvedEntry,
  attempt: number,
  scope: AttemptScope,
): JudgeStream<PART> {
  const checks = answerChecks(call, entry, attempt);
  if (checks === undefined) return PASS;
  return parts => {
    const result = spec.resultOf(parts);
    const hasText = result.content.some(part => part.type === 'text');
    return judgeAnswer(
      { finishReason: result.finishReason, text: () => (hasText ? result.text : undefined), result: () => result },
      checks,
      scope,
    );
  };
}

/** Closes, unread, the stream of an attempt that lost a hedge race after it had committed. */
export function releaseCommitted(value: { committed: { reader: ReadableStreamDefaultReader<unknown> } }): void {
  value.committed.reader.cancel().catch(() => {});
}
