import type {
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamResult,
} from '@ai-sdk/provider';
import type { AttemptScope } from '../engine/attempt-scope';
import { classifyAttempt, entryRef, toCaught } from '../engine/classify-attempt';
import { runWithFallback } from '../engine/run-with-fallback';
import { matchesErrorType } from '../errors/fallback-error-type';
import type { ResolvedEntry, ResolvedOptions } from '../options/resolve-options';
import type { ChainModel } from '../spec/chain-model';
import type { BaseCallOptions, BaseGenerateResult, SpecAdapter } from '../spec/spec-adapter';
import { v4Adapter } from '../spec/v4-adapter';
import { type ContinueAfter, forwardCommitted } from '../stream/forward-committed';
import { waitForCommit } from '../stream/wait-for-commit';
import type { FallbackCallContext, FallbackMetadata } from '../types';
import { fallbackMetadata, mergeMetadata } from './fallback-metadata';

/** An adapter as the engine uses it: the model shape it builds does not matter here. */
type Adapter<
  OPTIONS extends BaseCallOptions,
  RESULT extends BaseGenerateResult,
  PART,
  STREAM extends { stream: ReadableStream<PART> },
> = SpecAdapter<unknown, OPTIONS, RESULT, PART, STREAM>;

/** Entries of a chain of any spec version. */
type Entries = readonly ResolvedEntry<ChainModel>[];

/**
 * The entries as the engine sees them. It reads an entry's identity, policy
 * and clocks, never its model (only the adapter calls models), so the
 * entries of any version pass for the engine's default-typed ones.
 */
function forEngine(entries: Entries): readonly ResolvedEntry[] {
  return entries as readonly ResolvedEntry[];
}

let calls = 0;
const callPrefix = Math.random().toString(36).slice(2, 8);

function newContext(operation: FallbackCallContext['operation']): FallbackCallContext {
  return { callId: `${callPrefix}-${++calls}`, operation };
}

/** Runs one `doGenerate` call of an AI SDK 7 model through the chain. */
export function generateWithFallback(
  entries: readonly ResolvedEntry[],
  options: ResolvedOptions,
  params: LanguageModelV4CallOptions,
): Promise<LanguageModelV4GenerateResult> {
  return generateThroughChain(v4Adapter, entries, options, params);
}

/** Runs one `doGenerate` call through the chain, for the spec version of `adapter`. */
export async function generateThroughChain<
  OPTIONS extends BaseCallOptions,
  RESULT extends BaseGenerateResult,
  PART,
  STREAM extends { stream: ReadableStream<PART> },
>(
  adapter: Adapter<OPTIONS, RESULT, PART, STREAM>,
  entries: Entries,
  options: ResolvedOptions,
  params: OPTIONS,
): Promise<RESULT> {
  const run = await runWithFallback({
    entries: forEngine(entries),
    options,
    context: newContext('generate'),
    callerSignal: params.abortSignal,
    startedAt: Date.now(),
    attempt: (entry, scope) => {
      scope.arm('request', entry.timeouts.requestMs);
      return Promise.resolve(
        adapter.doGenerate(entry.model, adapter.callOptions(params, entry.settings, scope.signal)),
      );
    },
  });
  run.scope.dispose();
  const { value: result, entry } = run;
  return {
    ...result,
    providerMetadata: mergeMetadata(result.providerMetadata, fallbackMetadata(run)),
    response: { ...result.response, modelId: result.response?.modelId ?? entry.modelId },
  };
}

/** Runs one `doStream` call of an AI SDK 7 model through the chain. */
export function streamWithFallback(
  entries: readonly ResolvedEntry[],
  options: ResolvedOptions,
  params: LanguageModelV4CallOptions,
): Promise<LanguageModelV4StreamResult> {
  return streamThroughChain(v4Adapter, entries, options, params);
}

/**
 * Runs one `doStream` call through the chain, for the spec version of
 * `adapter`. It resolves at the commit point: before it, failures retry or
 * fall back invisibly; after it, the stream belongs to the model that
 * produced the first output (or, with `midStream: 'continue'`, to the models
 * that continue its text).
 */
export async function streamThroughChain<
  OPTIONS extends BaseCallOptions,
  RESULT extends BaseGenerateResult,
  PART,
  STREAM extends { stream: ReadableStream<PART> },
>(
  adapter: Adapter<OPTIONS, RESULT, PART, STREAM>,
  entries: Entries,
  options: ResolvedOptions,
  params: OPTIONS,
): Promise<STREAM> {
  const context = newContext('stream');
  const startedAt = Date.now();
  const run = await runWithFallback({
    entries: forEngine(entries),
    options,
    context,
    callerSignal: params.abortSignal,
    startedAt,
    attempt: streamAttempt(adapter, params),
  });
  const { value, entry, scope } = run;
  const { head } = value.committed;
  const spec = adapter.stream;
  const modelPart = head.some(spec.namesModel) ? undefined : spec.modelPart(entry.modelId);
  if (modelPart !== undefined) head.splice(head[0] !== undefined && spec.leadsStream(head[0]) ? 1 : 0, 0, modelPart);
  const metadata = fallbackMetadata(run);
  return {
    ...value.result,
    stream: forwardCommitted({
      committed: value.committed,
      scope,
      spec,
      metadata: metadata as unknown as Record<string, unknown>,
      continueAfter:
        options.midStream === 'continue'
          ? continueWith({ adapter, entries, options, params, context, startedAt, servedBy: entry, metadata })
          : undefined,
    }),
  };
}

/** One streaming attempt: open the stream under the attempt's clocks and wait for its commit point. */
function streamAttempt<
  OPTIONS extends BaseCallOptions,
  RESULT extends BaseGenerateResult,
  PART,
  STREAM extends { stream: ReadableStream<PART> },
>(adapter: Adapter<OPTIONS, RESULT, PART, STREAM>, params: OPTIONS) {
  return async (entry: ResolvedEntry, scope: AttemptScope) => {
    scope.arm('request', entry.timeouts.requestMs);
    scope.arm('first-chunk', entry.timeouts.firstChunkMs);
    const opening = Promise.resolve(
      adapter.doStream(entry.model, adapter.callOptions(params, entry.settings, scope.signal)),
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
    const committed = await waitForCommit(result.stream, scope, adapter.stream);
    return { result, committed };
  };
}

/**
 * `midStream: 'continue'`: hands a stream that failed after commit to the
 * next entries that catch the failure, with the text received so far as a
 * trailing assistant message (prefill). If none continues, the consumer gets
 * the original failure, with the last rejection attached as its cause.
 */
function continueWith<
  OPTIONS extends BaseCallOptions,
  RESULT extends BaseGenerateResult,
  PART,
  STREAM extends { stream: ReadableStream<PART> },
>({
  adapter,
  entries,
  options,
  params,
  context,
  startedAt,
  servedBy,
  metadata,
}: {
  adapter: Adapter<OPTIONS, RESULT, PART, STREAM>;
  entries: Entries;
  options: ResolvedOptions;
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
    const failure = classifyAttempt(error, failing, 1, Date.now() - startedAt, options);
    const candidates = entries.filter(
      candidate => candidate.index > failing.index && matchesErrorType(candidate.catchErrors, failure.type),
    );
    if (candidates.length === 0) return { error };
    options.logger.warn?.(
      `[ai-sdk-fallback] ${failing.id} failed mid-stream (${failure.type}) after ${text.length} characters; asking ${candidates[0]!.id} to continue`,
    );
    const prefilled = adapter.prefill(params, text);
    try {
      const run = await runWithFallback({
        entries: forEngine(candidates),
        options,
        context,
        callerSignal: params.abortSignal === undefined ? signal : AbortSignal.any([params.abortSignal, signal]),
        startedAt,
        attempt: streamAttempt(adapter, prefilled),
      });
      const fallback: FallbackMetadata = {
        ...recorded,
        attempts: recorded.attempts + run.attempts,
        caught: [...recorded.caught, toCaught(failure), ...run.caught],
        continuation: { from: entryRef(failing), by: entryRef(run.entry), receivedChars: text.length },
      };
      failing = run.entry;
      recorded = fallback;
      return { continuation: { committed: run.value.committed, scope: run.scope, metadata: { fallback } } };
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

/**
 * The language model `withFallback` returns, of the spec version of
 * `adapter`: the primary's identity, capabilities every entry has, and each
 * call run through the chain.
 */
export function createChainModel<
  MODEL,
  OPTIONS extends BaseCallOptions,
  RESULT extends BaseGenerateResult,
  PART,
  STREAM extends { stream: ReadableStream<PART> },
>(adapter: SpecAdapter<MODEL, OPTIONS, RESULT, PART, STREAM>, entries: Entries, options: ResolvedOptions): MODEL {
  return adapter.createModel(entries, {
    doGenerate: params => generateThroughChain(adapter, entries, options, params),
    doStream: params => streamThroughChain(adapter, entries, options, params),
  });
}
