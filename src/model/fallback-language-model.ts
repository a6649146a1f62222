import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamPart,
  LanguageModelV4StreamResult,
} from '@ai-sdk/provider';
import type { AttemptScope } from '../engine/attempt-scope';
import { classifyAttempt, entryRef, toCaught } from '../engine/classify-attempt';
import { runWithFallback } from '../engine/run-with-fallback';
import { matchesErrorType } from '../errors/fallback-error-type';
import type { ResolvedEntry, ResolvedOptions } from '../options/resolve-options';
import { v4StreamSpec } from '../spec/v4-stream-spec';
import { type ContinueAfter, forwardCommitted } from '../stream/forward-committed';
import { waitForCommit } from '../stream/wait-for-commit';
import type { FallbackCallContext, FallbackMetadata } from '../types';
import { applySettings } from './apply-settings';
import { fallbackMetadata, mergeMetadata } from './fallback-metadata';
import { intersectSupportedUrls, type SupportedUrls } from './intersect-supported-urls';

let calls = 0;
const callPrefix = Math.random().toString(36).slice(2, 8);

function newContext(operation: FallbackCallContext['operation']): FallbackCallContext {
  return { callId: `${callPrefix}-${++calls}`, operation };
}

/** Runs one `doGenerate` call through the chain. */
export async function generateWithFallback(
  entries: readonly ResolvedEntry[],
  options: ResolvedOptions,
  params: LanguageModelV4CallOptions,
): Promise<LanguageModelV4GenerateResult> {
  const run = await runWithFallback({
    entries,
    options,
    context: newContext('generate'),
    callerSignal: params.abortSignal,
    startedAt: Date.now(),
    attempt: (entry, scope) => {
      scope.arm('request', entry.timeouts.requestMs);
      return Promise.resolve(entry.model.doGenerate(applySettings(params, entry.settings, scope.signal)));
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

/**
 * Runs one `doStream` call through the chain. It resolves at the commit
 * point: before it, failures retry or fall back invisibly; after it, the
 * stream belongs to the model that produced the first output (or, with
 * `midStream: 'continue'`, to the models that continue its text).
 */
export async function streamWithFallback(
  entries: readonly ResolvedEntry[],
  options: ResolvedOptions,
  params: LanguageModelV4CallOptions,
): Promise<LanguageModelV4StreamResult> {
  const context = newContext('stream');
  const startedAt = Date.now();
  const run = await runWithFallback({
    entries,
    options,
    context,
    callerSignal: params.abortSignal,
    startedAt,
    attempt: streamAttempt(params),
  });
  const { value, entry, scope } = run;
  const { head } = value.committed;
  if (!head.some(v4StreamSpec.namesModel)) {
    head.splice(head[0]?.type === 'stream-start' ? 1 : 0, 0, v4StreamSpec.modelPart(entry.modelId) as LanguageModelV4StreamPart);
  }
  const metadata = fallbackMetadata(run);
  return {
    ...value.result,
    stream: forwardCommitted({
      committed: value.committed,
      scope,
      spec: v4StreamSpec,
      metadata: metadata as unknown as Record<string, unknown>,
      continueAfter:
        options.midStream === 'continue'
          ? continueWith({ entries, options, params, context, startedAt, servedBy: entry, metadata })
          : undefined,
    }),
  };
}

/** One streaming attempt: open the stream under the attempt's clocks and wait for its commit point. */
function streamAttempt(params: LanguageModelV4CallOptions) {
  return async (entry: ResolvedEntry, scope: AttemptScope) => {
    scope.arm('request', entry.timeouts.requestMs);
    scope.arm('first-chunk', entry.timeouts.firstChunkMs);
    const opening = Promise.resolve(entry.model.doStream(applySettings(params, entry.settings, scope.signal)));
    // A model that ignores its abort signal may still deliver a stream after we gave up on it: close it.
    opening.then(late => scope.signal.aborted && late.stream.cancel().catch(() => {}), () => {});
    const result = await scope.race(opening);
    scope.disarm('request');
    scope.armIdle(entry.timeouts.chunkIdleMs);
    const committed = await waitForCommit(result.stream, scope, v4StreamSpec);
    return { result, committed };
  };
}

/**
 * `midStream: 'continue'`: hands a stream that failed after commit to the
 * next entries that catch the failure, with the text received so far as a
 * trailing assistant message (prefill). If none continues, the consumer gets
 * the original failure, with the last rejection attached as its cause.
 */
function continueWith({
  entries,
  options,
  params,
  context,
  startedAt,
  servedBy,
  metadata,
}: {
  entries: readonly ResolvedEntry[];
  options: ResolvedOptions;
  params: LanguageModelV4CallOptions;
  context: FallbackCallContext;
  startedAt: number;
  servedBy: ResolvedEntry;
  metadata: { fallback: FallbackMetadata };
}): ContinueAfter<LanguageModelV4StreamPart> {
  return async ({ error, text, signal }) => {
    const failure = classifyAttempt(error, servedBy, 1, Date.now() - startedAt, options);
    const candidates = entries.filter(
      candidate => candidate.index > servedBy.index && matchesErrorType(candidate.catchErrors, failure.type),
    );
    if (candidates.length === 0) return { error };
    options.logger.warn?.(
      `[ai-sdk-fallback] ${servedBy.id} failed mid-stream (${failure.type}) after ${text.length} characters; asking ${candidates[0]!.id} to continue`,
    );
    const prefilled: LanguageModelV4CallOptions = {
      ...params,
      prompt: [...params.prompt, { role: 'assistant', content: [{ type: 'text', text }] }],
    };
    try {
      const run = await runWithFallback({
        entries: candidates,
        options,
        context,
        callerSignal: params.abortSignal === undefined ? signal : AbortSignal.any([params.abortSignal, signal]),
        startedAt,
        attempt: streamAttempt(prefilled),
      });
      const previous = metadata.fallback;
      const caught = [...previous.caught, toCaught(failure), ...run.caught];
      return {
        continuation: {
          committed: run.value.committed,
          scope: run.scope,
          metadata: {
            fallback: {
              ...previous,
              attempts: previous.attempts + run.attempts,
              caught,
              continuation: { from: entryRef(servedBy), by: entryRef(run.entry), receivedChars: text.length },
            } satisfies FallbackMetadata,
          },
        },
      };
    } catch (rejection) {
      if (params.abortSignal?.aborted) return { abort: params.abortSignal.reason };
      return { error: withCause(error, rejection) };
    }
  };
}

/** The original failure, carrying why no model could continue. */
function withCause(error: unknown, cause: unknown): unknown {
  if (error instanceof Error) {
    if (error.cause === undefined) {
      Object.defineProperty(error, 'cause', { value: cause, configurable: true, writable: true });
      return error;
    }
    return new Error(error.message, { cause: { original: error, rejection: cause } });
  }
  return typeof error === 'object' && error !== null ? { ...error, cause } : { error, cause };
}

/**
 * The language model `withFallback` returns: the primary's identity, URLs
 * every entry supports, and each call run through the chain.
 */
export function createFallbackLanguageModel(
  entries: readonly ResolvedEntry[],
  options: ResolvedOptions,
): LanguageModelV4 {
  const primary = entries[0]!;
  let supportedUrls: Promise<SupportedUrls> | undefined;
  return {
    specificationVersion: 'v4',
    provider: primary.provider,
    modelId: primary.modelId,
    get supportedUrls() {
      supportedUrls ??= Promise.all(
        entries.map(entry => Promise.resolve(entry.model.supportedUrls).catch(() => ({}))),
      ).then(intersectSupportedUrls);
      return supportedUrls;
    },
    doGenerate: params => generateWithFallback(entries, options, params),
    doStream: params => streamWithFallback(entries, options, params),
  };
}
