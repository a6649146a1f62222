import { FallbackTimeoutError } from '../errors/fallback-timeout-error';
import type { PartTag } from '../versions/part-tag';
import { NO_ERROR, type StreamSpec } from '../versions/stream-spec';
import type { CommittedStream } from './commit';
import type { ContinueAfter, FinishMetadata } from './continuation';
import { PullHandshake } from './pull-handshake';
import type { AttemptScope } from './scope';
import { TextLedger } from './text-ledger';

// Two parts of look-ahead: with one, every part would wait for the consumer's next read before the
// source is read again. An error met ahead of the consumer waits until it has read what is queued.
const HIGH_WATER_MARK = 2;

export interface ForwardInput<PART> {
  committed: CommittedStream<PART>;
  scope: AttemptScope;
  spec: StreamSpec<PART>;
  metadata: FinishMetadata<PART>;
  /** Which entry produced the parts: added to the provider metadata of those that have any. */
  tag: PartTag;
  /** Replaces the model's error wherever it reaches the consumer (more than one model was tried). */
  mapError?: (error: unknown) => unknown;
  /** Present with `midStream: 'continue'`: how to hand a failed text-only stream to another model. */
  continueAfter?: ContinueAfter<PART>;
  /** Called once, when the stream is over. */ onEnd?: (how: 'done' | 'error' | 'cancelled' | 'aborted') => void;
}

/**
 * The consumer's stream after commit: the held parts, then the rest as the
 * model sends it. The provider's own parts pass unchanged (its error part,
 * its finish with usage and metadata, a read that rejects), as the bare
 * model's would; only the finish gains `providerMetadata.fallback` (and a part
 * with provider metadata the serving entry's tag there). One of
 * our clocks ends the stream with a timeout error part and a finish whose
 * reason is `error`. With `continueAfter`, a failure of a text-only answer is
 * handed to another model and only its new parts follow. The source is read
 * in a loop while the consumer has room (backpressure is kept), with no work
 * per part beyond the finish check and, for a part without provider metadata
 * (plain text deltas), one property read.
 */
export function forwardCommitted<PART>(input: ForwardInput<PART>): ReadableStream<PART> {
  const { spec, continueAfter, mapError } = input;
  let { reader } = input.committed;
  let { scope, metadata, tag } = input;
  const ledger = continueAfter === undefined ? undefined : new TextLedger(spec);
  const cancelled = continueAfter === undefined ? undefined : new AbortController();
  let continued = false;
  let finished = false;
  const handshake = new PullHandshake();
  let output!: ReadableStreamDefaultController<PART>;
  // An error raised while parts are still queued waits for the consumer to read them: erroring a
  // stream drops its queue, and the bare stream's consumer would have had those parts.
  let pendingError: { error: unknown } | undefined;
  const raise = (error: unknown) => {
    if (output.desiredSize! >= HIGH_WATER_MARK) output.error(error);
    else pendingError = { error };
  };

  const onAbort = () => {
    if (scope.abortedByCaller) {
      if (!end('aborted')) return;
      reader.cancel(scope.signal.reason).catch(() => {});
      output.error(scope.signal.reason);
    } else {
      // One of our clocks: wake the pending read; the loop turns it into a failure.
      reader.cancel(scope.signal.reason).catch(() => {});
    }
  };
  const watch = () => {
    if (scope.signal.aborted) onAbort();
    else scope.signal.addEventListener('abort', onAbort, { once: true });
  };
  const unwatch = () => {
    scope.signal.removeEventListener('abort', onAbort);
    scope.dispose();
  };
  function end(how: 'done' | 'error' | 'cancelled' | 'aborted'): boolean {
    if (finished) return false;
    finished = true;
    unwatch();
    handshake.release();
    input.onEnd?.(how);
    return true;
  }

  const finishOf = (part: PART) =>
    spec.isFinish(part) ? spec.withMetadata(part, metadata(part)) : spec.withTag(part, tag);
  const emitPlain = (part: PART) => output.enqueue(finishOf(part));
  const emitMapped = (part: PART) => {
    const error = spec.errorOf(part);
    output.enqueue(error === NO_ERROR ? finishOf(part) : spec.withError(part, mapError!(error)));
  };
  // A continuation's stream keeps the first attempt's response identity: its own metadata parts are dropped.
  const emitTracked = (part: PART) => {
    if (continued && spec.isResponseMetadata(part)) return;
    output.enqueue(ledger!.track(finishOf(part)));
  };
  const emit = ledger !== undefined ? emitTracked : mapError !== undefined ? emitMapped : emitPlain;

  /** A failure after commit; resolves true when the loop goes on reading (another model, or the provider's finish). */
  async function fail(error: unknown, kind: 'part' | 'rejected' | 'clock', part?: PART): Promise<boolean> {
    const total = FallbackTimeoutError.isInstance(error) && error.kind === 'total';
    if (continueAfter !== undefined && ledger!.textOnly && !total) {
      const failed = { reader, scope };
      scope.signal.removeEventListener('abort', onAbort);
      const outcome = await continueAfter({ error, text: ledger!.text, signal: cancelled!.signal });
      if ('continuation' in outcome || finished) {
        failed.reader.cancel(error).catch(() => {});
        failed.scope.dispose();
      }
      if (finished) {
        if ('continuation' in outcome) {
          outcome.continuation.committed.reader.cancel().catch(() => {});
          outcome.continuation.scope.dispose();
        }
        return false;
      }
      if ('abort' in outcome) {
        finished = true;
        input.onEnd?.('aborted');
        output.error(outcome.abort);
        return false;
      }
      if ('continuation' in outcome) {
        const next = outcome.continuation;
        ({ reader } = next.committed);
        ({ scope, metadata, tag } = next);
        continued = true;
        for (const shown of ledger!.continuationHead(next.committed.head)) emit(shown);
        if (next.committed.done) {
          end('done');
          output.close();
          return false;
        }
        watch();
        return true;
      }
      // Nobody continued: the original failure surfaces, with why as its cause.
      error = outcome.error;
      if (outcome.metadata !== undefined) metadata = outcome.metadata;
      if (kind === 'part') {
        watch();
        emit(spec.withError(part!, error));
        return true;
      }
    } else if (kind === 'part') {
      emit(part!);
      return true;
    }
    if (!end('error')) return false;
    if (kind === 'rejected') {
      raise(mapError === undefined ? error : mapError(error));
      return false;
    }
    reader.cancel(error).catch(() => {});
    output.enqueue(spec.errorPart(error));
    output.enqueue(spec.errorFinishPart(metadata(undefined)));
    output.close();
    return false;
  }

  async function pump(): Promise<void> {
    for (;;) {
      if (output.desiredSize! <= 0) {
        await handshake.park();
        if (finished) return;
      }
      let next: ReadableStreamReadResult<PART>;
      scope.reading();
      try {
        next = await reader.read();
      } catch (error) {
        scope.received();
        if (finished) return;
        const timeout = scope.timeout;
        if (await fail(timeout ?? error, timeout === undefined ? 'rejected' : 'clock')) continue;
        return;
      }
      scope.received();
      if (finished) return;
      if (next.done) {
        const timeout = scope.timeout;
        if (timeout === undefined) {
          end('done');
          output.close();
          return;
        }
        if (await fail(timeout, 'clock')) continue;
        return;
      }
      if (continueAfter !== undefined) {
        const error = spec.errorOf(next.value);
        if (error !== NO_ERROR) {
          if (await fail(error, 'part', next.value)) continue;
          return;
        }
      }
      emit(next.value);
    }
  }

  return new ReadableStream<PART>(
    {
      start(controller) {
        output = controller;
        const { head, done, streamError } = input.committed;
        for (const part of head) emit(part);
        if (streamError !== undefined) {
          end('error');
          raise(mapError === undefined ? streamError.error : mapError(streamError.error));
          return;
        }
        if (done) {
          end('done');
          controller.close();
          return;
        }
        watch();
        pump().catch(error => {
          if (end('error')) controller.error(error);
        });
      },
      pull(controller) {
        if (pendingError !== undefined) {
          // Erroring drops the queue: only once the consumer has read it.
          if (controller.desiredSize! >= HIGH_WATER_MARK) {
            controller.error(pendingError.error);
            pendingError = undefined;
          }
          return;
        }
        if (!finished) return handshake.pull();
      },
      cancel(reason) {
        cancelled?.abort(reason);
        const current = reader;
        if (!end('cancelled')) return;
        const cancelling = current.cancel(reason);
        // With `continue`, the current reader may be a failed model's, whose stream errored (a cut) while
        // another was being asked: cancelling it rejects with that failure, which is not the consumer's.
        return cancelled === undefined ? cancelling : cancelling.catch(() => {});
      },
    },
    // A plain strategy counts parts as `CountQueuingStrategy` does; Next.js's Edge runtime lacks that class.
    { highWaterMark: HIGH_WATER_MARK },
  );
}
