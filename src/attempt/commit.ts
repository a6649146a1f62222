import type { FallbackUsage } from '../types';
import { NO_ERROR, type StreamSpec } from '../versions/stream-spec';
import { HeldFailure } from './held-failure';
import { builtInRejection } from './result-check';
import type { AttemptScope } from './scope';

/**
 * With `commit: 'finish'`: judges the whole answer at its finish part (every
 * part so far, the finish included); resolves to the error that makes it a
 * failure, or undefined to release it.
 */
export type JudgeStream<PART> = (parts: readonly PART[]) => Promise<unknown>;

/** A stream at its commit point: the held parts, and the reader for the rest. */
export interface CommittedStream<PART> {
  /** Every part up to and including the first output part (or the part that failed the attempt). */
  head: PART[];
  reader: ReadableStreamDefaultReader<PART>;
  /** The stream already ended: nothing is left to read. */
  done: boolean;
  /** The stream failed here (a rejected read, the caller's abort): after `head`, it errors with this. */
  streamError?: { error: unknown };
  /** The tokens the failed attempt reported, if it did (its finish part); set on held failures only. */
  usage?: FallbackUsage;
}

/**
 * Reads a stream up to its commit point, holding back what comes before it.
 * Any failure before that point (an `error` part, a rejected read, an answer
 * that finishes with no output, an end without output or finish, the
 * caller's abort) rejects with a {@link HeldFailure} that keeps what the
 * model sent, so the chain can retry or fall back with nothing shown to the
 * consumer, or hand the model's own stream on unchanged when no entry takes
 * over. Only our own clocks reject plainly: the bare model has none.
 *
 * With `judge` (`commit: 'finish'`), the commit point is the finish part:
 * every part is held until then, a failure anywhere before it is one before
 * commit, and the answer is released only once `judge` passes it.
 */
export async function waitForCommit<PART>(
  stream: ReadableStream<PART>,
  scope: AttemptScope,
  spec: StreamSpec<PART>,
  judge?: JudgeStream<PART>,
): Promise<CommittedStream<PART>> {
  const reader = stream.getReader();
  const head: PART[] = [];
  let content = false;
  let output = false;
  const hold = (error: unknown, rest: Partial<CommittedStream<PART>> = {}) =>
    new HeldFailure<CommittedStream<PART>>(
      error,
      { head, reader, done: false, ...rest },
      () => {
        reader.cancel(error).catch(() => {});
      },
      rest.usage,
    );
  for (;;) {
    let next: ReadableStreamReadResult<PART>;
    try {
      scope.reading();
      next = await scope.race(reader.read());
      scope.received();
    } catch (error) {
      reader.cancel(error).catch(() => {});
      if (scope.timeout !== undefined) throw scope.timeout;
      // A rejected read, or the caller's abort while the stream was open: the bare stream errors with it here.
      throw hold(error, { done: true, streamError: { error } });
    }
    if (next.done) {
      const where = output ? 'after its output' : 'before any output';
      throw hold(new Error(`The stream ended ${where} and without a finish part`), { done: true });
    }
    const part = next.value;
    head.push(part);
    const error = spec.errorOf(part);
    if (error !== NO_ERROR) throw hold(error ?? new Error('The stream sent an error part without an error'));
    if (spec.isOutput(part)) {
      if (judge === undefined) return { head, reader, done: false };
      // The first-chunk clock measures the wait for the first output, not for the whole answer.
      if (!output) scope.disarm('first-chunk');
      output = true;
    } else if (spec.isContent(part)) content = true;
    else if (spec.isFinish(part)) {
      // An answer with sources but no text still says something; one with nothing at all is a failure.
      const rejection = builtInRejection(spec.finishReasonOf(part), output || content) ?? (await judged(part));
      if (rejection === undefined) return { head, reader, done: false };
      throw hold(rejection, usageOf(part));
    }
  }

  /** Runs `judge`; its time counts as the stream's silence, under the same clocks as a read. */
  async function judged(finish: PART): Promise<unknown> {
    if (judge === undefined) return undefined;
    try {
      scope.reading();
      const rejection = await scope.race(judge(head));
      scope.received();
      return rejection;
    } catch (error) {
      reader.cancel(error).catch(() => {});
      if (scope.timeout !== undefined) throw scope.timeout;
      // The caller's abort while the answer was judged: the bare stream would have ended; it errors here.
      throw hold(error, { done: true, streamError: { error }, ...usageOf(finish) });
    }
  }

  function usageOf(finish: PART): { usage?: FallbackUsage } {
    const usage = spec.usageOf(finish);
    return usage === undefined ? {} : { usage };
  }
}
