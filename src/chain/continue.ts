import type { ContinuationOutcome, ContinueAfter } from '../attempt/continuation';
import { HeldFailure } from '../attempt/held-failure';
import { isPrefillRefusal } from '../errors/prefill-refusal';
import type { FallbackCallContext, FallbackMetadata } from '../types';
import { matchesErrorType } from '../types/error-type';
import type { BaseCallOptions, BaseGenerateResult } from '../versions/adapter';
import { type ClassifiedFailure, classifyFailure, entryRef, toCaught } from './failure';
import type { Adapter } from './generate';
import { withUsage } from './metadata';
import { type Chain, createChain, type ResolvedEntry } from './options';
import { runChain } from './run';
import { releaseCommitted, streamAttempt } from './stream-attempt';
import type { CallTrace } from './telemetry/call-trace';

/**
 * Entries that refused a prefill: for the rest of the process they are not
 * asked to continue a stream (a normal fallback to them is not affected).
 * Keyed by the resolved entry, the chain's own object for it, rather than by
 * its id: an id is unique only within its chain, and two chains may hold the
 * same model with different settings (Anthropic refuses a text prefill only
 * with thinking on). Weak, so it is bounded by the live entries and goes with
 * its chain; `fallbackMiddleware` shares its fallback entries between the
 * chains of the models it wraps, so what one learns holds for all. Not the
 * health store: that one may be shared between processes, may be off, and
 * is about availability, not about what a model accepts.
 */
const refusesPrefill = new WeakSet<ResolvedEntry>();

/** A refusal seen during one run of the continuing entries. */
interface Refusal {
  entry: ResolvedEntry;
  error: unknown;
  failure: ClassifiedFailure;
}

/**
 * `midStream: 'continue'`: hands a stream that failed after commit to the
 * next entries that catch the failure, with the text received so far as a
 * trailing assistant message (prefill). An entry that refuses the prefill is
 * remembered and passed over, now and in later calls. If none continues,
 * the consumer gets the original failure, with the last rejection attached
 * as its cause.
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
  trace,
}: {
  adapter: Adapter<OPTIONS, RESULT, PART, STREAM>;
  chain: Chain;
  params: OPTIONS;
  context: FallbackCallContext;
  startedAt: number;
  servedBy: ResolvedEntry;
  metadata: { fallback: FallbackMetadata };
  /** The call's trace: the continuing attempts are recorded in it. */
  trace: CallTrace | undefined;
}): ContinueAfter<PART> {
  // Each continuation hands the stream to a later entry: the next failure is that entry's, only
  // entries after it may continue (so a call has at most one continuation per entry), and what was
  // recorded so far carries over.
  let failing = servedBy;
  let recorded = metadata.fallback;
  return async ({ error, text, signal }) => {
    const { entries, options } = chain;
    const failure = classifyFailure(error, failing, 1, Date.now() - startedAt, options);
    const catches = (candidate: ResolvedEntry) => matchesErrorType(candidate.catchErrors, failure.type);
    const remembered = entries.filter(
      entry => entry.index > failing.index && catches(entry) && refusesPrefill.has(entry),
    );
    if (remembered.length > 0) {
      options.logger.debug?.(
        `[ai-sdk-fallback] not asking ${remembered.map(entry => entry.id).join(', ')} to continue: refused a prefill before`,
      );
    }
    const prefilled = adapter.prefill(params, text);
    const callSignal = params.abortSignal === undefined ? signal : AbortSignal.any([params.abortSignal, signal]);
    // Every continuation request that failed, in order (refusals too): every request counts, continued or not.
    const tried: ClassifiedFailure[] = [];
    // How many of `tried` are from runs a refusal ended: a run that serves lists those before its own.
    let triedInRefusedRuns = 0;
    const asked = new Map<ResolvedEntry, number>();
    // Requests of runs that did not serve (ended by a refusal, or nobody continued); a serving run counts its own.
    let spent = 0;
    /**
     * Nobody continued: the failed stream goes on to its own end (an error part may be followed by more of
     * it), and its finish lists the mid-stream failure and every continuation request that was sent.
     */
    const gaveUp = (surfaced: unknown): ContinuationOutcome<PART> => {
      if (spent === 0) return { error: surfaced };
      const fallback: FallbackMetadata = {
        ...recorded,
        attempts: recorded.attempts + spent,
        caught: [...recorded.caught, toCaught(failure), ...tried.map(toCaught)],
      };
      recorded = fallback;
      const metadata = { fallback };
      return {
        error: surfaced,
        metadata: finish => withUsage(metadata, finish === undefined ? undefined : adapter.stream.usageOf(finish)),
      };
    };
    let after = failing.index;
    let why: unknown;
    for (;;) {
      if (params.abortSignal?.aborted) return { abort: params.abortSignal.reason };
      const candidates = entries.filter(
        candidate => candidate.index > after && catches(candidate) && !refusesPrefill.has(candidate),
      );
      // The consumer cancelled (the stream ignores this answer), or nobody is left who would continue.
      if (candidates.length === 0 || signal.aborted) return gaveUp(why === undefined ? error : withCause(error, why));
      options.logger.warn?.(
        `[ai-sdk-fallback] ${failing.id} failed mid-stream (${failure.type}) after ${text.length} characters; asking ${candidates[0]!.id} to continue`,
      );
      // A refusal ends the run at once, as an abort does: it is not retried, says nothing about the
      // entry's health, and is not the chain's failure; the entries after the one that refused get the next run.
      const onRefusal = new AbortController();
      const seen: { refusal?: Refusal; attempts: number } = { attempts: 0 };
      const attempt = streamAttempt(adapter, prefilled);
      try {
        const run = await runChain({
          chain: createChain(candidates, options),
          context,
          signal: AbortSignal.any([callSignal, onRefusal.signal]),
          startedAt,
          release: releaseCommitted,
          ...(trace === undefined ? {} : { trace }),
          attempt: async (entry, scope) => {
            seen.attempts++;
            const began = Date.now();
            const nth = (asked.get(entry) ?? 0) + 1;
            asked.set(entry, nth);
            try {
              return await attempt(entry, scope);
            } catch (rejection) {
              const cause = rejection instanceof HeldFailure ? rejection.error : rejection;
              if (scope.signal.aborted || !isPrefillRefusal(cause)) {
                // Kept for the record should nobody continue: the failed stream's finish still counts this request.
                if (!scope.abortedByCaller) tried.push(failedAttempt(entry, nth, scope, rejection, began, options));
                throw rejection;
              }
              if (rejection instanceof HeldFailure) rejection.discard();
              // Classified here, once: the run ends on it as an abort, without reading it.
              seen.refusal = {
                entry,
                error: cause,
                failure: classifyFailure(cause, entry, nth, Date.now() - began, options),
              };
              tried.push(seen.refusal.failure);
              onRefusal.abort(cause);
              throw cause;
            }
          },
        });
        if (run.passThrough !== undefined) {
          // The continuing model failed before its first output, and nobody else continued.
          run.value.committed.reader.cancel().catch(() => {});
          run.scope.dispose();
          spent += seen.attempts;
          return gaveUp(withCause(error, run.passThrough.error ?? run.passThrough.modelError));
        }
        run.scope.release();
        const fallback: FallbackMetadata = {
          ...recorded,
          attempts: recorded.attempts + spent + run.attempts,
          caught: [
            ...recorded.caught,
            toCaught(failure),
            ...tried.slice(0, triedInRefusedRuns).map(toCaught),
            ...run.caught,
          ],
          continuation: { from: entryRef(failing), by: entryRef(run.entry), receivedChars: text.length },
        };
        // A hedge the continuing run started is the call's, unless an earlier part of the call already hedged.
        if (fallback.hedge === undefined && run.hedge !== undefined) fallback.hedge = run.hedge;
        failing = run.entry;
        recorded = fallback;
        const metadata = { fallback };
        return {
          continuation: {
            committed: run.value.committed,
            scope: run.scope,
            metadata: (finish: PART | undefined) =>
              withUsage(metadata, finish === undefined ? undefined : adapter.stream.usageOf(finish)),
            tag: { producedBy: run.entry.id },
          },
        };
      } catch (rejection) {
        if (params.abortSignal?.aborted) return { abort: params.abortSignal.reason };
        const { refusal } = seen;
        if (refusal !== undefined) {
          refusesPrefill.add(refusal.entry);
          options.logger.warn?.(
            `[ai-sdk-fallback] ${refusal.entry.id} refused the prefill; it is not asked to continue again in this process`,
          );
        }
        spent += seen.attempts;
        if (refusal === undefined || signal.aborted) return gaveUp(withCause(error, rejection));
        triedInRefusedRuns = tried.length;
        why = refusal.error;
        after = refusal.entry.index;
      }
    }
  };
}

/** A continuation request that failed, classified as the chain classified it (its own timeout first). */
function failedAttempt(
  entry: ResolvedEntry,
  attempt: number,
  scope: { timeout: unknown },
  rejection: unknown,
  began: number,
  options: Chain['options'],
): ClassifiedFailure {
  const held = rejection instanceof HeldFailure ? rejection : undefined;
  const error = scope.timeout ?? (held === undefined ? rejection : held.error);
  return classifyFailure(error, entry, attempt, Date.now() - began, options, held?.usage);
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
