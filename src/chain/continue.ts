import type { ContinueAfter } from '../attempt/continuation';
import type { FallbackCallContext, FallbackMetadata } from '../types';
import { matchesErrorType } from '../types/error-type';
import type { BaseCallOptions, BaseGenerateResult } from '../versions/adapter';
import { classifyFailure, entryRef, toCaught } from './failure';
import type { Adapter } from './generate';
import { withUsage } from './metadata';
import { type Chain, createChain, type ResolvedEntry } from './options';
import { runChain } from './run';
import { streamAttempt } from './stream-attempt';

/**
 * `midStream: 'continue'`: hands a stream that failed after commit to the
 * next entries that catch the failure, with the text received so far as a
 * trailing assistant message (prefill). If none continues, the consumer gets
 * the original failure, with the last rejection attached as its cause.
 */
export function continueWith<
  OPTIONS extends BaseCallOptions,
  RESULT extends BaseGenerateResult,
  PART,
  STREAM extends { stream: ReadableStream<PART> },
>({
  adapter,
  chain,
  params,
  context,
  startedAt,
  servedBy,
  metadata,
}: {
  adapter: Adapter<OPTIONS, RESULT, PART, STREAM>;
  chain: Chain;
  params: OPTIONS;
  context: FallbackCallContext;
  startedAt: number;
  servedBy: ResolvedEntry;
  metadata: { fallback: FallbackMetadata };
}): ContinueAfter<PART> {
  // Each continuation hands the stream to a later entry: the next failure is that entry's, only
  // entries after it may continue (so a call has at most one continuation per entry), and what was
  // recorded so far carries over.
  let failing = servedBy;
  let recorded = metadata.fallback;
  return async ({ error, text, signal }) => {
    const { entries, options } = chain;
    const failure = classifyFailure(error, failing, 1, Date.now() - startedAt, options);
    const candidates = entries.filter(
      candidate => candidate.index > failing.index && matchesErrorType(candidate.catchErrors, failure.type),
    );
    if (candidates.length === 0) return { error };
    options.logger.warn?.(
      `[ai-sdk-fallback] ${failing.id} failed mid-stream (${failure.type}) after ${text.length} characters; asking ${candidates[0]!.id} to continue`,
    );
    const prefilled = adapter.prefill(params, text);
    try {
      const run = await runChain({
        chain: createChain(candidates, options),
        context,
        signal: params.abortSignal === undefined ? signal : AbortSignal.any([params.abortSignal, signal]),
        startedAt,
        attempt: streamAttempt(adapter, prefilled),
      });
      if (run.passThrough !== undefined) {
        // The continuing model failed before its first output, and nobody else continued.
        run.value.committed.reader.cancel().catch(() => {});
        run.scope.dispose();
        return { error: withCause(error, run.passThrough.error ?? run.passThrough.modelError) };
      }
      run.scope.release();
      const fallback: FallbackMetadata = {
        ...recorded,
        attempts: recorded.attempts + run.attempts,
        caught: [...recorded.caught, toCaught(failure), ...run.caught],
        continuation: { from: entryRef(failing), by: entryRef(run.entry), receivedChars: text.length },
      };
      failing = run.entry;
      recorded = fallback;
      const metadata = { fallback };
      return {
        continuation: {
          committed: run.value.committed,
          scope: run.scope,
          metadata: (finish: PART | undefined) =>
            withUsage(metadata, finish === undefined ? undefined : adapter.stream.usageOf(finish)),
        },
      };
    } catch (rejection) {
      if (params.abortSignal?.aborted) return { abort: params.abortSignal.reason };
      return { error: withCause(error, rejection) };
    }
  };
}

/**
 * The original failure, carrying why no model could continue as its
 * `cause`. An Error is copied with its prototype and own fields, so its type
 * (`APICallError.isInstance`, `statusCode`) survives.
 */
function withCause(error: unknown, cause: unknown): unknown {
  if (error instanceof Error) {
    const copy = Object.create(Object.getPrototypeOf(error), Object.getOwnPropertyDescriptors(error)) as Error;
    Object.defineProperty(copy, 'cause', { value: cause, configurable: true, writable: true, enumerable: false });
    return copy;
  }
  return typeof error === 'object' && error !== null ? { ...error, cause } : { error, cause };
}
