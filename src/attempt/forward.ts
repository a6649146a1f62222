import { FallbackTimeoutError } from '../errors/fallback-timeout-error';
import { NO_ERROR, type StreamSpec } from '../versions/stream-spec';
import type { CommittedStream } from './commit';
import type { AttemptScope } from './scope';

/** Another model that took over a stream after a mid-stream failure. */
export interface Continuation<PART> {
  committed: CommittedStream<PART>;
  scope: AttemptScope;
  /** Metadata for the finish part from here on. */
  metadata: Record<string, unknown>;
}

/** What became of an attempt to continue a failed stream. */
export type ContinuationOutcome<PART> =
  | { continuation: Continuation<PART> }
  /** No model continued: end the stream with this error. */
  | { error: unknown }
  /** The caller aborted meanwhile: error the stream with this reason. */
  | { abort: unknown };

/** Asks the chain for a model that continues the answer from `text`. */
export type ContinueAfter<PART> = (failure: {
  error: unknown;
  text: string;
  /** Aborts when the consumer cancels the stream. */
  signal: AbortSignal;
}) => Promise<ContinuationOutcome<PART>>;

export interface ForwardInput<PART> {
  committed: CommittedStream<PART>;
  scope: AttemptScope;
  spec: StreamSpec<PART>;
  /** Metadata merged into the finish part (`{ fallback: … }`). */
  metadata: Record<string, unknown>;
  /** Present with `midStream: 'continue'`: how to hand a failed text-only stream to another model. */
  continueAfter?: ContinueAfter<PART>;
}

/**
 * The consumer's stream after commit: the held parts, then the rest as it
 * comes. A failure from here on is never retried (that would splice two
 * answers): it becomes one `error` part and a finish whose reason is `error`,
 * and the inner stream is cancelled; or, with `continueAfter`, another model
 * continues the text and only its new parts are forwarded. The caller's
 * abort errors the stream with the caller's reason, as the provider's would.
 */
export function forwardCommitted<PART>(input: ForwardInput<PART>): ReadableStream<PART> {
  const { spec, continueAfter } = input;
  let current = { reader: input.committed.reader, scope: input.scope };
  let metadata = input.metadata;
  let finished = false;
  let text = '';
  let textOnly = true;
  let openTextId: string | undefined;
  const renamedBlocks = new Map<string, string>();
  const cancelled = new AbortController();
  let output!: ReadableStreamDefaultController<PART>;

  const onAbort = () => {
    const { scope, reader } = current;
    if (scope.abortedByCaller) {
      if (!end()) return;
      reader.cancel(scope.signal.reason).catch(() => {});
      output.error(scope.signal.reason);
    } else {
      // One of our clocks: wake the pending read; `pull` turns it into a failure.
      reader.cancel(scope.signal.reason).catch(() => {});
    }
  };

  const attach = (scope: AttemptScope) => {
    if (scope.signal.aborted) onAbort();
    else scope.signal.addEventListener('abort', onAbort, { once: true });
  };

  const detach = () => {
    current.scope.signal.removeEventListener('abort', onAbort);
    current.scope.dispose();
  };

  function end(): boolean {
    if (finished) return false;
    finished = true;
    detach();
    return true;
  }

  const fail = (error: unknown) => {
    if (!end()) return;
    current.reader.cancel(error).catch(() => {});
    output.enqueue(spec.errorPart(error));
    output.enqueue(spec.errorFinishPart(metadata));
    output.close();
  };

  const emitPlain = (part: PART) => {
    output.enqueue(spec.isFinish(part) ? spec.withMetadata(part, metadata) : part);
  };

  /** With continuation on: also track the text so far and the open text block, for a prefill. */
  const emitTracked = (part: PART) => {
    const block = spec.textBlockOf(part);
    if (block !== undefined) {
      const renamed = renamedBlocks.get(block.id);
      if (renamed !== undefined) part = spec.withTextBlock(part, renamed);
      const id = renamed ?? block.id;
      if (block.phase === 'start') openTextId = id;
      else if (block.phase === 'end' && openTextId === id) openTextId = undefined;
    }
    const delta = spec.textOf(part);
    if (delta !== undefined) text += delta;
    else if (spec.isOutput(part)) textOnly = false;
    emitPlain(part);
  };

  // Without a continuation, a part costs one check and one enqueue: this is every part of every stream.
  const emit = continueAfter === undefined ? emitPlain : emitTracked;

  /** The continuation's held parts: only its output, inside the text block the consumer already has open. */
  const emitContinuationHead = (head: PART[]) => {
    for (const part of head) {
      const block = spec.textBlockOf(part);
      if (block?.phase === 'start' && openTextId !== undefined) {
        renamedBlocks.set(block.id, openTextId);
      } else if (block?.phase === 'start' || spec.isOutput(part) || spec.isFinish(part)) {
        emit(part);
      }
    }
  };

  /** Handles a failure after commit; true when another model now feeds the stream. */
  const recover = async (error: unknown): Promise<boolean> => {
    const continuable =
      continueAfter !== undefined && textOnly && !(FallbackTimeoutError.isInstance(error) && error.kind === 'total');
    if (!continuable) {
      fail(error);
      return false;
    }
    detach();
    current.reader.cancel(error).catch(() => {});
    const outcome = await continueAfter({ error, text, signal: cancelled.signal });
    if (finished) {
      if ('continuation' in outcome) {
        outcome.continuation.committed.reader.cancel().catch(() => {});
        outcome.continuation.scope.dispose();
      }
      return false;
    }
    if ('abort' in outcome) {
      finished = true;
      output.error(outcome.abort);
      return false;
    }
    if ('error' in outcome) {
      finished = true;
      output.enqueue(spec.errorPart(outcome.error));
      output.enqueue(spec.errorFinishPart(metadata));
      output.close();
      return false;
    }
    const { committed, scope } = outcome.continuation;
    current = { reader: committed.reader, scope };
    metadata = outcome.continuation.metadata;
    emitContinuationHead(committed.head);
    if (committed.done) {
      end();
      output.close();
      return false;
    }
    attach(scope);
    return true;
  };

  return new ReadableStream<PART>({
    start(controller) {
      output = controller;
      for (const part of input.committed.head) emit(part);
      if (input.committed.done) {
        end();
        controller.close();
        return;
      }
      attach(current.scope);
    },
    // Promise chaining rather than an async function: this runs once per part.
    pull(controller) {
      if (finished) return;
      const { reader, scope } = current;
      scope.reading();
      return reader.read().then(
        result => {
          scope.received();
          if (finished) return;
          if (result.done) {
            const timeout = scope.timeout;
            if (timeout !== undefined) return recover(timeout).then(ignore);
            end();
            controller.close();
            return;
          }
          const error = spec.errorOf(result.value);
          if (error !== NO_ERROR) return recover(error).then(ignore);
          emit(result.value);
        },
        error => recover(scope.timeout ?? error).then(ignore),
      );
    },
    cancel(reason) {
      cancelled.abort(reason);
      const { reader } = current;
      if (end()) return reader.cancel(reason);
    },
  });
}

function ignore(): void {}
