import { NO_ERROR, type StreamSpec } from '../versions/stream-spec';
import type { AttemptScope } from './scope';

/** A stream that reached its commit point: the held parts, and the reader for the rest. */
export interface CommittedStream<PART> {
  /** Every part up to and including the first output part (or the finish of an empty answer). */
  head: PART[];
  reader: ReadableStreamDefaultReader<PART>;
  /** The stream already ended (an empty answer): nothing is left to read. */
  done: boolean;
}

/**
 * Reads a stream up to its commit point, holding back what comes before it.
 * Any failure before that point (an `error` part, a rejected read, a finish
 * with reason `error`, an end without output or finish, one of our clocks)
 * rejects, so the engine can retry or fall back with nothing shown to the
 * consumer. The inner stream is cancelled on failure.
 */
export async function waitForCommit<PART>(
  stream: ReadableStream<PART>,
  scope: AttemptScope,
  spec: StreamSpec<PART>,
): Promise<CommittedStream<PART>> {
  const reader = stream.getReader();
  const head: PART[] = [];
  try {
    for (;;) {
      scope.reading();
      const { done, value: part } = await scope.race(reader.read());
      scope.received();
      if (done) {
        if (head.some(spec.isFinish)) return { head, reader, done: true };
        throw new Error('The stream ended before any output and without a finish part');
      }
      const error = spec.errorOf(part);
      if (error !== NO_ERROR) throw error ?? new Error('The stream sent an error part without an error');
      if (spec.finishedWithError(part)) {
        throw new Error('The model finished with reason "error" before any output');
      }
      head.push(part);
      if (spec.isOutput(part)) return { head, reader, done: false };
    }
  } catch (error) {
    reader.cancel(error).catch(() => {});
    throw error;
  }
}
